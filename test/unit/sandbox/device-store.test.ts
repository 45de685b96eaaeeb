/**
 * A device's local store (src/core/sandbox/device/store.ts): objects, to-one reverse index, many-to-many join
 * records and their deterministic names, history transactions (what counts as inserted / updated / deleted),
 * the export bookkeeping (dirty keys, versions, first unexported transaction) and history purges. Every id,
 * value and time below is written by us.
 */
import assert from 'node:assert/strict';
import { LocalStore, TxnBuilder, makeLink } from '../../../src/core/sandbox/device/store';

describe('sandbox: device local store', () => {
  describe('makeLink', () => {
    it('orders the ends by entity:relationship and names the record after them', () => {
      const want = { name: 'CDMR_N1_T1_tags', a: 'N1', entityA: 'Note', relA: 'tags', b: 'T1', entityB: 'Tag', relB: 'notes' };
      assert.deepEqual(makeLink({ id: 'N1', entity: 'Note', rel: 'tags' }, { id: 'T1', entity: 'Tag', rel: 'notes' }), want);
      assert.deepEqual(makeLink({ id: 'T1', entity: 'Tag', rel: 'notes' }, { id: 'N1', entity: 'Note', rel: 'tags' }), want);
    });

    it('orders by relationship name within one entity, and keeps the given order when both are equal', () => {
      assert.equal(makeLink({ id: 'x', entity: 'P', rel: 'b' }, { id: 'y', entity: 'P', rel: 'a' }).name, 'CDMR_y_x_a');
      assert.equal(makeLink({ id: 'x', entity: 'P', rel: 'r' }, { id: 'y', entity: 'P', rel: 'r' }).name, 'CDMR_x_y_r');
    });
  });

  it('a transaction counts inserted, updated and deleted ids', () => {
    const t = new TxnBuilder('app');
    assert.equal(t.author, 'app');
    assert.equal(t.size, 0);
    t.inserted.push('a');
    t.updated.add('b');
    t.deleted.push('c', 'd');
    assert.equal(t.size, 4);
  });

  describe('objects and values', () => {
    it('inserts an object with no change tag, not on the server, and records it as inserted', () => {
      const s = new LocalStore();
      const t = new TxnBuilder('app');
      const o = s.insert(t, 'N1', 'Note', { title: 'a' });
      assert.deepEqual({ ...o, toOne: { ...o.toOne } }, { id: 'N1', entity: 'Note', values: { title: 'a' }, toOne: {}, changeTag: null, onServer: false });
      assert.equal(s.objects.get('N1'), o);
      assert.deepEqual(t.inserted, ['N1']);
      assert.deepEqual([...t.updated], []);
    });

    it('copies frozen values on the first write', () => {
      const s = new LocalStore();
      const t = new TxnBuilder('app');
      const shared = Object.freeze({ title: 'a', count: 1 });
      const o = s.insert(t, 'N1', 'Note', shared);
      s.setValue(t, o, 'title', 'b');
      assert.deepEqual(o.values, { title: 'b', count: 1 });
      assert.deepEqual(shared, { title: 'a', count: 1 });
      assert.notEqual(o.values, shared);
    });

    it('a change to the object inserted last is not an update; a change to another one is', () => {
      const s = new LocalStore();
      const t = new TxnBuilder('app');
      const a = s.insert(t, 'A', 'Note', {});
      s.setValue(t, a, 'title', 'x');
      assert.deepEqual([...t.updated], []);
      s.insert(t, 'B', 'Note', {});
      s.setValue(t, a, 'title', 'y');
      assert.deepEqual([...t.updated], ['A']);
    });

    it('removes an object, drops it from the updates and records it as deleted', () => {
      const s = new LocalStore();
      const t0 = new TxnBuilder('app');
      const o = s.insert(t0, 'N1', 'Note', {});
      s.commit(t0, 1);
      const t = new TxnBuilder('app');
      s.setValue(t, o, 'title', 'x');
      assert.equal(s.remove(t, 'N1'), o);
      assert.equal(s.objects.has('N1'), false);
      assert.deepEqual(t.deleted, ['N1']);
      assert.deepEqual([...t.updated], []);
      assert.equal(s.remove(t, 'N1'), undefined);
      assert.deepEqual(t.deleted, ['N1']);
    });
  });

  describe('to-one relationships and the reverse index', () => {
    function setup(): { s: LocalStore; t: TxnBuilder; n1: ReturnType<LocalStore['insert']>; n2: ReturnType<LocalStore['insert']> } {
      const s = new LocalStore();
      const t0 = new TxnBuilder('app');
      const n1 = s.insert(t0, 'N1', 'Note', {});
      const n2 = s.insert(t0, 'N2', 'Note', {});
      s.insert(t0, 'F1', 'Folder', {});
      s.commit(t0, 1);
      return { s, t: new TxnBuilder('app'), n1, n2 };
    }

    it('indexes referrers by target and relationship', () => {
      const { s, t, n1, n2 } = setup();
      s.setToOne(t, n1, 'folder', 'F1');
      s.setToOne(t, n2, 'folder', 'F1');
      s.setToOne(t, n2, 'cover', 'F1');
      assert.deepEqual(s.referrers('F1'), [{ id: 'N1', rel: 'folder' }, { id: 'N2', rel: 'folder' }, { id: 'N2', rel: 'cover' }]);
      assert.deepEqual(s.referrers('F1', 'cover'), [{ id: 'N2', rel: 'cover' }]);
      assert.deepEqual(s.referrers('F9'), []);
      assert.deepEqual([...t.updated], ['N1', 'N2']);
      assert.deepEqual(n1.toOne, { folder: 'F1' });
    });

    it('gives an object its own to-one map on first use', () => {
      const { s, t, n1, n2 } = setup();
      s.setToOne(t, n1, 'folder', 'F1');
      assert.deepEqual(n2.toOne, {});
      assert.notEqual(n1.toOne, n2.toOne);
    });

    it('setting the same target again changes nothing', () => {
      const { s, t, n1 } = setup();
      s.setToOne(t, n1, 'folder', null);
      assert.deepEqual([...t.updated], []);
      assert.deepEqual(n1.toOne, {});
      const t2 = new TxnBuilder('app');
      s.setToOne(t2, n1, 'folder', 'F1');
      const t3 = new TxnBuilder('app');
      s.setToOne(t3, n1, 'folder', 'F1');
      assert.equal(t3.size, 0);
    });

    it('moves the reverse entry when the target changes, and clears it for null', () => {
      const { s, t, n1 } = setup();
      s.setToOne(t, n1, 'folder', 'F1');
      s.setToOne(t, n1, 'folder', 'F2');
      assert.deepEqual(s.referrers('F1'), []);
      assert.deepEqual(s.referrers('F2'), [{ id: 'N1', rel: 'folder' }]);
      s.setToOne(t, n1, 'folder', null);
      assert.deepEqual(s.referrers('F2'), []);
      assert.deepEqual(n1.toOne, { folder: null });
    });

    it('removing an object removes its reverse entries', () => {
      const { s, t, n1, n2 } = setup();
      s.setToOne(t, n1, 'folder', 'F1');
      s.setToOne(t, n2, 'folder', 'F1');
      s.setToOne(t, n1, 'cover', null);
      s.remove(t, 'N1');
      assert.deepEqual(s.referrers('F1'), [{ id: 'N2', rel: 'folder' }]);
    });
  });

  describe('many-to-many links', () => {
    const link = makeLink({ id: 'N1', entity: 'Note', rel: 'tags' }, { id: 'T1', entity: 'Tag', rel: 'notes' });

    it('adds a link once, indexes both ends and touches the ends that exist', () => {
      const s = new LocalStore();
      const t0 = new TxnBuilder('app');
      s.insert(t0, 'N1', 'Note', {});
      s.commit(t0, 1);
      const t = new TxnBuilder('app');
      assert.equal(s.addLink(t, link), true);
      assert.equal(s.addLink(t, link), false);
      assert.deepEqual([...t.updated], ['N1']);
      assert.deepEqual(s.linked('N1', 'tags'), [{ id: 'T1', link: 'CDMR_N1_T1_tags' }]);
      assert.deepEqual(s.linked('T1', 'notes'), [{ id: 'N1', link: 'CDMR_N1_T1_tags' }]);
      assert.deepEqual(s.linked('N1', 'notes'), []);
      assert.deepEqual(s.linked('T1', 'tags'), []);
      assert.deepEqual(s.linked('X', 'tags'), []);
      assert.deepEqual(s.linkNamesOf('T1'), ['CDMR_N1_T1_tags']);
      assert.deepEqual(s.linkNamesOf('X'), []);
    });

    it('removes a link from both ends and touches them', () => {
      const s = new LocalStore();
      const t0 = new TxnBuilder('app');
      s.insert(t0, 'N1', 'Note', {});
      s.insert(t0, 'T1', 'Tag', {});
      s.addLink(t0, link);
      s.commit(t0, 1);
      const t = new TxnBuilder('app');
      assert.deepEqual(s.removeLink(t, link.name), link);
      assert.equal(s.removeLink(t, link.name), undefined);
      assert.deepEqual([...t.updated], ['N1', 'T1']);
      assert.deepEqual(s.linked('N1', 'tags'), []);
      assert.deepEqual(s.linkNamesOf('N1'), []);
      assert.equal(s.links.size, 0);
    });
  });

  describe('history', () => {
    it('commits nothing for an empty transaction and numbers the others from 1', () => {
      const s = new LocalStore();
      assert.equal(s.lastTxn, 0);
      assert.equal(s.peekTxn(), 1);
      assert.equal(s.commit(new TxnBuilder('app'), 5), null);
      assert.equal(s.peekTxn(), 1);
      const t = new TxnBuilder('NSCloudKitMirroringDelegate.import');
      s.insert(t, 'A', 'Note', {});
      const h = s.commit(t, 7);
      assert.deepEqual(h, { seq: 1, t: 7, author: 'NSCloudKitMirroringDelegate.import', inserted: ['A'], updated: [], deleted: [] });
      assert.equal(s.lastTxn, 1);
      assert.equal(s.peekTxn(), 2);
      assert.deepEqual(s.history, [h]);
    });

    it('an object inserted and updated in one transaction is only inserted', () => {
      const s = new LocalStore();
      const t0 = new TxnBuilder('app');
      const c = s.insert(t0, 'C', 'Note', {});
      s.commit(t0, 1);
      const t = new TxnBuilder('app');
      const a = s.insert(t, 'A', 'Note', {});
      s.insert(t, 'B', 'Note', {});
      s.setValue(t, a, 'title', 'x');
      s.setValue(t, c, 'title', 'y');
      assert.deepEqual(s.commit(t, 2), { seq: 2, t: 2, author: 'app', inserted: ['A', 'B'], updated: ['C'], deleted: [] });
    });

    it('purges history up to a time, inclusive, and returns the last purged transaction', () => {
      const s = new LocalStore();
      for (const [id, t] of [['A', 10], ['B', 20], ['C', 30]] as const) {
        const txn = new TxnBuilder('app');
        s.insert(txn, id, 'Note', {});
        s.commit(txn, t);
      }
      assert.equal(s.purgeHistory(9), 0);
      assert.equal(s.history.length, 3);
      assert.equal(s.purgeHistory(20), 2);
      assert.deepEqual(s.history.map((h) => h.seq), [3]);
      assert.equal(s.purgeHistory(100), 3);
      assert.deepEqual(s.history, []);
      assert.equal(s.purgeHistory(100), 0);
    });
  });

  describe('export bookkeeping', () => {
    it('marks keys dirty, merging them and bumping the version; null means every key', () => {
      const s = new LocalStore();
      s.markDirty({ id: 'A', entity: 'Note' }, 'CD_Note', ['title'], 3);
      assert.deepEqual(s.dirty.get('A'), { keys: new Set(['title']), deleted: false, recordType: 'CD_Note', entity: 'Note', version: 1, firstTxn: 3 });
      s.markDirty({ id: 'A', entity: 'Note' }, 'CD_Note', ['count', 'title'], 5);
      assert.deepEqual(s.dirty.get('A'), { keys: new Set(['title', 'count']), deleted: false, recordType: 'CD_Note', entity: 'Note', version: 2, firstTxn: 3 });
      s.markDirty({ id: 'A', entity: 'Note' }, 'CD_Note', null, 6);
      assert.equal(s.dirty.get('A')!.keys, null);
      s.markDirty({ id: 'A', entity: 'Note' }, 'CD_Note', ['x'], 7);
      assert.equal(s.dirty.get('A')!.keys, null);
      assert.equal(s.dirty.get('A')!.version, 4);
      s.markDirty({ id: 'B', entity: 'Tag' }, 'CD_Tag', null, 8);
      assert.deepEqual(s.dirty.get('B'), { keys: null, deleted: false, recordType: 'CD_Tag', entity: 'Tag', version: 5, firstTxn: 8 });
    });

    it('marks a delete, and a later change undoes the delete flag', () => {
      const s = new LocalStore();
      s.markDeleted('A', 'Note', 'CD_Note', 2);
      assert.deepEqual(s.dirty.get('A'), { keys: null, deleted: true, recordType: 'CD_Note', entity: 'Note', version: 1, firstTxn: 2 });
      s.markDirty({ id: 'B', entity: 'Note' }, 'CD_Note', ['title'], 3);
      s.markDeleted('B', 'Note', 'CD_Note', 4);
      assert.deepEqual(s.dirty.get('B'), { keys: null, deleted: true, recordType: 'CD_Note', entity: 'Note', version: 3, firstTxn: 3 });
      s.markDirty({ id: 'B', entity: 'Note' }, 'CD_Note', ['title'], 5);
      assert.equal(s.dirty.get('B')!.deleted, false);
    });

    it('the oldest unexported transaction is the smallest first transaction, Infinity when none', () => {
      const s = new LocalStore();
      assert.equal(s.oldestUnexportedTxn(), Infinity);
      s.markDirty({ id: 'A', entity: 'Note' }, 'CD_Note', null, 7);
      s.markDeleted('B', 'Note', 'CD_Note', 4);
      s.markDirty({ id: 'C', entity: 'Note' }, 'CD_Note', null, 9);
      assert.equal(s.oldestUnexportedTxn(), 4);
    });
  });
});
