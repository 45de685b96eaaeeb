import assert from 'node:assert/strict';
import { EntryMemo } from '../../../src/core/logs/entry-memo';
import { LineSplitter, type LinesInPlace } from '../../../src/core/logs/line-splitter';
import { entryPosition, entryRange } from '../../../src/core/logs/positions';
import type { LogEntry } from '../../../src/core/logs/types';

/**
 * Lines out of chunks (line endings, cut lines, lines taken in place), the memo of entry findings, and
 * positions inside an entry mapped back to the document.
 */
type Line = [string, number, number, number];

function split(chunks: string[], max?: number, inPlace?: LinesInPlace): { lines: Line[]; s: LineSplitter } {
  const lines: Line[] = [];
  const s = new LineSplitter((t, l, o, c) => lines.push([t, l, o, c]), max, inPlace);
  for (const c of chunks) s.push(c);
  s.end();
  return { lines, s };
}

describe('sync logs: lines, the entry memo, positions', () => {
  it('LF, CRLF and lone CR line endings; offsets are each line\'s start; the count', () => {
    const { lines, s } = split(['a\r\nbb\rc\n', 'd']);
    assert.deepEqual(lines, [['a', 0, 0, 0], ['bb', 1, 3, 0], ['c', 2, 6, 0], ['d', 3, 8, 0]]);
    assert.equal(s.lines, 4);
  });

  it('a line split over chunks is one line; no trailing line after a final break; an empty text has none', () => {
    assert.deepEqual(split(['ab', 'c', 'd\ne']).lines, [['abcd', 0, 0, 0], ['e', 1, 5, 0]]);
    assert.deepEqual(split(['x\n']).lines, [['x', 0, 0, 0]]);
    assert.deepEqual(split(['']).lines, []);
    assert.deepEqual(split(['\n\n']).lines, [['', 0, 0, 0], ['', 1, 1, 0]]);
    // A CR at a chunk's end followed by LF in the next is one CRLF.
    assert.deepEqual(split(['a\r', '\nb']).lines, [['a', 0, 0, 0], ['b', 1, 3, 0]]);
  });

  it('a line longer than the limit is cut: the cut length is passed, the next line still starts right', () => {
    assert.deepEqual(split(['abcdefgh\nxy'], 5).lines, [['abcde', 0, 0, 3], ['xy', 1, 9, 0]]);
    assert.deepEqual(split(['abc', 'defgh', 'ij\nz'], 5).lines, [['abcde', 0, 0, 5], ['z', 1, 11, 0]]);
    assert.deepEqual(split(['abcde\n'], 5).lines, [['abcde', 0, 0, 0]]);
    // A cut line that ends the text is still emitted.
    assert.deepEqual(split(['abcdefg'], 5).lines, [['abcde', 0, 0, 2]]);
    // A cut line whose kept part holds a CR: the parts before the CR are lines; the cut stays on the last.
    assert.deepEqual(split(['ab\rcdefgh\n'], 5).lines, [['ab', 0, 0, 0], ['cd', 1, 3, 4]]);
  });

  it('lines taken in place: only whole lines in one chunk without a CR; the taker says how many', () => {
    const seen: [number, number, number, number][] = [];
    const taker: LinesInPlace & { taken: number } = {
      taken: 0,
      take(chunk, at, lf, line, offset) {
        seen.push([at, lf, line, offset]);
        if (chunk.startsWith('TAKE2', at)) { this.taken = 2; return chunk.indexOf('\n', lf + 1) + 1; }
        if (chunk.startsWith('TAKE', at)) { this.taken = 1; return lf + 1; }
        return -1;
      },
    };
    const { lines } = split(['TAKE\nkeep\nTAKE2\nsecond\nlast\r\npart', 'ial\nTAKE\n'], undefined, taker);
    assert.deepEqual(lines, [['keep', 1, 5, 0], ['last', 4, 23, 0], ['partial', 5, 29, 0]]);
    // Offered: TAKE, keep, TAKE2 (with the line after it); not the CRLF line, not the end of the partial line.
    assert.deepEqual(seen, [[0, 4, 0, 0], [5, 9, 1, 5], [10, 15, 2, 10], [4, 8, 6, 37]]);
    const long = split(['TAKE-too-long\n'], 5, taker);
    assert.deepEqual(long.lines, [['TAKE-', 0, 0, 8]]);
  });

  it('the entry memo: the same text, or the same text with other addresses, gives the same findings', () => {
    const memo = new EntryMemo();
    const a = '<CKError 0x1234: "Zone Busy" (23/2000)>';
    const f = memo.findings(a);
    assert.equal(f.errors[0].explanation.kind.id, 'zone-busy');
    assert.equal(memo.findings(a), f, 'the last text: the same object');
    memo.findings('other');
    assert.equal(memo.findings('<CKError 0xabcd: "Zone Busy" (23/2000)>'), f, 'another address, findings without it: reused');
    // Findings that hold an address are reused only for the very same text.
    const withAddr = 'Error Domain=D Code=1 UserInfo={obj=0x1234}';
    const g = memo.findings(withAddr);
    assert.equal(g.errors[0].root.userInfo?.obj, '0x1234');
    const h = memo.findings('Error Domain=D Code=1 UserInfo={obj=0x9999}');
    assert.equal(h.errors[0].root.userInfo?.obj, '0x9999');
    // Disabled: a fresh reading every time.
    const off = new EntryMemo(false);
    assert.notEqual(off.findings(a), off.findings(a));
    assert.deepEqual(off.findings(a).errors.map((e) => e.root.code), [23]);
  });

  it('the entry memo forgets everything past 512 kept texts, and still answers', () => {
    const memo = new EntryMemo();
    const first = memo.findings('<CKError 0x1: "Zone Busy" (23/1)>');
    for (let i = 0; i < 520; i++) memo.findings(`<CKError 0x1: "Zone Busy" (23/${i + 2})>`);
    const again = memo.findings('<CKError 0x1: "Zone Busy" (23/1)>');
    assert.notEqual(again, first);
    assert.equal(again.errors[0].root.serverCode, 1);
  });

  it('positions: an offset in an entry is its line and character through the segment that holds it', () => {
    const entry: LogEntry = {
      index: 0, header: { format: 'plain' }, text: 'abcd\nefg',
      segments: [{ textStart: 0, length: 4, line: 3, character: 10, offset: 100 }, { textStart: 5, length: 3, line: 4, character: 2, offset: 120 }],
    };
    assert.deepEqual(entryPosition(entry, 0), { line: 3, character: 10, offset: 100 });
    assert.deepEqual(entryPosition(entry, 3), { line: 3, character: 13, offset: 103 });
    assert.deepEqual(entryPosition(entry, 4), { line: 3, character: 14, offset: 104 }, 'the break: the end of its line');
    assert.deepEqual(entryPosition(entry, 6), { line: 4, character: 3, offset: 121 });
    assert.deepEqual(entryPosition(entry, 50), { line: 4, character: 5, offset: 123 }, 'past the end: the end of the last segment');
    assert.deepEqual(entryRange(entry, 1, 7), { range: { start: { line: 3, character: 11 }, end: { line: 4, character: 4 } }, span: { start: 101, end: 122 } });
    assert.deepEqual(entryRange(entry, 2, 5).range, { start: { line: 3, character: 12 }, end: { line: 3, character: 14 } }, 'a range ending on the break');
    assert.deepEqual(entryRange(entry, 6, 6).range, { start: { line: 4, character: 3 }, end: { line: 4, character: 3 } });
    assert.deepEqual(entryRange(entry, -5, 99).span, { start: 100, end: 123 }, 'clamped to the text');
    assert.deepEqual(entryRange(entry, 7, 3).span, { start: 103, end: 103 }, 'an end before the start');
  });

  it('positions in a coarse (JSON) entry: the whole event line', () => {
    const entry: LogEntry = { index: 0, header: { format: 'json' }, text: 'message', coarse: true, coarseLength: 42, segments: [{ textStart: 0, length: 7, line: 9, character: 0, offset: 300 }] };
    assert.deepEqual(entryPosition(entry, 5), { line: 9, character: 0, offset: 300 });
    assert.deepEqual(entryRange(entry, 2, 4), { range: { start: { line: 9, character: 0 }, end: { line: 9, character: 42 } }, span: { start: 300, end: 342 } });
    assert.deepEqual(entryRange({ ...entry, coarseLength: undefined }, 2, 4).span, { start: 300, end: 300 });
  });
});
