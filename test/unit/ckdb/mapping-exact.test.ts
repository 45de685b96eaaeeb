import assert from 'node:assert/strict';
import {
  byteCompare, isCloudKitName, justInTimeIndexes, mapJoinRecordType, mapRecordType, rootEntityOf, entityIndex, userInfoFlag,
} from '../../../src/core/cloudkit/mapping';
import { readModelXml } from '../../../src/core/model/xml';
import { entityXml, modelXml } from '../model/fixtures';

/**
 * The record-type mapping (src/core/cloudkit/mapping.ts) compared whole, field by field with its origins and
 * conditions, so a change to any part of it shows (mutation testing, docs/testing.md, found the parts the
 * derived-schema tests do not look at). Expected values written by hand from reference §4.4-4.5.
 */
const STRING = { kind: 'primitive', base: 'STRING', encrypted: false };
const BYTES = { kind: 'primitive', base: 'BYTES', encrypted: false };
const ASSET = { kind: 'primitive', base: 'ASSET', encrypted: false };
const INT64 = { kind: 'primitive', base: 'INT64', encrypted: false };

describe('cloudkit mapping, exactly', () => {
  it('maps a hierarchy: entityName, move receipt, attributes with asset twins, to-one fields, sorted by bytes', () => {
    const model = readModelXml(modelXml([
      entityXml('Item', [
        '        <attribute name="title" optional="YES" attributeType="String"/>',
        '        <attribute name="count" optional="YES" attributeType="Integer 64" usesScalarValueType="YES"/>',
        '        <attribute name="cache" optional="YES" attributeType="Binary" transient="YES"/>',
        '        <relationship name="list" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List" inverseName="items" inverseEntity="List"/>',
      ].join('\n')),
      entityXml('Special', '        <attribute name="Zeta" optional="YES" attributeType="Integer 64" usesScalarValueType="YES"/>', ' parentEntity="Item"'),
      entityXml('List', '        <relationship name="items" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Item" inverseName="list" inverseEntity="Item"/>'),
    ].join('\n'))).model;
    const item = model.entities.find((e) => e.name === 'Item')!;
    const special = model.entities.find((e) => e.name === 'Special')!;
    assert.equal(rootEntityOf(special, entityIndex(model)).name, 'Item');
    const rt = mapRecordType(item, model);
    assert.deepEqual(rt, {
      name: 'CD_Item', rootEntity: 'Item', entities: ['Item', 'Special'],
      fields: [
        { name: 'CD_Zeta', type: INT64, origins: [{ kind: 'attribute', entity: 'Special', property: 'Zeta' }] },
        { name: 'CD_count', type: INT64, origins: [{ kind: 'attribute', entity: 'Item', property: 'count' }] },
        { name: 'CD_entityName', type: STRING, origins: [{ kind: 'entityName' }] },
        { name: 'CD_list', type: STRING, origins: [{ kind: 'toOne', entity: 'Item', property: 'list', destination: 'List' }] },
        { name: 'CD_moveReceipt', type: BYTES, origins: [{ kind: 'moveReceipt' }], condition: 'move-receipt' },
        { name: 'CD_moveReceipt_ckAsset', type: ASSET, origins: [{ kind: 'moveReceiptAsset' }], condition: 'move-receipt' },
        { name: 'CD_title', type: STRING, origins: [{ kind: 'attribute', entity: 'Item', property: 'title' }] },
        { name: 'CD_title_ckAsset', type: ASSET, origins: [{ kind: 'assetTwin', entity: 'Item', property: 'title' }], condition: 'large-value' },
      ],
    });
    // Only the configuration's members (and their ancestors) contribute.
    assert.deepEqual(mapRecordType(item, model, new Set(['Item'])).entities, ['Item']);
    assert.deepEqual(mapRecordType(item, model, new Set(['Special'])).entities, ['Item', 'Special']);
  });

  it('a field some save always writes loses its condition when it shares a name with a conditional one', () => {
    const model = readModelXml(modelXml(entityXml('Item', [
      '        <attribute name="photo" optional="YES" attributeType="Binary"/>',
      '        <attribute name="photo_ckAsset" optional="YES" attributeType="String"/>',
    ].join('\n')))).model;
    const f = mapRecordType(model.entities[0], model).fields.find((x) => x.name === 'CD_photo_ckAsset')!;
    assert.deepEqual(f, { name: 'CD_photo_ckAsset', type: ASSET, origins: [
      { kind: 'assetTwin', entity: 'Item', property: 'photo' }, { kind: 'attribute', entity: 'Item', property: 'photo_ckAsset' },
    ] });
  });

  it('the many-to-many join record type', () => {
    assert.deepEqual(mapJoinRecordType(), { name: 'CDMR', entities: [], fields: [
      { name: 'CD_entityNames', type: STRING, origins: [{ kind: 'joinField' }] },
      { name: 'CD_recordNames', type: STRING, origins: [{ kind: 'joinField' }] },
      { name: 'CD_relationships', type: STRING, origins: [{ kind: 'joinField' }] },
    ] });
  });

  it('names, flags and byte order', () => {
    assert.deepEqual(['Ab_1', 'a', '1a', '_a', 'a-b', 'a b', 'ab\n', ''].map(isCloudKitName), [true, true, false, false, false, false, false, false]);
    // NSString boolValue: leading blanks, an optional sign, zeros, then 1-9; or Y/y/T/t.
    const flag = (v: string) => userInfoFlag([{ key: 'other', value: 'YES' }, { key: 'k', value: v }], 'k');
    assert.deepEqual(['YES', 'yes', 'true', 'T', '1', ' 1', '+2', '-3', '007', 'NO', '0', '', 'x1', '00', ' ', '+', '0x1'].map(flag),
      [true, true, true, true, true, true, true, true, true, false, false, false, false, false, false, false, false]);
    assert.equal(userInfoFlag([{ key: 'other', value: 'YES' }], 'k'), false);
    assert.deepEqual(['b', 'B', '_', 'a', 'A'].sort(byteCompare), ['A', 'B', '_', 'a', 'b']);
    assert.deepEqual([byteCompare('a', 'a'), byteCompare('a', 'b'), byteCompare('b', 'a')], [0, -1, 1]);
    assert.deepEqual(justInTimeIndexes({ kind: 'primitive', base: 'STRING', encrypted: true }), []);
    assert.deepEqual(justInTimeIndexes({ kind: 'list', element: { kind: 'primitive', base: 'STRING', encrypted: false } }), []);
    assert.deepEqual(justInTimeIndexes({ kind: 'primitive', base: 'ASSET', encrypted: false }), []);
    assert.deepEqual(justInTimeIndexes({ kind: 'primitive', base: 'BYTES', encrypted: false }), ['QUERYABLE', 'SORTABLE']);
  });
});
