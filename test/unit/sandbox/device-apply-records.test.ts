/**
 * Writing fetched records into a device's store (src/core/sandbox/device/apply-records.ts): new objects from
 * records (defaults for what the record lacks), updates of changed values only, to-one keys, CDMR join records,
 * tombstones (links, missing objects, share zones), the import transaction's events and the announcement of
 * Cascade deletions the import does not export. Records are written by us, on a hand-made device context.
 */
import assert from 'node:assert/strict';
import { applyPage, applyRecord, commitImport } from '../../../src/core/sandbox/device/apply-records';
import { TxnBuilder } from '../../../src/core/sandbox/device/store';
import type { ServerRecord } from '../../../src/core/sandbox/server/storage';
import type { FieldValue } from '../../../src/core/sandbox/api';
import { DIVERGENCE_SOURCES } from '../../../src/core/sandbox/device/divergence';
import { fakeCtx } from './device-fixtures';
import type { FakeCtx } from './device-fixtures';

function rec(recordName: string, fields: Record<string, FieldValue>, recordType = 'CD_Base', changeTag = 'tag-1'): ServerRecord {
  return { recordName, recordType, fields, changeTag, createdT: 0, modifiedT: 0, modifiedBy: null, size: 0, seq: 1 };
}

const PHOTO = { kind: 'bytes', length: 4, tag: 'p' } as const;

function importTxn(): TxnBuilder {
  return new TxnBuilder('NSCloudKitMirroringDelegate.import');
}

describe('sandbox: device apply records', () => {
  describe('applyRecord', () => {
    it('makes a new object from a record with defaults, asset values and to-one keys', () => {
      const ctx = fakeCtx({ assets: { r1: PHOTO } });
      const txn = importTxn();
      applyRecord(ctx, txn, rec('N1', { CD_entityName: 'Note', CD_title: 'x', CD_photo: null, CD_photo_ckAsset: { kind: 'asset', length: 4, ref: 'r1' }, CD_folder: 'F1' }, 'CD_Base', 'ct-9'));
      const o = ctx.store.objects.get('N1')!;
      assert.deepEqual({ ...o, values: { ...o.values }, toOne: { ...o.toOne } }, {
        id: 'N1', entity: 'Note', values: { createdAt: null, title: 'x', count: 7, done: true, body: null, photo: PHOTO },
        toOne: { folder: 'F1' }, changeTag: 'ct-9', onServer: true,
      });
      assert.deepEqual(ctx.store.referrers('F1'), [{ id: 'N1', rel: 'folder' }]);
      assert.deepEqual(txn.inserted, ['N1']);
      assert.deepEqual([...txn.updated], []);
    });

    it('a record without to-one fields leaves the object without keys', () => {
      const ctx = fakeCtx();
      applyRecord(ctx, importTxn(), rec('T1', { CD_entityName: 'Tag', CD_label: 'l' }, 'CD_Tag'));
      assert.deepEqual(ctx.store.objects.get('T1')!.toOne, {});
    });

    it('updates only the values that changed, and the to-one keys', () => {
      const ctx = fakeCtx();
      const t0 = importTxn();
      applyRecord(ctx, t0, rec('N1', { CD_entityName: 'Note', CD_title: 'x', CD_photo: PHOTO }));
      ctx.store.commit(t0, 1);
      const same = importTxn();
      applyRecord(ctx, same, rec('N1', { CD_entityName: 'Note', CD_title: 'x', CD_photo: { kind: 'bytes', length: 4, tag: 'p' } }, 'CD_Base', 'tag-2'));
      assert.equal(same.size, 0, 'equal values, bytes compared by length and tag');
      assert.equal(ctx.store.objects.get('N1')!.changeTag, 'tag-2');
      const changed = importTxn();
      applyRecord(ctx, changed, rec('N1', { CD_entityName: 'Note', CD_title: 'y', CD_photo: { kind: 'bytes', length: 4, tag: 'q' }, CD_cover: 'C1' }));
      assert.deepEqual([...changed.updated], ['N1']);
      const o = ctx.store.objects.get('N1')!;
      assert.equal(o.values.title, 'y');
      assert.deepEqual(o.values.photo, { kind: 'bytes', length: 4, tag: 'q' });
      assert.deepEqual(o.toOne, { cover: 'C1' });
      const longer = importTxn();
      applyRecord(ctx, longer, rec('N1', { CD_entityName: 'Note', CD_photo: { kind: 'bytes', length: 5, tag: 'q' } }));
      assert.deepEqual(ctx.store.objects.get('N1')!.values.photo, { kind: 'bytes', length: 5, tag: 'q' });
      const toNull = importTxn();
      applyRecord(ctx, toNull, rec('N1', { CD_entityName: 'Note', CD_photo: null }));
      assert.equal(ctx.store.objects.get('N1')!.values.photo, null);
    });

    it('keeps a pending local delete', () => {
      const ctx = fakeCtx();
      ctx.store.markDeleted('N1', 'Note', 'CD_Base', 1);
      const txn = importTxn();
      applyRecord(ctx, txn, rec('N1', { CD_entityName: 'Note' }));
      assert.equal(ctx.store.objects.has('N1'), false);
      assert.equal(txn.size, 0);
    });

    it('skips a record of an unknown or missing entity name with a warning', () => {
      const ctx = fakeCtx();
      applyRecord(ctx, importTxn(), rec('R1', { CD_entityName: 'Nope' }, 'CD_X'));
      applyRecord(ctx, importTxn(), rec('R2', {}, 'CD_Y'));
      applyRecord(ctx, importTxn(), rec('R3', { CD_entityName: 5 }, 'CD_Z'));
      assert.deepEqual(ctx.events, [
        { kind: 'warning', message: 'A: record R1 (CD_X) has unknown CD_entityName "Nope"; skipped' },
        { kind: 'warning', message: 'A: record R2 (CD_Y) has unknown CD_entityName undefined; skipped' },
        { kind: 'warning', message: 'A: record R3 (CD_Z) has unknown CD_entityName 5; skipped' },
      ]);
      assert.equal(ctx.store.objects.size, 0);
    });

    it('adds a CDMR join record from its colon-joined fields', () => {
      const ctx = fakeCtx();
      const txn = importTxn();
      applyRecord(ctx, txn, rec('CDMR_N1_T1_tags', { CD_entityNames: 'Note:Tag', CD_recordNames: 'N1:T1', CD_relationships: 'tags:notes' }, 'CDMR'));
      assert.deepEqual([...ctx.store.links.values()], [{ name: 'CDMR_N1_T1_tags', a: 'N1', entityA: 'Note', relA: 'tags', b: 'T1', entityB: 'Tag', relB: 'notes' }]);
      assert.equal(ctx.store.objects.size, 0);
    });

    it('ignores a CDMR record with a missing or incomplete part', () => {
      const ctx = fakeCtx();
      const full = { CD_entityNames: 'Note:Tag', CD_recordNames: 'N1:T1', CD_relationships: 'tags:notes' };
      for (const [k, v] of [['CD_entityNames', 'Note'], ['CD_recordNames', ':T1'], ['CD_relationships', 5], ['CD_entityNames', null]] as const) {
        applyRecord(ctx, importTxn(), rec(`L-${k}-${String(v)}`, { ...full, [k]: v }, 'CDMR'));
      }
      applyRecord(ctx, importTxn(), rec('L-none', { CD_entityNames: 'Note:Tag', CD_recordNames: 'N1:T1' }, 'CDMR'));
      assert.equal(ctx.store.links.size, 0);
    });
  });

  describe('applyPage', () => {
    function withObjects(): FakeCtx {
      const ctx = fakeCtx();
      const t = importTxn();
      applyRecord(ctx, t, rec('F1', { CD_entityName: 'Folder', CD_name: 'Home' }, 'CD_Folder'));
      applyRecord(ctx, t, rec('N1', { CD_entityName: 'Note', CD_folder: 'F1' }));
      applyRecord(ctx, t, rec('N2', { CD_entityName: 'Note', CD_folder: 'F1' }));
      applyRecord(ctx, t, rec('CDMR_N1_T1_tags', { CD_entityNames: 'Note:Tag', CD_recordNames: 'N1:T1', CD_relationships: 'tags:notes' }, 'CDMR'));
      ctx.store.commit(t, 1);
      return ctx;
    }

    it('commits one import transaction, posts a remote change and refreshes an observing UI', () => {
      const ctx = fakeCtx();
      ctx.t = 4242;
      const seen = new Set<string>();
      applyPage(ctx, [rec('T1', { CD_entityName: 'Tag' }, 'CD_Tag'), rec('T2', { CD_entityName: 'Tag' }, 'CD_Tag')], [], seen);
      assert.deepEqual([...seen], ['T1', 'T2']);
      assert.deepEqual(ctx.events, [
        { kind: 'store.saved', author: 'NSCloudKitMirroringDelegate.import', transaction: 1, inserted: 2, updated: 0, deleted: 0, ids: ['T1', 'T2'] },
        { kind: 'store.remoteChange', transaction: 1 },
      ]);
      assert.equal(ctx.store.history[0].t, 4242);
      assert.equal(ctx.uiTransaction, 1);
    });

    it('does not refresh a UI that does not observe remote changes, and posts nothing for an empty page', () => {
      const ctx = fakeCtx();
      ctx.observesRemoteChanges = false;
      applyPage(ctx, [rec('T1', { CD_entityName: 'Tag' }, 'CD_Tag')], [], null);
      assert.equal(ctx.uiTransaction, 0);
      ctx.events.length = 0;
      applyPage(ctx, [], [], null);
      assert.deepEqual(ctx.events, []);
    });

    it('a tombstone deletes the object and its Cascade victims, announcing those the server still has', () => {
      const ctx = withObjects();
      ctx.events.length = 0;
      ctx.store.markDirty({ id: 'N2', entity: 'Note' }, 'CD_Base', ['title'], 1);
      applyPage(ctx, [], [{ recordName: 'F1', recordType: 'CD_Folder' }, { recordName: 'N1', recordType: 'CD_Base' }], null);
      assert.deepEqual([...ctx.store.objects.keys()], []);
      assert.equal(ctx.store.dirty.size, 0, 'deleted by the import: nothing to export');
      assert.equal(ctx.store.links.size, 0);
      const [saved, remote, warning] = ctx.events;
      assert.deepEqual(saved, { kind: 'store.saved', author: 'NSCloudKitMirroringDelegate.import', transaction: 2, inserted: 0, updated: 0, deleted: 3, ids: ['N1', 'N2', 'F1'] });
      assert.deepEqual(remote, { kind: 'store.remoteChange', transaction: 2 });
      // N1 has its own tombstone in the page: only N2 stays in CloudKit.
      assert.deepEqual(warning, {
        kind: 'warning',
        message: `A: an import deleted an object whose Cascade rule also deleted 1 related object(s) (N2) locally; the mirroring delegate does not export changes made by its own import, so they stay in CloudKit and on other devices [${DIVERGENCE_SOURCES.importCascadeNotExported}]`,
        divergence: { cause: 'importCascadeNotExported', source: DIVERGENCE_SOURCES.importCascadeNotExported, objects: ['N2'], count: 1 },
      });
      assert.equal(ctx.events.length, 3);
    });

    it('a Cascade victim never exported is not announced', () => {
      const ctx = withObjects();
      ctx.store.objects.get('N2')!.onServer = false;
      ctx.events.length = 0;
      applyPage(ctx, [], [{ recordName: 'F1', recordType: 'CD_Folder' }], null);
      assert.deepEqual(ctx.events.map((e) => e.kind), ['store.saved', 'store.remoteChange', 'warning']);
      assert.deepEqual((ctx.events[2] as unknown as { divergence: { objects: string[] } }).divergence.objects, ['N1']);
    });

    it('a tombstone of a join record removes the link; of an unknown object, clears its pending change', () => {
      const ctx = withObjects();
      ctx.store.markDirty({ id: 'CDMR_N1_T1_tags', entity: 'CDMR' }, 'CDMR', null, 1);
      ctx.store.markDeleted('GONE', 'Note', 'CD_Base', 1);
      ctx.events.length = 0;
      applyPage(ctx, [], [{ recordName: 'CDMR_N1_T1_tags', recordType: 'CDMR' }, { recordName: 'GONE', recordType: 'CD_Base' }], null);
      assert.equal(ctx.store.links.size, 0);
      assert.equal(ctx.store.dirty.size, 0);
      assert.equal(ctx.store.objects.size, 3);
      assert.deepEqual(ctx.events, [
        { kind: 'store.saved', author: 'NSCloudKitMirroringDelegate.import', transaction: 2, inserted: 0, updated: 1, deleted: 0, ids: ['N1'] },
        { kind: 'store.remoteChange', transaction: 2 },
      ]);
    });

    it('a tombstone of a record moved into a share zone deletes nothing', () => {
      const ctx = withObjects();
      ctx.sharing.zoneOf.set('N1', 'share-zone');
      ctx.events.length = 0;
      applyPage(ctx, [], [{ recordName: 'N1', recordType: 'CD_Base' }], null);
      assert.equal(ctx.store.objects.has('N1'), true);
      assert.deepEqual(ctx.events, []);
    });
  });

  it('commitImport does nothing for an empty transaction', () => {
    const ctx = fakeCtx();
    commitImport(ctx, importTxn());
    assert.deepEqual(ctx.events, []);
    assert.equal(ctx.store.lastTxn, 0);
  });
});
