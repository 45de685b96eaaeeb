/**
 * A device's share actions and sharing state (src/core/sandbox/device/share-actions.ts, sharing-state.ts,
 * store-view.ts) on a hand-made device context: the object graph a share takes along, `share(_:to:)` into a new
 * or an existing share (and its failures), accept / leave / stop / purge / persistUpdatedShare with the work
 * they queue, removing a share zone's objects from a store, the checks made before a sharing input is
 * recorded, the account-change clear, and the shared-store view. Objects, users and zones are ours; the
 * expected values follow reference/sharing.md (S§n) as cited in the code.
 */
import assert from 'node:assert/strict';
import type { ObjectChange, SandboxInput } from '../../../src/core/sandbox/api';
import { SandboxInputError } from '../../../src/core/sandbox/api';
import { prepareSave } from '../../../src/core/sandbox/device/local-saves';
import {
  acceptShare, checkSharingInput, leaveShare, objectGraph, persistUpdatedShare, purgeLocalZone, purgeZone, share, stopSharing,
} from '../../../src/core/sandbox/device/share-actions';
import type { LocalShare } from '../../../src/core/sandbox/device/sharing-state';
import { SharingState } from '../../../src/core/sandbox/device/sharing-state';
import { sharedView, storeView } from '../../../src/core/sandbox/device/store-view';
import { LocalStore, TxnBuilder } from '../../../src/core/sandbox/device/store';
import { Prng } from '../../../src/core/sandbox/prng';
import { fakeCtx } from './device-fixtures';
import type { FakeCtx } from './device-fixtures';

const P = 'com.apple.coredata.cloudkit.share.';
const Z1 = `${P}S1`;

function save(ctx: FakeCtx, changes: ObjectChange[]): void {
  prepareSave(ctx, changes).commit();
}

/** F1 ⟵ N1, N2 (folder); N1 ⟷ T1 (tags, many-to-many); N1 ⟷ C1 (cover); T9 alone. N1 and F1 were exported. */
function graphCtx(): FakeCtx {
  const ctx = fakeCtx();
  save(ctx, [
    { op: 'insert', entity: 'Folder', id: 'F1', values: { name: 'f' } }, { op: 'insert', entity: 'Tag', id: 'T1' }, { op: 'insert', entity: 'Cover', id: 'C1' },
    { op: 'insert', entity: 'Note', id: 'N1', relationships: { folder: 'F1', tags: ['T1'], cover: 'C1' } },
    { op: 'insert', entity: 'Note', id: 'N2', relationships: { folder: 'F1' } }, { op: 'insert', entity: 'Tag', id: 'T9' },
  ]);
  for (const id of ['N1', 'F1']) { const o = ctx.store.objects.get(id)!; o.changeTag = `ct-${id}`; o.onServer = true; }
  ctx.store.dirty.clear();
  ctx.events.length = 0;
  return ctx;
}
const LINK = 'CDMR_N1_T1_tags';

function owned(zone: string, over: Partial<LocalShare> = {}): LocalShare {
  return {
    zone, owner: 'alice', store: 'private', participants: [{ user: 'alice', role: 'owner', permission: 'readWrite', status: 'accepted' }], title: null,
    thumbnailBytes: 0, changeTag: 'ct-share', needsZone: false, needsUpdate: false, needsDelete: false, purgeAfterDelete: false, ...over,
  };
}

function throws(fn: () => unknown, message: string): void {
  assert.throws(fn, (e: unknown) => e instanceof SandboxInputError && e.message === message);
}

describe('sandbox: device sharing actions', () => {
  describe('objectGraph', () => {
    it('follows to-one keys, referrers and many-to-many links, sorted', () => {
      const ctx = graphCtx();
      assert.deepEqual(objectGraph(ctx, ['T1']), { objects: ['C1', 'F1', 'N1', 'N2', 'T1'], links: [LINK] });
      assert.deepEqual(objectGraph(ctx, ['T9']), { objects: ['T9'], links: [] });
      assert.deepEqual(objectGraph(ctx, ['missing']), { objects: [], links: [] });
    });
  });

  describe('share', () => {
    it('moves the graph into a new share zone: records to re-create, old records to delete, an export', () => {
      const ctx = graphCtx();
      const ok = share(ctx, { objects: ['F1'], shareId: 'S1', participants: [{ user: 'bob' }, { user: 'alice' }, { user: 'bob', permission: 'readWrite' }, { user: 'carol', permission: 'readWrite' }], title: 'List', thumbnailBytes: 10 });
      assert.equal(ok, true);
      assert.deepEqual(ctx.sharing.shares.get(Z1), {
        zone: Z1, owner: 'alice', store: 'private', title: 'List', thumbnailBytes: 10, changeTag: null,
        needsZone: true, needsUpdate: true, needsDelete: false, purgeAfterDelete: false,
        participants: [
          { user: 'alice', role: 'owner', permission: 'readWrite', status: 'accepted' },
          { user: 'bob', role: 'privateUser', permission: 'readOnly', status: 'pending' },
          { user: 'carol', role: 'privateUser', permission: 'readWrite', status: 'pending' },
        ],
      });
      assert.deepEqual([...ctx.sharing.zoneOf], [['C1', Z1], ['F1', Z1], ['N1', Z1], ['N2', Z1], ['T1', Z1], [LINK, Z1]]);
      assert.deepEqual([...ctx.sharing.movedOut], [['F1', 'CD_Folder'], ['N1', 'CD_Base'], [LINK, 'CDMR']]);
      assert.deepEqual([...ctx.store.dirty.keys()], ['C1', 'F1', 'N1', 'N2', 'T1', LINK]);
      assert.deepEqual([ctx.store.dirty.get('N1')!.keys, ctx.store.objects.get('N1')!.changeTag, ctx.store.objects.get('N1')!.onServer], [null, null, false]);
      assert.deepEqual(ctx.events, [{ kind: 'share.created', zone: Z1, owner: 'alice', objectCount: 5, ids: ['C1', 'F1', 'N1', 'N2', 'T1'], reused: false }]);
      assert.deepEqual(ctx.requests, [{ type: 'export', label: 'Share', internal: false }]);
    });

    it('an object in flight is moved out too; the event lists at most eventDetailLimit ids; no title gives null', () => {
      const ctx = graphCtx();
      ctx.options = { ...ctx.options, eventDetailLimit: 1 };
      ctx.inFlight.add('T9');
      share(ctx, { objects: ['T9'], shareId: 'S1' });
      assert.deepEqual([...ctx.sharing.movedOut], [['T9', 'CD_Tag']]);
      assert.deepEqual(ctx.events, [{ kind: 'share.created', zone: Z1, owner: 'alice', objectCount: 1, ids: ['T9'], reused: false }]);
      const s = ctx.sharing.shares.get(Z1)!;
      assert.deepEqual([s.title, s.thumbnailBytes, s.participants.length], [null, 0, 1]);
    });

    it('without a shareId the zone is named by a uuid from the seed', () => {
      const ctx = graphCtx();
      share(ctx, { objects: ['T9'] });
      assert.deepEqual([...ctx.sharing.shares.keys()], [`${P}${new Prng(1).uuid()}`]);
    });

    it('adds objects to an existing owned share (reused), skipping those already in it', () => {
      const ctx = graphCtx();
      share(ctx, { objects: ['T9'], shareId: 'S1' });
      ctx.events.length = 0;
      ctx.requests.length = 0;
      assert.equal(share(ctx, { objects: ['T9', 'N2'], toShare: Z1 }), true);
      assert.deepEqual(ctx.events, [{ kind: 'share.created', zone: Z1, owner: 'alice', objectCount: 5, ids: ['C1', 'F1', 'N1', 'N2', 'T1'], reused: true }]);
      assert.equal(ctx.sharing.shares.size, 1);
      assert.deepEqual(ctx.requests, [{ type: 'export', label: 'Share', internal: false }]);
    });

    it('fails (event, no change) into a share that is not owned here or is being deleted', () => {
      for (const existing of [undefined, owned(Z1, { store: 'shared' }), owned(Z1, { needsDelete: true })]) {
        const ctx = graphCtx();
        if (existing) ctx.sharing.shares.set(Z1, existing);
        assert.equal(share(ctx, { objects: ['T9'], toShare: 'S1' }), false);
        assert.deepEqual(ctx.events, [{ kind: 'share.failed', action: 'share', zone: Z1, message: `share: ${Z1} is not a share this user owns`, error: null }]);
        assert.deepEqual([ctx.sharing.zoneOf.size, ctx.requests.length], [0, 0]);
      }
    });

    it('fails when an object reached is already in another share', () => {
      const ctx = graphCtx();
      ctx.sharing.zoneOf.set('C1', `${P}OTHER`);
      assert.equal(share(ctx, { objects: ['T1'], shareId: 'S1' }), false);
      assert.deepEqual(ctx.events, [{
        kind: 'share.failed', action: 'share', zone: Z1, error: null,
        message: `share: object 'C1' is already shared in ${P}OTHER (an object graph can belong to one share only)`,
      }]);
      assert.equal(ctx.sharing.shares.size, 0);
    });

    it('throws for bad input: no user, app quit, unknown object, no objects, a taken share id', () => {
      const ctx = graphCtx();
      throws(() => share(ctx, { objects: ['nope'] }), 'share: no object \'nope\' in the private store of A');
      throws(() => share(ctx, { objects: [] }), 'share: give at least one object');
      ctx.sharing.shares.set(Z1, owned(Z1));
      throws(() => share(ctx, { objects: ['T9'], shareId: 'S1' }), `share: a share ${Z1} already exists on A`);
      ctx.appState = 'quit';
      throws(() => share(ctx, { objects: ['T9'] }), 'share: the app on A is not running');
      ctx.user = null;
      throws(() => share(ctx, { objects: ['T9'] }), 'share: device A is not signed in to an Apple ID');
    });
  });

  describe('accept, leave, stop, purge, persist', () => {
    it('acceptShare queues the zone once and asks for an import each time', () => {
      const ctx = fakeCtx();
      acceptShare(ctx, 'S1');
      acceptShare(ctx, Z1);
      assert.deepEqual(ctx.sharing.pendingAccepts, [Z1]);
      assert.deepEqual(ctx.requests, [{ type: 'import', label: 'AcceptShare', internal: false }, { type: 'import', label: 'AcceptShare', internal: false }]);
      ctx.user = null;
      throws(() => acceptShare(ctx, 'S1'), 'acceptShare: device A is not signed in to an Apple ID');
    });

    it('leaveShare needs a share in the shared store and queues the leave', () => {
      const ctx = fakeCtx();
      throws(() => leaveShare(ctx, 'S1'), `leaveShare: A is not a participant of ${Z1} (accept it first)`);
      ctx.sharing.shares.set(Z1, owned(Z1));
      throws(() => leaveShare(ctx, 'S1'), `leaveShare: A is not a participant of ${Z1} (accept it first)`);
      ctx.sharing.shares.set(Z1, owned(Z1, { store: 'shared', owner: 'bob' }));
      leaveShare(ctx, 'S1');
      assert.deepEqual(ctx.sharing.pendingLeaves, [{ zone: Z1, purge: false }]);
      assert.deepEqual(ctx.requests, [{ type: 'export', label: 'LeaveShare', internal: false }]);
    });

    it('stopSharing marks the share for deletion; with purge its local objects go at once', () => {
      const ctx = graphCtx();
      throws(() => stopSharing(ctx, 'S1', false), `stopSharing: ${Z1} is not a share owned on A`);
      share(ctx, { objects: ['T9'], shareId: 'S1' });
      stopSharing(ctx, 'S1', false);
      const s = ctx.sharing.shares.get(Z1)!;
      assert.deepEqual([s.needsDelete, s.purgeAfterDelete, ctx.store.objects.has('T9')], [true, false, true]);
      ctx.events.length = 0;
      stopSharing(ctx, 'S1', true);
      assert.deepEqual([s.needsDelete, s.purgeAfterDelete, ctx.store.objects.has('T9'), ctx.sharing.shares.get(Z1) === s], [true, true, false, true]);
      assert.deepEqual(ctx.events.map((e) => e.kind), ['store.saved', 'store.remoteChange', 'share.zoneRemoved']);
      assert.deepEqual(ctx.requests.slice(1), [{ type: 'export', label: 'StopSharing', internal: false }, { type: 'export', label: 'StopSharing', internal: false }]);
    });

    it('purgeZone by the owner: local objects go, the zone is queued for deletion once, a pending share delete is dropped', () => {
      const ctx = graphCtx();
      share(ctx, { objects: ['T9'], shareId: 'S1' });
      const s = ctx.sharing.shares.get(Z1)!;
      s.needsDelete = true;
      ctx.sharing.pendingPurges.push(Z1);
      ctx.requests.length = 0;
      purgeZone(ctx, 'S1');
      assert.deepEqual(ctx.sharing.pendingPurges, [Z1]);
      assert.equal(s.needsDelete, false);
      assert.equal(ctx.store.objects.has('T9'), false);
      assert.equal(ctx.sharing.shares.has(Z1), false);
      assert.deepEqual(ctx.requests, [{ type: 'export', label: 'PurgeZone', internal: false }]);
      // Everything about the zone is gone locally: a second purge has nothing to purge.
      throws(() => purgeZone(ctx, 'S1'), `purgeZone: ${Z1} is not a share zone known on A`);
    });

    it('purgeZone on a zone only known by its objects purges them; unknown zones throw', () => {
      const ctx = graphCtx();
      throws(() => purgeZone(ctx, 'S1'), `purgeZone: ${Z1} is not a share zone known on A`);
      ctx.sharing.zoneOf.set('T9', Z1);
      purgeZone(ctx, 'S1');
      assert.equal(ctx.store.objects.has('T9'), false);
      assert.deepEqual(ctx.sharing.pendingPurges, [Z1]);
    });

    it('purgeZone by a participant purges the shared store and queues leaving with purge (it threw before)', () => {
      const ctx = fakeCtx();
      ctx.sharing.shares.set(Z1, owned(Z1, { store: 'shared', owner: 'bob' }));
      prepareSave(sharedView(ctx), [{ op: 'insert', entity: 'Tag', id: 'T1' }]).commit();
      ctx.sharing.sharedZoneOf.set('T1', Z1);
      ctx.events.length = 0;
      ctx.requests.length = 0;
      purgeZone(ctx, 'S1');
      assert.equal(ctx.sharing.sharedStore.objects.size, 0);
      assert.equal(ctx.sharing.shares.has(Z1), false);
      assert.deepEqual(ctx.sharing.pendingLeaves, [{ zone: Z1, purge: true }]);
      assert.deepEqual(ctx.sharing.pendingPurges, [], 'a participant cannot delete the owner\'s zone');
      assert.deepEqual(ctx.requests, [{ type: 'export', label: 'LeaveShare', internal: false }]);
      assert.deepEqual(ctx.events.at(-1), { kind: 'share.zoneRemoved', zone: Z1, store: 'shared', objectsRemoved: 1, reason: 'purged' });
    });

    it('persistUpdatedShare edits participants (never the owner), title and thumbnail, and queues the update', () => {
      const ctx = fakeCtx();
      throws(() => persistUpdatedShare(ctx, 'S1', undefined, undefined, undefined, undefined), `persistUpdatedShare: ${Z1} is not a share owned on A`);
      const s = owned(Z1, {
        participants: [
          { user: 'alice', role: 'owner', permission: 'readWrite', status: 'accepted' },
          { user: 'bob', role: 'privateUser', permission: 'readOnly', status: 'accepted' },
          { user: 'carol', role: 'privateUser', permission: 'readOnly', status: 'pending' },
        ], title: 'old', thumbnailBytes: 5,
      });
      ctx.sharing.shares.set(Z1, s);
      persistUpdatedShare(ctx, 'S1', [{ user: 'bob', permission: 'readWrite' }, { user: 'alice', permission: 'readOnly' }, { user: 'dan' }, { user: 'carol' }], ['carol', 'alice'], 'new', 0);
      assert.deepEqual(s.participants, [
        { user: 'alice', role: 'owner', permission: 'readWrite', status: 'accepted' },
        { user: 'bob', role: 'privateUser', permission: 'readWrite', status: 'accepted' },
        { user: 'dan', role: 'privateUser', permission: 'readOnly', status: 'pending' },
        { user: 'carol', role: 'privateUser', permission: 'readOnly', status: 'pending' },
      ]);
      assert.deepEqual([s.title, s.thumbnailBytes, s.needsUpdate], ['new', 0, true]);
      persistUpdatedShare(ctx, 'S1', [{ user: 'bob' }], undefined, undefined, undefined);
      assert.deepEqual([s.participants[1].permission, s.title, s.thumbnailBytes], ['readWrite', 'new', 0]);
      assert.deepEqual(ctx.requests.map((r) => r.label), ['PersistUpdatedShare', 'PersistUpdatedShare']);
    });
  });

  describe('purgeLocalZone', () => {
    it('removes the zone\'s objects without exporting, its tokens and share; counts and announces', () => {
      const ctx = graphCtx();
      share(ctx, { objects: ['T1'], shareId: 'S1' });
      ctx.sharing.rejected.add('N2');
      ctx.sharing.zoneTokens.set(`private:${Z1}`, 4).set(`shared:${Z1}`, 5).set(`private:${P}S2`, 6);
      ctx.events.length = 0;
      ctx.t = 8000;
      const n = purgeLocalZone(ctx, Z1, 'private', 'stopped');
      assert.equal(n, 5);
      assert.deepEqual([...ctx.store.objects.keys()], ['T9']);
      assert.deepEqual([ctx.store.dirty.size, ctx.sharing.zoneOf.size, ctx.sharing.movedOut.size, ctx.sharing.rejected.size, ctx.sharing.shares.size], [0, 0, 0, 0, 0]);
      assert.deepEqual([...ctx.sharing.zoneTokens.keys()], [`private:${P}S2`]);
      assert.deepEqual(ctx.events, [
        { kind: 'store.saved', author: 'NSCloudKitMirroringDelegate.import', transaction: 2, inserted: 0, updated: 0, deleted: 5, ids: ['C1', 'N1', 'N2', 'F1', 'T1'] },
        { kind: 'store.remoteChange', transaction: 2 },
        { kind: 'share.zoneRemoved', zone: Z1, store: 'private', objectsRemoved: 5, reason: 'stopped' },
      ]);
      assert.equal(ctx.uiTransaction, 2);
    });

    it('in the shared store: only the shared store changes, and the device\'s UI transaction stays', () => {
      const ctx = graphCtx();
      const view = sharedView(ctx);
      prepareSave(view, [{ op: 'insert', entity: 'Tag', id: 'X1' }, { op: 'insert', entity: 'Tag', id: 'X2' }]).commit();
      ctx.sharing.sharedZoneOf.set('X1', Z1).set('X2', `${P}S2`).set('GONE', Z1);
      ctx.sharing.sharedStore.markDirty({ id: 'GONE', entity: 'Tag' }, 'CD_Tag', null, 1);
      ctx.uiTransaction = 1;
      ctx.events.length = 0;
      assert.equal(purgeLocalZone(ctx, Z1, 'shared', 'left'), 1);
      assert.deepEqual([...ctx.sharing.sharedStore.objects.keys()], ['X2']);
      assert.equal(ctx.sharing.sharedStore.dirty.has('GONE'), false);
      assert.equal(ctx.store.objects.size, 6);
      assert.equal(ctx.uiTransaction, 1);
      assert.deepEqual(ctx.events.at(-1), { kind: 'share.zoneRemoved', zone: Z1, store: 'shared', objectsRemoved: 1, reason: 'left' });
    });

    it('a zone that is not a share zone is removed silently', () => {
      const ctx = fakeCtx();
      assert.equal(purgeLocalZone(ctx, 'plain.zone', 'private', 'deleted'), 0);
      assert.deepEqual(ctx.events, []);
    });
  });

  describe('checkSharingInput', () => {
    const input = (x: Record<string, unknown>): SandboxInput => ({ device: 'A', ...x }) as unknown as SandboxInput;

    it('passes inputs without a device and push responses, even signed out', () => {
      const ctx = fakeCtx();
      ctx.user = null;
      checkSharingInput(ctx, input({ type: 'setPushResponse', answer: 'newData' }));
      checkSharingInput(ctx, { type: 'runUntilIdle' } as SandboxInput);
      throws(() => checkSharingInput(ctx, input({ type: 'acceptShare', share: 'S1' })), 'acceptShare: device A is not signed in to an Apple ID');
    });

    it('checks each sharing input against the device', () => {
      const ctx = graphCtx();
      throws(() => checkSharingInput(ctx, input({ type: 'share', objects: [] })), 'share: give at least one object');
      throws(() => checkSharingInput(ctx, input({ type: 'share', objects: ['T9', 'x'] })), 'share: no object \'x\' in the private store of A');
      checkSharingInput(ctx, input({ type: 'share', objects: ['T9'], shareId: 'S1' }));
      ctx.sharing.shares.set(Z1, owned(Z1));
      throws(() => checkSharingInput(ctx, input({ type: 'share', objects: ['T9'], shareId: 'S1' })), `share: a share ${Z1} already exists on A`);
      checkSharingInput(ctx, input({ type: 'share', objects: ['T9'], shareId: 'S1', toShare: 'S1' }));
      throws(() => checkSharingInput(ctx, input({ type: 'leaveShare', share: 'S1' })), `leaveShare: A is not a participant of ${Z1} (accept it and import first)`);
      checkSharingInput(ctx, input({ type: 'stopSharing', share: 'S1' }));
      checkSharingInput(ctx, input({ type: 'persistUpdatedShare', share: 'S1' }));
      checkSharingInput(ctx, input({ type: 'purgeZone', share: 'S1' }));
      throws(() => checkSharingInput(ctx, input({ type: 'stopSharing', share: 'S2' })), `stopSharing: ${P}S2 is not a share owned on A`);
      throws(() => checkSharingInput(ctx, input({ type: 'persistUpdatedShare', share: 'S2' })), `persistUpdatedShare: ${P}S2 is not a share owned on A`);
      throws(() => checkSharingInput(ctx, input({ type: 'purgeZone', share: 'S2' })), `purgeZone: ${P}S2 is not a share zone known on A`);
      ctx.sharing.zoneOf.set('T9', `${P}S2`);
      checkSharingInput(ctx, input({ type: 'purgeZone', share: 'S2' }));
      ctx.sharing.shares.set(Z1, owned(Z1, { store: 'shared' }));
      checkSharingInput(ctx, input({ type: 'leaveShare', share: 'S1' }));
      throws(() => checkSharingInput(ctx, input({ type: 'stopSharing', share: 'S1' })), `stopSharing: ${Z1} is not a share owned on A`);
      checkSharingInput(ctx, input({ type: 'acceptShare', share: 'S3' }));
    });
  });

  describe('SharingState.clearForAccount', () => {
    it('forgets every share, token, pending action and the shared store', () => {
      const s = new SharingState();
      s.active = true;
      s.shares.set(Z1, owned(Z1));
      s.zoneOf.set('a', Z1); s.sharedZoneOf.set('b', Z1); s.movedOut.set('c', 'CD_Tag');
      s.privateDbToken = 1; s.sharedDbToken = 2; s.zoneTokens.set('k', 3); s.sharedSubscribedFor = 'alice';
      s.pendingAccepts.push(Z1); s.pendingLeaves.push({ zone: Z1, purge: false }); s.pendingPurges.push(Z1); s.rejected.add('d');
      const txn = new TxnBuilder('app');
      const o = s.sharedStore.insert(txn, 'X', 'Tag', {});
      s.sharedStore.markDirty(o, 'CD_Tag', null, 1);
      s.sharedStore.addLink(txn, { name: 'L', a: 'X', entityA: 'Tag', relA: 'r', b: 'Y', entityB: 'Note', relB: 's' });
      s.budget = { answer: 'newData', handlerMs: 0, credit: 1, suppressedUntilT: null };
      s.clearForAccount();
      assert.deepEqual(
        [s.shares.size, s.zoneOf.size, s.sharedZoneOf.size, s.movedOut.size, s.privateDbToken, s.sharedDbToken, s.zoneTokens.size, s.sharedSubscribedFor,
          s.pendingAccepts, s.pendingLeaves, s.pendingPurges, s.rejected.size, s.sharedStore.objects.size, s.sharedStore.dirty.size, s.sharedStore.links.size],
        [0, 0, 0, 0, null, null, 0, null, [], [], [], 0, 0, 0, 0],
      );
      assert.equal(s.active, true, 'sharing stays in use for the session');
    });
  });

  describe('storeView', () => {
    it('the device\'s own store is the device itself', () => {
      const ctx = fakeCtx();
      assert.equal(storeView(ctx, ctx.store), ctx);
    });

    it('another store: reads see that store, writes go to the device except the UI transaction, methods stay bound', () => {
      const ctx = fakeCtx();
      const other = new LocalStore();
      const view = storeView(ctx, other);
      assert.equal(view.store, other);
      assert.equal(view.id, 'A');
      view.uiTransaction = 42;
      assert.equal(ctx.uiTransaction, 0);
      view.dbToken = 9;
      assert.equal(ctx.dbToken, 9);
      const { emit } = view;
      emit({ kind: 'store.remoteChange', transaction: 1 });
      assert.deepEqual(ctx.events, [{ kind: 'store.remoteChange', transaction: 1 }]);
      assert.equal(sharedView(ctx).store, ctx.sharing.sharedStore);
    });
  });
});
