/**
 * The shared values of objects made from fetched records (src/core/sandbox/device/imported-values.ts): one
 * frozen values object per record version (defaults for what the record lacks), remembered for the most recent
 * `capacity` records, the oldest forgotten first. Records are written by us.
 */
import assert from 'node:assert/strict';
import { ImportedValues } from '../../../src/core/sandbox/device/imported-values';
import type { ServerRecord } from '../../../src/core/sandbox/server/storage';
import { modelInfo } from './device-fixtures';

const tag = modelInfo().entity('Tag')!;
const note = modelInfo().entity('Note')!;
const rec = (name: string, fields: ServerRecord['fields']): ServerRecord => ({
  recordName: name, recordType: 'CD_Tag', fields, changeTag: 't', createdT: 0, modifiedT: 0, modifiedBy: null, size: 0, seq: 1,
});
const noAsset = (): undefined => undefined;

describe('sandbox: device imported values', () => {
  it('reads the record over the defaults and freezes the result', () => {
    const v = new ImportedValues().valuesOf(rec('N', { CD_entityName: 'Note', CD_title: 'x', CD_count: 2 }), note, noAsset);
    assert.deepEqual(v, { createdAt: null, title: 'x', count: 2, done: true, body: null, photo: null });
    assert.equal(Object.isFrozen(v), true);
  });

  it('gives the same object for the same record version, and another for another version', () => {
    const iv = new ImportedValues();
    const r = rec('T', { CD_label: 'a' });
    const first = iv.valuesOf(r, tag, noAsset);
    assert.equal(iv.valuesOf(r, tag, noAsset), first);
    const other = iv.valuesOf(rec('T', { CD_label: 'a' }), tag, noAsset);
    assert.notEqual(other, first);
    assert.deepEqual(other, first);
  });

  it('forgets the oldest record beyond its capacity', () => {
    const iv = new ImportedValues(2);
    const [a, b, c] = [rec('a', {}), rec('b', {}), rec('c', {})];
    const va = iv.valuesOf(a, tag, noAsset);
    const vb = iv.valuesOf(b, tag, noAsset);
    iv.valuesOf(c, tag, noAsset);
    assert.equal(iv.valuesOf(b, tag, noAsset), vb, 'b is still remembered');
    assert.notEqual(iv.valuesOf(a, tag, noAsset), va, 'a was forgotten');
  });

  it('remembers up to its capacity', () => {
    const iv = new ImportedValues(2);
    const [a, b] = [rec('a', {}), rec('b', {})];
    const va = iv.valuesOf(a, tag, noAsset);
    iv.valuesOf(b, tag, noAsset);
    assert.equal(iv.valuesOf(a, tag, noAsset), va);
  });
});
