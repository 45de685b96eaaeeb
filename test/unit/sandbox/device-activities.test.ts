/**
 * The device's activities driven through a small engine (src/core/sandbox/device/device.ts and activities/):
 * export batches cut by `exportMaxRecords` / `exportMaxBytes`, the limitExceeded split, the retry with
 * retry-after and its `Retry-` label, import paging by `importPageSize` with the zone token advancing per page,
 * duplicate requests cancelled with 134417, dasd deferrals, and a sign-out's reset. The model, seeds and
 * options are ours; the expected sequences follow the activity code paths (TN3163/TN3164 event order).
 */
import assert from 'node:assert/strict';
import { Sandbox } from '../../../src/core/sandbox';
import type { SandboxConfig, SandboxEvent } from '../../../src/core/sandbox';

const TAG_MODEL = { entities: [{ name: 'Tag', attributes: [{ name: 'label', type: 'String' }] }] };

function sandbox(options: SandboxConfig['options'] = {}): Sandbox {
  const s = new Sandbox({ model: { kind: 'spec', spec: TAG_MODEL }, seed: 7, devices: [{ id: 'A' }, { id: 'B' }], environment: 'development', options });
  s.runUntilIdle();
  return s;
}

/** Events of one device since `from`, of the given kinds, without their uuids (drawn from the seed). */
function trace(s: Sandbox, device: string, from: number, kinds: readonly string[]): Record<string, unknown>[] {
  return s.events().slice(from)
    .filter((e) => e.device === device && kinds.includes(e.kind))
    .map((e) => {
      const { seq: _s, device: _d, requestId: _r, identifier: _i, storeIdentifier: _st, ...rest } = e as SandboxEvent & Record<string, unknown>;
      return rest;
    });
}

function insertTags(s: Sandbox, ids: string[], label?: string): void {
  s.apply({ type: 'save', device: 'A', changes: ids.map((id) => ({ op: 'insert' as const, entity: 'Tag', id, ...(label ? { values: { label } } : {}) })) });
}

const ZONE = 'com.apple.coredata.cloudkit.zone';
const sent = (names: string[]): Record<string, unknown> => ({
  kind: 'engine.sentRecordZoneChanges', zone: ZONE, saved: names.map((recordName) => ({ recordName, recordType: 'CD_Tag' })), savedCount: names.length,
  failedSaves: [], deleted: [], deletedCount: 0, failedDeletes: [],
});

describe('sandbox: device activities', () => {
  describe('export', () => {
    it('sends at most exportMaxRecords records per modifyRecords', () => {
      const s = sandbox({ exportMaxRecords: 2 });
      const from = s.events().length;
      insertTags(s, ['T1', 'T2', 'T3']);
      s.runUntilIdle();
      assert.deepEqual(trace(s, 'A', from, ['engine.willSendChanges', 'engine.sentRecordZoneChanges', 'engine.didSendChanges']), [
        { t: 1400, kind: 'engine.willSendChanges', label: 'ContextSave' },
        { t: 1500, ...sent(['T1', 'T2']) },
        { t: 1600, ...sent(['T3']) },
        { t: 1600, kind: 'engine.didSendChanges', error: null },
      ]);
      assert.deepEqual(s.events().slice(from).filter((e) => e.kind === 'server.op' && e.op === 'modifyRecords').map((e) => (e as { itemCount: number }).itemCount), [2, 1]);
      assert.equal(s.inspectDevice('A').mirroring.lastExportT, 1600);
      assert.equal(s.inspectDevice('A').mirroring.pendingExportCount, 0);
    });

    it('cuts a batch before it would pass exportMaxBytes, but always sends one record', () => {
      // Each record is 'Tag' (3) + 'abcdef' (6) = 9 bytes: two do not fit in 17, one always goes.
      const s = sandbox({ exportMaxBytes: 17 });
      const from = s.events().length;
      insertTags(s, ['T1', 'T2'], 'abcdef');
      s.runUntilIdle();
      assert.deepEqual(trace(s, 'A', from, ['engine.sentRecordZoneChanges']).map((e) => e.saved), [
        [{ recordName: 'T1', recordType: 'CD_Tag' }], [{ recordName: 'T2', recordType: 'CD_Tag' }],
      ]);
      const t = sandbox({ exportMaxBytes: 18 });
      const from2 = t.events().length;
      insertTags(t, ['T1', 'T2'], 'abcdef');
      t.runUntilIdle();
      assert.deepEqual(trace(t, 'A', from2, ['engine.sentRecordZoneChanges']).map((e) => e.savedCount), [2]);
    });

    it('limitExceeded splits the batch in half and says so', () => {
      const s = sandbox();
      s.apply({ type: 'addErrorRule', rule: { id: 'big', match: { op: 'modifyRecords', device: 'A' }, error: { code: 27 }, times: 1 } });
      const from = s.events().length;
      insertTags(s, ['T1', 'T2', 'T3']);
      s.runUntilIdle();
      assert.deepEqual(trace(s, 'A', from, ['warning']), [{ t: 1500, kind: 'warning', message: 'A: limitExceeded for 3 items; retrying in batches of 2' }]);
      assert.deepEqual(trace(s, 'A', from, ['engine.sentRecordZoneChanges']).map((e) => e.savedCount), [0, 2, 1]);
    });

    it('a retryable error retries after its retry-after, keeping one Retry- prefix', () => {
      const s = sandbox();
      s.apply({ type: 'addErrorRule', rule: { id: 'busy', match: { op: 'modifyRecords', device: 'A' }, error: { code: 7, retryAfterSeconds: 30 }, times: 2 } });
      const from = s.events().length;
      insertTags(s, ['T1']);
      // Saved at 400, exported after the 1 s debounce, failed at 1500: the retry waits in the queue.
      s.advance(1_600);
      assert.deepEqual(s.inspectDevice('A').mirroring.queued.map((q) => [q.activity, q.label]), [['export', 'Retry-ContextSave']]);
      assert.equal(s.inspectDevice('A').mirroring.waitingUntilT, 31_500);
      s.advance(30_100);
      assert.deepEqual(s.inspectDevice('A').mirroring.queued.map((q) => [q.activity, q.label]), [['export', 'Retry-ContextSave']]);
      s.runUntilIdle();
      const retries = trace(s, 'A', from, ['scheduler.retry']);
      assert.deepEqual(retries.map((r) => [r.t, r.activity, r.atT, r.afterMs, (r.error as { code: number }).code]), [
        [1500, 'export', 31_500, 30_000, 7],
        [31_600, 'export', 61_600, 30_000, 7],
      ]);
      assert.deepEqual(trace(s, 'A', from, ['cloudkit.event']).filter((e) => e.endDate !== null).map((e) => [e.eventType, e.succeeded]),
        [['export', false], ['export', false], ['export', true]]);
      assert.equal(s.inspectDevice('A').mirroring.lastExportT, 61_700);
    });

    it('a non-retryable error ends the export failed without a retry', () => {
      const s = sandbox();
      s.apply({ type: 'addErrorRule', rule: { id: 'perm', match: { op: 'modifyRecords', device: 'A' }, error: { code: 10 }, times: 1 } });
      const from = s.events().length;
      insertTags(s, ['T1']);
      s.runUntilIdle();
      assert.deepEqual(trace(s, 'A', from, ['scheduler.retry']), []);
      const end = trace(s, 'A', from, ['engine.didSendChanges'])[0] as { error: { code: number } };
      assert.equal(end.error.code, 10);
      assert.equal(s.inspectDevice('A').mirroring.lastExportT, null);
      assert.equal(s.inspectDevice('A').mirroring.pendingExportCount, 1);
    });
  });

  describe('import', () => {
    it('pages by importPageSize and advances the zone token per page', () => {
      const s = sandbox({ importPageSize: 2 });
      const from = s.events().length;
      insertTags(s, ['T1', 'T2', 'T3']);
      s.runUntilIdle();
      const kinds = ['engine.fetchedRecordZoneChanges', 'engine.stateUpdate', 'store.saved', 'engine.didFetchRecordZoneChanges'];
      const b = trace(s, 'B', from, kinds);
      assert.deepEqual(b.slice(0, 7), [
        { t: 2150, kind: 'store.saved', author: 'NSCloudKitMirroringDelegate.import', transaction: 1, inserted: 2, updated: 0, deleted: 0, ids: ['T1', 'T2'] },
        {
          t: 2150, kind: 'engine.fetchedRecordZoneChanges', zone: ZONE, modifications: [{ recordName: 'T1', recordType: 'CD_Tag' }, { recordName: 'T2', recordType: 'CD_Tag' }],
          modificationCount: 2, deletions: [], deletionCount: 0, moreComing: true,
        },
        { t: 2150, kind: 'engine.stateUpdate', databaseToken: 'D1', zoneToken: 'Z2' },
        { t: 2250, kind: 'store.saved', author: 'NSCloudKitMirroringDelegate.import', transaction: 2, inserted: 1, updated: 0, deleted: 0, ids: ['T3'] },
        {
          t: 2250, kind: 'engine.fetchedRecordZoneChanges', zone: ZONE, modifications: [{ recordName: 'T3', recordType: 'CD_Tag' }],
          modificationCount: 1, deletions: [], deletionCount: 0, moreComing: false,
        },
        { t: 2250, kind: 'engine.stateUpdate', databaseToken: 'D1', zoneToken: 'Z3' },
        { t: 2250, kind: 'engine.didFetchRecordZoneChanges', zone: ZONE, error: null },
      ]);
      assert.deepEqual(s.inspectDevice('B').objects.map((o) => o.id).sort(), ['T1', 'T2', 'T3']);
    });
  });

  describe('activity queue', () => {
    it('a second manual request of a pending type is cancelled with 134417', () => {
      const s = sandbox();
      s.apply({ type: 'setNetwork', device: 'A', mode: 'offline' });
      const from = s.events().length;
      s.apply({ type: 'sendChanges', device: 'A' } as never);
      s.apply({ type: 'sendChanges', device: 'A' } as never);
      const ev = trace(s, 'A', from, ['scheduler.requested', 'scheduler.cancelled', 'scheduler.decision']);
      assert.deepEqual(ev.map((e) => [e.kind, e.activity, e.label ?? e.decision ?? null]), [
        ['scheduler.requested', 'export', 'Manual'],
        ['scheduler.decision', 'export', 'defer'],
        ['scheduler.requested', 'export', 'Manual'],
        ['scheduler.cancelled', 'export', null],
      ]);
      assert.equal(ev[1].policy, 'NetworkPolicy');
      const cancelled = s.events().slice(from).find((e) => e.kind === 'scheduler.cancelled') as unknown as { requestId: string; error: { code: number; name: string; message: string } };
      assert.deepEqual([cancelled.error.code, cancelled.error.name, cancelled.error.message],
        [134417, 'pendingRequest', `Request '${cancelled.requestId}' was cancelled because there is already a pending request of type 'NSCloudKitMirroringExportRequest'.`]);
    });

    it('a dasd deferral is logged once and lifted at its end', () => {
      const s = sandbox();
      s.apply({ type: 'setScheduler', device: 'A', policy: 'defer', reason: 'LowPowerModePolicy', untilMs: 10_000 });
      const from = s.events().length;
      s.apply({ type: 'sendChanges', device: 'A' } as never);
      s.runUntilIdle();
      const ev = trace(s, 'A', from, ['scheduler.decision']);
      assert.deepEqual(ev.map((e) => [e.t, e.decision, e.policy, e.untilT]), [[400, 'defer', 'LowPowerModePolicy', 10_000], [10_000, 'proceed', null, null]]);
    });
  });

  describe('account', () => {
    it('signing out resets with AccountLogout and purges local data', () => {
      const s = sandbox();
      insertTags(s, ['T1']);
      s.runUntilIdle();
      const from = s.events().length;
      s.apply({ type: 'account', device: 'A', action: 'signOut' });
      s.runUntilIdle();
      const ev = trace(s, 'A', from, ['device.account', 'engine.accountChange', 'engine.reset', 'store.saved']);
      assert.deepEqual(ev.map(({ t: _t, ...e }) => e), [
        { kind: 'device.account', user: null, previousUser: 'user1' },
        { kind: 'engine.accountChange', changeType: 'signOut', previousUser: 'user1', currentUser: null },
        { kind: 'engine.reset', phase: 'will', reason: 'AccountLogout', reasonCode: 2, error: ev[2].error },
        { kind: 'store.saved', author: 'NSCloudKitMirroringDelegate.reset', transaction: 2, inserted: 0, updated: 0, deleted: 1, ids: ['T1'] },
        { kind: 'engine.reset', phase: 'did', reason: 'AccountLogout', reasonCode: 2, error: ev[2].error },
      ]);
      assert.deepEqual(ev[2].error, {
        domain: 'NSCocoaErrorDomain', name: 'accountChange', code: 134415, description: 'A Core Data error occurred.',
        message: 'The mirroring delegate reset because the iCloud account changed.',
      });
      assert.equal(s.inspectDevice('A').objectCount, 0);
      assert.equal(s.inspectDevice('A').mirroring.setup, 'failed');
      assert.equal(s.inspectDevice('A').mirroring.setupError?.code, 134400);
    });
  });
});
