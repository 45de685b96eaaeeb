/**
 * The device's view of the model (src/core/sandbox/device/model-info.ts): which values fit which attribute
 * type, how default values are parsed, and what each entity mirrors (fields, asset twins, field types, to-one
 * keys, record types, inheritance). The models and values are written by us; the expected fields follow
 * coredata-model.md §4 (CD_ prefix, `_ckAsset` twins, record type of the root entity).
 */
import assert from 'node:assert/strict';
import { ModelInfo, valueFits } from '../../../src/core/sandbox/device/model-info';
import type { AttrInfo } from '../../../src/core/sandbox/device/model-info';
import { modelFromSpec } from '../../../src/core/sandbox/model-spec';
import type { AttributeSpec, ModelSpec } from '../../../src/core/sandbox/api';
import { modelInfo } from './device-fixtures';

const prim = (base: string, encrypted = false): unknown => ({ kind: 'primitive', base, encrypted });

function attrOf(spec: AttributeSpec): AttrInfo {
  return new ModelInfo(modelFromSpec({ entities: [{ name: 'E', attributes: [spec] }] })).entity('E')!.attributes.get(spec.name)!;
}

describe('sandbox: device model info', () => {
  describe('valueFits', () => {
    it('accepts null for every type', () => {
      for (const t of ['String', 'Integer 64', 'Double', 'Date', 'Boolean', 'Binary', 'Undefined']) assert.equal(valueFits(t, null), true, t);
    });

    it('string types take strings only', () => {
      for (const t of ['String', 'UUID', 'URI']) {
        assert.equal(valueFits(t, 'x'), true, t);
        assert.equal(valueFits(t, 1), false, t);
        assert.equal(valueFits(t, true), false, t);
      }
    });

    it('integer types take integral numbers only', () => {
      for (const t of ['Integer 16', 'Integer 32', 'Integer 64']) {
        assert.equal(valueFits(t, 2), true, t);
        assert.equal(valueFits(t, -3), true, t);
        assert.equal(valueFits(t, 2.5), false, t);
        assert.equal(valueFits(t, '2'), false, t);
        assert.equal(valueFits(t, true), false, t);
      }
    });

    it('real types and Date take finite numbers only', () => {
      for (const t of ['Double', 'Float', 'Decimal', 'Date']) {
        assert.equal(valueFits(t, 2.5), true, t);
        assert.equal(valueFits(t, Number.NaN), false, t);
        assert.equal(valueFits(t, Number.POSITIVE_INFINITY), false, t);
        assert.equal(valueFits(t, '1'), false, t);
      }
    });

    it('Boolean takes booleans only', () => {
      assert.equal(valueFits('Boolean', true), true);
      assert.equal(valueFits('Boolean', false), true);
      assert.equal(valueFits('Boolean', 0), false);
      assert.equal(valueFits('Boolean', 'YES'), false);
    });

    it('byte types take bytes values with a non-negative integral length', () => {
      for (const t of ['Binary', 'Transformable', 'Composite']) {
        assert.equal(valueFits(t, { kind: 'bytes', length: 3 }), true, t);
        assert.equal(valueFits(t, { kind: 'bytes', length: 0, tag: 'x' }), true, t);
        assert.equal(valueFits(t, { kind: 'bytes', length: -1 }), false, t);
        assert.equal(valueFits(t, { kind: 'bytes', length: 1.5 }), false, t);
        assert.equal(valueFits(t, 'abc'), false, t);
        assert.equal(valueFits(t, 3), false, t);
        // An asset is a field value, never an attribute value.
        assert.equal(valueFits(t, { kind: 'asset', length: 3, ref: 'r' } as never), false, t);
      }
    });

    it('an unknown type takes anything', () => {
      assert.equal(valueFits('Undefined', 'x'), true);
      assert.equal(valueFits('Undefined', 2.5), true);
    });
  });

  describe('default values', () => {
    const cases: [string, string | undefined, unknown][] = [
      ['Integer 16', '3.7', 3],
      ['Integer 32', '-2.9', -2],
      ['Integer 64', 'abc', null],
      ['Integer 64', 'Infinity', null],
      ['Double', '0.5', 0.5],
      ['Float', 'x', null],
      ['Decimal', 'Infinity', null],
      ['Date', '12', 12],
      ['Boolean', 'YES', true],
      ['Boolean', 'yes', true],
      ['Boolean', 'true', true],
      ['Boolean', '1', true],
      ['Boolean', 'NO', false],
      ['Boolean', 'YESS', false],
      ['Boolean', 'xYES', false],
      ['String', 'hi', 'hi'],
      ['UUID', 'u-1', 'u-1'],
      ['URI', 'a:b', 'a:b'],
      ['Binary', 'zz', null],
      ['String', undefined, null],
      ['Integer 64', undefined, null],
      ['Boolean', undefined, null],
    ];
    for (const [type, def, want] of cases) {
      it(`${type} default ${JSON.stringify(def)} is ${JSON.stringify(want)}`, () => {
        assert.equal(attrOf({ name: 'a', type, ...(def !== undefined ? { defaultValue: def } : {}) }).defaultValue, want);
      });
    }
  });

  describe('entities', () => {
    const m = modelInfo();

    it('describes each attribute of an entity, inherited ones first', () => {
      const note = m.entity('Note')!;
      assert.deepEqual([...note.attributes.keys()], ['createdAt', 'title', 'count', 'done', 'body', 'photo']);
      assert.deepEqual(note.attributes.get('createdAt'), {
        name: 'createdAt', type: 'Date', field: 'CD_createdAt', assetField: null, fieldType: prim('TIMESTAMP'), mirrored: true, defaultValue: null,
      });
      assert.deepEqual(note.attributes.get('title'), {
        name: 'title', type: 'String', field: 'CD_title', assetField: 'CD_title_ckAsset', fieldType: prim('STRING'), mirrored: true, defaultValue: null,
      });
      assert.deepEqual(note.attributes.get('count'), {
        name: 'count', type: 'Integer 64', field: 'CD_count', assetField: null, fieldType: prim('INT64'), mirrored: true, defaultValue: 7,
      });
      assert.deepEqual(note.attributes.get('photo'), {
        name: 'photo', type: 'Binary', field: 'CD_photo', assetField: 'CD_photo_ckAsset', fieldType: prim('BYTES'), mirrored: true, defaultValue: null,
      });
    });

    it('splits mirrored attributes into fixed-size and variable-length ones', () => {
      const note = m.entity('Note')!;
      assert.deepEqual(note.fixedAttrs.map((a) => a.name), ['createdAt', 'count', 'done']);
      assert.deepEqual(note.variableAttrs.map((a) => a.name), ['title', 'body', 'photo']);
    });

    it('describes relationships: to-one with a field, to-many without, many-to-many flagged', () => {
      const note = m.entity('Note')!;
      assert.deepEqual(note.relationships.get('folder'), {
        name: 'folder', destination: 'Folder', inverse: 'notes', toMany: false, manyToMany: false, deletionRule: 'Nullify', field: 'CD_folder', mirrored: true,
      });
      assert.deepEqual(note.relationships.get('tags'), {
        name: 'tags', destination: 'Tag', inverse: 'notes', toMany: true, manyToMany: true, deletionRule: 'Nullify', field: null, mirrored: true,
      });
      assert.deepEqual(m.entity('Folder')!.relationships.get('notes'), {
        name: 'notes', destination: 'Note', inverse: 'folder', toMany: true, manyToMany: false, deletionRule: 'Cascade', field: null, mirrored: true,
      });
      assert.deepEqual(note.toOne.map((r) => r.name), ['folder', 'cover']);
    });

    it('declares the CloudKit type of every field it writes', () => {
      assert.deepEqual(m.entity('Note')!.fieldTypes, {
        CD_entityName: prim('STRING'), CD_createdAt: prim('TIMESTAMP'), CD_title: prim('STRING'), CD_title_ckAsset: prim('ASSET'),
        CD_count: prim('INT64'), CD_done: prim('INT64'), CD_body: prim('STRING'), CD_body_ckAsset: prim('ASSET'),
        CD_photo: prim('BYTES'), CD_photo_ckAsset: prim('ASSET'), CD_folder: prim('STRING'), CD_cover: prim('STRING'),
      });
    });

    it('maps each field back to its attribute or relationship', () => {
      const note = m.entity('Note')!;
      assert.deepEqual([...note.byField.keys()], [
        'CD_createdAt', 'CD_title', 'CD_title_ckAsset', 'CD_count', 'CD_done', 'CD_body', 'CD_body_ckAsset', 'CD_photo', 'CD_photo_ckAsset', 'CD_folder', 'CD_cover',
      ]);
      assert.deepEqual(note.byField.get('CD_title'), { attr: note.attributes.get('title') });
      assert.deepEqual(note.byField.get('CD_title_ckAsset'), { attr: note.attributes.get('title'), asset: true });
      assert.deepEqual(note.byField.get('CD_folder'), { rel: note.relationships.get('folder') });
      assert.equal(note.byField.get('CD_entityName'), undefined);
    });

    it('uses the root entity for the record type and groups entities by it', () => {
      assert.equal(m.entity('Note')!.recordType, 'CD_Base');
      assert.equal(m.entity('SpecialNote')!.recordType, 'CD_Base');
      assert.equal(m.entity('Folder')!.recordType, 'CD_Folder');
      assert.equal(m.entity('Base')!.abstract, true);
      assert.equal(m.entity('Note')!.abstract, false);
      assert.deepEqual([...m.byRecordType], [['CD_Base', ['Base', 'Note', 'SpecialNote']], ['CD_Folder', ['Folder']], ['CD_Tag', ['Tag']], ['CD_Cover', ['Cover']]]);
      // A subentity inherits every property of its ancestors.
      assert.deepEqual([...m.entity('SpecialNote')!.attributes.keys()], ['createdAt', 'title', 'count', 'done', 'body', 'photo']);
      assert.deepEqual([...m.entity('SpecialNote')!.relationships.keys()], ['folder', 'tags', 'cover']);
    });

    it('lists record types sorted, with CDMR when a many-to-many relationship exists', () => {
      assert.deepEqual(m.recordTypes(), ['CDMR', 'CD_Base', 'CD_Cover', 'CD_Folder', 'CD_Tag']);
      const plain = modelInfo({ entities: [{ name: 'Zed' }, { name: 'Alpha', relationships: [{ name: 'zs', destination: 'Zed', toMany: true }] }] });
      assert.deepEqual(plain.recordTypes(), ['CD_Alpha', 'CD_Zed']);
    });

    it('returns undefined for an unknown entity', () => {
      assert.equal(m.entity('Nope'), undefined);
    });
  });

  describe('what is not mirrored', () => {
    const spec: ModelSpec = {
      entities: [{
        name: 'E',
        attributes: [
          { name: 'tmp', type: 'String', transient: true }, { name: 'skip', type: 'String', ignored: true },
          { name: 'ckRecordID', type: 'String' }, { name: 'secret', type: 'String', allowsCloudEncryption: true }, { name: 'odd', type: 'Undefined' },
        ],
        relationships: [{ name: 'parent', destination: 'E' }],
      }],
    };
    const e = modelInfo(spec).entity('E')!;

    it('a transient attribute keeps its field name but no asset twin and no field', () => {
      assert.deepEqual(e.attributes.get('tmp'), {
        name: 'tmp', type: 'String', field: 'CD_tmp', assetField: null, fieldType: prim('STRING'), mirrored: false, defaultValue: null,
      });
      assert.equal(e.byField.has('CD_tmp'), false);
    });

    it('ignored, skipped and untyped attributes are not written; an encrypted one is', () => {
      assert.equal(e.attributes.get('skip')!.mirrored, false);
      assert.equal(e.attributes.get('ckRecordID')!.mirrored, false);
      assert.equal(e.attributes.get('odd')!.fieldType, null);
      assert.deepEqual(e.variableAttrs.map((a) => a.name), ['secret']);
      assert.deepEqual(e.fixedAttrs, []);
      assert.deepEqual(e.fieldTypes, {
        CD_entityName: prim('STRING'), CD_secret: prim('STRING', true), CD_secret_ckAsset: prim('ASSET'),
        CD_parent: prim('STRING'),
      });
    });
  });

  it('a transient to-one relationship has no field', () => {
    const ir = modelFromSpec({ entities: [{ name: 'E', relationships: [{ name: 'up', destination: 'E' }, { name: 'keep', destination: 'E' }] }] });
    const e0 = ir.entities[0];
    const ir2 = { ...ir, entities: [{ ...e0, relationships: [{ ...e0.relationships[0], transient: true }, e0.relationships[1]] }] };
    const e = new ModelInfo(ir2).entity('E')!;
    assert.equal(e.relationships.get('up')!.mirrored, false);
    assert.equal(e.relationships.get('up')!.field, null);
    assert.deepEqual(e.toOne.map((r) => r.name), ['keep']);
    assert.deepEqual(Object.keys(e.fieldTypes), ['CD_entityName', 'CD_keep']);
  });

  it('keeps the first of two entities with the same name', () => {
    const m = modelInfo({ entities: [{ name: 'X', attributes: [{ name: 'a', type: 'String' }] }, { name: 'X', attributes: [{ name: 'b', type: 'String' }] }] });
    assert.deepEqual([...m.entity('X')!.attributes.keys()], ['a']);
    assert.deepEqual([...m.byRecordType], [['CD_X', ['X']]]);
  });

  it('terminates on a parent cycle', () => {
    const m = modelInfo({ entities: [{ name: 'P', parent: 'Q', attributes: [{ name: 'p', type: 'String' }] }, { name: 'Q', parent: 'P', attributes: [{ name: 'q', type: 'String' }] }] });
    assert.deepEqual([...m.entity('P')!.attributes.keys()].sort(), ['p', 'q']);
  });
});
