import assert from 'node:assert/strict';
import type { ExplainedError } from '../../../src/core/logs/explained-error';
import type { Session } from '../../../src/core/logs/sessions';
import { summarize } from '../../../src/core/logs/summary';
import type { Classification, LogEvent } from '../../../src/core/logs/types';

/**
 * The line on top of an explanation and the counts behind it, from hand-made errors, events and
 * sessions: grouping, ordering, the setup verdict, export/import tallies and every headline form.
 */
interface ErrInit {
  id: string;
  title?: string;
  classification: Classification;
  line: number;
  affected?: number;
  recordType?: string;
  field?: string;
  container?: string;
  chain?: string[];
  message?: string;
}

function err(i: ErrInit): ExplainedError {
  return {
    kind: { id: i.id, title: i.title ?? `Title of ${i.id}` }, classification: i.classification, affectedItems: i.affected ?? 1,
    recordType: i.recordType, field: i.field, container: i.container, chain: i.chain ?? [], message: i.message ?? `message ${i.line}`,
    range: { start: { line: i.line, character: 0 }, end: { line: i.line, character: 5 } },
  } as unknown as ExplainedError;
}

const ev = (kind: LogEvent['kind'], extra: Partial<LogEvent> = {}): LogEvent =>
  ({ kind, entry: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, ...extra });

function session(...activities: { kind: 'export' | 'import' | 'setup'; success?: boolean }[]): Session {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { label: 'S', range, errors: 0, activities: activities.map((a) => ({ ...a, label: a.kind, range, errors: 0 })) };
}

const schemaErr = (line: number, affected = 1, field: string | null = 'CD_isChecked') =>
  err({ id: 'production-schema', title: 'Production schema lacks a field', classification: 'needs-action', line, affected, recordType: 'CD_Item', field: field ?? undefined });

describe('sync logs: the summary', () => {
  it('no errors: "no errors found" and zero counts', () => {
    const s = summarize([], [], []);
    assert.equal(s.headline, 'no errors found');
    assert.deepEqual([s.needsAction, s.transient, s.benign, s.setupFailed, s.kinds.length], [0, 0, 0, false, 0]);
    assert.deepEqual([s.exports, s.imports, s.containers], [{ succeeded: 0, failed: 0 }, { succeeded: 0, failed: 0 }, []]);
  });

  it('only transient and benign errors: counted in the headline, nothing needs action', () => {
    const s = summarize([], [
      err({ id: 'network', classification: 'transient', line: 1 }),
      err({ id: 'network', classification: 'transient', line: 2 }),
      err({ id: 'noise', classification: 'benign', line: 3 }),
    ], []);
    assert.equal(s.headline, 'no error needs action (2 transient, will retry; 1 benign)');
    assert.deepEqual([s.needsAction, s.transient, s.benign], [0, 2, 1]);
  });

  it('a missing production field: named with its record type, and the items that failed with it', () => {
    assert.equal(summarize([], [schemaErr(4, 45)], []).headline, '1 error needs action: the production schema lacks CD_Item.CD_isChecked; 45 items failed with it');
    assert.equal(summarize([], [schemaErr(4, 1)], []).headline, '1 error needs action: the production schema lacks CD_Item.CD_isChecked');
    assert.equal(summarize([], [schemaErr(4, 1, null)], []).headline, '1 error needs action: the production schema lacks the record type CD_Item');
  });

  it('another kind needing action: its title, first letter lowered; the number of other kinds', () => {
    const quota = err({ id: 'quota', title: 'Quota Exceeded', classification: 'needs-action', line: 9 });
    assert.equal(summarize([], [quota], []).headline, '1 error needs action: quota Exceeded');
    const other = err({ id: 'permission', title: 'Permission failure', classification: 'needs-action', line: 12 });
    const third = err({ id: 'zone', title: 'Zone not found', classification: 'needs-action', line: 14 });
    assert.equal(summarize([], [schemaErr(2), schemaErr(3), quota], []).headline,
      '3 errors need action: the production schema lacks CD_Item.CD_isChecked; 1 other kind of error needs action');
    assert.equal(summarize([], [schemaErr(2), quota, other, third], []).headline,
      '4 errors need action: the production schema lacks CD_Item.CD_isChecked; 3 other kinds of error need action');
  });

  it('setup never completed: said first, with or without an error that needs action', () => {
    const failed = [ev('setup-failed')];
    assert.equal(summarize(failed, [schemaErr(1, 45)], []).headline, 'setup never completed: the production schema lacks CD_Item.CD_isChecked; 45 items failed with it');
    assert.equal(summarize(failed, [], []).headline, 'setup never completed; no errors found');
    assert.equal(summarize([ev('request-aborted')], [], []).setupFailed, true);
    assert.equal(summarize([], [err({ id: 'setup-never-initialized', classification: 'transient', line: 1 })], []).setupFailed, true);
    assert.equal(summarize([], [err({ id: 'x', classification: 'transient', line: 1, chain: ['134406', '2'] })], []).setupFailed, true);
    assert.equal(summarize([], [err({ id: 'x', classification: 'transient', line: 1, chain: ['2', '134406'] })], []).setupFailed, false);
    assert.equal(summarize([ev('setup'), ev('export-end')], [], []).setupFailed, false);
  });

  it('errors not listed are said at the end of the headline', () => {
    assert.equal(summarize([], [], [], 7).headline, 'no errors found (and 7 more errors not listed)');
    assert.equal(summarize([], [schemaErr(1)], [], 2).headline, '1 error needs action: the production schema lacks CD_Item.CD_isChecked (and 2 more errors not listed)');
  });

  it('groups errors by kind, record type and field; the count, the largest item count, the first line and example', () => {
    const s = summarize([], [
      schemaErr(5, 3), schemaErr(9, 45), schemaErr(2, 10),
      schemaErr(7, 1, 'CD_title'),
      err({ id: 'network', classification: 'transient', line: 1, message: 'offline' }),
      err({ id: 'noise', classification: 'benign', line: 0 }),
    ], []);
    assert.deepEqual(s.kinds.map((k) => [k.id, k.field, k.count, k.affectedItems, k.firstLine, k.classification]), [
      // needs action first, then transient, then benign; by first line within a classification
      ['production-schema', 'CD_isChecked', 3, 45, 5, 'needs-action'],
      ['production-schema', 'CD_title', 1, 1, 7, 'needs-action'],
      ['network', undefined, 1, 1, 1, 'transient'],
      ['noise', undefined, 1, 1, 0, 'benign'],
    ]);
    assert.equal(s.kinds[0].example, 'message 5');
    assert.equal(s.kinds[0].recordType, 'CD_Item');
    assert.equal(s.kinds[0].title, 'Production schema lacks a field');
    assert.equal(s.kinds[2].example, 'offline');
  });

  it('orders groups of one classification by their first line', () => {
    const s = summarize([], [err({ id: 'b', classification: 'transient', line: 8 }), err({ id: 'a', classification: 'transient', line: 3 })], []);
    assert.deepEqual(s.kinds.map((k) => k.id), ['a', 'b']);
  });

  it('containers: from errors and options dumps, once each, empty labels dropped', () => {
    const s = summarize([ev('options', { label: 'iCloud.b' }), ev('options', { label: '' }), ev('options'), ev('push', { label: 'iCloud.c' })], [
      err({ id: 'x', classification: 'benign', line: 1, container: 'iCloud.a' }),
      err({ id: 'x', classification: 'benign', line: 2, container: 'iCloud.a' }),
      err({ id: 'y', classification: 'benign', line: 3, container: '' }),
    ], []);
    assert.deepEqual(s.containers, ['iCloud.a', 'iCloud.b']);
  });

  it('exports and imports that succeeded and failed, over every session; unfinished ones are not counted', () => {
    const s = summarize([], [], [
      session({ kind: 'export', success: true }, { kind: 'export', success: false }, { kind: 'import', success: true }, { kind: 'setup', success: true }),
      session({ kind: 'export', success: true }, { kind: 'import' }, { kind: 'import', success: false }, { kind: 'import', success: false }),
    ]);
    assert.deepEqual(s.exports, { succeeded: 2, failed: 1 });
    assert.deepEqual(s.imports, { succeeded: 1, failed: 2 });
  });
});
