/**
 * The export with sharing (src/core/sandbox/device/activities/share-export.ts), driven with scripted server
 * responses on a hand-made device context: new objects joining the zone of a related shared object, leaving a
 * share, creating share zones (the 1,000-zone limit and the un-share), the zone's records, the records moved
 * out of the Core Data zone, the share record with ifServerRecordUnchanged (one merge-and-retry after
 * serverRecordChanged; the TN3164 "failure to save a share" line), stopping and purging, and a participant's
 * edits (permissionFailure kept unsynced; an object with no zone). Objects, users and errors are ours; the
 * expected values follow reference/sharing.md (S§n) and TN3164 as cited in the code.
 */
import assert from 'node:assert/strict';
import type { CKErrorInfo, ObjectChange } from '../../../src/core/sandbox/api';
import { assignZones, shareExportAct, shareExportBody } from '../../../src/core/sandbox/device/activities/share-export';
import { prepareSave } from '../../../src/core/sandbox/device/local-saves';
import { share } from '../../../src/core/sandbox/device/share-actions';
import type { LocalShare } from '../../../src/core/sandbox/device/sharing-state';
import { sharedView } from '../../../src/core/sandbox/device/store-view';
import { ckError, partialFailure } from '../../../src/core/sandbox/errors';
import type { ServerResponse } from '../../../src/core/sandbox/server/wire';
import { drive, modified, record } from './device-drive';
import { fakeCtx } from './device-fixtures';
import type { FakeCtx } from './device-fixtures';

const P = 'com.apple.coredata.cloudkit.share.';
const Z1 = `${P}S1`;
const CD_ZONE = 'com.apple.coredata.cloudkit.zone';
const SHARE_REF = { recordName: 'cloudkit.zoneshare', recordType: 'cloudkit.share' };
const STR = { kind: 'primitive', base: 'STRING', encrypted: false };
const ok = (op: 'modifyRecordZones' | 'modifySubscriptions' = 'modifyRecordZones', error: CKErrorInfo | null = null): ServerResponse => ({ op, error });
const failedMod = (error: CKErrorInfo): ServerResponse => ({ op: 'modifyRecords', error, result: null });

function save(ctx: FakeCtx, changes: ObjectChange[]): void {
  prepareSave(ctx, changes).commit();
}

/** Alice's T9 (exported before, tag ct-T9) and T8 (never exported), shared as S1 with bob; the export still to run. */
function sharedTags(): FakeCtx {
  const ctx = fakeCtx();
  save(ctx, [{ op: 'insert', entity: 'Tag', id: 'T9', values: { label: 'nine' } }, { op: 'insert', entity: 'Tag', id: 'T8', values: { label: 'eight' } }]);
  const o = ctx.store.objects.get('T9')!; o.changeTag = 'ct-T9'; o.onServer = true;
  ctx.store.dirty.clear();
  share(ctx, { objects: ['T9', 'T8'], shareId: 'S1', title: 'List', thumbnailBytes: 10, participants: [{ user: 'bob' }] });
  ctx.events.length = 0;
  ctx.requests.length = 0;
  return ctx;
}

/** The share already created and exported: only what the test sets is left to do. */
function exportedShare(over: Partial<LocalShare> = {}): { ctx: FakeCtx; s: LocalShare } {
  const ctx = sharedTags();
  ctx.store.dirty.clear();
  ctx.sharing.movedOut.clear();
  const s = ctx.sharing.shares.get(Z1)!;
  Object.assign(s, { needsZone: false, needsUpdate: false, changeTag: 'ct-share' }, over);
  return { ctx, s };
}

describe('sandbox: device share export', () => {
  describe('assignZones', () => {
    it('a new object related to a shared one joins its zone, in either store; deletes and mapped ones are left', () => {
      const ctx = fakeCtx();
      save(ctx, [{ op: 'insert', entity: 'Folder', id: 'F1' }, { op: 'insert', entity: 'Tag', id: 'T1' }]);
      ctx.sharing.zoneOf.set('F1', Z1).set('T1', Z1);
      save(ctx, [
        { op: 'insert', entity: 'Note', id: 'N1', relationships: { folder: 'F1' } }, { op: 'insert', entity: 'Note', id: 'N2', relationships: { tags: ['T1'] } },
        { op: 'insert', entity: 'Note', id: 'N3' }, { op: 'insert', entity: 'Cover', id: 'C1', relationships: { note: 'N1' } },
      ]);
      ctx.store.markDeleted('GONE', 'Note', 'CD_Base', 1);
      ctx.sharing.zoneOf.set('GONE', `${P}S2`).delete('GONE');
      const link = ctx.store.linkNamesOf('N2')[0];
      const view = sharedView(ctx);
      prepareSave(view, [{ op: 'insert', entity: 'Folder', id: 'SF' }]).commit();
      ctx.sharing.sharedZoneOf.set('SF', `${P}S3`);
      prepareSave(view, [{ op: 'insert', entity: 'Note', id: 'SN', relationships: { folder: 'SF' } }]).commit();
      assignZones(ctx);
      // C1 joins through N1, assigned earlier in the same pass; N2 is related to T1 only through the link.
      assert.deepEqual(Object.fromEntries(ctx.sharing.zoneOf), { F1: Z1, T1: Z1, N1: Z1, C1: Z1, [link]: Z1 });
      assert.deepEqual(Object.fromEntries(ctx.sharing.sharedZoneOf), { SF: `${P}S3`, SN: `${P}S3` });
    });
  });

  describe('a new share', () => {
    it('creates the zone, saves its records, deletes the moved record from the Core Data zone, then saves the share', () => {
      const ctx = sharedTags();
      const { requests, result } = drive(shareExportBody(ctx), [
        ok(), modified([['T8', 'CD_Tag', 'z-8'], ['T9', 'CD_Tag', 'z-9']]), modified([], { deleted: ['T9'] }), modified([['cloudkit.zoneshare', 'cloudkit.share', 'ct-share']]),
      ]);
      assert.deepEqual(result, { error: null });
      assert.deepEqual(requests, [
        { op: 'modifyRecordZones', database: 'private', saveZones: [Z1], deleteZones: [] },
        {
          op: 'modifyRecords', database: 'private', zone: Z1, deletes: [], savePolicy: 'changedKeys', atomic: true, assets: new Map(), saves: [
            { recordName: 'T8', recordType: 'CD_Tag', changeTag: null, fields: { CD_entityName: 'Tag', CD_label: 'eight', CD_label_ckAsset: null }, types: { CD_entityName: STR, CD_label: STR, CD_label_ckAsset: { kind: 'primitive', base: 'ASSET', encrypted: false } } },
            { recordName: 'T9', recordType: 'CD_Tag', changeTag: null, fields: { CD_entityName: 'Tag', CD_label: 'nine', CD_label_ckAsset: null }, types: { CD_entityName: STR, CD_label: STR, CD_label_ckAsset: { kind: 'primitive', base: 'ASSET', encrypted: false } } },
          ],
        },
        { op: 'modifyRecords', database: 'private', zone: CD_ZONE, saves: [], deletes: [{ recordName: 'T9', recordType: 'CD_Tag' }], savePolicy: 'changedKeys', atomic: true, assets: new Map() },
        {
          op: 'modifyRecords', database: 'private', zone: Z1, deletes: [], savePolicy: 'ifServerRecordUnchanged', atomic: true, assets: new Map(), saves: [{
            ...SHARE_REF, changeTag: null,
            fields: { 'cloudkit.type': 'com.apple.coredata.cloudkit.share', 'cloudkit.participants': 'alice=owner/readWrite/accepted;bob=privateUser/readOnly/pending', 'cloudkit.title': 'List', 'cloudkit.thumbnailImageData': { kind: 'bytes', length: 10 } },
            types: { 'cloudkit.type': STR, 'cloudkit.participants': STR, 'cloudkit.title': STR, 'cloudkit.thumbnailImageData': { kind: 'primitive', base: 'BYTES', encrypted: false } },
          }],
        },
      ]);
      const s = ctx.sharing.shares.get(Z1)!;
      assert.deepEqual([s.needsZone, s.needsUpdate, s.changeTag], [false, false, 'ct-share']);
      assert.deepEqual([ctx.store.dirty.size, ctx.sharing.movedOut.size], [0, 0]);
      assert.deepEqual([ctx.store.objects.get('T9')!.changeTag, ctx.store.objects.get('T9')!.onServer], ['z-9', true]);
      assert.deepEqual(ctx.events, [
        { kind: 'engine.sentDatabaseChanges', savedZones: [Z1], deletedZones: [], savedSubscriptions: [], error: null },
        { kind: 'engine.sentRecordZoneChanges', zone: Z1, saved: [{ recordName: 'T8', recordType: 'CD_Tag' }, { recordName: 'T9', recordType: 'CD_Tag' }], savedCount: 2, failedSaves: [], deleted: [], deletedCount: 0, failedDeletes: [] },
        { kind: 'engine.sentRecordZoneChanges', zone: Z1, saved: [SHARE_REF], savedCount: 1, failedSaves: [], deleted: [], deletedCount: 0, failedDeletes: [] },
      ]);
    });

    it('a share without title or thumbnail sends neither field', () => {
      const { ctx } = exportedShare({ needsUpdate: true, title: null, thumbnailBytes: 0 });
      const { requests } = drive(shareExportBody(ctx), [modified([['cloudkit.zoneshare', 'cloudkit.share', 'n']])]);
      assert.deepEqual(requests[0].op === 'modifyRecords' && Object.keys(requests[0].saves[0].fields), ['cloudkit.type', 'cloudkit.participants']);
    });

    it('the zone limit (27): share.failed with the TN3164 advice, and the objects go back to the Core Data zone', () => {
      const ctx = sharedTags();
      const e = ckError(27);
      const { requests } = drive(shareExportBody(ctx), [ok('modifyRecordZones', e)]);
      assert.equal(requests.length, 1);
      assert.deepEqual(ctx.events, [
        { kind: 'engine.sentDatabaseChanges', savedZones: [], deletedZones: [], savedSubscriptions: [], error: e },
        {
          kind: 'share.failed', action: 'share', zone: Z1, error: e,
          message: `Failed to create the share zone ${Z1} (TN3164: every share creates a record zone, and there can be at most 1,000; add objects to an existing share instead)`,
        },
      ]);
      assert.deepEqual([ctx.sharing.shares.size, ctx.sharing.zoneOf.size, ctx.sharing.movedOut.size], [0, 0, 0]);
      assert.deepEqual(['T9', 'T8'].map((id) => [ctx.store.objects.get(id)!.onServer, ctx.store.dirty.has(id)]), [[true, true], [false, true]]);
    });

    it('another zone error: share.failed without the advice', () => {
      const ctx = sharedTags();
      drive(shareExportBody(ctx), [ok('modifyRecordZones', ckError(4))]);
      const f = ctx.events.find((x) => x.kind === 'share.failed');
      assert.equal(f?.kind === 'share.failed' && f.message, `Failed to create the share zone ${Z1}`);
    });

    it('a moved record still unsaved in its share zone is not deleted from the Core Data zone', () => {
      const ctx = sharedTags();
      const { requests } = drive(shareExportBody(ctx), [ok(), modified([['T8', 'CD_Tag', 'z-8']]), modified([['cloudkit.zoneshare', 'cloudkit.share', 'n']])]);
      assert.deepEqual(requests.map((r) => r.op === 'modifyRecords' ? r.zone : r.op), ['modifyRecordZones', Z1, Z1]);
      assert.deepEqual([...ctx.sharing.movedOut.keys()], ['T9']);
    });

    it('a failed delete of moved records keeps them for the next export, unless the record is gone', () => {
      const { ctx } = exportedShare();
      ctx.sharing.movedOut.set('T9', 'CD_Tag');
      drive(shareExportBody(ctx), [failedMod(ckError(4))]);
      assert.deepEqual([...ctx.sharing.movedOut.keys()], ['T9']);
      const gone = partialFailure([{ itemId: 'T9', error: ckError(11) }, { itemId: 'T7', error: ckError(26) }]);
      drive(shareExportBody(ctx), [failedMod(gone)]);
      assert.deepEqual([...ctx.sharing.movedOut.keys()], []);
      ctx.sharing.movedOut.set('T9', 'CD_Tag');
      drive(shareExportBody(ctx), [failedMod(partialFailure([{ itemId: 'T9', error: ckError(11) }, { itemId: 'T7', error: ckError(10) }]))]);
      assert.deepEqual([...ctx.sharing.movedOut.keys()], ['T9']);
    });

    it('moved records are deleted in batches of exportMaxRecords', () => {
      const { ctx } = exportedShare();
      ctx.options = { ...ctx.options, exportMaxRecords: 2 };
      for (const id of ['A1', 'A2', 'A3']) ctx.sharing.movedOut.set(id, 'CD_Tag');
      const { requests } = drive(shareExportBody(ctx), [modified([]), modified([])]);
      assert.deepEqual(requests.map((r) => r.op === 'modifyRecords' && r.deletes.map((d) => d.recordName)), [['A1', 'A2'], ['A3']]);
    });

    it('the share zone deleted on the server (26) purges its local objects', () => {
      const { ctx } = exportedShare();
      save(ctx, [{ op: 'update', id: 'T8', values: { label: 'x' } }]);
      ctx.events.length = 0;
      drive(shareExportBody(ctx), [failedMod(ckError(26))]);
      assert.equal(ctx.store.objects.size, 0, 'both objects of the zone, not only the one sent');
      assert.equal(ctx.sharing.shares.has(Z1), false);
      assert.deepEqual(ctx.events.at(-1), { kind: 'share.zoneRemoved', zone: Z1, store: 'private', objectsRemoved: 2, reason: 'deleted' });
    });
  });

  describe('the share record', () => {
    const conflict = ckError(14);
    const serverShare = record('cloudkit.zoneshare', { 'cloudkit.participants': 'alice=owner/readWrite/accepted;carol=privateUser/readWrite/accepted' }, { recordType: 'cloudkit.share', changeTag: 'ct-server' });

    it('serverRecordChanged: adopts the server tag, adds its other participants, and saves once more', () => {
      const { ctx, s } = exportedShare({ needsUpdate: true, participants: [{ user: 'alice', role: 'owner', permission: 'readWrite', status: 'accepted' }, { user: 'bob', role: 'privateUser', permission: 'readOnly', status: 'pending' }] });
      const { requests } = drive(shareExportBody(ctx), [
        modified([], { error: partialFailure([{ itemId: 'cloudkit.zoneshare', error: conflict }]), itemErrors: [['cloudkit.zoneshare', conflict]], serverRecords: [['cloudkit.zoneshare', serverShare]] }),
        modified([['cloudkit.zoneshare', 'cloudkit.share', 'ct-final']]),
      ]);
      assert.deepEqual(requests.map((r) => r.op === 'modifyRecords' && [r.saves[0].changeTag, r.saves[0].fields['cloudkit.participants']]), [
        ['ct-share', 'alice=owner/readWrite/accepted;bob=privateUser/readOnly/pending'],
        ['ct-server', 'alice=owner/readWrite/accepted;bob=privateUser/readOnly/pending;carol=privateUser/readWrite/accepted'],
      ]);
      assert.deepEqual([s.changeTag, s.needsUpdate], ['ct-final', false]);
      assert.deepEqual(ctx.events.map((e) => e.kind === 'engine.sentRecordZoneChanges' && [e.savedCount, e.failedSaves]), [
        [0, [{ record: SHARE_REF, error: conflict }]], [1, []],
      ]);
    });

    it('a second serverRecordChanged gives up with the TN3164 failure line', () => {
      const { ctx, s } = exportedShare({ needsUpdate: true });
      const e = partialFailure([{ itemId: 'cloudkit.zoneshare', error: conflict }]);
      const answer = modified([], { error: e, itemErrors: [['cloudkit.zoneshare', conflict]], serverRecords: [['cloudkit.zoneshare', serverShare]] });
      const { requests } = drive(shareExportBody(ctx), [answer, answer]);
      assert.equal(requests.length, 2);
      assert.equal(s.needsUpdate, false);
      assert.deepEqual(ctx.events.at(-1), {
        kind: 'share.failed', action: 'persistUpdatedShare', zone: Z1, error: e,
        message: `Called about a failure to save a share: <CKRecordID: 0x0; recordName=cloudkit.zoneshare, zoneID=${Z1}:__defaultOwner__> - <CKError 0x0: "Server Record Changed" (14)>`,
      });
    });

    it('record too large (27/2023): no retry, the failure line with the server message on one line', () => {
      const { ctx } = exportedShare({ needsUpdate: true });
      const big = ckError(27, { internalCode: 2023, serverMessage: 'record too large' });
      const e = partialFailure([{ itemId: 'cloudkit.zoneshare', error: big }]);
      const { requests } = drive(shareExportBody(ctx), [modified([], { error: e, itemErrors: [['cloudkit.zoneshare', big]] })]);
      assert.equal(requests.length, 1);
      assert.deepEqual(ctx.events.at(-1), {
        kind: 'share.failed', action: 'persistUpdatedShare', zone: Z1, error: e,
        message: `Called about a failure to save a share: <CKRecordID: 0x0; recordName=cloudkit.zoneshare, zoneID=${Z1}:__defaultOwner__> - <CKError 0x0: "Limit Exceeded" (27/2023); server message = "record too large">`,
      });
    });

    it('a whole-operation error with a partial-errors list is printed on one line', () => {
      const { ctx } = exportedShare({ needsUpdate: true });
      const e = partialFailure([{ itemId: 'x', error: ckError(4) }]);
      drive(shareExportBody(ctx), [failedMod(e)]);
      const f = ctx.events.at(-1);
      assert.equal(f?.kind === 'share.failed' && f.message,
        `Called about a failure to save a share: <CKRecordID: 0x0; recordName=cloudkit.zoneshare, zoneID=${Z1}:__defaultOwner__> - <CKError 0x0: "Partial Failure" (2/1011); "Failed to modify some records"; partial errors: { x = <CKError 0x0: "Network Failure" (4)> }>`);
    });

    it('an answer of the wrong kind leaves the update pending', () => {
      const { ctx, s } = exportedShare({ needsUpdate: true });
      drive(shareExportBody(ctx), [ok()]);
      assert.equal(s.needsUpdate, true);
    });
  });

  describe('stopping, purging, leaving', () => {
    it('stop with purge: the share record is deleted, then the zone', () => {
      const { ctx } = exportedShare({ needsDelete: true, purgeAfterDelete: true, needsUpdate: true });
      const { requests } = drive(shareExportBody(ctx), [modified([], { deleted: ['cloudkit.zoneshare'] }), ok()]);
      assert.deepEqual(requests, [
        { op: 'modifyRecords', database: 'private', zone: Z1, saves: [], deletes: [SHARE_REF], savePolicy: 'changedKeys', atomic: true, assets: new Map() },
        { op: 'modifyRecordZones', database: 'private', saveZones: [], deleteZones: [Z1] },
      ]);
      assert.equal(ctx.sharing.shares.has(Z1), false);
      assert.deepEqual(ctx.sharing.pendingPurges, []);
      assert.deepEqual(ctx.events, [{ kind: 'engine.sentDatabaseChanges', savedZones: [], deletedZones: [Z1], savedSubscriptions: [], error: null }]);
    });

    it('stop without purge: only the share record goes; a failure is reported and not retried', () => {
      const { ctx } = exportedShare({ needsDelete: true });
      const { requests } = drive(shareExportBody(ctx), [modified([], { deleted: ['cloudkit.zoneshare'] })]);
      assert.equal(requests.length, 1);
      assert.equal(ctx.sharing.shares.has(Z1), false);
      const again = exportedShare({ needsDelete: true });
      const e = ckError(10);
      drive(shareExportBody(again.ctx), [failedMod(e)]);
      assert.deepEqual(again.ctx.events, [{ kind: 'share.failed', action: 'stop', zone: Z1, error: e, message: `stop ${Z1} failed: <CKError 0x0: "Permission Failure" (10)>` }]);
      assert.equal(again.s.needsDelete, false);
      assert.equal(again.ctx.sharing.shares.has(Z1), true);
    });

    it('a failed zone purge is reported in the event', () => {
      const { ctx } = exportedShare();
      ctx.sharing.pendingPurges.push(`${P}S2`);
      const e = ckError(4);
      drive(shareExportBody(ctx), [ok('modifyRecordZones', e)]);
      assert.deepEqual(ctx.events, [{ kind: 'engine.sentDatabaseChanges', savedZones: [], deletedZones: [], savedSubscriptions: [], error: e }]);
      assert.deepEqual(ctx.sharing.pendingPurges, []);
    });

    it('leaving deletes the share from the shared database, then the local zone (purged or left)', () => {
      for (const purge of [false, true]) {
        const ctx = fakeCtx();
        ctx.sharing.shares.set(Z1, { ...exportedShare().s, store: 'shared', owner: 'bob' });
        ctx.sharing.pendingLeaves.push({ zone: Z1, purge });
        const { requests } = drive(shareExportBody(ctx), [modified([], { deleted: ['cloudkit.zoneshare'] })]);
        assert.deepEqual(requests, [{ op: 'modifyRecords', database: 'shared', zone: Z1, saves: [], deletes: [SHARE_REF], savePolicy: 'changedKeys', atomic: true, assets: new Map() }]);
        assert.deepEqual(ctx.events, [{ kind: 'share.zoneRemoved', zone: Z1, store: 'shared', objectsRemoved: 0, reason: purge ? 'purged' : 'left' }]);
        assert.deepEqual(ctx.sharing.pendingLeaves, []);
      }
    });

    it('a failed leave is reported (leave or purge) and the share kept; a gone share counts as left', () => {
      for (const [purge, action] of [[false, 'leave'], [true, 'purge']] as const) {
        const ctx = fakeCtx();
        ctx.sharing.shares.set(Z1, { ...exportedShare().s, store: 'shared' });
        ctx.sharing.pendingLeaves.push({ zone: Z1, purge });
        const e = ckError(4, { retryAfterSeconds: 2 });
        drive(shareExportBody(ctx), [failedMod(e)]);
        assert.deepEqual(ctx.events, [{ kind: 'share.failed', action, zone: Z1, error: e, message: `${action} ${Z1} failed: <CKError 0x0: "Network Failure" (4); Retry after 2.0 seconds>` }]);
        assert.equal(ctx.sharing.shares.has(Z1), true);
      }
      for (const code of [11, 26, 28]) {
        const ctx = fakeCtx();
        ctx.sharing.shares.set(Z1, { ...exportedShare().s, store: 'shared' });
        ctx.sharing.pendingLeaves.push({ zone: Z1, purge: false });
        drive(shareExportBody(ctx), [failedMod(ckError(code))]);
        assert.equal(ctx.sharing.shares.has(Z1), false, `code ${code}`);
      }
    });
  });

  describe('a participant\'s edits', () => {
    function participant(permissionError: boolean): { ctx: FakeCtx; result: unknown; requests: unknown[] } {
      const ctx = fakeCtx();
      ctx.user = 'bob';
      prepareSave(sharedView(ctx), [{ op: 'insert', entity: 'Tag', id: 'X1' }, { op: 'insert', entity: 'Tag', id: 'LOOSE' }]).commit();
      ctx.sharing.sharedZoneOf.set('X1', Z1);
      ctx.events.length = 0;
      const denied = ckError(10);
      const answer = permissionError ? modified([], { error: partialFailure([{ itemId: 'X1', error: denied }]), itemErrors: [['X1', denied]] }) : modified([['X1', 'CD_Tag', 'c']]);
      return { ctx, ...drive(shareExportBody(ctx), [answer]) };
    }

    it('go to the owner\'s zone through the shared database; an object with no zone is refused locally', () => {
      const { ctx, requests } = participant(false);
      assert.deepEqual((requests as { op: string; database: string; zone: string; saves: { recordName: string }[] }[]).map((r) => [r.op, r.database, r.zone, r.saves.map((x) => x.recordName)]), [['modifyRecords', 'shared', Z1, ['X1']]]);
      assert.deepEqual(ctx.events[0], {
        kind: 'share.failed', action: 'export', zone: null, error: null,
        message: 'Failed to assign an object to a record zone. This usually means the object exists in a shared database and has no related object in a share zone: LOOSE',
      });
      assert.deepEqual([...ctx.sharing.rejected], ['LOOSE']);
      assert.deepEqual([...ctx.sharing.sharedStore.dirty.keys()], ['LOOSE']);
    });

    it('permissionFailure (10): the changes are kept unsynced and reported once', () => {
      const { ctx, result } = participant(true);
      assert.deepEqual(result, { error: null });
      assert.deepEqual([...ctx.sharing.rejected].sort(), ['LOOSE', 'X1']);
      const f = ctx.events.filter((e) => e.kind === 'share.failed');
      assert.equal(f.length, 2);
      assert.deepEqual(f[1], {
        kind: 'share.failed', action: 'export', zone: Z1, error: partialFailure([{ itemId: 'X1', error: ckError(10) }]),
        message: `CloudKit refused 1 change(s) in ${Z1}: <CKError 0x0: "Permission Failure" (10)>; the local change stays unsynced`,
      });
      // Rejected objects are not sent again.
      const next = drive(shareExportBody(ctx), []);
      assert.deepEqual(next.requests, []);
    });
  });

  describe('shareExportAct', () => {
    it('skips the share work when the Core Data export fails or setup is not done', () => {
      const ctx = sharedTags();
      ctx.sharing.zoneOf.clear();
      const e = ckError(10);
      const r = drive(shareExportAct(ctx, 'Manual'), [failedMod(e)]);
      assert.deepEqual(r.requests.length, 1);
      assert.deepEqual(r.result, { error: e });
      const quiet = sharedTags();
      quiet.setup = 'running';
      assert.deepEqual(drive(shareExportAct(quiet, 'Manual'), []).result, { error: null, silent: true });
    });

    it('assigns zones first, so the Core Data export leaves a new related object to the share', () => {
      const { ctx } = exportedShare();
      save(ctx, [{ op: 'insert', entity: 'Folder', id: 'F1' }]);
      ctx.store.dirty.clear();
      ctx.sharing.zoneOf.set('F1', Z1);
      save(ctx, [{ op: 'insert', entity: 'Note', id: 'N1', relationships: { folder: 'F1' } }]);
      const { requests } = drive(shareExportAct(ctx, 'ContextSave'), [modified([['N1', 'CD_Base', 'a']])]);
      assert.deepEqual(requests.map((r) => r.op === 'modifyRecords' && [r.zone, r.saves.map((x) => x.recordName)]), [[Z1, ['N1']]]);
      assert.equal(ctx.sharing.zoneOf.get('N1'), Z1);
    });
  });
});
