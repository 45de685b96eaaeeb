/**
 * The export activity's answers to server errors (src/core/sandbox/device/activities/export.ts), driven with
 * scripted server responses on a hand-made device context: serverRecordChanged under serverWins and
 * clientWins, unknownItem under deleteWins and editResurrects (and on an insert, where it says nothing about a
 * deletion), zoneNotFound / userDeletedZone and their resets, changed keys vs all keys in the saved record,
 * the bookkeeping of what was saved while the request was in flight, and share-zone objects left to the share
 * export. The objects, tags and errors are ours; the expected values follow the code paths and the sources
 * cited there (sync-semantics.md §2.2, §5 #3, TN3164).
 */
import assert from 'node:assert/strict';
import type { CKErrorInfo, ObjectChange } from '../../../src/core/sandbox/api';
import { exportAct, exportBody } from '../../../src/core/sandbox/device/activities/export';
import { DIVERGENCE_SOURCES } from '../../../src/core/sandbox/device/divergence';
import { prepareSave } from '../../../src/core/sandbox/device/local-saves';
import { ckError, partialFailure } from '../../../src/core/sandbox/errors';
import { PUBLIC_DEFAULT_ZONE } from '../../../src/core/sandbox/server/storage';
import { drive, modified, record } from './device-drive';
import { fakeCtx } from './device-fixtures';
import type { FakeCtx } from './device-fixtures';

const ZONE = 'com.apple.coredata.cloudkit.zone';
const STR = { kind: 'primitive', base: 'STRING', encrypted: false };
const ASSET = { kind: 'primitive', base: 'ASSET', encrypted: false };
const TAG_TYPES = { CD_entityName: STR, CD_label: STR, CD_label_ckAsset: ASSET };

function save(ctx: FakeCtx, changes: ObjectChange[]): void {
  prepareSave(ctx, changes).commit();
}

/** A device whose objects were exported before (change tag ct-<id>), then the given edits; events cleared. */
function exported(ids: string[], edits: ObjectChange[] = [], over: Parameters<typeof fakeCtx>[0] = {}): FakeCtx {
  const ctx = fakeCtx(over);
  save(ctx, ids.map((id) => ({ op: 'insert', entity: 'Tag', id, values: { label: `old ${id}` } })));
  for (const id of ids) { const o = ctx.store.objects.get(id)!; o.changeTag = `ct-${id}`; o.onServer = true; }
  ctx.store.dirty.clear();
  if (edits.length > 0) save(ctx, edits);
  ctx.events.length = 0;
  ctx.requests.length = 0;
  return ctx;
}

function values(ctx: FakeCtx, id: string): unknown {
  const o = ctx.store.objects.get(id);
  return o && { label: o.values.label, changeTag: o.changeTag, onServer: o.onServer };
}

const conflict = (name: string): CKErrorInfo => ckError(14, { message: `record ${name} changed` });
const partial = (items: [string, CKErrorInfo][]): CKErrorInfo => partialFailure(items.map(([n, error]) => ({ itemId: n, error })));

describe('sandbox: device export errors', () => {
  describe('the request', () => {
    it('sends only the changed keys under changedKeys, with the object\'s change tag', () => {
      const ctx = exported(['T1'], [{ op: 'update', id: 'T1', values: { label: 'new' } }]);
      const { requests } = drive(exportBody(ctx), [modified([['T1', 'CD_Tag', 'ct-2']])]);
      assert.deepEqual(requests, [{
        op: 'modifyRecords', database: 'private', zone: ZONE, deletes: [], savePolicy: 'changedKeys', atomic: true, assets: new Map(),
        saves: [{ recordName: 'T1', recordType: 'CD_Tag', fields: { CD_entityName: 'Tag', CD_label: 'new', CD_label_ckAsset: null }, changeTag: 'ct-T1', types: TAG_TYPES }],
      }]);
    });

    it('sends every key under allKeys (an edit of one key)', () => {
      const ctx = exported([], [], { options: { exportSavePolicy: 'allKeys' } });
      save(ctx, [{ op: 'insert', entity: 'Cover', id: 'C1', values: { color: 'red' } }]);
      const o = ctx.store.objects.get('C1')!; o.changeTag = 'ct-C1'; o.onServer = true;
      ctx.store.dirty.clear();
      save(ctx, [{ op: 'update', id: 'C1', values: { color: 'blue' } }]);
      const { requests } = drive(exportBody(ctx), [modified([['C1', 'CD_Cover', 'ct-2']])]);
      const req = requests[0] as Extract<typeof requests[0], { op: 'modifyRecords' }>;
      assert.equal(req.savePolicy, 'allKeys');
      assert.deepEqual(req.saves[0].fields, { CD_entityName: 'Cover', CD_note: null, CD_color: 'blue', CD_color_ckAsset: null });
    });

    it('the public database: its zone and a non-atomic operation', () => {
      const ctx = fakeCtx({ scope: 'public' });
      Object.assign(ctx, { zone: PUBLIC_DEFAULT_ZONE });
      save(ctx, [{ op: 'insert', entity: 'Tag', id: 'T1' }]);
      const { requests } = drive(exportBody(ctx), [modified([['T1', 'CD_Tag', 'ct-1']])]);
      assert.deepEqual(requests.map((r) => r.op === 'modifyRecords' && [r.database, r.zone, r.atomic]), [['public', PUBLIC_DEFAULT_ZONE, false]]);
    });

    it('records are in flight only while the request is out', () => {
      const ctx = exported(['T1'], [{ op: 'update', id: 'T1', values: { label: 'new' } }]);
      let during: string[] = [];
      drive(exportBody(ctx), [() => { during = [...ctx.inFlight]; return modified([['T1', 'CD_Tag', 'ct-2']]); }]);
      assert.deepEqual(during, ['T1']);
      assert.deepEqual([...ctx.inFlight], []);
    });

    it('objects in a share zone are left to the share export: nothing is sent', () => {
      const ctx = exported([], [{ op: 'insert', entity: 'Tag', id: 'T1' }]);
      ctx.sharing.zoneOf.set('T1', 'com.apple.coredata.cloudkit.share.S1');
      const { requests, result } = drive(exportBody(ctx), []);
      assert.deepEqual(requests, []);
      assert.deepEqual(result, { error: null });
      assert.deepEqual([...ctx.store.dirty.keys()], ['T1']);
    });

    it('a many-to-many link is saved as a CDMR record; a dirty link that is gone is dropped', () => {
      const ctx = exported([], [
        { op: 'insert', entity: 'Tag', id: 'T1' }, { op: 'insert', entity: 'Note', id: 'N1', relationships: { tags: ['T1'] } },
      ]);
      ctx.store.dirty.delete('T1'); ctx.store.dirty.delete('N1');
      const link = [...ctx.store.links.keys()][0];
      ctx.store.markDirty({ id: 'CDMR_gone', entity: 'CDMR' }, 'CDMR', null, 1);
      const { requests } = drive(exportBody(ctx), [modified([[link, 'CDMR', 'ct-l']])]);
      const req = requests[0] as Extract<typeof requests[0], { op: 'modifyRecords' }>;
      assert.deepEqual(req.saves, [{
        recordName: link, recordType: 'CDMR', changeTag: null, types: { CD_entityNames: STR, CD_recordNames: STR, CD_relationships: STR },
        fields: { CD_entityNames: 'Note:Tag', CD_recordNames: 'N1:T1', CD_relationships: 'tags:notes' },
      }]);
      assert.equal(ctx.store.dirty.size, 0);
    });
  });

  describe('what a response clears', () => {
    it('a saved record takes the server\'s tag; an object edited while in flight stays dirty', () => {
      const ctx = exported(['T1', 'T2'], [{ op: 'update', id: 'T1', values: { label: 'a' } }, { op: 'update', id: 'T2', values: { label: 'b' } }]);
      const { requests } = drive(exportBody(ctx), [
        () => { save(ctx, [{ op: 'update', id: 'T2', values: { label: 'b2' } }]); return modified([['T1', 'CD_Tag', 'ct-1b'], ['T2', 'CD_Tag', 'ct-2b']]); },
        modified([['T2', 'CD_Tag', 'ct-2c']]),
      ]);
      assert.equal(requests.length, 2);
      const second = requests[1] as Extract<typeof requests[0], { op: 'modifyRecords' }>;
      assert.deepEqual(second.saves.map((s) => [s.recordName, s.changeTag, s.fields.CD_label]), [['T2', 'ct-2b', 'b2']]);
      assert.deepEqual([values(ctx, 'T1'), values(ctx, 'T2')], [
        { label: 'a', changeTag: 'ct-1b', onServer: true }, { label: 'b2', changeTag: 'ct-2c', onServer: true },
      ]);
      assert.equal(ctx.store.dirty.size, 0);
    });

    it('a record saved after an import deleted the object locally is deleted again', () => {
      const ctx = exported([], [{ op: 'insert', entity: 'Tag', id: 'T1' }]);
      const { requests } = drive(exportBody(ctx), [
        () => { ctx.store.objects.delete('T1'); ctx.store.dirty.delete('T1'); return modified([['T1', 'CD_Tag', 'ct-1']]); },
        modified([], { deleted: ['T1'] }),
      ]);
      assert.deepEqual(requests[1].op === 'modifyRecords' && requests[1].deletes, [{ recordName: 'T1', recordType: 'CD_Tag' }]);
      assert.equal(ctx.store.dirty.size, 0);
    });

    it('a confirmed delete is cleared and listed in the event', () => {
      const ctx = exported(['T1'], [{ op: 'delete', id: 'T1' }]);
      const { requests } = drive(exportBody(ctx), [modified([], { deleted: ['T1'] })]);
      assert.deepEqual(requests[0].op === 'modifyRecords' && [requests[0].saves, requests[0].deletes], [[], [{ recordName: 'T1', recordType: 'CD_Tag' }]]);
      assert.equal(ctx.store.dirty.size, 0);
      assert.deepEqual(ctx.events, [{
        kind: 'engine.sentRecordZoneChanges', zone: ZONE, saved: [], savedCount: 0, failedSaves: [], deleted: ['T1'], deletedCount: 1, failedDeletes: [],
      }]);
    });

    it('the event lists at most eventDetailLimit saved and deleted records, with the full counts', () => {
      const ctx = exported(['D1', 'D2'], [{ op: 'delete', id: 'D1' }, { op: 'delete', id: 'D2' }, { op: 'insert', entity: 'Tag', id: 'T1' }, { op: 'insert', entity: 'Tag', id: 'T2' }], { options: { eventDetailLimit: 1 } });
      drive(exportBody(ctx), [modified([['T1', 'CD_Tag', 'a'], ['T2', 'CD_Tag', 'b']], { deleted: ['D1', 'D2'] })]);
      assert.deepEqual(ctx.events, [{
        kind: 'engine.sentRecordZoneChanges', zone: ZONE, saved: [{ recordName: 'T1', recordType: 'CD_Tag' }], savedCount: 2,
        failedSaves: [], deleted: ['D1'], deletedCount: 2, failedDeletes: [],
      }]);
    });

    it('an answer of the wrong kind is an internal error', () => {
      const ctx = exported([], [{ op: 'insert', entity: 'Tag', id: 'T1' }]);
      const { result } = drive(exportBody(ctx), [{ op: 'modifyRecordZones', error: null }]);
      assert.deepEqual(result, { error: ckError(1) });
      assert.deepEqual([...ctx.inFlight], []);
    });
  });

  describe('serverRecordChanged (14)', () => {
    const serverT1 = record('T1', { CD_entityName: 'Tag', CD_label: 'theirs' }, { changeTag: 'ct-theirs' });

    it('serverWins: the server record is merged in by an import transaction and the change is dropped', () => {
      const ctx = exported(['T1'], [{ op: 'update', id: 'T1', values: { label: 'mine' } }]);
      ctx.t = 5000;
      const e = partial([['T1', conflict('T1')]]);
      const { requests, result } = drive(exportBody(ctx), [modified([], { error: e, itemErrors: [['T1', conflict('T1')]], serverRecords: [['T1', serverT1]] })]);
      assert.equal(requests.length, 1);
      assert.deepEqual(result, { error: null });
      assert.deepEqual(values(ctx, 'T1'), { label: 'theirs', changeTag: 'ct-theirs', onServer: true });
      assert.equal(ctx.store.dirty.size, 0);
      assert.deepEqual(ctx.events, [
        {
          kind: 'engine.sentRecordZoneChanges', zone: ZONE, saved: [], savedCount: 0, deleted: [], deletedCount: 0, failedDeletes: [],
          failedSaves: [{ record: { recordName: 'T1', recordType: 'CD_Tag' }, error: conflict('T1') }],
        },
        { kind: 'store.saved', author: 'NSCloudKitMirroringDelegate.import', transaction: 3, inserted: 0, updated: 1, deleted: 0, ids: ['T1'] },
      ]);
      assert.deepEqual(ctx.store.history.at(-1), { seq: 3, t: 5000, author: 'NSCloudKitMirroringDelegate.import', inserted: [], updated: ['T1'], deleted: [] });
    });

    it('clientWins: the server\'s tag is adopted and the local values are sent again', () => {
      const ctx = exported(['T1'], [{ op: 'update', id: 'T1', values: { label: 'mine' } }], { options: { conflictResolution: 'clientWins' } });
      const { requests, result } = drive(exportBody(ctx), [
        modified([], { error: partial([['T1', conflict('T1')]]), itemErrors: [['T1', conflict('T1')]], serverRecords: [['T1', serverT1]] }),
        modified([['T1', 'CD_Tag', 'ct-final']]),
      ]);
      assert.deepEqual(result, { error: null });
      assert.deepEqual(requests.map((r) => r.op === 'modifyRecords' && r.saves.map((s) => [s.changeTag, s.fields.CD_label])), [[['ct-T1', 'mine']], [['ct-theirs', 'mine']]]);
      assert.deepEqual(values(ctx, 'T1'), { label: 'mine', changeTag: 'ct-final', onServer: true });
      assert.deepEqual(ctx.events.map((e) => e.kind), ['engine.sentRecordZoneChanges', 'engine.sentRecordZoneChanges']);
    });

    it('without the server record nothing is merged: the same save goes again', () => {
      const ctx = exported(['T1'], [{ op: 'update', id: 'T1', values: { label: 'mine' } }]);
      const { requests } = drive(exportBody(ctx), [
        modified([], { error: partial([['T1', conflict('T1')]]), itemErrors: [['T1', conflict('T1')]] }),
        modified([['T1', 'CD_Tag', 'ct-final']]),
      ]);
      assert.deepEqual(requests.map((r) => r.op === 'modifyRecords' && r.saves.map((s) => s.changeTag)), [['ct-T1'], ['ct-T1']]);
      assert.deepEqual(values(ctx, 'T1'), { label: 'mine', changeTag: 'ct-final', onServer: true });
    });

    it('batchRequestFailed (22) items are neither failures nor resolved: they go again', () => {
      const ctx = exported(['T1', 'T2'], [{ op: 'update', id: 'T1', values: { label: 'x' } }, { op: 'update', id: 'T2', values: { label: 'y' } }]);
      const batch = ckError(22);
      const { requests, result } = drive(exportBody(ctx), [
        modified([], { error: partial([['T1', conflict('T1')], ['T2', batch]]), itemErrors: [['T1', conflict('T1')], ['T2', batch]], serverRecords: [['T1', serverT1]] }),
        modified([['T2', 'CD_Tag', 'ct-2b']]),
      ]);
      assert.deepEqual(result, { error: null });
      assert.deepEqual(requests.map((r) => r.op === 'modifyRecords' && r.saves.map((s) => s.recordName)), [['T1', 'T2'], ['T2']]);
      assert.deepEqual([values(ctx, 'T1'), values(ctx, 'T2')], [{ label: 'theirs', changeTag: 'ct-theirs', onServer: true }, { label: 'y', changeTag: 'ct-2b', onServer: true }]);
    });
  });

  describe('unknownItem (11)', () => {
    const gone = ckError(11, { serverMessage: 'record not found' });

    it('deleteWins: an edited object deleted on the server is deleted here, announced, and not exported', () => {
      const ctx = exported(['T1'], [{ op: 'update', id: 'T1', values: { label: 'mine' } }]);
      ctx.t = 7000;
      const { requests, result } = drive(exportBody(ctx), [modified([], { error: partial([['T1', gone]]), itemErrors: [['T1', gone]] })]);
      assert.equal(requests.length, 1);
      assert.deepEqual(result, { error: null });
      assert.equal(ctx.store.objects.has('T1'), false);
      assert.equal(ctx.store.dirty.size, 0);
      assert.equal(ctx.uiTransaction, 3);
      const src = DIVERGENCE_SOURCES.unknownItemDropsEdit;
      assert.deepEqual(ctx.events.slice(1), [
        { kind: 'store.saved', author: 'NSCloudKitMirroringDelegate.import', transaction: 3, inserted: 0, updated: 0, deleted: 1, ids: ['T1'] },
        { kind: 'store.remoteChange', transaction: 3 },
        {
          kind: 'warning', divergence: { cause: 'unknownItemDropsEdit', source: src, objects: ['T1'], count: 1 },
          message: `A: unknownItem (11): the server says 1 record(s) (T1) no longer exist; the pending change is dropped (a pending delete is done; under deleteWins an edited object is deleted locally) [${src}]`,
        },
      ]);
    });

    it('deleteWins: a Cascade rule\'s victims that were on the server are announced as not exported', () => {
      const ctx = fakeCtx();
      save(ctx, [{ op: 'insert', entity: 'Folder', id: 'F1', values: { name: 'f' } }, { op: 'insert', entity: 'Note', id: 'N1', relationships: { folder: 'F1' } }, { op: 'insert', entity: 'Note', id: 'N2', relationships: { folder: 'F1' } }]);
      for (const id of ['F1', 'N1']) { const o = ctx.store.objects.get(id)!; o.changeTag = 'ct'; o.onServer = true; }
      ctx.store.dirty.clear();
      save(ctx, [{ op: 'update', id: 'F1', values: { name: 'g' } }]);
      ctx.events.length = 0;
      ctx.observesRemoteChanges = false;
      drive(exportBody(ctx), [modified([], { error: partial([['F1', gone]]), itemErrors: [['F1', gone]] })]);
      assert.deepEqual([...ctx.store.objects.keys()], []);
      assert.equal(ctx.uiTransaction, 2, 'a UI that does not observe remote changes keeps its transaction');
      const warnings = ctx.events.filter((e) => e.kind === 'warning').map((e) => e.kind === 'warning' && e.divergence && [e.divergence.cause, e.divergence.objects]);
      assert.deepEqual(warnings, [['importCascadeNotExported', ['N1']], ['unknownItemDropsEdit', ['F1']]]);
    });

    it('a pending delete answered with unknownItem is done (announced)', () => {
      const ctx = exported(['T1'], [{ op: 'delete', id: 'T1' }]);
      const { result } = drive(exportBody(ctx), [modified([], { error: partial([['T1', gone]]), itemErrors: [['T1', gone]] })]);
      assert.deepEqual(result, { error: null });
      assert.equal(ctx.store.dirty.size, 0);
      assert.deepEqual(ctx.events.map((e) => e.kind === 'warning' ? e.divergence?.objects : e.kind === 'engine.sentRecordZoneChanges' ? [e.failedSaves, e.failedDeletes] : e.kind), [
        [[], [{ recordName: 'T1', error: gone }]], ['T1'],
      ]);
    });

    it('editResurrects: the object is uploaded again as new, with all keys and its many-to-many links', () => {
      const ctx = fakeCtx({ options: { deleteVsEdit: 'editResurrects' } });
      save(ctx, [{ op: 'insert', entity: 'Tag', id: 'T1', values: { label: 'old' } }, { op: 'insert', entity: 'Note', id: 'N1', relationships: { tags: ['T1'] } }]);
      const link = [...ctx.store.links.keys()][0];
      for (const id of ['T1', 'N1']) { const o = ctx.store.objects.get(id)!; o.changeTag = `ct-${id}`; o.onServer = true; }
      ctx.store.dirty.clear();
      save(ctx, [{ op: 'update', id: 'T1', values: { label: 'mine' } }]);
      ctx.events.length = 0;
      let between: unknown;
      const { requests, result } = drive(exportBody(ctx), [
        () => modified([], { error: partial([['T1', gone]]), itemErrors: [['T1', gone]] }),
        (req) => { between = values(ctx, 'T1'); return modified(req.op === 'modifyRecords' ? req.saves.map((s): [string, string, string] => [s.recordName, s.recordType, 'ct-new']) : []); },
      ]);
      assert.deepEqual(result, { error: null });
      assert.deepEqual(between, { label: 'mine', changeTag: null, onServer: false });
      const second = requests[1] as Extract<typeof requests[0], { op: 'modifyRecords' }>;
      assert.deepEqual(second.saves.map((s) => [s.recordName, s.changeTag]), [['T1', null], [link, null]]);
      assert.deepEqual(second.saves[0].fields, { CD_entityName: 'Tag', CD_label: 'mine', CD_label_ckAsset: null });
      assert.equal(ctx.events.some((e) => e.kind === 'warning'), false);
    });

    it('on an insert it says nothing about a deletion: the change stays and the export fails with the error', () => {
      const ctx = exported([], [{ op: 'insert', entity: 'Tag', id: 'T1' }]);
      const e = partial([['T1', gone]]);
      const { requests, result } = drive(exportBody(ctx), [modified([], { error: e, itemErrors: [['T1', gone]] })]);
      assert.equal(requests.length, 1);
      assert.deepEqual(result, { error: e });
      assert.deepEqual([...ctx.store.dirty.keys()], ['T1']);
      assert.equal(ctx.store.objects.has('T1'), true);
    });

    it('an unresolved item error beside a resolved one fails the export; the resolved one is still resolved', () => {
      const ctx = exported(['T1', 'T2'], [{ op: 'update', id: 'T1', values: { label: 'x' } }, { op: 'update', id: 'T2', values: { label: 'y' } }]);
      const denied = ckError(10);
      const e = partial([['T1', gone], ['T2', denied]]);
      const { result } = drive(exportBody(ctx), [modified([], { error: e, itemErrors: [['T1', gone], ['T2', denied]] })]);
      assert.deepEqual(result, { error: e });
      assert.deepEqual([...ctx.store.objects.keys()], ['T2']);
      assert.deepEqual([...ctx.store.dirty.keys()], ['T2']);
    });

    it('a retryable partial failure that is not resolved retries after its retry-after', () => {
      const ctx = exported(['T1'], [{ op: 'update', id: 'T1', values: { label: 'x' } }]);
      const busy = ckError(23, { retryAfterSeconds: 40 });
      const e = partial([['T1', busy]]);
      const { result } = drive(exportBody(ctx), [modified([], { error: e, itemErrors: [['T1', busy]] })]);
      assert.deepEqual(result, { error: e, retryAfterMs: 40_000 });
    });
  });

  describe('zone gone', () => {
    function zoneGone(code: 26 | 28): { ctx: FakeCtx; e: CKErrorInfo; result: unknown } {
      const ctx = exported(['T1'], [{ op: 'update', id: 'T1', values: { label: 'x' } }]);
      Object.assign(ctx, { dbToken: 4, zoneToken: 9, publicHighWater: 3 });
      const e = ckError(code);
      const { result } = drive(exportAct(ctx, 'Manual'), [{ op: 'modifyRecords', error: e, result: null }]);
      return { ctx, e, result };
    }

    it('zoneNotFound (26): ZoneDeleted reset, everything exported again from scratch after a new setup', () => {
      const { ctx, e, result } = zoneGone(26);
      assert.deepEqual(result, { error: e });
      assert.deepEqual(ctx.events, [
        { kind: 'engine.willSendChanges', label: 'Manual' },
        { kind: 'engine.sentRecordZoneChanges', zone: ZONE, saved: [], savedCount: 0, failedSaves: [], deleted: [], deletedCount: 0, failedDeletes: [] },
        { kind: 'engine.reset', phase: 'will', reason: 'ZoneDeleted', reasonCode: 5, error: e },
        { kind: 'engine.reset', phase: 'did', reason: 'ZoneDeleted', reasonCode: 5, error: e },
        { kind: 'engine.stateUpdate', databaseToken: null, zoneToken: null },
        { kind: 'engine.didSendChanges', error: e },
      ]);
      assert.deepEqual([ctx.dbToken, ctx.zoneToken, ctx.publicHighWater, ctx.setup, ctx.lastExportT], [null, null, null, 'notStarted', null]);
      assert.deepEqual(ctx.requests, [{ type: 'setup', label: 'Reset', internal: true }]);
      assert.deepEqual(values(ctx, 'T1'), { label: 'x', changeTag: null, onServer: false });
      assert.equal(ctx.store.dirty.get('T1')!.keys, null);
    });

    it('userDeletedZone (28): UserPurgedZone reset, local data purged and not re-uploaded', () => {
      const { ctx, e, result } = zoneGone(28);
      assert.deepEqual(result, { error: e });
      assert.deepEqual(ctx.events.filter((x) => x.kind === 'engine.reset').map((x) => x.kind === 'engine.reset' && [x.reason, x.reasonCode, x.error]), [
        ['UserPurgedZone', 4, e], ['UserPurgedZone', 4, e],
      ]);
      assert.deepEqual([ctx.store.objects.size, ctx.store.dirty.size, ctx.setup], [0, 0, 'notStarted']);
      assert.deepEqual(ctx.requests, [{ type: 'setup', label: 'Reset', internal: true }]);
    });

    it('limitExceeded on a single record is not split: the export fails', () => {
      const ctx = exported(['T1'], [{ op: 'update', id: 'T1', values: { label: 'x' } }]);
      const e = ckError(27);
      const { requests, result } = drive(exportBody(ctx), [{ op: 'modifyRecords', error: e, result: null }]);
      assert.equal(requests.length, 1);
      assert.deepEqual(result, { error: e });
      assert.equal(ctx.events.some((x) => x.kind === 'warning'), false);
    });

    it('a successful export records its time', () => {
      const ctx = exported(['T1'], [{ op: 'update', id: 'T1', values: { label: 'x' } }]);
      ctx.t = 4321;
      const { result } = drive(exportAct(ctx, 'ContextSave'), [modified([['T1', 'CD_Tag', 'n']])]);
      assert.deepEqual(result, { error: null });
      assert.equal(ctx.lastExportT, 4321);
      assert.deepEqual(ctx.events.at(-1), { kind: 'engine.didSendChanges', error: null });
    });
  });
});
