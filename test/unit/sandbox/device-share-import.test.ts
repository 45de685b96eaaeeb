/**
 * The import with sharing (src/core/sandbox/device/activities/share-import.ts), driven with scripted server
 * responses on a hand-made device context: accepting invitations, the shared-database subscription, the owner's
 * share zones from the private database and the participant's from the shared database (each zone with its
 * own token), a deleted share zone purging local objects, expired tokens, and the share record turned into
 * local share metadata with "joined / left" reports. Records, users and zones are ours; the expected values
 * follow reference/sharing.md (S§3, S§5, S§9) as cited in the code.
 */
import assert from 'node:assert/strict';
import type { CKErrorInfo } from '../../../src/core/sandbox/api';
import { shareImportAct, shareImportBody } from '../../../src/core/sandbox/device/activities/share-import';
import type { LocalShare } from '../../../src/core/sandbox/device/sharing-state';
import { ckError } from '../../../src/core/sandbox/errors';
import type { ServerResponse } from '../../../src/core/sandbox/server/wire';
import { dbChanges, drive, record, zoneChanges } from './device-drive';
import { fakeCtx } from './device-fixtures';
import type { FakeCtx } from './device-fixtures';

const P = 'com.apple.coredata.cloudkit.share.';
const Z1 = `${P}S1`;
const SUB = 'com.apple.coredata.cloudkit.shared.subscription';
const sub = (error: CKErrorInfo | null = null): ServerResponse => ({ op: 'modifySubscriptions', error });
const tag = (id: string, label: string): ReturnType<typeof record> => record(id, { CD_entityName: 'Tag', CD_label: label });
const shareRec = (participants: string, title?: string): ReturnType<typeof record> => record('cloudkit.zoneshare', { 'cloudkit.participants': participants, ...(title ? { 'cloudkit.title': title } : {}) }, { recordType: 'cloudkit.share', changeTag: 'ct-sh' });

/** Bob's device, subscribed already unless asked; events cleared. */
function bob(subscribed = true): FakeCtx {
  const ctx = fakeCtx();
  ctx.user = 'bob';
  if (subscribed) ctx.sharing.sharedSubscribedFor = 'bob';
  return ctx;
}

describe('sandbox: device share import', () => {
  it('accepts pending invitations, subscribes to the shared database once, then fetches both scopes', () => {
    const ctx = bob(false);
    ctx.sharing.pendingAccepts.push(Z1, `${P}S2`);
    const e = ckError(11, { serverMessage: 'share not found' });
    const { requests, result } = drive(shareImportBody(ctx), [
      { op: 'acceptShares', error: null, owner: 'alice' }, { op: 'acceptShares', error: e, owner: null }, sub(), dbChanges([], 3), dbChanges([], 4),
    ]);
    assert.deepEqual(result, { error: null });
    assert.deepEqual(requests, [
      { op: 'acceptShares', database: 'shared', zone: Z1 }, { op: 'acceptShares', database: 'shared', zone: `${P}S2` },
      { op: 'modifySubscriptions', database: 'shared', save: [SUB] },
      { op: 'fetchDatabaseChanges', database: 'private', token: null }, { op: 'fetchDatabaseChanges', database: 'shared', token: null },
    ]);
    assert.deepEqual(ctx.events, [
      { kind: 'share.failed', action: 'accept', zone: `${P}S2`, error: e, message: `acceptShareInvitations failed for ${P}S2: <CKError 0x0: "Unknown Item" (11); server message = "share not found">` },
      { kind: 'engine.sentDatabaseChanges', savedZones: [], deletedZones: [], savedSubscriptions: [SUB], error: null },
    ]);
    assert.deepEqual([ctx.sharing.pendingAccepts, ctx.sharing.sharedSubscribedFor, ctx.sharing.privateDbToken, ctx.sharing.sharedDbToken], [[], 'bob', 3, 4]);
    const again = drive(shareImportBody(ctx), [dbChanges([], 5), dbChanges([], 6)]);
    assert.deepEqual(again.requests.map((r) => [r.op, 'token' in r ? r.token : null]), [['fetchDatabaseChanges', 3], ['fetchDatabaseChanges', 4]]);
  });

  it('a failed subscription fails or retries the import', () => {
    const ctx = bob(false);
    const busy = ckError(7, { retryAfterSeconds: 9 });
    const { requests, result } = drive(shareImportBody(ctx), [sub(busy)]);
    assert.equal(requests.length, 1);
    assert.deepEqual(result, { error: busy, retryAfterMs: 9000 });
    assert.deepEqual(ctx.events, [{ kind: 'engine.sentDatabaseChanges', savedZones: [], deletedZones: [], savedSubscriptions: [], error: busy }]);
    assert.equal(ctx.sharing.sharedSubscribedFor, null);
  });

  it('a participant fetches a changed share zone into the shared store, with the share record as metadata', () => {
    const ctx = bob();
    ctx.sharing.zoneTokens.set(`shared:${Z1}`, 2);
    const { requests, result } = drive(shareImportBody(ctx), [
      dbChanges([], 1), dbChanges([Z1, 'com.apple.coredata.cloudkit.zone'], 7),
      zoneChanges([shareRec('alice=owner/readWrite/accepted;bob=privateUser/readOnly/accepted', 'List'), tag('X1', 'one')], 8),
    ]);
    assert.deepEqual(result, { error: null });
    assert.deepEqual(requests[2], { op: 'fetchRecordZoneChanges', database: 'shared', zone: Z1, token: 2, limit: 400 });
    assert.deepEqual([...ctx.sharing.sharedStore.objects.keys()], ['X1']);
    assert.equal(ctx.store.objects.size, 0);
    assert.deepEqual(Object.fromEntries(ctx.sharing.sharedZoneOf), { X1: Z1 });
    assert.deepEqual(ctx.sharing.shares.get(Z1), {
      zone: Z1, owner: 'alice', store: 'shared', title: 'List', thumbnailBytes: 0, changeTag: 'ct-sh', needsZone: false, needsUpdate: false, needsDelete: false, purgeAfterDelete: false,
      participants: [{ user: 'alice', role: 'owner', permission: 'readWrite', status: 'accepted' }, { user: 'bob', role: 'privateUser', permission: 'readOnly', status: 'accepted' }],
    });
    assert.deepEqual([ctx.sharing.zoneTokens.get(`shared:${Z1}`), ctx.sharing.sharedDbToken], [8, 7]);
    assert.deepEqual(ctx.events.map((e) => e.kind), [
      'engine.fetchedDatabaseChanges', 'engine.willFetchRecordZoneChanges', 'share.participantsChanged', 'store.saved', 'store.remoteChange',
      'engine.fetchedRecordZoneChanges', 'engine.didFetchRecordZoneChanges',
    ]);
    assert.deepEqual(ctx.events[0], { kind: 'engine.fetchedDatabaseChanges', modifications: [Z1], deletions: [], moreComing: false });
    assert.deepEqual(ctx.events[2], {
      kind: 'share.participantsChanged', zone: Z1, joined: ['bob'], left: [],
      participants: [{ user: 'alice', role: 'owner', permission: 'readWrite', status: 'accepted' }, { user: 'bob', role: 'privateUser', permission: 'readOnly', status: 'accepted' }],
    });
    assert.deepEqual(ctx.events[5], {
      kind: 'engine.fetchedRecordZoneChanges', zone: Z1, modifications: [{ recordName: 'cloudkit.zoneshare', recordType: 'cloudkit.share' }, { recordName: 'X1', recordType: 'CD_Tag' }],
      modificationCount: 2, deletions: [], deletionCount: 0, moreComing: false,
    });
  });

  it('the owner: the share record updates the local share; joined and left are reported, pending ones not', () => {
    const ctx = fakeCtx();
    ctx.sharing.sharedSubscribedFor = 'alice';
    const local: LocalShare = {
      zone: Z1, owner: 'alice', store: 'private', title: 'Mine', thumbnailBytes: 3, changeTag: 'old', needsZone: false, needsUpdate: false, needsDelete: false, purgeAfterDelete: false,
      participants: [{ user: 'alice', role: 'owner', permission: 'readWrite', status: 'accepted' }, { user: 'bob', role: 'privateUser', permission: 'readOnly', status: 'accepted' }],
    };
    ctx.sharing.shares.set(Z1, local);
    drive(shareImportBody(ctx), [
      dbChanges([Z1], 2), zoneChanges([shareRec('alice=owner/readWrite/accepted;carol=privateUser/readOnly/accepted;dan=privateUser/readOnly/pending', 'Theirs')], 5), dbChanges([], 1),
    ]);
    assert.deepEqual([local.changeTag, local.title, local.participants.map((p) => p.user)], ['ct-sh', 'Mine', ['alice', 'carol', 'dan']]);
    assert.equal(ctx.sharing.shares.get(Z1), local);
    const changed = ctx.events.filter((e) => e.kind === 'share.participantsChanged');
    assert.deepEqual(changed.map((e) => e.kind === 'share.participantsChanged' && [e.joined, e.left]), [[['carol'], ['bob']]]);
    assert.deepEqual(ctx.sharing.zoneTokens.get(`private:${Z1}`), 5);
  });

  it('a share record with the same active participants reports nothing', () => {
    const ctx = bob();
    drive(shareImportBody(ctx), [dbChanges([], 1), dbChanges([Z1], 2), zoneChanges([shareRec('alice=owner/readWrite/accepted')], 3)]);
    assert.equal(ctx.events.some((e) => e.kind === 'share.participantsChanged'), false);
    assert.deepEqual([ctx.sharing.shares.get(Z1)!.owner, ctx.sharing.shares.get(Z1)!.title], ['alice', null]);
  });

  it('tombstones: only records of that zone are deleted; the share record\'s tombstone is ignored', () => {
    const ctx = bob();
    drive(shareImportBody(ctx), [dbChanges([], 1), dbChanges([Z1], 2), zoneChanges([tag('X1', 'a'), tag('X2', 'b')], 3, { moreComing: true }), zoneChanges([], 4)]);
    ctx.sharing.sharedZoneOf.set('X2', `${P}S2`);
    ctx.events.length = 0;
    const { requests } = drive(shareImportBody(ctx), [dbChanges([], 1), dbChanges([Z1], 5), zoneChanges([], 6, {
      deleted: [{ recordName: 'X1', recordType: 'CD_Tag' }, { recordName: 'X2', recordType: 'CD_Tag' }, { recordName: 'cloudkit.zoneshare', recordType: 'cloudkit.share' }],
    })]);
    assert.deepEqual(requests[2], { op: 'fetchRecordZoneChanges', database: 'shared', zone: Z1, token: 4, limit: 400 });
    assert.deepEqual([...ctx.sharing.sharedStore.objects.keys()], ['X2']);
    assert.deepEqual(Object.fromEntries(ctx.sharing.sharedZoneOf), { X2: `${P}S2` });
    const f = ctx.events.find((e) => e.kind === 'engine.fetchedRecordZoneChanges');
    assert.deepEqual(f?.kind === 'engine.fetchedRecordZoneChanges' && [f.deletionCount, f.deletions.length], [3, 3]);
  });

  it('an owner\'s fetched record moved into the zone is no longer to be deleted from the Core Data zone', () => {
    const ctx = fakeCtx();
    ctx.sharing.sharedSubscribedFor = 'alice';
    ctx.sharing.movedOut.set('X1', 'CD_Tag');
    drive(shareImportBody(ctx), [dbChanges([Z1], 2), zoneChanges([tag('X1', 'a')], 3), dbChanges([], 1)]);
    assert.deepEqual([ctx.sharing.movedOut.size, ctx.sharing.zoneOf.get('X1'), ctx.store.objects.has('X1')], [0, Z1, true]);
  });

  describe('deleted share zones', () => {
    function withShared(): FakeCtx {
      const ctx = bob();
      drive(shareImportBody(ctx), [dbChanges([], 1), dbChanges([Z1], 2), zoneChanges([shareRec('alice=owner/readWrite/accepted'), tag('X1', 'a')], 3)]);
      ctx.events.length = 0;
      return ctx;
    }

    it('a deleted zone known here purges the shared store (stopped); an unknown or recreated one is skipped', () => {
      const ctx = withShared();
      drive(shareImportBody(ctx), [dbChanges([], 1), dbChanges([], 4, [{ zone: Z1, purged: true }, { zone: `${P}S9`, purged: false }, { zone: 'plain', purged: false }])]);
      assert.deepEqual(ctx.events, [
        { kind: 'engine.fetchedDatabaseChanges', modifications: [], deletions: [{ zone: Z1, reason: 'purged' }, { zone: `${P}S9`, reason: 'deleted' }], moreComing: false },
        { kind: 'store.saved', author: 'NSCloudKitMirroringDelegate.import', transaction: 2, inserted: 0, updated: 0, deleted: 1, ids: ['X1'] },
        { kind: 'store.remoteChange', transaction: 2 },
        { kind: 'share.zoneRemoved', zone: Z1, store: 'shared', objectsRemoved: 1, reason: 'stopped' },
      ]);
      const again = withShared();
      drive(shareImportBody(again), [dbChanges([], 1), dbChanges([Z1], 4, [{ zone: Z1, purged: false }]), zoneChanges([], 5)]);
      assert.deepEqual([...again.sharing.sharedStore.objects.keys()], ['X1']);
    });

    it('an owner\'s zone deleted elsewhere purges the private store (deleted), known by its objects alone', () => {
      const ctx = fakeCtx();
      ctx.sharing.sharedSubscribedFor = 'alice';
      drive(shareImportBody(ctx), [dbChanges([Z1], 2), zoneChanges([tag('X1', 'a')], 3), dbChanges([], 1)]);
      ctx.events.length = 0;
      drive(shareImportBody(ctx), [dbChanges([], 3, [{ zone: Z1, purged: false }]), dbChanges([], 1)]);
      assert.equal(ctx.store.objects.size, 0);
      assert.deepEqual(ctx.events.at(-1), { kind: 'share.zoneRemoved', zone: Z1, store: 'private', objectsRemoved: 1, reason: 'deleted' });
    });

    it('zone fetch errors 26 and 28 purge the zone (deleted); others fail or retry', () => {
      for (const code of [26, 28]) {
        const ctx = withShared();
        const { result } = drive(shareImportBody(ctx), [dbChanges([], 1), dbChanges([Z1], 4), zoneChanges([], 0, { error: ckError(code) })]);
        assert.deepEqual(result, { error: null });
        assert.deepEqual(ctx.events.at(-1), { kind: 'share.zoneRemoved', zone: Z1, store: 'shared', objectsRemoved: 1, reason: 'deleted' });
        assert.equal(ctx.sharing.sharedDbToken, 4);
      }
      const ctx = withShared();
      const busy = ckError(6, { retryAfterSeconds: 5 });
      const { result } = drive(shareImportBody(ctx), [dbChanges([], 1), dbChanges([Z1], 4), zoneChanges([], 0, { error: busy })]);
      assert.deepEqual(result, { error: busy, retryAfterMs: 5000 });
      assert.equal(ctx.sharing.sharedDbToken, 2, 'the database token stays before the failed zone');
    });
  });

  describe('expired tokens (21)', () => {
    it('the database token: refetch from nil; the zone token: dropped and refetched', () => {
      const ctx = bob();
      ctx.sharing.sharedDbToken = 5;
      ctx.sharing.zoneTokens.set(`shared:${Z1}`, 9);
      const expired = ckError(21);
      const { requests, result } = drive(shareImportBody(ctx), [
        dbChanges([], 1), dbChanges([], 0, [], expired), dbChanges([Z1], 6), zoneChanges([], 0, { error: expired }), zoneChanges([], 7),
      ]);
      assert.deepEqual(result, { error: null });
      assert.deepEqual(requests.slice(1).map((r) => [r.op, 'token' in r ? r.token : null]), [
        ['fetchDatabaseChanges', 5], ['fetchDatabaseChanges', null], ['fetchRecordZoneChanges', 9], ['fetchRecordZoneChanges', null],
      ]);
      assert.deepEqual(ctx.events.filter((e) => e.kind === 'engine.didFetchRecordZoneChanges'), [
        { kind: 'engine.didFetchRecordZoneChanges', zone: Z1, error: expired }, { kind: 'engine.didFetchRecordZoneChanges', zone: Z1, error: null },
      ]);
      assert.deepEqual([ctx.sharing.sharedDbToken, ctx.sharing.zoneTokens.get(`shared:${Z1}`)], [6, 7]);
    });

    it('other database errors fail the import; wrong answers are internal errors', () => {
      const ctx = bob();
      const denied = ckError(10);
      assert.deepEqual(drive(shareImportBody(ctx), [dbChanges([], 0, [], denied)]).result, { error: denied });
      assert.deepEqual(drive(shareImportBody(ctx), [{ op: 'modifyRecordZones', error: null }]).result, { error: ckError(1) });
      assert.deepEqual(drive(shareImportBody(ctx), [dbChanges([Z1], 1), { op: 'modifyRecordZones', error: null }]).result, { error: ckError(1) });
    });
  });

  it('shareImportAct skips the share work when the Core Data import fails or setup is not done', () => {
    const ctx = bob();
    const denied = ckError(10);
    const r = drive(shareImportAct(ctx, 'Push'), [dbChanges([], 0, [], denied)]);
    assert.deepEqual([r.requests.length, r.result], [1, { error: denied }]);
    ctx.setup = 'running';
    assert.deepEqual(drive(shareImportAct(ctx, 'Push'), []).result, { error: null, silent: true });
    ctx.setup = 'succeeded';
    ctx.zoneToken = 3;
    const ok = drive(shareImportAct(ctx, 'Push'), [dbChanges([], 1), dbChanges([], 1), dbChanges([], 1)]);
    assert.deepEqual(ok.requests.map((q) => q.op === 'fetchDatabaseChanges' && q.database), ['private', 'private', 'shared']);
  });
});
