import assert from 'node:assert/strict';
import { readSyncLog, SyncLogReader } from '../../../src/core/logs/reader';

/**
 * The report the reader assembles: counts, format order, caps with their notes, event fields taken from
 * the entry's header, snapshots of a growing log. Lines are written by us.
 */
const DATED = (s: number, msg: string, pid = 42) => `2026-12-05 10:00:${String(s).padStart(2, '0')}.000000+0100 App[${pid}:1a] ${msg}`;
const ERR = '<CKError 0x1: "Zone Busy" (23/2000)>';
const PUSH = 'didReceiveRemoteNotification push';

describe('sync logs: the report', () => {
  it('events carry the entry\'s time, process and pid; errors their entry, range and header', () => {
    const r = readSyncLog([DATED(1, PUSH), DATED(2, ERR, 43)].join('\n'));
    assert.deepEqual(r.events.map((e) => [e.kind, e.entry, e.timestamp, e.process, e.pid, e.range.start.line]), [
      ['push', 0, '2026-12-05 10:00:01.000000+0100', 'App', 42, 0],
    ]);
    const e = r.errors[0];
    assert.deepEqual([e.entry, e.range.start, e.header.pid, e.root.code, e.kind.id], [1, { line: 1, character: DATED(2, '').length }, 43, 23, 'zone-busy']);
    assert.equal(e.span.start, DATED(1, PUSH).length + 1 + DATED(2, '').length);
    assert.equal(r.lines, 2);
    assert.equal(r.entries, 2);
    assert.deepEqual(r.sessions.map((s) => s.label), ['Session 1: App (42)', 'Session 2: App (43)']);
    assert.equal(r.summary.transient, 1);
  });

  it('formats in a fixed order whatever order the log has them in', () => {
    const r = readSyncLog([ERR, '', DATED(1, ERR), '', '{"eventMessage":"x"}', '2026-12-05 10:00:00.000 E App[1:2] y'].join('\n'));
    assert.deepEqual(Object.keys(r.formats), ['log-stream-compact', 'json', 'xcode-console', 'plain']);
    assert.deepEqual(Object.values(r.formats), [1, 1, 1, 1]);
  });

  it('events over the cap are counted in a note; so are errors, and in the summary', () => {
    const r = readSyncLog([DATED(1, PUSH), DATED(2, PUSH), DATED(3, PUSH), DATED(4, ERR), DATED(5, ERR)].join('\n'), { maxEvents: 1, maxErrors: 1 });
    assert.equal(r.events.length, 1);
    assert.equal(r.errors.length, 1);
    assert.deepEqual(r.notes.map((n) => [n.kind, n.line, n.message]), [
      ['error-limit', -1, '1 more errors were found but not listed (limit 1)'],
      ['error-limit', -1, '2 more events were found but not listed (limit 1)'],
    ]);
    assert.match(r.summary.headline, /\(and 1 more errors not listed\)$/);
  });

  it('a snapshot includes the unfinished event without keeping it; the next push can still extend it', () => {
    const r = new SyncLogReader();
    r.push(`${DATED(1, 'start')}\n${DATED(2, '<CKError 0x1: "Zone Busy" (23/2000); ')}\n`);
    const first = r.snapshot();
    assert.deepEqual(first.errors.map((e) => [e.root.code, e.root.serverMessage]), [[23, undefined]]);
    r.push('  server message = "busy">\n');
    const second = r.snapshot();
    assert.deepEqual(second.errors.map((e) => [e.root.code, e.root.serverMessage]), [[23, 'busy']]);
    const done = r.finish();
    assert.equal(done.errors.length, 1);
    assert.equal(done.lines, 3);
  });

  it('the prefilter off reads every entry; the same report either way', () => {
    const text = [DATED(1, 'chatter'), DATED(2, ERR), '', 'prose', DATED(3, PUSH)].join('\n');
    const on = readSyncLog(text);
    const off = readSyncLog(text, { prefilter: false, memo: false });
    assert.deepEqual([off.entries, off.formats], [on.entries, on.formats]);
    assert.deepEqual(off.errors.map((e) => e.range), on.errors.map((e) => e.range));
    assert.deepEqual(off.events.map((e) => e.kind), on.events.map((e) => e.kind));
  });
});
