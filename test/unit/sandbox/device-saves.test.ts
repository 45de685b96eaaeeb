/**
 * Local saves (src/core/sandbox/device/local-saves.ts): validation of a save with its exact input errors, what
 * a save writes to the store (defaults, values, relationships and their inverses, many-to-many join records),
 * the dirty keys it leaves for export, delete rules (Cascade / Nullify), the `store.saved` event and the export
 * debounce. Run on a hand-made device context (device-fixtures.ts); the model and objects are ours.
 */
import assert from 'node:assert/strict';
import { SandboxInputError } from '../../../src/core/sandbox/api';
import type { ObjectChange } from '../../../src/core/sandbox/api';
import { deleteLocal, emitSaved, prepareSave } from '../../../src/core/sandbox/device/local-saves';
import { TxnBuilder } from '../../../src/core/sandbox/device/store';
import { Prng } from '../../../src/core/sandbox/prng';
import { fakeCtx } from './device-fixtures';
import type { FakeCtx } from './device-fixtures';

function save(ctx: FakeCtx, changes: ObjectChange[]): string[] {
  const p = prepareSave(ctx, changes);
  p.commit();
  return p.ids;
}

function refuses(ctx: FakeCtx, changes: ObjectChange[], message: string): void {
  assert.throws(() => prepareSave(ctx, changes), (e: unknown) => e instanceof SandboxInputError && e.message === message);
}

function dirtyOf(ctx: FakeCtx): Record<string, { keys: string[] | null; deleted: boolean; recordType: string }> {
  const out: Record<string, { keys: string[] | null; deleted: boolean; recordType: string }> = {};
  for (const [id, d] of ctx.store.dirty) out[id] = { keys: d.keys === null ? null : [...d.keys].sort(), deleted: d.deleted, recordType: d.recordType };
  return out;
}

/** A device with a folder F1, notes N1 (in F1) and N2, a tag T1 and covers C1, C2, all exported (clean, on the server). */
function seeded(): FakeCtx {
  const ctx = fakeCtx();
  save(ctx, [
    { op: 'insert', entity: 'Folder', id: 'F1', values: { name: 'Home' } },
    { op: 'insert', entity: 'Note', id: 'N1', values: { title: 'a' }, relationships: { folder: 'F1' } },
    { op: 'insert', entity: 'Note', id: 'N2', values: { title: 'b' } },
    { op: 'insert', entity: 'Tag', id: 'T1' },
    { op: 'insert', entity: 'Cover', id: 'C1' },
    { op: 'insert', entity: 'Cover', id: 'C2' },
  ]);
  for (const o of ctx.store.objects.values()) o.onServer = true;
  ctx.store.dirty.clear();
  ctx.events.length = 0;
  ctx.scheduled.length = 0;
  ctx.exportTimer = null;
  return ctx;
}

describe('sandbox: device local saves', () => {
  describe('validation', () => {
    it('refuses a save while the app is not running', () => {
      const ctx = fakeCtx();
      ctx.appState = 'quit';
      refuses(ctx, [{ op: 'insert', entity: 'Note' }], 'device A: the app is not running (set its app state to foreground first)');
    });

    it('refuses unknown and abstract entities', () => {
      const ctx = fakeCtx();
      refuses(ctx, [{ op: 'insert', entity: 'Nope' }], "unknown entity 'Nope'");
      refuses(ctx, [{ op: 'insert', entity: 'Base' }], "entity 'Base' is abstract");
    });

    it('refuses an id that exists already or twice in one save', () => {
      const ctx = seeded();
      refuses(ctx, [{ op: 'insert', entity: 'Note', id: 'N1' }], "an object with id 'N1' already exists on A");
      refuses(ctx, [{ op: 'insert', entity: 'Note', id: 'X' }, { op: 'insert', entity: 'Tag', id: 'X' }], "an object with id 'X' already exists on A");
    });

    it('refuses updates and deletes of missing objects, including one deleted earlier in the save', () => {
      const ctx = seeded();
      refuses(ctx, [{ op: 'update', id: 'Z', values: {} }], "no object 'Z' on device A");
      refuses(ctx, [{ op: 'delete', id: 'Z' }], "no object 'Z' on device A");
      refuses(ctx, [{ op: 'delete', id: 'N2' }, { op: 'update', id: 'N2', values: { title: 'x' } }], "no object 'N2' on device A");
    });

    it('allows an id deleted earlier in the same save to be inserted again', () => {
      const ctx = seeded();
      assert.deepEqual(prepareSave(ctx, [{ op: 'delete', id: 'N2' }, { op: 'insert', entity: 'Note', id: 'N2' }]).ids, ['N2']);
    });

    it('refuses unknown attributes and values of the wrong type, on inserts and updates', () => {
      const ctx = seeded();
      refuses(ctx, [{ op: 'insert', entity: 'Note', values: { zz: 1 } }], "entity 'Note' has no attribute 'zz'");
      refuses(ctx, [{ op: 'insert', entity: 'Note', values: { count: 'many' } }], 'value "many" does not fit attribute Note.count (Integer 64)');
      refuses(ctx, [{ op: 'update', id: 'N1', values: { done: 1 } }], 'value 1 does not fit attribute Note.done (Boolean)');
    });

    it('ignores inherited (non-own) value keys', () => {
      const ctx = seeded();
      const values = Object.create({ zz: 1 }) as Record<string, never>;
      assert.doesNotThrow(() => prepareSave(ctx, [{ op: 'insert', entity: 'Note', values }]));
    });

    it('refuses unknown relationships and the wrong shape of value', () => {
      const ctx = seeded();
      refuses(ctx, [{ op: 'insert', entity: 'Note', relationships: { zz: null } }], "entity 'Note' has no relationship 'zz'");
      refuses(ctx, [{ op: 'insert', entity: 'Note', relationships: { folder: ['F1'] } }], 'relationship Note.folder is to-one (give an id or null)');
      refuses(ctx, [{ op: 'update', id: 'F1', relationships: { notes: 'N1' } }], 'relationship Folder.notes is to-many (give a list of ids)');
    });

    it('checks relationship targets, counting objects inserted earlier in the save', () => {
      const ctx = seeded();
      refuses(ctx, [{ op: 'insert', entity: 'Note', relationships: { folder: 'T1' } }],
        'relationship Note.folder expects Folder objects; \'T1\' is Tag (Core Data: "Unacceptable type of value for to-one relationship")');
      refuses(ctx, [{ op: 'delete', id: 'F1' }, { op: 'insert', entity: 'Note', relationships: { folder: 'F1' } }], "relationship Note.folder: no object 'F1' on this device");
      assert.doesNotThrow(() => prepareSave(ctx, [{ op: 'insert', entity: 'Folder', id: 'F2' }, { op: 'insert', entity: 'Note', relationships: { folder: 'F2' } }]));
    });

    it('changes nothing until commit, and ids come from the seed when not given', () => {
      const ctx = fakeCtx();
      const p = prepareSave(ctx, [{ op: 'insert', entity: 'Note' }, { op: 'insert', entity: 'Tag', id: 'T9' }]);
      const rng = new Prng(1);
      assert.deepEqual(p.ids, [rng.uuid(), 'T9']);
      assert.equal(ctx.store.objects.size, 0);
      assert.deepEqual(ctx.events, []);
      p.commit();
      assert.deepEqual([...ctx.store.objects.keys()], p.ids);
    });
  });

  describe('inserts and updates', () => {
    it('an insert takes the defaults, then the given values, and is dirty for every key', () => {
      const ctx = fakeCtx();
      save(ctx, [{ op: 'insert', entity: 'Note', id: 'N1', values: { title: 'x', count: 3 } }]);
      assert.deepEqual(ctx.store.objects.get('N1')!.values, { createdAt: null, title: 'x', count: 3, done: true, body: null, photo: null });
      assert.deepEqual(ctx.store.dirty.get('N1'), { keys: null, deleted: false, recordType: 'CD_Base', entity: 'Note', version: 1, firstTxn: 1 });
    });

    it('posts store.saved, refreshes the UI and schedules one export after the debounce', () => {
      const ctx = fakeCtx({ options: { exportDebounceMs: 2500 } });
      save(ctx, [{ op: 'insert', entity: 'Tag', id: 'T1' }, { op: 'insert', entity: 'Tag', id: 'T2' }]);
      assert.deepEqual(ctx.events, [{ kind: 'store.saved', author: 'app', transaction: 1, inserted: 2, updated: 0, deleted: 0, ids: ['T1', 'T2'] }]);
      assert.equal(ctx.uiTransaction, 1);
      assert.deepEqual(ctx.scheduled.map((s) => [s.delayMs, s.label, s.background]), [[2500, 'A: export debounce', false]]);
      save(ctx, [{ op: 'update', id: 'T1', values: { label: 'x' } }]);
      assert.equal(ctx.scheduled.length, 1, 'one debounce timer at a time');
      assert.equal(ctx.uiTransaction, 2);
      assert.deepEqual(ctx.requests, []);
      ctx.scheduled[0].run();
      assert.equal(ctx.exportTimer, null);
      assert.deepEqual(ctx.requests, [{ type: 'export', label: 'ContextSave', internal: false }]);
    });

    it('an update marks only the changed keys, with the transaction it happened in', () => {
      const ctx = seeded();
      save(ctx, [{ op: 'update', id: 'N2', values: { title: 'c', count: 9 } }]);
      assert.deepEqual(ctx.store.objects.get('N2')!.values.title, 'c');
      // The seed made 7 dirty marks (6 inserts and N1's folder): the version counter goes on from there.
      assert.deepEqual(ctx.store.dirty.get('N2'), { keys: new Set(['title', 'count']), deleted: false, recordType: 'CD_Base', entity: 'Note', version: 8, firstTxn: 2 });
      assert.deepEqual(ctx.events, [{ kind: 'store.saved', author: 'app', transaction: 2, inserted: 0, updated: 1, deleted: 0, ids: ['N2'] }]);
    });

    it('an empty update saves nothing and schedules nothing', () => {
      const ctx = seeded();
      save(ctx, [{ op: 'update', id: 'N2', values: {} }, { op: 'update', id: 'N1' }]);
      assert.deepEqual(ctx.events, []);
      assert.deepEqual(ctx.scheduled, []);
      assert.equal(ctx.store.dirty.size, 0);
      assert.equal(ctx.store.lastTxn, 1);
    });
  });

  describe('relationships', () => {
    it('a to-one with a to-many inverse stores the key on the child only', () => {
      const ctx = seeded();
      save(ctx, [{ op: 'update', id: 'N2', relationships: { folder: 'F1' } }]);
      assert.deepEqual(ctx.store.referrers('F1', 'folder').map((r) => r.id), ['N1', 'N2']);
      assert.deepEqual(dirtyOf(ctx), { N2: { keys: ['folder'], deleted: false, recordType: 'CD_Base' } });
    });

    it('a one-to-one keeps both sides and clears the previous partner', () => {
      const ctx = seeded();
      save(ctx, [{ op: 'update', id: 'N1', relationships: { cover: 'C1' } }]);
      assert.equal(ctx.store.objects.get('C1')!.toOne.note, 'N1');
      assert.deepEqual(dirtyOf(ctx), { N1: { keys: ['cover'], deleted: false, recordType: 'CD_Base' }, C1: { keys: ['note'], deleted: false, recordType: 'CD_Cover' } });
      ctx.store.dirty.clear();
      save(ctx, [{ op: 'update', id: 'N1', relationships: { cover: 'C2' } }]);
      assert.equal(ctx.store.objects.get('C1')!.toOne.note, null);
      assert.equal(ctx.store.objects.get('C2')!.toOne.note, 'N1');
      assert.deepEqual(dirtyOf(ctx), {
        N1: { keys: ['cover'], deleted: false, recordType: 'CD_Base' }, C1: { keys: ['note'], deleted: false, recordType: 'CD_Cover' },
        C2: { keys: ['note'], deleted: false, recordType: 'CD_Cover' },
      });
      ctx.store.dirty.clear();
      save(ctx, [{ op: 'update', id: 'N1', relationships: { cover: null } }]);
      assert.equal(ctx.store.objects.get('C2')!.toOne.note, null);
      assert.deepEqual(Object.keys(dirtyOf(ctx)).sort(), ['C2', 'N1']);
    });

    it('a to-many with a to-one inverse sets and clears the children keys', () => {
      const ctx = seeded();
      save(ctx, [{ op: 'update', id: 'F1', relationships: { notes: ['N1', 'N2'] } }]);
      assert.equal(ctx.store.objects.get('N2')!.toOne.folder, 'F1');
      // N1 was in F1 already: nothing to change or export for it.
      assert.deepEqual(dirtyOf(ctx), { N2: { keys: ['folder'], deleted: false, recordType: 'CD_Base' } });
      ctx.store.dirty.clear();
      save(ctx, [{ op: 'update', id: 'F1', relationships: { notes: ['N2'] } }]);
      assert.equal(ctx.store.objects.get('N1')!.toOne.folder, null);
      assert.deepEqual(dirtyOf(ctx), { N1: { keys: ['folder'], deleted: false, recordType: 'CD_Base' } });
    });

    it('many-to-many adds and removes CDMR join records', () => {
      const ctx = seeded();
      save(ctx, [{ op: 'update', id: 'N1', relationships: { tags: ['T1'] } }]);
      assert.deepEqual([...ctx.store.links.keys()], ['CDMR_N1_T1_tags']);
      assert.deepEqual(dirtyOf(ctx), { CDMR_N1_T1_tags: { keys: null, deleted: false, recordType: 'CDMR' } });
      // The same list again changes nothing.
      const version = ctx.store.dirty.get('CDMR_N1_T1_tags')!.version;
      save(ctx, [{ op: 'update', id: 'N1', relationships: { tags: ['T1'] } }]);
      assert.equal(ctx.store.dirty.get('CDMR_N1_T1_tags')!.version, version);
      assert.equal(ctx.store.lastTxn, 2);
      ctx.store.dirty.clear();
      save(ctx, [{ op: 'update', id: 'T1', relationships: { notes: [] } }]);
      assert.equal(ctx.store.links.size, 0);
      assert.deepEqual(dirtyOf(ctx), { CDMR_N1_T1_tags: { keys: null, deleted: true, recordType: 'CDMR' } });
    });
  });

  describe('deletes', () => {
    it('a Cascade rule deletes the children; objects on the server become pending deletes', () => {
      const ctx = seeded();
      save(ctx, [{ op: 'delete', id: 'F1' }]);
      assert.deepEqual([...ctx.store.objects.keys()].sort(), ['C1', 'C2', 'N2', 'T1']);
      assert.deepEqual(dirtyOf(ctx), { F1: { keys: null, deleted: true, recordType: 'CD_Folder' }, N1: { keys: null, deleted: true, recordType: 'CD_Base' } });
      assert.deepEqual(ctx.events, [{ kind: 'store.saved', author: 'app', transaction: 2, inserted: 0, updated: 0, deleted: 2, ids: ['N1', 'F1'] }]);
    });

    it('an object never exported is simply forgotten, unless it is in flight', () => {
      const ctx = fakeCtx();
      save(ctx, [{ op: 'insert', entity: 'Tag', id: 'T1' }, { op: 'insert', entity: 'Tag', id: 'T2' }]);
      ctx.inFlight.add('T2');
      save(ctx, [{ op: 'delete', id: 'T1' }, { op: 'delete', id: 'T2' }]);
      assert.deepEqual(dirtyOf(ctx), { T2: { keys: null, deleted: true, recordType: 'CD_Tag' } });
    });

    it('Nullify clears a one-to-one partner key', () => {
      const ctx = seeded();
      save(ctx, [{ op: 'update', id: 'N1', relationships: { cover: 'C1' } }]);
      ctx.store.dirty.clear();
      save(ctx, [{ op: 'delete', id: 'C1' }]);
      assert.equal(ctx.store.objects.get('N1')!.toOne.cover, null);
      assert.deepEqual(dirtyOf(ctx), { N1: { keys: ['cover'], deleted: false, recordType: 'CD_Base' }, C1: { keys: null, deleted: true, recordType: 'CD_Cover' } });
    });

    it('deleting a child leaves its parent alone (the to-many side is derived)', () => {
      const ctx = seeded();
      save(ctx, [{ op: 'delete', id: 'N1' }]);
      assert.deepEqual(dirtyOf(ctx), { N1: { keys: null, deleted: true, recordType: 'CD_Base' } });
      assert.deepEqual(ctx.store.referrers('F1'), []);
    });

    it('deleting one end of a many-to-many deletes its join records', () => {
      const ctx = seeded();
      save(ctx, [{ op: 'update', id: 'N1', relationships: { tags: ['T1'] } }]);
      ctx.store.dirty.clear();
      save(ctx, [{ op: 'delete', id: 'T1' }]);
      assert.equal(ctx.store.links.size, 0);
      assert.deepEqual(dirtyOf(ctx), { CDMR_N1_T1_tags: { keys: null, deleted: true, recordType: 'CDMR' }, T1: { keys: null, deleted: true, recordType: 'CD_Tag' } });
    });

    it('deleteLocal without export forgets the object, its victims and its links, and reports cascaded ids once', () => {
      const ctx = seeded();
      save(ctx, [{ op: 'update', id: 'N1', relationships: { tags: ['T1'] } }]);
      const txn = new TxnBuilder('NSCloudKitMirroringDelegate.import');
      const cascaded: string[] = [];
      deleteLocal(ctx, txn, 'F1', 0, false, new Set(), (id) => cascaded.push(id));
      assert.deepEqual(cascaded, ['N1']);
      assert.deepEqual(dirtyOf(ctx), {});
      assert.equal(ctx.store.links.size, 0);
      assert.deepEqual(txn.deleted, ['N1', 'F1']);
      // An id already seen, or missing, is skipped.
      deleteLocal(ctx, txn, 'N2', 0, false, new Set(['N2']));
      deleteLocal(ctx, txn, 'missing', 0, false, new Set());
      assert.deepEqual(txn.deleted, ['N1', 'F1']);
    });
  });

  describe('emitSaved', () => {
    it('lists inserted, updated then deleted ids up to eventDetailLimit, with exact counts', () => {
      const ctx = fakeCtx({ options: { eventDetailLimit: 3 } });
      emitSaved(ctx, 4, 'NSCloudKitMirroringDelegate.reset', ['a', 'b'], ['c', 'd'], ['e']);
      assert.deepEqual(ctx.events, [{ kind: 'store.saved', author: 'NSCloudKitMirroringDelegate.reset', transaction: 4, inserted: 2, updated: 2, deleted: 1, ids: ['a', 'b', 'c'] }]);
    });

    it('a limit of 0 lists no ids', () => {
      const ctx = fakeCtx({ options: { eventDetailLimit: 0 } });
      emitSaved(ctx, 1, 'app', ['a'], [], ['b']);
      assert.deepEqual(ctx.events, [{ kind: 'store.saved', author: 'app', transaction: 1, inserted: 1, updated: 0, deleted: 1, ids: [] }]);
    });
  });
});
