import assert from 'node:assert/strict';
import fs from 'node:fs';
import fc from 'fast-check';
import { timestampEnd } from '../../../src/core/logs/dated-line-memo';
import { readSyncLog, SyncLogReader, type ReaderOptions } from '../../../src/core/logs/reader';
import { corpusPath } from '../../helpers/paths';

/**
 * The reader's memos (dated-line-memo.ts: lines known by their text after the timestamp, read a run at a
 * time; entry-memo.ts: an entry's findings reused for the same text up to addresses) change nothing it
 * reports: every case is read with and without them and the reports compared whole.
 */
const logs = () => fs.readdirSync(corpusPath('logs')).filter((f) => f.endsWith('.log')).map((f) => ({ f, text: fs.readFileSync(corpusPath('logs', f), 'utf8') }));
const json = (r: unknown) => JSON.stringify(r);

/** Reads `text` pushed in pieces of `size` characters. */
function readInPieces(text: string, size: number, options?: ReaderOptions): string {
  const r = new SyncLogReader(options);
  for (let i = 0; i < text.length; i += size) r.push(text.slice(i, i + size));
  return json(r.finish());
}

function same(text: string, what: string, options: ReaderOptions = {}): void {
  const off = json(readSyncLog(text, { ...options, memo: false }));
  assert.equal(json(readSyncLog(text, options)), off, what);
  for (const size of [1, 7, 333, 4096]) assert.equal(readInPieces(text, size, options), off, `${what}, pieces of ${size}`);
}

const stamp = (i: number) => `2026-12-05 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}`;

describe('sync logs: the reader\'s memos change nothing', () => {
  it('every corpus excerpt as compact `log stream` lines, each repeated (runs), and with its errors repeated at new addresses', () => {
    for (const { f, text } of logs()) {
      const lines = text.split('\n').filter((l) => l.trim());
      const repeated = lines.flatMap((l, i) => [0, 1, 2].map((k) => `${stamp(i * 3 + k)} E  App[4242:2a4f1] [com.apple.coredata:cloudkit] ${l}`)).join('\n');
      same(repeated, `${f} repeated`);
      // The whole excerpt again with every address changed: the entry memo's key ignores them.
      const moved = text.replace(/0x[0-9a-f]+/g, (m) => `0x${'f'.repeat(m.length - 2)}`);
      same(`${text}\n\n${moved}\n\n${text}`, `${f} with moved addresses`);
      same(repeated, `${f} repeated, prefilter off`, { prefilter: false });
    }
  });

  it('a run of chatter ending in a continuation line, blank lines, CRLF, JSON and a cut line between runs', () => {
    const chatter = (i: number) => `${stamp(i)} Df App[1:2] [com.apple.coredata:cloudkit] CoreData+CloudKit: -[PFCloudKitExporter exportIfNecessary](345): Found 0 objects needing export.`;
    const run = (from: number, n: number) => Array.from({ length: n }, (_, k) => chatter(from + k));
    const text = [
      ...run(0, 5), '\tcontinued: <CKError 0x1: "Partial Failure" (2/1011); "Failed to modify some records">', ...run(5, 4), '',
      ...run(9, 3), '{"eventMessage": "Beginning automated export - ExportActivity:", "timestamp": "x"}', ...run(12, 3),
      `${stamp(20)} Df App[1:2] ${'x'.repeat(300)}`, ...run(20, 3), `${stamp(30)}Z Df App[1:2] Zone was purged`, ...run(30, 2),
    ].join('\n');
    same(text, 'mixed');
    same(text.replace(/\n/g, '\r\n'), 'CRLF');
    // A lone \r (classic Mac line break) inside runs of chatter, and a run whose lines all end in \r\n
    // after LF ones: lines are offered in place however the chunk holds \r.
    const lines = text.split('\n');
    same(lines.map((l, i) => (i % 4 === 2 ? `${l}\r${chatter(90 + i)}` : l)).join('\n'), 'lone CR inside runs');
    same(`${text}\n${run(40, 6).join('\r\n')}\r\n${run(50, 6).join('\n')}`, 'LF then CRLF then LF runs');
    same(text, 'short line limit', { maxLineLength: 200 });
    same(text, 'tiny line limit', { maxLineLength: 60 });
  });

  it('an entry taken whole (the same first line and lines after it as before), one that goes on past them, one that differs', () => {
    const err = (i: number, last = '}>') => [`${stamp(i)} E  App[1:2] CoreData+CloudKit: <CKError 0x1: "Partial Failure" (2/1011); partial errors: {`,
      '\tA1:(zone:owner) = <CKError 0x3: "Invalid Arguments" (12/2006); server message = "Cannot create or modify field \'CD_x\' in record \'CD_Item\' in production schema">', last];
    const chatter = (i: number) => `${stamp(i)} Df App[1:2] CoreData+CloudKit: Found 0 objects needing export.`;
    const text = [
      ...err(1), chatter(2), ...err(3), chatter(4), ...err(5), '\textra: <CKError 0x9: "Zone Not Found" (26/2036)>', chatter(6), ...err(7, '} >'), ...err(8), ...err(9), '', ...err(10),
      `${stamp(11)}.5 E  App[1:2] CoreData+CloudKit: <CKError 0x1: "Partial Failure" (2/1011); partial errors: {`, ...err(12).slice(1),
    ].join('\n');
    same(text, 'errors');
    same(text.replace(/\n/g, '\r\n'), 'errors, CRLF');
    // Learnt from CRLF lines, taken from LF ones: the offsets come from the lines, not from where they were learnt.
    same(`${text.replace(/\n/g, '\r\n')}\r\n${text}`, 'errors, CRLF then LF');
    same(text, 'errors, short entry limit', { maxEntryLength: 300 });
  });

  it('generated dated lines (seeded): the same report with and without the memos', () => {
    const piece = fc.constantFrom(
      '2026-12-05 10:00:00.123 Df App[1:2] [com.apple.coredata:cloudkit] Found 0 objects.', '2026-12-05 10:00:00.123456+0100 Df App[1:2] Found 0 objects.',
      '2026-12-05T10:00:00Z E  App[1:2] <CKError 0x2: "Zone Not Found" (26/2036)>', '2026-12-05 10:00:00 Df App[1:2] account changed',
      '2026-12-05 10:00:00.1234567890 Df App[1:2] Found 0 objects.', '\tA1:(zone:owner) = <CKError 0x3: "Invalid Arguments" (12/2006)>', '', '> quoted',
      '2026-12-05 10:00:01.5 0x2a4f1    Error       0x0                  4242   0    App: (CoreData) [com.apple.coredata:cloudkit] Found 0 objects.');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 1, max: 200 }), (lines, size) => {
      const text = lines.join('\n');
      const off = json(readSyncLog(text, { memo: false }));
      assert.equal(readInPieces(text, size), off);
    }), { seed: 1414, numRuns: 300 });
  });

  it('two errors that differ only in their addresses: one explanation, each at its own place', () => {
    const e = (a: string) => `2026-12-05 10:00:00.456 E  App[1:2] <CKError 0x${a}: "Partial Failure" (2/1011); partial errors: {\n\tA1:(com.apple.coredata.cloudkit.zone:__defaultOwner__) = <CKError 0x${a}: "Invalid Arguments" (12/2006); server message = "Cannot create or modify field 'CD_x' in record 'CD_Item' in production schema">\n}>`;
    const r = readSyncLog(`${e('28112d500')}\n${e('99999f000')}`);
    assert.equal(r.errors.length, 2);
    assert.equal(r.errors[0].kind.id, r.errors[1].kind.id);
    assert.deepEqual([r.errors[0].range.start.line, r.errors[1].range.start.line], [0, 3]);
  });

  it('timestampEnd reads the timestamps the shape patterns accept, and stops at a line break', () => {
    assert.equal(timestampEnd('2026-12-05 10:00:00.123 Df', 0), 23);
    assert.equal(timestampEnd('2026-12-05T10:00:00Z E', 0), 20);
    assert.equal(timestampEnd('2026-12-05 10:00:00.123456+01:00 x', 0), 32);
    assert.equal(timestampEnd('2026-12-05 10:00:00.123456-0100\tx', 0), 31);
    assert.equal(timestampEnd('2026-12-05 10:00:00.x', 0), -1);
    assert.equal(timestampEnd('2026-12-05 10:00\n:00 x', 0), -1);
    assert.equal(timestampEnd('x\n2026-12-05 10:00:00 y', 2), 21);
  });
});
