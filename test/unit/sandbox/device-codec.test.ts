/**
 * Object ↔ record fields (src/core/sandbox/device/codec.ts): which CD_ fields an export writes, in what order
 * variable-length values are placed inline or moved to `_ckAsset` (ascending size, inline while
 * size + length <= threshold), the record size counted, and how a fetched record is read back. Objects,
 * thresholds and sizes are written by us; sizes are UTF-8 bytes, 8 per number/boolean, a bytes value's length.
 */
import assert from 'node:assert/strict';
import { ENTITY_NAME_FIELD, buildRecordFields, readRecordFields, readToOne } from '../../../src/core/sandbox/device/codec';
import type { LocalObject } from '../../../src/core/sandbox/device/store';
import type { AttrValue, FieldValue } from '../../../src/core/sandbox/api';
import { modelInfo } from './device-fixtures';

const m = modelInfo();
const note = m.entity('Note')!;
const folder = m.entity('Folder')!;

function obj(entity: string, values: Record<string, AttrValue>, toOne: Record<string, string | null> = {}): LocalObject {
  return { id: 'N1', entity, values, toOne, changeTag: null, onServer: false };
}

function refs(): () => string {
  let n = 0;
  return () => `r${++n}`;
}

// 'héllo' is 6 UTF-8 bytes; 'Note' 4; numbers and booleans 8; 'F1' 2.
const PHOTO = { kind: 'bytes', length: 10, tag: 'p1' } as const;
const values = { createdAt: 5, title: 'héllo', count: 2, done: false, body: null, photo: PHOTO };
const FIXED_SIZE = 4 + 8 + 8 + 8 + 2;

describe('sandbox: device codec', () => {
  it('names the entity field CD_entityName', () => {
    assert.equal(ENTITY_NAME_FIELD, 'CD_entityName');
  });

  describe('buildRecordFields', () => {
    it('writes every mirrored field inline under a large threshold, and counts the size', () => {
      const built = buildRecordFields(obj('Note', values, { folder: 'F1' }), note, null, 1_000_000, refs());
      assert.deepEqual(built.fields, {
        CD_entityName: 'Note', CD_createdAt: 5, CD_count: 2, CD_done: false, CD_folder: 'F1', CD_cover: null,
        CD_body: null, CD_body_ckAsset: null, CD_title: 'héllo', CD_title_ckAsset: null, CD_photo: PHOTO, CD_photo_ckAsset: null,
      });
      assert.equal(built.size, FIXED_SIZE + 6 + 10);
      assert.deepEqual(built.assets, []);
      assert.equal(built.types, note.fieldTypes);
    });

    it('writes fixed-size fields, then to-one keys, then variable-length ones by ascending size', () => {
      const built = buildRecordFields(obj('Note', values, { folder: 'F1' }), note, null, 1_000_000, refs());
      assert.deepEqual(Object.keys(built.fields), [
        'CD_entityName', 'CD_createdAt', 'CD_count', 'CD_done', 'CD_folder', 'CD_cover',
        'CD_body', 'CD_body_ckAsset', 'CD_title', 'CD_title_ckAsset', 'CD_photo', 'CD_photo_ckAsset',
      ]);
    });

    it('writes a missing value as null', () => {
      const built = buildRecordFields(obj('Note', {}), note, null, 1_000_000, refs());
      assert.deepEqual(built.fields, {
        CD_entityName: 'Note', CD_createdAt: null, CD_count: null, CD_done: null, CD_folder: null, CD_cover: null,
        CD_title: null, CD_title_ckAsset: null, CD_body: null, CD_body_ckAsset: null, CD_photo: null, CD_photo_ckAsset: null,
      });
      assert.equal(built.size, 4);
    });

    it('keeps a value inline when size + length equals the threshold and moves the next one to an asset', () => {
      const built = buildRecordFields(obj('Note', values, { folder: 'F1' }), note, null, FIXED_SIZE + 6, refs());
      assert.equal(built.fields.CD_title, 'héllo');
      assert.equal(built.fields.CD_title_ckAsset, null);
      assert.equal(built.fields.CD_photo, null);
      assert.deepEqual(built.fields.CD_photo_ckAsset, { kind: 'asset', length: 10, ref: 'r1', tag: 'p1' });
      assert.deepEqual(built.assets, [['r1', PHOTO]]);
      // An asset does not count toward the record size.
      assert.equal(built.size, FIXED_SIZE + 6);
    });

    it('moves every value that does not fit, smallest first, a string without a tag', () => {
      const built = buildRecordFields(obj('Note', values, { folder: 'F1' }), note, null, FIXED_SIZE + 5, refs());
      assert.deepEqual(built.fields.CD_title_ckAsset, { kind: 'asset', length: 6, ref: 'r1' });
      assert.deepEqual(built.fields.CD_photo_ckAsset, { kind: 'asset', length: 10, ref: 'r2', tag: 'p1' });
      assert.equal(built.fields.CD_title, null);
      assert.equal(built.fields.CD_body, null);
      assert.equal(built.fields.CD_body_ckAsset, null);
      assert.deepEqual(built.assets, [['r1', 'héllo'], ['r2', PHOTO]]);
      assert.equal(built.size, FIXED_SIZE);
    });

    it('places the smaller value inline first even when it is declared last', () => {
      // title (6) is declared before photo (3): by ascending size photo takes the room and title becomes the asset.
      const small = { kind: 'bytes', length: 3 } as const;
      const built = buildRecordFields(obj('Note', { ...values, photo: small }, { folder: 'F1' }), note, null, FIXED_SIZE + 6, refs());
      assert.deepEqual(built.fields.CD_photo, small);
      assert.equal(built.fields.CD_photo_ckAsset, null);
      assert.equal(built.fields.CD_title, null);
      assert.deepEqual(built.fields.CD_title_ckAsset, { kind: 'asset', length: 6, ref: 'r1' });
      assert.equal(built.size, FIXED_SIZE + 3);
    });

    it('a bytes value without a tag gives an asset without a tag', () => {
      const built = buildRecordFields(obj('Note', { photo: { kind: 'bytes', length: 9 } }), note, null, 4, refs());
      assert.deepEqual(built.fields.CD_photo_ckAsset, { kind: 'asset', length: 9, ref: 'r1' });
    });

    it('writes only the changed keys under changedKeys', () => {
      const built = buildRecordFields(obj('Note', values, { folder: 'F1', cover: 'C1' }), note, new Set(['title', 'folder', 'count']), 1_000_000, refs());
      assert.deepEqual(built.fields, { CD_entityName: 'Note', CD_count: 2, CD_folder: 'F1', CD_title: 'héllo', CD_title_ckAsset: null });
      assert.equal(built.size, 4 + 8 + 2 + 6);
    });

    it('with one variable-length attribute, writes it only when its key changed', () => {
      const f = obj('Folder', { name: 'Home' });
      assert.deepEqual(buildRecordFields(f, folder, new Set(['other']), 1_000_000, refs()).fields, { CD_entityName: 'Folder' });
      assert.deepEqual(buildRecordFields(f, folder, new Set(['name']), 1_000_000, refs()).fields, { CD_entityName: 'Folder', CD_name: 'Home', CD_name_ckAsset: null });
      const all = buildRecordFields(f, folder, null, 1_000_000, refs());
      assert.deepEqual(all.fields, { CD_entityName: 'Folder', CD_name: 'Home', CD_name_ckAsset: null });
      assert.equal(all.size, 6 + 4);
    });

    it('a null variable-length value stays inline even over the threshold', () => {
      const built = buildRecordFields(obj('Folder', { name: null }), folder, null, 0, refs());
      assert.deepEqual(built.fields, { CD_entityName: 'Folder', CD_name: null, CD_name_ckAsset: null });
      assert.deepEqual(built.assets, []);
    });
  });

  describe('readRecordFields', () => {
    const photo = { kind: 'bytes', length: 10, tag: 'p1' } as const;
    const asset = (ref: string): AttrValue | undefined => (ref === 'r1' ? photo : undefined);

    it('reads attributes, assets and to-one keys and ignores unknown fields', () => {
      const fields: Record<string, FieldValue> = {
        CD_entityName: 'Note', CD_title: 'x', CD_title_ckAsset: null, CD_count: 3, CD_folder: 'F1', CD_cover: 5, CD_unknown: 'zz',
        CD_photo: null, CD_photo_ckAsset: { kind: 'asset', length: 10, ref: 'r1', tag: 'p1' },
        CD_body: null, CD_body_ckAsset: { kind: 'asset', length: 4, ref: 'gone' },
      };
      assert.deepEqual(readRecordFields(fields, note, asset), {
        values: { title: 'x', count: 3, photo, body: null },
        toOne: { folder: 'F1', cover: null },
      });
    });

    it('an empty inline field reads as null when the asset field is null or absent', () => {
      assert.deepEqual(readRecordFields({ CD_title: null, CD_title_ckAsset: null }, note, asset).values, { title: null });
      assert.deepEqual(readRecordFields({ CD_title: null }, note, asset).values, { title: null });
    });

    it('an inline field read after its asset does not overwrite the asset value', () => {
      const fields = { CD_photo_ckAsset: { kind: 'asset', length: 10, ref: 'r1' }, CD_photo: null } as Record<string, FieldValue>;
      assert.deepEqual(readRecordFields(fields, note, asset).values, { photo });
    });

    it('an undefined field reads as null and an asset field without an asset is skipped', () => {
      assert.deepEqual(readRecordFields({ CD_count: undefined as never, CD_title_ckAsset: 'not an asset' }, note, asset), { values: { count: null }, toOne: {} });
    });
  });

  describe('readToOne', () => {
    it('is undefined for an entity without to-one relationships', () => {
      assert.equal(readToOne({ CD_entityName: 'Tag', CD_notes: 'x' }, m.entity('Tag')!), undefined);
    });

    it('is undefined when the record has none of the to-one fields', () => {
      assert.equal(readToOne({ CD_entityName: 'Note', CD_title: 'x' }, note), undefined);
    });

    it('reads string keys and anything else as null', () => {
      assert.deepEqual(readToOne({ CD_title: 'x', CD_folder: 'F1', CD_cover: 5 }, note), { folder: 'F1', cover: null });
      assert.deepEqual(readToOne({ CD_cover: null }, note), { cover: null });
    });
  });
});
