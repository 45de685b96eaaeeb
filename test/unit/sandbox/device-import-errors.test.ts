/**
 * The import activity for the private database (src/core/sandbox/device/activities/import.ts), driven with
 * scripted server responses on a hand-made device context: an expired change token (21) on the database or
 * the zone fetch, the Core Data zone deleted or purged (in the database changes or as zone errors 26/28), the
 * database token advancing only after a complete zone fetch, and a nil-token refetch that either announces
 * what it cannot see (D2) or diffs it away (`diffOnFullRefetch`). Records, tokens and errors are ours; the
 * expected values follow the code paths (sync-semantics.md §1.6, §5 #7, §5 #28).
 */
import assert from 'node:assert/strict';
import type { CKErrorInfo, ObjectChange } from '../../../src/core/sandbox/api';
import { importAct } from '../../../src/core/sandbox/device/activities/import';
import { DIVERGENCE_SOURCES } from '../../../src/core/sandbox/device/divergence';
import { prepareSave } from '../../../src/core/sandbox/device/local-saves';
import { ckError } from '../../../src/core/sandbox/errors';
import { dbChanges, drive, record, zoneChanges } from './device-drive';
import { fakeCtx } from './device-fixtures';
import type { FakeCtx } from './device-fixtures';

const ZONE = 'com.apple.coredata.cloudkit.zone';
const tag = (id: string, label: string, changeTag = `ct-${id}`): ReturnType<typeof record> => record(id, { CD_entityName: 'Tag', CD_label: label }, { changeTag });

/** A device holding the given tags from the server (on server, not dirty), with the given tokens; events cleared. */
function device(ids: string[], tokens: { db: number | null; zone: number | null }, options: Parameters<typeof fakeCtx>[0] = {}): FakeCtx {
  const ctx = fakeCtx(options);
  if (ids.length > 0) prepareSave(ctx, ids.map((id): ObjectChange => ({ op: 'insert', entity: 'Tag', id, values: { label: id } }))).commit();
  for (const id of ids) { const o = ctx.store.objects.get(id)!; o.changeTag = `ct-${id}`; o.onServer = true; }
  ctx.store.dirty.clear();
  ctx.dbToken = tokens.db;
  ctx.zoneToken = tokens.zone;
  ctx.events.length = 0;
  return ctx;
}

const resetEvents = (reason: string, code: number, error: CKErrorInfo | null): Record<string, unknown>[] => [
  { kind: 'engine.reset', phase: 'will', reason, reasonCode: code, error },
  { kind: 'engine.reset', phase: 'did', reason, reasonCode: code, error },
  { kind: 'engine.stateUpdate', databaseToken: null, zoneToken: null },
];

describe('sandbox: device import errors', () => {
  it('an up-to-date zone: only the database token moves, and the import time is recorded', () => {
    const ctx = device(['T1'], { db: 2, zone: 3 });
    ctx.t = 9000;
    const { requests, result } = drive(importAct(ctx, 'Push'), [dbChanges(['other.zone'], 5)]);
    assert.deepEqual(requests, [{ op: 'fetchDatabaseChanges', database: 'private', token: 2 }]);
    assert.deepEqual(result, { error: null });
    assert.deepEqual(ctx.events, [
      { kind: 'engine.willFetchChanges', label: 'Push' },
      { kind: 'engine.fetchedDatabaseChanges', modifications: ['other.zone'], deletions: [], moreComing: false },
      { kind: 'engine.stateUpdate', databaseToken: 'D5', zoneToken: 'Z3' },
      { kind: 'engine.didFetchChanges', error: null },
    ]);
    assert.deepEqual([ctx.dbToken, ctx.zoneToken, ctx.lastImportT], [5, 3, 9000]);
  });

  it('without a zone token the zone is fetched even when not reported changed', () => {
    const ctx = device([], { db: 2, zone: null });
    const { requests } = drive(importAct(ctx, 'Manual'), [dbChanges([], 5), zoneChanges([], 8)]);
    assert.deepEqual(requests[1], { op: 'fetchRecordZoneChanges', database: 'private', zone: ZONE, token: null, limit: 400 });
    assert.deepEqual([ctx.dbToken, ctx.zoneToken], [5, 8]);
  });

  describe('expired change token (21)', () => {
    it('on the database fetch: ServerChangeTokenExpired reset, then a fetch from a nil token', () => {
      const ctx = device(['T1'], { db: 2, zone: 3 });
      const expired = ckError(21);
      const { requests, result } = drive(importAct(ctx, 'Push'), [
        dbChanges([], 0, [], expired), dbChanges([ZONE], 6), zoneChanges([tag('T1', 'T1')], 11),
      ]);
      assert.deepEqual(result, { error: null });
      assert.deepEqual(requests.map((r) => [r.op, 'token' in r ? r.token : undefined]), [
        ['fetchDatabaseChanges', 2], ['fetchDatabaseChanges', null], ['fetchRecordZoneChanges', null],
      ]);
      assert.deepEqual(ctx.events.slice(1, 4), resetEvents('ServerChangeTokenExpired', 7, expired));
      assert.deepEqual([ctx.dbToken, ctx.zoneToken, ctx.resetCount], [6, 11, 1]);
    });

    it('twice on the database fetch: the second error fails the import (not retryable)', () => {
      const ctx = device([], { db: 2, zone: 3 });
      const expired = ckError(21);
      const { requests, result } = drive(importAct(ctx, 'Push'), [dbChanges([], 0, [], expired), dbChanges([], 0, [], expired)]);
      assert.equal(requests.length, 2);
      assert.deepEqual(result, { error: expired });
      assert.deepEqual(ctx.events.at(-1), { kind: 'engine.didFetchChanges', error: expired });
      assert.equal(ctx.lastImportT, null);
    });

    it('on the zone fetch: reset once and refetch the zone from a nil token; the refetch counts as full', () => {
      const ctx = device(['T1', 'T2'], { db: 2, zone: 3 });
      const expired = ckError(21);
      const { requests, result } = drive(importAct(ctx, 'Push'), [
        dbChanges([ZONE], 6), zoneChanges([], 0, { error: expired }), zoneChanges([tag('T1', 'T1')], 12),
      ]);
      assert.deepEqual(result, { error: null });
      assert.deepEqual(requests.slice(1).map((r) => 'token' in r && r.token), [3, null]);
      const src = DIVERGENCE_SOURCES.fullFetchMissesDeletions;
      assert.deepEqual(ctx.events.slice(1), [
        { kind: 'engine.fetchedDatabaseChanges', modifications: [ZONE], deletions: [], moreComing: false },
        { kind: 'engine.willFetchRecordZoneChanges', zone: ZONE },
        { kind: 'engine.didFetchRecordZoneChanges', zone: ZONE, error: expired },
        ...resetEvents('ServerChangeTokenExpired', 7, expired),
        { kind: 'engine.willFetchRecordZoneChanges', zone: ZONE },
        {
          kind: 'engine.fetchedRecordZoneChanges', zone: ZONE, modifications: [{ recordName: 'T1', recordType: 'CD_Tag' }], modificationCount: 1,
          deletions: [], deletionCount: 0, moreComing: false,
        },
        { kind: 'engine.stateUpdate', databaseToken: null, zoneToken: 'Z12' },
        {
          kind: 'warning', divergence: { cause: 'fullFetchMissesDeletions', source: src, objects: ['T2'], count: 1 },
          message: `A: a fetch from a nil change token did not return 1 object(s) this device has from CloudKit (T2): they were deleted on the server before the fetch, and a nil-token fetch reports no deletions, so they stay on this device [${src}]`,
        },
        { kind: 'engine.didFetchRecordZoneChanges', zone: ZONE, error: null },
        { kind: 'engine.didFetchChanges', error: null },
      ]);
      assert.deepEqual([ctx.dbToken, ctx.zoneToken], [6, 12]);
    });

    it('twice on the zone fetch: the second fails the import', () => {
      const ctx = device([], { db: 2, zone: 3 });
      const expired = ckError(21);
      const { requests, result } = drive(importAct(ctx, 'Push'), [
        dbChanges([ZONE], 6), zoneChanges([], 0, { error: expired }), zoneChanges([], 0, { error: expired }),
      ]);
      assert.equal(requests.length, 3);
      assert.deepEqual(result, { error: expired });
      assert.equal(ctx.resetCount, 1);
      assert.equal(ctx.dbToken, null, 'the database token does not advance past an incomplete zone fetch');
    });
  });

  describe('zone deleted or purged', () => {
    for (const [purged, reason, code] of [[false, 'ZoneDeleted', 5], [true, 'UserPurgedZone', 4]] as const) {
      it(`the database changes report the zone ${purged ? 'purged' : 'deleted'}: ${reason} reset with no error, setup again`, () => {
        const ctx = device(['T1'], { db: 2, zone: 3 });
        const { requests, result } = drive(importAct(ctx, 'Push'), [dbChanges([], 6, [{ zone: ZONE, purged }])]);
        assert.equal(requests.length, 1);
        assert.deepEqual(result, { error: null });
        assert.deepEqual(ctx.events[1], { kind: 'engine.fetchedDatabaseChanges', modifications: [], deletions: [{ zone: ZONE, reason: purged ? 'purged' : 'deleted' }], moreComing: false });
        assert.deepEqual(ctx.events.filter((e) => e.kind === 'engine.reset'), resetEvents(reason, code, null).slice(0, 2));
        assert.deepEqual([ctx.dbToken, ctx.zoneToken, ctx.setup], [null, null, 'notStarted']);
        assert.deepEqual(ctx.requests, [{ type: 'setup', label: 'Reset', internal: true }]);
        assert.equal(ctx.store.objects.size, purged ? 0 : 1);
      });

      it(`the zone ${purged ? 'purged' : 'deleted'} and recreated since the token: ${reason} reset, no zone fetch`, () => {
        const ctx = device(['T1'], { db: 2, zone: 3 });
        const { requests, result } = drive(importAct(ctx, 'Push'), [dbChanges([ZONE], 6, [{ zone: 'other', purged: false }, { zone: ZONE, purged }])]);
        assert.equal(requests.length, 1);
        assert.deepEqual(result, { error: null });
        assert.deepEqual(ctx.events.filter((e) => e.kind === 'engine.reset').map((e) => e.kind === 'engine.reset' && e.reason), [reason, reason]);
        assert.deepEqual(ctx.requests, [{ type: 'setup', label: 'Reset', internal: true }]);
      });
    }

    it('another zone deleted changes nothing here', () => {
      const ctx = device(['T1'], { db: 2, zone: 3 });
      drive(importAct(ctx, 'Push'), [dbChanges([], 6, [{ zone: 'other', purged: true }])]);
      assert.equal(ctx.resetCount, 0);
      assert.equal(ctx.dbToken, 6);
    });

    for (const [code, reason, rc] of [[26, 'ZoneDeleted', 5], [28, 'UserPurgedZone', 4]] as const) {
      it(`zone fetch error ${code}: ${reason} reset with the error, setup again, the import ends without error`, () => {
        const ctx = device(['T1'], { db: 2, zone: 3 });
        const e = ckError(code);
        const { result } = drive(importAct(ctx, 'Push'), [dbChanges([ZONE], 6), zoneChanges([], 0, { error: e })]);
        assert.deepEqual(result, { error: null });
        assert.deepEqual(ctx.events.filter((x) => x.kind === 'engine.reset').map((x) => x.kind === 'engine.reset' && [x.reason, x.reasonCode, x.error]), [[reason, rc, e], [reason, rc, e]]);
        assert.deepEqual([ctx.dbToken, ctx.setup], [null, 'notStarted']);
        assert.deepEqual(ctx.requests, [{ type: 'setup', label: 'Reset', internal: true }]);
      });
    }

    it('another zone fetch error fails or retries the import', () => {
      const ctx = device([], { db: 2, zone: 3 });
      const busy = ckError(7, { retryAfterSeconds: 20 });
      const { result } = drive(importAct(ctx, 'Push'), [dbChanges([ZONE], 6), zoneChanges([], 0, { error: busy })]);
      assert.deepEqual(result, { error: busy, retryAfterMs: 20_000 });
      assert.equal(ctx.resetCount, 0);
      assert.deepEqual(ctx.events.at(-1), { kind: 'engine.didFetchChanges', error: busy });
    });

    it('a database fetch error retries; a wrong answer is an internal error', () => {
      const ctx = device([], { db: 2, zone: 3 });
      const busy = ckError(6, { retryAfterSeconds: 15 });
      assert.deepEqual(drive(importAct(ctx, 'Push'), [dbChanges([], 0, [], busy)]).result, { error: busy, retryAfterMs: 15_000 });
      assert.deepEqual(drive(importAct(ctx, 'Push'), [{ op: 'modifyRecordZones', error: null }]).result, { error: ckError(1) });
      assert.deepEqual(drive(importAct(ctx, 'Push'), [dbChanges([ZONE], 6), { op: 'modifyRecordZones', error: null }]).result, { error: ckError(1) });
    });
  });

  describe('the database token after the zone fetch', () => {
    it('does not advance when setup is no longer succeeded', () => {
      const ctx = device([], { db: 2, zone: 3 });
      drive(importAct(ctx, 'Push'), [dbChanges([ZONE], 6), () => { ctx.setup = 'notStarted'; return zoneChanges([], 9); }]);
      assert.deepEqual([ctx.dbToken, ctx.zoneToken], [2, 9]);
    });

    it('pages: the zone token moves per page, the database token after the last', () => {
      const ctx = device([], { db: 2, zone: 3 }, { options: { importPageSize: 1 } });
      const seen: (number | null)[] = [];
      const { requests } = drive(importAct(ctx, 'Push'), [
        dbChanges([ZONE], 6),
        zoneChanges([tag('T1', 'a')], 4, { moreComing: true }),
        () => { seen.push(ctx.dbToken, ctx.zoneToken); return zoneChanges([tag('T2', 'b')], 5); },
      ]);
      assert.deepEqual(requests.slice(1).map((r) => r.op === 'fetchRecordZoneChanges' && [r.token, r.limit]), [[3, 1], [4, 1]]);
      assert.deepEqual(seen, [2, 4]);
      assert.deepEqual([ctx.dbToken, ctx.zoneToken], [6, 5]);
    });
  });

  describe('a full refetch (nil zone token)', () => {
    it('announces objects and links it did not return, but not dirty ones or ones never on the server', () => {
      const ctx = device(['T1', 'T2', 'T3'], { db: null, zone: null });
      prepareSave(ctx, [
        { op: 'update', id: 'T3', values: { label: 'edited' } }, { op: 'insert', entity: 'Tag', id: 'T4' },
        { op: 'insert', entity: 'Note', id: 'N1', relationships: { tags: ['T1'] } },
      ]).commit();
      const link = [...ctx.store.links.keys()][0];
      ctx.store.dirty.delete('N1');
      ctx.store.dirty.delete(link);
      ctx.events.length = 0;
      drive(importAct(ctx, 'Push'), [dbChanges([ZONE], 1), zoneChanges([tag('T1', 'T1')], 2)]);
      const w = ctx.events.find((e) => e.kind === 'warning');
      assert.deepEqual(w?.kind === 'warning' && w.divergence, { cause: 'fullFetchMissesDeletions', source: DIVERGENCE_SOURCES.fullFetchMissesDeletions, objects: ['T2', link], count: 2 });
    });

    it('with a zone token nothing is announced', () => {
      const ctx = device(['T1', 'T2'], { db: 1, zone: 3 });
      drive(importAct(ctx, 'Push'), [dbChanges([ZONE], 2), zoneChanges([], 4)]);
      assert.equal(ctx.events.some((e) => e.kind === 'warning'), false);
    });

    it('diffOnFullRefetch: what the server no longer has is deleted by an import transaction, without export', () => {
      const ctx = device(['T1', 'T2', 'T3'], { db: null, zone: null }, { options: { diffOnFullRefetch: true } });
      prepareSave(ctx, [{ op: 'update', id: 'T3', values: { label: 'edited' } }, { op: 'insert', entity: 'Tag', id: 'T4' }]).commit();
      ctx.events.length = 0;
      ctx.t = 3000;
      drive(importAct(ctx, 'Push'), [dbChanges([ZONE], 1), zoneChanges([tag('T1', 'new')], 2)]);
      assert.deepEqual([...ctx.store.objects.keys()].sort(), ['T1', 'T3', 'T4']);
      assert.deepEqual([...ctx.store.dirty.keys()].sort(), ['T3', 'T4']);
      assert.equal(ctx.events.some((e) => e.kind === 'warning'), false);
      const saved = ctx.events.filter((e) => e.kind === 'store.saved' || e.kind === 'store.remoteChange');
      assert.deepEqual(saved, [
        { kind: 'store.saved', author: 'NSCloudKitMirroringDelegate.import', transaction: 3, inserted: 0, updated: 1, deleted: 0, ids: ['T1'] },
        { kind: 'store.remoteChange', transaction: 3 },
        { kind: 'store.saved', author: 'NSCloudKitMirroringDelegate.import', transaction: 4, inserted: 0, updated: 0, deleted: 1, ids: ['T2'] },
        { kind: 'store.remoteChange', transaction: 4 },
      ]);
      assert.equal(ctx.uiTransaction, 4);
    });

    it('diffOnFullRefetch with a zone token deletes nothing', () => {
      const ctx = device(['T1', 'T2'], { db: 1, zone: 3 }, { options: { diffOnFullRefetch: true } });
      drive(importAct(ctx, 'Push'), [dbChanges([ZONE], 2), zoneChanges([], 4)]);
      assert.deepEqual([...ctx.store.objects.keys()], ['T1', 'T2']);
    });
  });
});
