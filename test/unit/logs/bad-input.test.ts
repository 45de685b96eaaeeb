import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../../bench/cases/log-read.bench';
import { readLogFile } from '../../../src/cli/log-stream';
import { readSyncLog } from '../../../src/core/logs/reader';
import { LogFollower } from '../../../src/extension/logs/log-follower';

const ERROR_LINE = 'CoreData: error: CoreData+CloudKit: export failed: <CKError 0x1: "Quota Exceeded" (25/2035); server message = "Quota exceeded"; Retry after 315.0 seconds>\n';
const NOISE_LINE = '2026-12-05 10:00:00.123 Df ShoppingList[4242:2a4f1] [com.apple.coredata:cloudkit] CoreData+CloudKit: -[PFCloudKitExporter exportIfNecessary]_block_invoke_2(345): <NSCloudKitMirroringDelegate: 0x6000>: Found 0 objects needing export.\n';

describe('sync logs: bad input', () => {
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-logs-')); });
  after(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  it('binary data: skipped with a note; the text around it is still read', async () => {
    const file = path.join(dir, 'binary.cklog');
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    fs.writeFileSync(file, Buffer.concat([Buffer.from(ERROR_LINE), junk, Buffer.from('\n' + ERROR_LINE)]));
    const r = await readLogFile(file);
    assert.equal(r.errors.filter((e) => e.kind.id === 'quota-exceeded').length, 2);
    assert.ok(r.notes.some((n) => n.kind === 'binary-line' && /binary data skipped/.test(n.message)), JSON.stringify(r.notes));
  });

  it('a 5 MB line is cut at the read limit, with a note; the error at its start and the next line are read', () => {
    const long = ERROR_LINE.trimEnd() + ' ' + 'x'.repeat(5 * 1024 * 1024);
    const t0 = Date.now();
    const r = readSyncLog(`${long}\n${ERROR_LINE}`);
    assert.ok(Date.now() - t0 < 5000, 'no hang');
    assert.equal(r.errors.length, 2);
    const note = r.notes.find((n) => n.kind === 'long-line');
    assert.ok(note);
    assert.match(note.message, /5,24\d,\d{3} characters; first: line 1/);
  });

  it('mixed encodings: Latin-1 and UTF-16 bytes become U+FFFD with a note; the UTF-8 lines are read', async () => {
    const file = path.join(dir, 'mixed.cklog');
    fs.writeFileSync(file, Buffer.concat([
      Buffer.from(ERROR_LINE), Buffer.from('caf\xe9 na\xefve line\n', 'latin1'), Buffer.from('zone \u00e9t\u00e9 ok\n', 'utf8'), Buffer.from(ERROR_LINE),
    ]));
    const r = await readLogFile(file);
    assert.equal(r.errors.length, 2);
    const note = r.notes.find((n) => n.kind === 'replacement-chars');
    assert.ok(note);
    assert.equal(note.line, 1);
  });

  it('an unterminated JSON event does not swallow the rest without a note', () => {
    const r = readSyncLog(`{"eventMessage": "CoreData+CloudKit: ${'y'.repeat(100)}\n${ERROR_LINE}`);
    assert.ok(r.notes.some((n) => n.kind === 'bad-json'));
  });

  // The 200 MB run is in the bench (bench/cases/log-read.bench.ts, `streamed`): it takes seconds. Here the
  // same streaming path on 24 MB, with the error list capped lower so the cap is reached too.
  it('a 24 MB generated log streams with bounded memory; errors over the cap are counted with a note', async function () {
    this.timeout(60_000);
    const file = path.join(dir, 'big.cklog');
    const block = (NOISE_LINE.repeat(99) + ERROR_LINE);
    const fd = fs.openSync(file, 'w');
    let size = 0;
    while (size < 24 * 1024 * 1024) { fs.writeSync(fd, block); size += block.length; }
    fs.closeSync(fd);
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let progress = 0;
    const r = await readLogFile(file, { maxErrors: 500, onProgress: (bytes) => { progress = bytes; peak = Math.max(peak, process.memoryUsage().heapUsed); } });
    const blocks = Math.ceil(24 * 1024 * 1024 / block.length);
    assert.equal(progress, size, 'progress reaches the file size');
    assert.equal(r.lines, blocks * 100);
    assert.equal(r.errors.length, 500);
    assert.ok(r.notes.some((n) => n.kind === 'error-limit' && n.message.startsWith(`${blocks - 500} more errors`)));
    assert.ok(peak - before < 64 * 1024 * 1024, `heap grew ${((peak - before) / 1048576).toFixed(0)} MB for a 24 MB file`);
    fs.rmSync(file);
  });

  it('follows a growing file: new errors appear as lines are appended, a cut line waits for its end', () => {
    const file = path.join(dir, 'live.cklog');
    fs.writeFileSync(file, NOISE_LINE);
    const f = new LogFollower(file);
    assert.equal(f.poll()?.errors.length, 0);
    assert.equal(f.poll(), undefined, 'nothing new');
    const half = ERROR_LINE.length >> 1;
    fs.appendFileSync(file, ERROR_LINE.slice(0, half));
    assert.equal(f.poll()?.errors.length, 0, 'the half line is not read yet');
    fs.appendFileSync(file, ERROR_LINE.slice(half) + ERROR_LINE);
    const r = f.poll();
    assert.equal(r?.errors.length, 2);
    assert.deepEqual(r?.errors.map((e) => e.range.start.line), [1, 2]);
    fs.writeFileSync(file, ERROR_LINE);
    assert.equal(f.poll()?.errors.length, 1, 'a truncated file is read again from the start');
  });
});

describe('bench case log-read (quick run)', () => {
  it('runs on 2 MB and reports the reader against a bare split', async () => {
    const r = await run({ megabytes: 2, runs: 1 }) as { input: { lines: number }; readVsSplit: number; readPeakMB: number };
    assert.ok(r.input.lines > 5_000, `${r.input.lines} lines`);
    assert.ok(Number.isFinite(r.readVsSplit) && r.readVsSplit > 0);
  });
});
