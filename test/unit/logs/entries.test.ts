import assert from 'node:assert/strict';
import { EntryBuilder } from '../../../src/core/logs/entry-builder';
import { readSyncLog } from '../../../src/core/logs/reader';
import type { LogEntry } from '../../../src/core/logs/types';

/**
 * How lines become entries (entry-builder.ts): what starts, continues and ends an entry, the notes on
 * what was skipped (their counts, first line and wording in the singular and plural), the entries the
 * prefilter skipped per format, and the entry still being collected. Lines are written by us.
 */
const ERR = '<CKError 0x1: "Network Unavailable" (3/2000)>';
const DATED = (s: number, msg: string) => `2026-12-05 10:00:${String(s).padStart(2, '0')}.000000+0100 App[42:1a] ${msg}`;

function entries(lines: string[], options: { prefilter?: boolean; memo?: boolean; maxEntryLength?: number } = {}): { out: LogEntry[]; b: EntryBuilder } {
  const out: LogEntry[] = [];
  const b = new EntryBuilder({ entry: (e) => out.push(e) }, options.maxEntryLength, options.prefilter ?? false, options.memo ?? false);
  let offset = 0;
  lines.forEach((l, i) => { b.line(l, i, offset, 0); offset += l.length + 1; });
  b.end();
  return { out, b };
}

describe('sync logs: entries', () => {
  it('a prefixed line starts an entry; unprefixed lines continue it; a blank line ends it', () => {
    const { out } = entries([DATED(1, 'first'), '  continued', DATED(2, 'second'), '', 'prose one', 'prose two', '   ', 'prose three']);
    assert.deepEqual(out.map((e) => [e.index, e.header.format, e.text]), [
      [0, 'xcode-console', 'first\ncontinued'],
      [1, 'xcode-console', 'second'],
      [2, 'plain', 'prose one\nprose two'],
      [3, 'plain', 'prose three'],
    ]);
    // Segments map each piece back: the continuation line from its first non-space character.
    assert.deepEqual(out[0].segments.map((s) => [s.textStart, s.length, s.line, s.character]), [[0, 5, 0, DATED(1, '').length], [6, 9, 1, 2]]);
    assert.equal(out[0].segments[1].offset, DATED(1, 'first').length + 1 + 2);
  });

  it('meta lines end the entry and are in none', () => {
    const { out } = entries([DATED(1, 'a'), 'Filtering the log data using "x"', 'b']);
    assert.deepEqual(out.map((e) => e.text), ['a', 'b']);
  });

  it('binary lines are skipped and end the entry, with one note; a dated line is text whatever it holds', () => {
    const bin = 'x\u0000y';
    const { out, b } = entries([DATED(1, 'a'), bin, 'after', '\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000e', DATED(2, 'has \u0000 NUL')]);
    assert.deepEqual(out.map((e) => e.text), ['a', 'after', 'has \u0000 NUL']);
    assert.deepEqual(b.notes(), [{ kind: 'binary-line', line: 1, message: '2 lines of binary data skipped (first: line 2)' }]);
    assert.equal(entries(['\u0000']).b.notes()[0].message, '1 line of binary data skipped (first: line 1)');
  });

  it('a few control characters in a long line are text; many in a short one are binary', () => {
    const some = `${'\u0001'.repeat(9)}${'x'.repeat(200)}`;
    assert.deepEqual(entries([some]).out.map((e) => e.text.length), [209]);
    const eight = '\u0001'.repeat(8);
    assert.equal(entries([eight]).out.length, 1, 'eight control characters are not enough');
    assert.equal(entries(['\u0001'.repeat(9)]).out.length, 0);
  });

  it('non-UTF-8 bytes: a note in the singular and the plural; the lines are still read', () => {
    const one = entries(['caf\uFFFD']);
    assert.deepEqual(one.out.map((e) => e.text), ['caf\uFFFD']);
    assert.deepEqual(one.b.notes(), [{ kind: 'replacement-chars', line: 0, message: '1 line has bytes that are not UTF-8 (shown as \uFFFD; first: line 1); the rest of it was read' }]);
    assert.equal(entries(['ok', '\uFFFDa', '', '\uFFFDb']).b.notes()[0].message, '2 lines have bytes that are not UTF-8 (shown as \uFFFD; first: line 2); the rest of them was read');
  });

  it('lines cut by the line limit: a note with the count, the longest and the first', () => {
    const out: LogEntry[] = [];
    const b = new EntryBuilder({ entry: (e) => out.push(e) }, undefined, false, false);
    b.line('short', 0, 0, 0);
    b.line('a'.repeat(10), 1, 6, 1_999_990);
    b.line('b'.repeat(10), 2, 17, 5);
    b.end();
    assert.deepEqual(b.notes(), [{ kind: 'long-line', line: 1, message: '2 lines longer than the read limit were cut (longest 2,000,000 characters; first: line 2); their ends were not read' }]);
    const single = new EntryBuilder({ entry: () => undefined }, undefined, false, false);
    single.line('x', 3, 0, 2);
    assert.match(single.notes()[0].message, /^1 line longer than the read limit were cut \(longest 3 characters; first: line 4\)/);
  });

  it('an entry longer than the limit is read in pieces, each with the header, and a note', () => {
    const { out, b } = entries([DATED(1, 'head'), 'x'.repeat(30), 'y'.repeat(30), 'z'.repeat(30)], { maxEntryLength: 70 });
    assert.deepEqual(out.map((e) => [e.header.format, e.header.pid, e.text.length]), [['xcode-console', 42, 4 + 1 + 30 + 1 + 30], ['xcode-console', 42, 30]]);
    assert.deepEqual(b.notes(), [{ kind: 'long-entry', line: 3, message: '1 event was longer than the read limit and read in pieces (first: line 4); an error split between two pieces may be missed' }]);
    const many = entries(['p', ...Array.from({ length: 6 }, () => 'q'.repeat(10))], { maxEntryLength: 25 });
    assert.match(many.b.notes()[0].message, /^2 events were longer than the read limit/);
    // An entry of exactly the limit is one piece.
    assert.equal(entries(['a'.repeat(10), 'b'.repeat(9)], { maxEntryLength: 20 }).out.length, 1);
    assert.equal(entries(['a'.repeat(10), 'b'.repeat(10)], { maxEntryLength: 20 }).out.length, 2);
  });

  it('with the prefilter, entries that can hold nothing are counted per format, not built', () => {
    const { out, b } = entries([DATED(1, 'chatter'), DATED(2, ERR), '', 'plain chatter', '', '2026-12-05 10:00:00.000 Df App[1:2] quiet'], { prefilter: true });
    assert.deepEqual(out.map((e) => e.text), [ERR]);
    assert.deepEqual(b.skippedCounts(), { 'xcode-console': 1, plain: 1, 'log-stream-compact': 1 });
    assert.deepEqual(entries([DATED(2, ERR)], { prefilter: true }).b.skippedCounts(), {});
  });

  it('the entry being collected is offered as pending, and not twice', () => {
    const out: LogEntry[] = [];
    const b = new EntryBuilder({ entry: (e) => out.push(e) }, undefined, false, false);
    assert.equal(b.pending(), undefined);
    b.line(DATED(1, 'a'), 0, 0, 0);
    b.line('more', 1, 40, 0);
    assert.deepEqual([b.pending()?.index, b.pending()?.text], [0, 'a\nmore']);
    assert.equal(out.length, 0);
    b.end();
    assert.equal(out.length, 1);
    assert.equal(b.pending(), undefined);
  });

  it('JSON lines go to the JSON collector; lines starting with [ , or { after any kind of space', () => {
    const { out } = entries(['\u00a0\u2003{"eventMessage":"spaced"}', 'text', '[{"eventMessage":"arr"}]', 'x {"eventMessage":"not json"}']);
    assert.deepEqual(out.map((e) => [e.header.format, e.text]), [['json', 'spaced'], ['plain', 'text'], ['json', 'arr'], ['plain', 'x {"eventMessage":"not json"}']]);
  });

  it('the reader: skipped entries are in the format counts and the entry total; every note is passed on', () => {
    const r = readSyncLog([DATED(1, 'chatter'), DATED(2, 'chatter two'), DATED(3, ERR), 'x\u0000'].join('\n'));
    assert.equal(r.entries, 3);
    assert.deepEqual(r.formats, { 'xcode-console': 3 });
    assert.deepEqual(r.notes.map((n) => n.kind), ['binary-line']);
    const limited = readSyncLog([DATED(1, ERR), DATED(2, ERR), DATED(3, ERR)].join('\n'), { maxErrors: 2 });
    assert.equal(limited.errors.length, 2);
    assert.deepEqual(limited.notes.map((n) => n.message), ['1 more errors were found but not listed (limit 2)']);
  });
});
