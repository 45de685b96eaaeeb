/**
 * The public-database poll (src/core/sandbox/device/activities/public-poll.ts): the poll timer (interval,
 * label, background task, the import request it makes and its rescheduling), and the poll itself, one query
 * per record type for records modified after the newest seen, paged, with an unknown record type skipped and
 * the high-water mark kept across pages. Records and times are ours, on a hand-made device context.
 */
import assert from 'node:assert/strict';
import type { ModelSpec } from '../../../src/core/sandbox/api';
import { importAct } from '../../../src/core/sandbox/device/activities/import';
import { pollPublic, schedulePoll } from '../../../src/core/sandbox/device/activities/public-poll';
import { ckError } from '../../../src/core/sandbox/errors';
import { PUBLIC_DEFAULT_ZONE } from '../../../src/core/sandbox/server/storage';
import type { ServerResponse } from '../../../src/core/sandbox/server/wire';
import { drive, record } from './device-drive';
import { fakeCtx } from './device-fixtures';
import type { FakeCtx } from './device-fixtures';

/** Two record types, queried in sorted order: CD_Folder then CD_Tag. */
const MODEL: ModelSpec = { entities: [{ name: 'Tag', attributes: [{ name: 'label', type: 'String' }] }, { name: 'Folder', attributes: [{ name: 'name', type: 'String' }] }] };

function publicCtx(options: NonNullable<Parameters<typeof fakeCtx>[0]>['options'] = {}): FakeCtx {
  const ctx = fakeCtx({ spec: MODEL, scope: 'public', options });
  Object.assign(ctx, { zone: PUBLIC_DEFAULT_ZONE });
  return ctx;
}

const tag = (id: string, modifiedT: number): ReturnType<typeof record> => record(id, { CD_entityName: 'Tag', CD_label: id }, { modifiedT });
const folder = (id: string, modifiedT: number): ReturnType<typeof record> => record(id, { CD_entityName: 'Folder', CD_name: id }, { recordType: 'CD_Folder', modifiedT });
const query = (records: ReturnType<typeof record>[], moreComing = false): ServerResponse => ({ op: 'queryRecords', error: null, records, moreComing });
const fetched = (names: [string, string][], moreComing: boolean): Record<string, unknown> => ({
  kind: 'engine.fetchedRecordZoneChanges', zone: PUBLIC_DEFAULT_ZONE, modifications: names.map(([recordName, recordType]) => ({ recordName, recordType })),
  modificationCount: names.length, deletions: [], deletionCount: 0, moreComing,
});

describe('sandbox: device public poll', () => {
  describe('schedulePoll', () => {
    it('cancels the previous timer and schedules a background poll after publicPollMs', () => {
      const ctx = publicCtx();
      const old = { id: 99 } as unknown as FakeCtx['pollTask'];
      ctx.pollTask = old;
      schedulePoll(ctx);
      assert.deepEqual(ctx.cancelled, [old]);
      assert.deepEqual(ctx.scheduled.map(({ delayMs, label, background }) => ({ delayMs, label, background })), [{ delayMs: 1_800_000, label: 'A: public database poll', background: true }]);
      assert.equal((ctx.pollTask as unknown as { label: string }).label, 'A: public database poll');
    });

    it('when it fires: an internal PublicDatabasePoll import, and the next poll scheduled', () => {
      const ctx = publicCtx();
      schedulePoll(ctx);
      const first = ctx.pollTask;
      ctx.scheduled[0].run();
      assert.deepEqual(ctx.requests, [{ type: 'import', label: 'PublicDatabasePoll', internal: true }]);
      assert.equal(ctx.scheduled.length, 2);
      assert.notEqual(ctx.pollTask, first);
      assert.notEqual(ctx.pollTask, null);
      // The fired task is gone before rescheduling: nothing left to cancel but null.
      assert.deepEqual(ctx.cancelled, [null, null]);
    });
  });

  describe('pollPublic', () => {
    it('queries each record type from the high-water mark and keeps the newest modification time', () => {
      const ctx = publicCtx();
      ctx.publicHighWater = 100;
      const { requests, result } = drive(pollPublic(ctx), [query([folder('F1', 150)]), query([tag('T1', 300), tag('T2', 200)])]);
      assert.deepEqual(result, { error: null });
      assert.deepEqual(requests, [
        { op: 'queryRecords', database: 'public', recordType: 'CD_Folder', modifiedAfter: 100, limit: 400 },
        { op: 'queryRecords', database: 'public', recordType: 'CD_Tag', modifiedAfter: 100, limit: 400 },
      ]);
      assert.equal(ctx.publicHighWater, 300);
      assert.deepEqual([...ctx.store.objects.keys()], ['F1', 'T1', 'T2']);
      assert.deepEqual(ctx.events.filter((e) => e.kind === 'engine.fetchedRecordZoneChanges'), [
        fetched([['F1', 'CD_Folder']], false), fetched([['T1', 'CD_Tag'], ['T2', 'CD_Tag']], false),
      ]);
    });

    it('from nothing: the first query has no lower bound; no records leaves the mark unset', () => {
      const ctx = publicCtx();
      const { requests } = drive(pollPublic(ctx), [query([]), query([])]);
      assert.deepEqual(requests.map((r) => r.op === 'queryRecords' && r.modifiedAfter), [null, null]);
      assert.equal(ctx.publicHighWater, null);
    });

    it('an older record does not lower the mark', () => {
      const ctx = publicCtx();
      ctx.publicHighWater = 500;
      drive(pollPublic(ctx), [query([folder('F1', 400)]), query([])]);
      assert.equal(ctx.publicHighWater, 500);
    });

    it('pages on after the newest record of the page; the mark is set only at the end', () => {
      const ctx = publicCtx({ importPageSize: 2 });
      const marks: (number | null)[] = [];
      const { requests } = drive(pollPublic(ctx), [
        query([folder('F1', 10), folder('F2', 20)], true),
        () => { marks.push(ctx.publicHighWater); return query([folder('F3', 30)]); },
        query([]),
      ]);
      assert.deepEqual(requests.map((r) => r.op === 'queryRecords' && [r.recordType, r.modifiedAfter, r.limit]), [
        ['CD_Folder', null, 2], ['CD_Folder', 19, 2], ['CD_Tag', 19, 2],
      ]);
      assert.deepEqual(marks, [19]);
      assert.equal(ctx.publicHighWater, 30);
    });

    it('moreComing with an empty page stops paging that type', () => {
      const ctx = publicCtx();
      const { requests } = drive(pollPublic(ctx), [query([], true), query([])]);
      assert.deepEqual(requests.map((r) => r.op === 'queryRecords' && r.recordType), ['CD_Folder', 'CD_Tag']);
    });

    it('the event lists at most eventDetailLimit records, with the full count and moreComing', () => {
      const ctx = publicCtx({ eventDetailLimit: 1 });
      drive(pollPublic(ctx), [query([folder('F1', 1), folder('F2', 2)], true), query([]), query([])]);
      assert.deepEqual(ctx.events.filter((e) => e.kind === 'engine.fetchedRecordZoneChanges')[0], { ...fetched([['F1', 'CD_Folder']], true), modificationCount: 2 });
    });

    it('unknownItem (an uninitialised record type) skips that type', () => {
      const ctx = publicCtx();
      const { requests, result } = drive(pollPublic(ctx), [{ op: 'queryRecords', error: ckError(11), records: [], moreComing: false }, query([tag('T1', 5)])]);
      assert.equal(requests.length, 2);
      assert.deepEqual(result, { error: null });
      assert.equal(ctx.publicHighWater, 5);
    });

    it('another error fails or retries the poll and keeps the mark', () => {
      const ctx = publicCtx();
      ctx.publicHighWater = 7;
      const busy = ckError(7, { retryAfterSeconds: 12 });
      const { requests, result } = drive(pollPublic(ctx), [{ op: 'queryRecords', error: busy, records: [folder('F1', 99)], moreComing: false }]);
      assert.equal(requests.length, 1);
      assert.deepEqual(result, { error: busy, retryAfterMs: 12_000 });
      assert.equal(ctx.publicHighWater, 7);
      assert.equal(ctx.store.objects.size, 0);
      const denied = ckError(10);
      assert.deepEqual(drive(pollPublic(ctx), [{ op: 'queryRecords', error: denied, records: [], moreComing: false }]).result, { error: denied });
    });

    it('a wrong answer is an internal error', () => {
      const ctx = publicCtx();
      assert.deepEqual(drive(pollPublic(ctx), [{ op: 'modifyRecordZones', error: null }]).result, { error: ckError(1) });
    });

    it('importAct on a public-scope device polls instead of fetching changes', () => {
      const ctx = publicCtx();
      ctx.t = 2500;
      const { requests, result } = drive(importAct(ctx, 'PublicDatabasePoll'), [query([]), query([])]);
      assert.deepEqual(result, { error: null });
      assert.deepEqual(requests.map((r) => r.op), ['queryRecords', 'queryRecords']);
      assert.deepEqual(ctx.events, [
        { kind: 'engine.willFetchChanges', label: 'PublicDatabasePoll' }, fetched([], false), fetched([], false), { kind: 'engine.didFetchChanges', error: null },
      ]);
      assert.equal(ctx.lastImportT, 2500);
    });
  });
});
