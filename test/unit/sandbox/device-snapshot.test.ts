/**
 * The device as the inspector shows it (src/core/sandbox/device/snapshot.ts): the inspect window
 * (entity / offset / limit), mirroring state (tokens as D<n>/Z<n>, exported-through transaction, queue),
 * UI staleness, and each object's relationships as the app reads them (missing targets read as nil, to-many
 * sides derived and sorted) and pending keys. The device state is written by us on a hand-made context.
 */
import assert from 'node:assert/strict';
import { snapshot } from '../../../src/core/sandbox/device/snapshot';
import { prepareSave } from '../../../src/core/sandbox/device/local-saves';
import { fakeCtx } from './device-fixtures';
import type { FakeCtx } from './device-fixtures';

function seeded(): FakeCtx {
  const ctx = fakeCtx();
  prepareSave(ctx, [
    { op: 'insert', entity: 'Folder', id: 'F1', values: { name: 'Home' } },
    { op: 'insert', entity: 'Note', id: 'N2', relationships: { folder: 'F1' } },
    { op: 'insert', entity: 'Note', id: 'N1', relationships: { folder: 'F1' } },
    { op: 'insert', entity: 'Tag', id: 'T2' },
    { op: 'insert', entity: 'Tag', id: 'T1' },
  ]).commit();
  prepareSave(ctx, [{ op: 'update', id: 'N1', relationships: { tags: ['T2', 'T1'] } }]).commit();
  return ctx;
}

describe('sandbox: device snapshot', () => {
  it('shows relationships as the app reads them and the pending keys', () => {
    const ctx = seeded();
    ctx.store.dirty.clear();
    ctx.store.markDirty({ id: 'N1', entity: 'Note' }, 'CD_Base', ['title', 'count'], 2);
    ctx.store.objects.get('N1')!.changeTag = 'ct';
    const snap = snapshot(ctx);
    assert.deepEqual(snap.objects.find((o) => o.id === 'N1'), {
      id: 'N1', entity: 'Note', values: { createdAt: null, title: null, count: 7, done: true, body: null, photo: null },
      relationships: { folder: 'F1', tags: ['T1', 'T2'], cover: null }, pendingKeys: ['count', 'title'], changeTag: 'ct',
    });
    assert.deepEqual(snap.objects.find((o) => o.id === 'F1')!.relationships, { notes: ['N1', 'N2'] });
    assert.deepEqual(snap.objects.find((o) => o.id === 'T1')!.relationships, { notes: ['N1'] });
    assert.deepEqual(snap.objects.find((o) => o.id === 'F1')!.pendingKeys, []);
  });

  it('a to-one key whose object is missing reads as nil, and an insert pends every key', () => {
    const ctx = seeded();
    ctx.store.objects.get('N2')!.toOne.cover = 'C-missing';
    const n2 = snapshot(ctx).objects.find((o) => o.id === 'N2')!;
    assert.equal(n2.relationships.cover, null);
    assert.deepEqual(n2.pendingKeys, ['*']);
  });

  it('leaves out referrers and linked objects that are missing', () => {
    const ctx = seeded();
    ctx.store.objects.delete('N2');
    ctx.store.objects.delete('T2');
    const snap = snapshot(ctx);
    assert.deepEqual(snap.objects.find((o) => o.id === 'F1')!.relationships.notes, ['N1']);
    assert.deepEqual(snap.objects.find((o) => o.id === 'N1')!.relationships.tags, ['T1']);
  });

  it('a to-many without an inverse reads as empty', () => {
    const ctx = fakeCtx({ spec: { entities: [{ name: 'A', relationships: [{ name: 'bs', destination: 'B', toMany: true }] }, { name: 'B' }] } });
    prepareSave(ctx, [{ op: 'insert', entity: 'A', id: 'a' }]).commit();
    assert.deepEqual(snapshot(ctx).objects[0].relationships, { bs: [] });
  });

  it('cuts the objects to the inspect window, counting only the chosen entity', () => {
    const ctx = seeded();
    assert.deepEqual(snapshot(ctx).objects.map((o) => o.id), ['F1', 'N2', 'N1', 'T2', 'T1']);
    assert.deepEqual(snapshot(ctx, { offset: 1, limit: 2 }).objects.map((o) => o.id), ['N2', 'N1']);
    assert.deepEqual(snapshot(ctx, { entity: 'Tag' }).objects.map((o) => o.id), ['T2', 'T1']);
    assert.deepEqual(snapshot(ctx, { entity: 'Tag', offset: 1 }).objects.map((o) => o.id), ['T1']);
    assert.deepEqual(snapshot(ctx, { limit: 0 }).objects, []);
    assert.equal(snapshot(ctx, { limit: 0 }).objectCount, 5);
  });

  it('shows 200 objects by default', () => {
    const ctx = fakeCtx();
    prepareSave(ctx, Array.from({ length: 201 }, (_, i) => ({ op: 'insert' as const, entity: 'Tag', id: `T${i}` }))).commit();
    assert.equal(snapshot(ctx).objects.length, 200);
  });

  it('reports the device and mirroring state', () => {
    const ctx = seeded();
    ctx.dbToken = 3;
    ctx.zoneToken = 0;
    ctx.heldPush = { pushId: 'p', sinceT: 5 };
    ctx.queue.push({ requestId: 'R1', type: 'export', label: 'Manual' });
    ctx.running = { requestId: 'R0', type: 'import', label: 'Push', eventId: 'E', startT: 0 };
    ctx.waitUntil = 99;
    ctx.resetCount = 2;
    ctx.lastImportT = 10;
    ctx.lastExportT = 20;
    ctx.setupError = null;
    const snap = snapshot(ctx);
    const { objects: _objects, ...rest } = snap;
    assert.deepEqual(rest, {
      id: 'A', name: 'Device A', user: 'alice', network: { mode: 'online', latencyMs: 100, failureRate: 0 }, appState: 'foreground', pushPolicy: 'deliver',
      scheduler: { policy: 'approve', reason: null, untilT: null }, heldPush: { pushId: 'p', sinceT: 5 },
      mirroring: {
        setup: 'succeeded', setupError: null, databaseToken: 'D3', zoneToken: 'Z0', publicHighWater: null, pendingExportCount: 7,
        exportedThroughTransaction: 0, running: 'import', queued: [{ activity: 'export', label: 'Manual', requestId: 'R1' }],
        waitingUntilT: 99, resetCount: 2, lastImportT: 10, lastExportT: 20,
      },
      // 5 objects and 2 join records wait for export.
      objectCount: 5, historyCount: 2, firstHistoryTransaction: 1, lastHistoryTransaction: 2,
      ui: { observesRemoteChanges: true, refreshedThroughTransaction: 2, stale: false },
    });
    // Copies, not the device's own objects.
    assert.notEqual(snap.network, ctx.network);
    assert.notEqual(snap.heldPush, ctx.heldPush);
  });

  it('counts exported transactions up to the oldest unexported one, and a stale UI', () => {
    const ctx = seeded();
    ctx.store.dirty.clear();
    assert.equal(snapshot(ctx).mirroring.exportedThroughTransaction, 2);
    ctx.store.markDirty({ id: 'T1', entity: 'Tag' }, 'CD_Tag', null, 2);
    assert.equal(snapshot(ctx).mirroring.exportedThroughTransaction, 1);
    ctx.uiTransaction = 1;
    assert.deepEqual(snapshot(ctx).ui, { observesRemoteChanges: true, refreshedThroughTransaction: 1, stale: true });
  });

  it('an empty device has no history bounds and no tokens', () => {
    const ctx = fakeCtx();
    const snap = snapshot(ctx);
    assert.deepEqual([snap.historyCount, snap.firstHistoryTransaction, snap.lastHistoryTransaction], [0, null, null]);
    assert.deepEqual([snap.mirroring.databaseToken, snap.mirroring.zoneToken, snap.mirroring.running, snap.heldPush], [null, null, null, null]);
    assert.equal(snap.mirroring.exportedThroughTransaction, 0);
    assert.equal(snap.ui?.stale, false);
  });
});
