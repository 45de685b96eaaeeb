import assert from 'node:assert/strict';
import type { ExplainedError } from '../../../src/core/logs/explained-error';
import { buildSessions } from '../../../src/core/logs/sessions';
import type { EventKind, LogEvent } from '../../../src/core/logs/types';

/**
 * The outline of a log (sessions holding activities), built from hand-made events and errors: which
 * event opens a session, which activity an error belongs to, the labels and the success flags.
 */
const at = (line: number, end = 10) => ({ start: { line, character: 0 }, end: { line, character: end } });

function ev(kind: EventKind, line: number, extra: Partial<LogEvent> = {}): LogEvent {
  return { kind, entry: line, range: at(line), ...extra };
}

function err(line: number, extra: { pid?: number; process?: string } = {}): ExplainedError {
  // Only the fields the outline reads: the range and the header's process and pid.
  return { range: at(line, 20), header: { format: 'plain', ...extra } } as unknown as ExplainedError;
}

const shape = (events: LogEvent[], errors: ExplainedError[] = []) =>
  buildSessions(events, errors).map((s) => ({
    label: s.label, errors: s.errors, from: s.range.start.line, to: s.range.end.line,
    activities: s.activities.map((a) => [a.kind, a.label, a.success, a.errors, a.range.start.line, a.range.end.line]),
  }));

describe('sync logs: sessions and activities (the outline)', () => {
  it('no events and no errors: no session', () => {
    assert.deepEqual(buildSessions([], []), []);
  });

  it('setup, an export and an import, each from its begin to its end line, with success and labels', () => {
    const s = shape([
      ev('setup', 1, { process: 'App', pid: 7 }),
      ev('request-finished', 2, { success: true }),
      ev('export-begin', 3, { label: 'ExportActivity' }),
      ev('export-end', 5, { success: true, label: 'ExportActivity' }),
      ev('import-begin', 6, { label: 'ImportActivity' }),
      ev('import-end', 8, { success: false }),
    ]);
    assert.deepEqual(s, [{
      label: 'Session 1: App (7)', errors: 0, from: 1, to: 8,
      activities: [
        ['setup', 'Setup', true, 0, 1, 2],
        ['export', 'Export - ExportActivity', true, 0, 3, 5],
        ['import', 'Import - ImportActivity', false, 0, 6, 8],
      ],
    }]);
  });

  it('an error counts for its session and for the open activity, and stretches it; an error on the end line belongs to the activity', () => {
    const s = shape([
      ev('export-begin', 1, { label: 'ExportActivity' }),
      ev('export-end', 4, { success: false }),
      ev('push', 6),
    ], [err(2), err(4), err(7)]);
    assert.equal(s.length, 1);
    assert.equal(s[0].errors, 3);
    assert.equal(s[0].to, 7);
    assert.deepEqual(s[0].activities, [
      ['export', 'Export - ExportActivity', false, 2, 1, 4],
      ['push', 'Push received', undefined, 0, 6, 6],
    ]);
  });

  it('an options dump starts a new session; so does another process id; a missing pid does not', () => {
    const s = shape([
      ev('options', 0, { label: 'iCloud.a', process: 'App', pid: 1 }),
      ev('setup', 1, { pid: 1 }),
      ev('push', 2),
      ev('options', 3, { label: 'iCloud.a', process: 'App', pid: 1 }),
      ev('setup', 4, { process: 'App', pid: 2 }),
    ], [err(5, { pid: 2, process: 'App' }), err(6, { process: 'Other', pid: 3 })]);
    assert.deepEqual(s.map((x) => [x.label, x.from, x.to, x.errors, x.activities.length]), [
      ['Session 1: App (1)', 0, 2, 0, 2],
      ['Session 2: App (1)', 3, 3, 0, 0],
      ['Session 3: App (2)', 4, 5, 1, 1],
      ['Session 4: Other (3)', 6, 6, 1, 0],
    ]);
  });

  it('a session learns its pid from its first event that has one, and then splits on another', () => {
    const s = shape([ev('setup', 1), ev('push', 2, { pid: 5 }), ev('push', 3, { pid: 5 }), ev('push', 4, { pid: 6, process: 'B' })]);
    assert.deepEqual(s.map((x) => [x.label, x.activities.length]), [['Session 1', 3], ['Session 2: B (6)', 1]]);
  });

  it('a session label without a process has no name; a process without a pid has no number', () => {
    assert.equal(shape([ev('setup', 1)])[0].label, 'Session 1');
    assert.equal(shape([ev('setup', 1, { process: 'App' })])[0].label, 'Session 1: App');
  });

  it('setup failing: marks the open setup failed, or opens a failed one', () => {
    assert.deepEqual(shape([ev('setup', 1), ev('setup-failed', 3)])[0].activities, [['setup', 'Setup', false, 0, 1, 3]]);
    assert.deepEqual(shape([ev('push', 1), ev('setup-failed', 2)])[0].activities, [
      ['push', 'Push received', undefined, 0, 1, 1], ['setup', 'Setup', false, 0, 2, 2],
    ]);
    // An export open when setup fails is not the setup: a new setup activity is opened.
    assert.deepEqual(shape([ev('export-begin', 1, { label: 'E' }), ev('setup-failed', 2)])[0].activities, [
      ['export', 'Export - E', undefined, 0, 1, 1], ['setup', 'Setup', false, 0, 2, 2],
    ]);
  });

  it('an end without its begin opens and closes an activity of its own kind; the label drops a dangling " - "', () => {
    assert.deepEqual(shape([ev('export-end', 1, { success: true, label: 'AppDeactivationExport' })])[0].activities, [
      ['export', 'Export - AppDeactivationExport', true, 0, 1, 1],
    ]);
    assert.deepEqual(shape([ev('import-end', 1, { success: false })])[0].activities, [['import', 'Import', false, 0, 1, 1]]);
    // An import end while an export is open is not the export's end.
    assert.deepEqual(shape([ev('export-begin', 1, { label: 'E' }), ev('import-end', 2, { success: true })])[0].activities, [
      ['export', 'Export - E', undefined, 0, 1, 1], ['import', 'Import', true, 0, 2, 2],
    ]);
    assert.deepEqual(shape([ev('request-finished', 1, { success: true, label: 'R' })])[0].activities, [['event', 'Request - R', true, 0, 1, 1]]);
  });

  it('after an activity ends, errors count for the session only', () => {
    const s = shape([ev('export-begin', 1), ev('export-end', 2, { success: true }), ev('export-begin', 4)], [err(3)]);
    assert.deepEqual(s[0].activities.map((a) => a[3]), [0, 0]);
    assert.equal(s[0].errors, 1);
  });

  it('a finished request closes the open activity: a later error is not counted in it', () => {
    const s = shape([ev('setup', 1), ev('request-finished', 2, { success: true }), ev('push', 4)], [err(3)]);
    assert.deepEqual(s[0].activities, [['setup', 'Setup', true, 0, 1, 2], ['push', 'Push received', undefined, 0, 4, 4]]);
  });

  it('point events: their labels, their success flag, and they do not close the open activity', () => {
    const s = shape([
      ev('export-begin', 0, { label: 'E' }),
      ev('reset', 1),
      ev('teardown', 2, { detail: 'account changed' }),
      ev('account', 3, { detail: 'Account changed: signed out' }),
      ev('account', 4),
      ev('dasd-decision', 5, { label: 'CKSyncActivity', detail: 'deferred' }),
      ev('dasd-decision', 6),
      ev('request-aborted', 7, { label: 'ExportRequest' }),
      ev('request-aborted', 8),
      ev('event-changed', 9, { success: true }),
    ], [err(10)]);
    assert.deepEqual(s[0].activities.map((a) => [a[0], a[1], a[2], a[3]]), [
      ['export', 'Export - E', undefined, 1],
      ['reset', 'Reset after error', undefined, 0],
      ['teardown', 'Tear down: account changed', undefined, 0],
      ['account', 'Account changed: signed out', undefined, 0],
      ['account', 'Account', undefined, 0],
      ['dasd', 'dasd: CKSyncActivity deferred', undefined, 0],
      ['dasd', 'dasd: activity', undefined, 0],
      ['aborted', 'Request aborted (setup never completed): ExportRequest', undefined, 0],
      ['aborted', 'Request aborted (setup never completed)', undefined, 0],
      ['event', 'Sync event', true, 0],
    ]);
  });

  it('events and errors are taken in line order whatever order they come in', () => {
    const s = shape([ev('export-end', 5, { success: true }), ev('export-begin', 1, { label: 'E' })], [err(3)]);
    assert.deepEqual(s[0].activities, [['export', 'Export - E', true, 1, 1, 5]]);
  });

  it('activities keep their timestamp', () => {
    const [s] = buildSessions([ev('setup', 1, { timestamp: '10:00:00' }), ev('push', 2, { timestamp: '10:00:01' })], []);
    assert.deepEqual(s.activities.map((a) => a.timestamp), ['10:00:00', '10:00:01']);
  });
});
