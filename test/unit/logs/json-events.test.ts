import assert from 'node:assert/strict';
import { JsonEventCollector, MAX_JSON_OBJECT_LENGTH } from '../../../src/core/logs/json-events';
import type { LogEntry } from '../../../src/core/logs/types';

/**
 * `log stream --style json|ndjson` events fed line by line to the collector: objects on one line or
 * spread over many, `},{` joins, strings holding braces and escaped quotes, cut and oversized objects.
 * Events are hand-written after the field names of reference/sync-logs.md §1.
 */
type Entry = Omit<LogEntry, 'index'>;

function collect(lines: string[]): { entries: Entry[]; c: JsonEventCollector } {
  const entries: Entry[] = [];
  const c = new JsonEventCollector((e) => entries.push(e));
  let offset = 0;
  lines.forEach((l, i) => {
    if (c.active || c.startsObject(l)) c.line(l, i, offset);
    offset += l.length + 1;
  });
  c.end();
  return { entries, c };
}

const EVENT = {
  timestamp: '2026-12-05 10:00:00.123456+0100', processImagePath: '/private/var/containers/Bundle/App.app/App', processID: 4242,
  messageType: 'Error', subsystem: 'com.apple.coredata', category: 'cloudkit', eventMessage: 'CoreData+CloudKit: failed {x} "q"',
};

describe('sync logs: JSON events', () => {
  it('startsObject: a brace then a key or the line end, after an optional [ or ,', () => {
    const c = new JsonEventCollector(() => undefined);
    for (const yes of ['{"a":1}', '  {', '[{"a"', ', {"a"', ',{', '[ { "x"']) assert.equal(c.startsObject(yes), true, yes);
    for (const no of ['{a', 'x {"a"', '"{"', '[[{"a"', '']) assert.equal(c.startsObject(no), false, no);
  });

  it('one object per line (ndjson): header fields, the message, the line it came from', () => {
    const line = JSON.stringify(EVENT);
    const { entries, c } = collect(['Filtering the log data', line, JSON.stringify({ ...EVENT, processImagePath: undefined, process: 'Other', processID: '7' })]);
    assert.equal(entries.length, 2);
    const e = entries[0];
    assert.deepEqual(e.header, {
      format: 'json', timestamp: EVENT.timestamp, process: 'App', pid: 4242, level: 'error', subsystem: 'com.apple.coredata', category: 'cloudkit',
    });
    assert.equal(e.text, EVENT.eventMessage);
    assert.equal(e.coarse, true);
    assert.equal(e.coarseLength, line.length);
    assert.deepEqual(e.segments, [{ textStart: 0, length: EVENT.eventMessage.length, line: 1, character: 0, offset: 'Filtering the log data'.length + 1 }]);
    assert.deepEqual([entries[1].header.process, entries[1].header.pid], ['Other', undefined]);
    assert.deepEqual(c.notes, []);
  });

  it('a pretty-printed array (json style): objects over many lines, the message line is the eventMessage line', () => {
    const pretty = JSON.stringify([EVENT, { ...EVENT, eventMessage: 'second' }], null, 2).split('\n');
    const { entries, c } = collect(pretty);
    assert.deepEqual(entries.map((e) => e.text), [EVENT.eventMessage, 'second']);
    const msgLine = pretty.findIndex((l) => l.includes('"eventMessage"'));
    assert.equal(entries[0].segments[0].line, msgLine);
    assert.equal(entries[0].coarseLength, pretty[msgLine].length);
    assert.equal(entries[0].segments[0].offset, pretty.slice(0, msgLine).reduce((n, l) => n + l.length + 1, 0));
    assert.deepEqual(c.notes, []);
  });

  it('`},{` on one line: the next object starts where the previous ended', () => {
    const { entries } = collect(['[{"eventMessage":"a"},{"eventMessage":"b"},', '{"eventMessage":"c"}]']);
    assert.deepEqual(entries.map((e) => e.text), ['a', 'b', 'c']);
    assert.deepEqual(entries.map((e) => e.segments[0].line), [0, 0, 1]);
  });

  it('braces and escaped quotes inside strings do not end the object', () => {
    const { entries } = collect(['{"eventMessage":"a } \\" { b", "x": "\\\\"}']);
    assert.deepEqual(entries.map((e) => e.text), ['a } " { b']);
  });

  it('composedMessage when there is no eventMessage; no message at all is an empty one with a length-1 segment', () => {
    const { entries } = collect(['{"composedMessage":"composed"}', '{"eventMessage":5}', '{"a":1}']);
    assert.deepEqual(entries.map((e) => [e.text, e.segments[0].length]), [['composed', 8], ['', 1], ['', 1]]);
  });

  it('not JSON, not an object, or cut at the end: counted in one note with the first bad line', () => {
    const { entries, c } = collect(['ok', '{"eventMessage": nope}', '{"eventMessage":"fine"}', '{"a":', '  "b"']);
    assert.deepEqual(entries.map((e) => e.text), ['fine']);
    assert.deepEqual(c.notes, [{ kind: 'bad-json', line: 1, message: '2 JSON events could not be read (first: line 2): cut, too long or not JSON' }]);
    const one = collect(['{"x": nope}']).c.notes;
    assert.equal(one[0].message, '1 JSON event could not be read (first: line 1): cut, too long or not JSON');
  });

  it('an object larger than the limit is dropped as bad, and the next one still reads', () => {
    const big = `{"eventMessage":"${'x'.repeat(MAX_JSON_OBJECT_LENGTH)}"}`;
    const { entries, c } = collect([big, '{"eventMessage":"after"}']);
    assert.deepEqual(entries.map((e) => e.text), ['after']);
    assert.equal(c.notes[0].line, 0);
    // Just under the limit is read.
    const fits = `{"eventMessage":"${'y'.repeat(MAX_JSON_OBJECT_LENGTH - 20)}"}`;
    assert.equal(collect([fits]).entries[0].text.length, MAX_JSON_OBJECT_LENGTH - 20);
  });

  it('a line before the brace on the first line is skipped; the collector is idle between objects', () => {
    const entries: Entry[] = [];
    const c = new JsonEventCollector((e) => entries.push(e));
    assert.equal(c.active, false);
    c.line('junk {"eventMessage":', 0, 0);
    assert.equal(c.active, true);
    c.line('"m"}', 1, 21);
    assert.equal(c.active, false);
    assert.deepEqual(entries.map((e) => [e.text, e.segments[0].line, e.segments[0].offset]), [['m', 0, 0]]);
  });
});
