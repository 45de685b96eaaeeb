/**
 * Resets and history purges (src/core/sandbox/device/resets.ts): the will/did/stateUpdate events with the
 * reason code, tokens dropped, and per reason whether local data is purged (UserPurgedZone, account changes
 * when accountChangePurgesLocalData), re-exported from scratch with or without the server metadata
 * (ZoneDeleted, account changes, HistoryExpired) or left alone (ServerChangeTokenExpired). Stores are ours.
 */
import assert from 'node:assert/strict';
import type { ResetReason } from '../../../src/core/sandbox/api';
import { purgeHistory, requeueSetup, reset } from '../../../src/core/sandbox/device/resets';
import { ckError } from '../../../src/core/sandbox/errors';
import { applyRecord } from '../../../src/core/sandbox/device/apply-records';
import { TxnBuilder } from '../../../src/core/sandbox/device/store';
import { fakeCtx } from './device-fixtures';
import type { FakeCtx } from './device-fixtures';

/** Objects F1, N1 (in F1), a link N1–T1 and T1, all on the server with change tags, tokens set, a pending delete of X. */
function synced(over: Parameters<typeof fakeCtx>[0] = {}): FakeCtx {
  const ctx = fakeCtx(over);
  const t = new TxnBuilder('NSCloudKitMirroringDelegate.import');
  const r = (recordName: string, recordType: string, fields: Record<string, unknown>): void => applyRecord(ctx, t, {
    recordName, recordType, fields: fields as never, changeTag: `ct-${recordName}`, createdT: 0, modifiedT: 0, modifiedBy: null, size: 0, seq: 1,
  });
  r('F1', 'CD_Folder', { CD_entityName: 'Folder' });
  r('N1', 'CD_Base', { CD_entityName: 'Note', CD_folder: 'F1' });
  r('T1', 'CD_Tag', { CD_entityName: 'Tag' });
  r('L1', 'CDMR', { CD_entityNames: 'Note:Tag', CD_recordNames: 'N1:T1', CD_relationships: 'tags:notes' });
  ctx.store.commit(t, 1);
  ctx.store.markDeleted('X', 'Note', 'CD_Base', 1);
  ctx.dbToken = 3;
  ctx.zoneToken = 4;
  ctx.publicHighWater = 5;
  return ctx;
}

function dirtySummary(ctx: FakeCtx): [string, string, boolean][] {
  return [...ctx.store.dirty].map(([id, d]) => [id, d.keys === null ? '*' : [...d.keys].join(','), d.deleted] as [string, string, boolean]).sort();
}

function resetEvents(reason: ResetReason, code: number, error: unknown): unknown[] {
  return [
    { kind: 'engine.reset', phase: 'will', reason, reasonCode: code, error },
    { kind: 'engine.reset', phase: 'did', reason, reasonCode: code, error },
    { kind: 'engine.stateUpdate', databaseToken: null, zoneToken: null },
  ];
}

describe('sandbox: device resets', () => {
  it('a token reset drops the tokens and keeps the store', () => {
    const ctx = synced();
    const e = ckError(21);
    reset(ctx, 'ServerChangeTokenExpired', e);
    assert.deepEqual(ctx.events, resetEvents('ServerChangeTokenExpired', 7, e));
    assert.deepEqual([ctx.dbToken, ctx.zoneToken, ctx.publicHighWater, ctx.resetCount], [null, null, null, 1]);
    assert.deepEqual(dirtySummary(ctx), [['X', '*', true]]);
    assert.equal(ctx.store.objects.get('N1')!.changeTag, 'ct-N1');
  });

  it('UserPurgedZone deletes every local object and link and exports nothing', () => {
    const ctx = synced();
    ctx.t = 777;
    reset(ctx, 'UserPurgedZone', null);
    assert.equal(ctx.store.objects.size, 0);
    assert.equal(ctx.store.links.size, 0);
    assert.equal(ctx.store.dirty.size, 0);
    const [will, saved, did, state] = ctx.events;
    assert.deepEqual([will, did, state], resetEvents('UserPurgedZone', 4, null));
    assert.deepEqual(saved, { kind: 'store.saved', author: 'NSCloudKitMirroringDelegate.reset', transaction: 2, inserted: 0, updated: 0, deleted: 3, ids: ['N1', 'F1', 'T1'] });
    assert.equal(ctx.store.history[1].t, 777);
    assert.equal(ctx.events.length, 4);
  });

  it('UserPurgedZone on an empty store posts no save', () => {
    const ctx = fakeCtx();
    reset(ctx, 'UserPurgedZone', null);
    assert.deepEqual(ctx.events, resetEvents('UserPurgedZone', 4, null));
  });

  for (const [reason, code] of [['AccountLogout', 2], ['AccountChange', 3], ['AccountLogin', 1]] as const) {
    it(`${reason} purges local data by default`, () => {
      const ctx = synced();
      reset(ctx, reason, null);
      assert.equal(ctx.store.objects.size, 0);
      assert.equal(ctx.store.dirty.size, 0);
      assert.deepEqual(ctx.events.map((e) => e.kind), ['engine.reset', 'store.saved', 'engine.reset', 'engine.stateUpdate']);
      assert.deepEqual(ctx.events[0], { kind: 'engine.reset', phase: 'will', reason, reasonCode: code, error: null });
    });

    it(`${reason} without purging re-exports everything as new`, () => {
      const ctx = synced({ options: { accountChangePurgesLocalData: false } });
      reset(ctx, reason, null);
      assert.deepEqual(ctx.events, resetEvents(reason, code, null));
      assert.deepEqual(dirtySummary(ctx), [['F1', '*', false], ['L1', '*', false], ['N1', '*', false], ['T1', '*', false], ['X', '*', true]]);
      assert.deepEqual([...ctx.store.objects.values()].map((o) => [o.changeTag, o.onServer]), [[null, false], [null, false], [null, false]]);
      assert.equal(ctx.store.dirty.get('L1')!.recordType, 'CDMR');
      assert.equal(ctx.store.dirty.get('N1')!.recordType, 'CD_Base');
    });
  }

  it('ZoneDeleted re-exports everything as new and drops pending deletes', () => {
    const ctx = synced();
    reset(ctx, 'ZoneDeleted', null);
    assert.deepEqual(dirtySummary(ctx), [['F1', '*', false], ['L1', '*', false], ['N1', '*', false], ['T1', '*', false]]);
    assert.deepEqual([...ctx.store.objects.values()].map((o) => [o.changeTag, o.onServer]), [[null, false], [null, false], [null, false]]);
    assert.deepEqual(ctx.events, resetEvents('ZoneDeleted', 5, null));
  });

  it('HistoryExpired re-exports everything but keeps change tags and pending deletes', () => {
    const ctx = synced();
    reset(ctx, 'HistoryExpired', null);
    assert.deepEqual(dirtySummary(ctx), [['F1', '*', false], ['L1', '*', false], ['N1', '*', false], ['T1', '*', false], ['X', '*', true]]);
    assert.deepEqual([...ctx.store.objects.values()].map((o) => [o.changeTag, o.onServer]), [['ct-F1', true], ['ct-N1', true], ['ct-T1', true]]);
    assert.equal(ctx.store.dirty.get('F1')!.firstTxn, 1);
  });

  it('requeueSetup marks setup not started and asks for it', () => {
    const ctx = fakeCtx();
    requeueSetup(ctx);
    assert.equal(ctx.setup, 'notStarted');
    assert.deepEqual(ctx.requests, [{ type: 'setup', label: 'Reset', internal: true }]);
  });

  describe('purgeHistory', () => {
    function withHistory(): FakeCtx {
      const ctx = fakeCtx();
      for (const [id, t] of [['A', 100], ['B', 200], ['C', 300]] as const) {
        const txn = new TxnBuilder('app');
        ctx.store.insert(txn, id, 'Tag', {});
        ctx.store.commit(txn, t);
      }
      ctx.t = 1000;
      return ctx;
    }

    it('purges nothing newer than the cut and posts nothing', () => {
      const ctx = withHistory();
      purgeHistory(ctx, 901);
      assert.deepEqual(ctx.events, []);
      assert.equal(ctx.store.history.length, 3);
    });

    it('purging exported history posts historyPurged only', () => {
      const ctx = withHistory();
      ctx.store.markDirty({ id: 'C', entity: 'Tag' }, 'CD_Tag', null, 3);
      purgeHistory(ctx, 800);
      assert.deepEqual(ctx.events, [{ kind: 'store.historyPurged', throughTransaction: 2 }]);
      assert.deepEqual(ctx.requests, []);
    });

    it('purging unexported history resets with HistoryExpired and requests an export', () => {
      const ctx = withHistory();
      ctx.store.markDirty({ id: 'B', entity: 'Tag' }, 'CD_Tag', null, 2);
      purgeHistory(ctx, 800);
      assert.deepEqual(ctx.events, [{ kind: 'store.historyPurged', throughTransaction: 2 }, ...resetEvents('HistoryExpired', 6, null)]);
      assert.deepEqual(ctx.requests, [{ type: 'export', label: 'HistoryExpired', internal: true }]);
    });

    it('a quit app resets without requesting an export', () => {
      const ctx = withHistory();
      ctx.appState = 'quit';
      ctx.store.markDirty({ id: 'A', entity: 'Tag' }, 'CD_Tag', null, 1);
      purgeHistory(ctx, 0);
      assert.deepEqual(ctx.events[0], { kind: 'store.historyPurged', throughTransaction: 3 });
      assert.equal(ctx.resetCount, 1);
      assert.deepEqual(ctx.requests, []);
    });
  });
});
