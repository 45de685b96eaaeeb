import assert from 'node:assert/strict';
import { DatedLineMemo, timestampEnd } from '../../../src/core/logs/dated-line-memo';
import { Shape } from '../../../src/core/logs/line-prefix';

/**
 * The dated-line memo on its own: where a timestamp ends, what is remembered and forgotten, when the
 * memo stops looking lines up in a log of distinct lines, run patterns and remembered continuation blocks.
 * (line-memo.test.ts proves the reader reports the same with and without it.)
 */
describe('sync logs: the dated-line memo', () => {
  it('timestampEnd: each timestamp form the log prefixes use, followed by a space or a tab', () => {
    const cases: [string, number][] = [
      ['2026-12-05 10:00:00 x', 19],
      ['2026-12-05T10:00:00\tx', 19],
      ['2026-12-05 10:00:00.1 x', 21],
      ['2026-12-05 10:00:00.123456 x', 26],
      ['2026-12-05 10:00:00.123456Z x', 27],
      ['2026-12-05 10:00:00.123456+0100 x', 31],
      ['2026-12-05 10:00:00.123456-01:00 x', 32],
      ['2026-12-05 10:00:00+0100 x', 24],
    ];
    for (const [line, end] of cases) assert.equal(timestampEnd(line, 0), end, line);
    assert.equal(timestampEnd(`ab${cases[0][0]}`, 2), 21, 'read from the offset');
  });

  it('timestampEnd: -1 for anything else', () => {
    for (const line of [
      '2026-12-05 10:00:00', '2026-12-05 10:00:00x', '2026-12-05_10:00:00 x', '2026-12-0510:00:00 x', '2026/12/05 10:00:00 x',
      '2026-12-05 10-00-00 x', '2026-12-05 10:00:0 x', '226-12-05 10:00:00 x', 'x2026-12-05 10:00:00 x', '2026-12-05 10:00:00. x',
      '2026-12-05 10:00:00+01 x', '2026-12-05 10:00:00+010 x', '2026-12-05 10:00:00.5+01:0 x', '2026-1a-05 10:00:00 x', '',
    ]) assert.equal(timestampEnd(line, 0), -1, JSON.stringify(line));
  });

  it('find and add: a tail is found with its answer; the most recent of many; the oldest forgotten after 16', () => {
    const m = new DatedLineMemo();
    assert.equal(m.find(' a'), false);
    m.add(' a', Shape.StreamDefault, 5, true);
    m.add(' b', Shape.XcodeNSLog, 7, false);
    assert.equal(m.find(' a'), true);
    assert.deepEqual([m.shape, m.bodyOffset, m.isClean, m.tail], [Shape.StreamDefault, 5, true, ' a']);
    assert.equal(m.find(' b'), true);
    assert.deepEqual([m.shape, m.bodyOffset, m.isClean, m.slot], [Shape.XcodeNSLog, 7, false, 1]);
    for (let i = 0; i < 15; i++) m.add(` t${i}`, Shape.StreamCompact, 1, true);
    assert.equal(m.find(' a'), false, 'the first of 17 is forgotten');
    assert.equal(m.find(' b'), true);
    assert.equal(m.find(' t14'), true);
  });

  it('shouldTry: always while lines are found; after 16 misses in a row, one line in 64', () => {
    const m = new DatedLineMemo();
    for (let i = 0; i < 16; i++) { assert.equal(m.shouldTry(), true); m.find(` miss${i}`); }
    const tries: boolean[] = [];
    for (let i = 0; i < 128; i++) tries.push(m.shouldTry());
    assert.deepEqual([tries.filter(Boolean).length, tries.indexOf(true)], [2, 63]);
    m.add(' hit', Shape.StreamDefault, 1, true);
    assert.equal(m.find(' hit'), true);
    assert.equal(m.shouldTry(), true, 'a hit makes the memo look again');
  });

  it('a run pattern only for a clean tail found twice: lines of the same template, any digits', () => {
    const m = new DatedLineMemo();
    m.add(' App[1:2] chatter', Shape.XcodeNSLog, 1, true);
    assert.equal(m.lastRun(), undefined);
    m.find(' App[1:2] chatter');
    m.prepareRun('2026-12-05 10:00:00.000000+0100');
    const run = m.lastRun()!;
    const line = (s: number) => `2026-12-05 10:00:0${s}.00000${s}+0100 App[1:2] chatter\n`;
    const text = `${line(1)}${line(2)}${line(3)}2026-12-05 10:00:04.000004+0100 App[1:2] other\n`;
    run.lastIndex = 0;
    assert.equal(run.test(text), true);
    assert.equal(run.lastIndex, line(1).length * 3);
    assert.equal(m.runLineLength, line(1).length);
    const dirty = new DatedLineMemo();
    dirty.add(' CKError', Shape.XcodeNSLog, 1, false);
    dirty.find(' CKError');
    dirty.prepareRun('2026-12-05 10:00:00');
    assert.equal(dirty.lastRun(), undefined, 'no run for a tail that may hold something');
    // A later add in the same slot forgets the run.
    for (let i = 0; i < 16; i++) m.add(` x${i}`, Shape.XcodeNSLog, 1, true);
    m.add(' App[1:2] chatter', Shape.XcodeNSLog, 1, true);
    assert.equal(m.lastRun(), undefined);
  });

  it('blocks: the continuation lines after a line, with the entry\'s text and segments relative to the first', () => {
    const m = new DatedLineMemo();
    m.add(' head', Shape.XcodeNSLog, 1, true);
    m.find(' head');
    assert.equal(m.block(), undefined);
    const segments = [
      { textStart: 0, length: 4, line: 0, character: 30, offset: 30 },
      { textStart: 5, length: 3, line: 1, character: 2, offset: 100 },
      { textStart: 9, length: 4, line: 2, character: 0, offset: 200 },
    ];
    m.setBlock(m.slot, ' head', ['  abc', 'defg'], 'head\nabc\ndefg', segments, true);
    assert.equal(m.block(), '  abc\ndefg\n');
    assert.deepEqual([m.blockJoinedText, m.blockSegments, m.blockHolds], ['head\nabc\ndefg', [5, 3, 2, 2, 9, 4, 0, 6], true]);
    // Another tail in the slot by now: not remembered.
    m.setBlock(m.slot, ' other', ['x'], 'j', segments.slice(0, 2), false);
    assert.equal(m.block(), '  abc\ndefg\n');
  });

  it('blocks longer than 64 KB are not remembered', () => {
    const m = new DatedLineMemo();
    m.add(' h', Shape.XcodeNSLog, 1, true);
    m.find(' h');
    const long = 'x'.repeat(64 * 1024);
    m.setBlock(m.slot, ' h', [long], `h\n${long}`, [{ textStart: 0, length: 1, line: 0, character: 0, offset: 0 }, { textStart: 2, length: long.length, line: 1, character: 0, offset: 9 }], false);
    assert.equal(m.block(), undefined);
    const fits = 'y'.repeat(64 * 1024 - 1);
    m.setBlock(m.slot, ' h', [fits], `h\n${fits}`, [{ textStart: 0, length: 1, line: 0, character: 0, offset: 0 }, { textStart: 2, length: fits.length, line: 1, character: 0, offset: 9 }], false);
    assert.equal(m.block(), `${fits}\n`);
  });
});
