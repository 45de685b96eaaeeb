import assert from 'node:assert/strict';
import { diffModelVersions } from '../../../src/core/deploy/model-versions';
import { readModelXml } from '../../../src/core/model/xml';
import { entityXml, modelXml } from '../model/fixtures';

/**
 * CK016's comparison of two model versions (src/core/deploy/model-versions.ts), every kind of change with
 * its verdict, CloudKit names and message, pinned as the regression record of what a user reads (mutation
 * testing, docs/testing.md, found most of it unpinned). The rules behind each verdict are in the module's
 * comments (renames: NSCocoaErrorDomain 134110, reference/coredata-model.md; types can't change in production).
 */
const a = (n: string, t = 'String', x = ''): string => `        <attribute name="${n}" optional="YES" attributeType="${t}"${x}/>`;
type Row = [verdict: string, kind: string, recordType: string, field: string | undefined, entity: string, property: string | undefined, rename: { from: string; to: string } | undefined, message: string];
function rowsOf(previous: string, current: string): Row[] {
  return diffModelVersions(readModelXml(previous).model, readModelXml(current).model)
    .map((c) => [c.verdict, c.kind, c.recordType ?? '', c.field, c.entity, c.property, c.probableRename, c.message] as Row);
}

describe('core/deploy: model version changes (CK016), kind by kind', () => {
  it('renames (entity, attribute, relationship), a type change, encryption, cardinality, a new root, removals', () => {
    const previous = modelXml([
      entityXml('Item', [a('title'), a('count', 'Integer 64'), a('gone'), a('secret', 'String'), a('old', 'Date'),
        '        <relationship name="list" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List" inverseName="items" inverseEntity="List"/>',
        '        <relationship name="tag" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="Tag"/>',
        '        <relationship name="owner" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List"/>'].join('\n')),
      entityXml('List', '        <relationship name="items" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Item" inverseName="list" inverseEntity="Item"/>'),
      entityXml('Tag', a('name')),
      entityXml('Dropped', a('x')),
      entityXml('Sub', a('y'), ' parentEntity="Tag"'),
    ].join('\n'));
    const current = modelXml([
      entityXml('Item', [a('title'), a('count', 'Double'), a('secret', 'String', ' allowsCloudEncryption="YES"'), a('newer', 'Date', ' elementID="old"'),
        '        <relationship name="list" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List" inverseName="items" inverseEntity="List"/>',
        '        <relationship name="label" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="Label" elementID="tag"/>',
        '        <relationship name="owner" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="List"/>'].join('\n')),
      entityXml('List', '        <relationship name="items" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Item" inverseName="list" inverseEntity="Item"/>'),
      entityXml('Label', a('name'), ' elementID="Tag"'),
      entityXml('Sub', a('y')),
    ].join('\n'));
    assert.deepEqual(rowsOf(previous, current), [
      ['blocked', 'attribute-type-changed', 'CD_Item', 'CD_count', 'Item', 'count', undefined,
        'Attribute \'Item.count\' changes type from Integer 64 to Double: its CloudKit field CD_count would change from INT64 to DOUBLE, and a field\'s type can\'t change in production.'],
      ['blocked', 'attribute-renamed', 'CD_Item', 'CD_old', 'Item', 'newer', { from: 'old', to: 'newer' },
        'Attribute \'Item.old\' is renamed to \'newer\': field CD_old would be abandoned and CD_newer created; CloudKit can\'t rename a field in production and older devices keep using the old one.'],
      ['blocked', 'relationship-cardinality-changed', 'CD_Item', 'CD_owner', 'Item', 'owner', undefined,
        'Relationship \'Item.owner\' changes from to-one to to-many: its storage changes (field CD_owner → nothing on this record), and older devices keep the old form.'],
      ['blocked', 'attribute-type-changed', 'CD_Item', 'CD_secret', 'Item', 'secret', undefined,
        'Attribute \'Item.secret\' becomes encrypted (allowsCloudEncryption): its CloudKit field CD_secret would change from STRING to ENCRYPTED STRING, and a field\'s type can\'t change in production.'],
      ['blocked', 'relationship-renamed', 'CD_Item', 'CD_tag', 'Item', 'label', { from: 'tag', to: 'label' },
        'Relationship \'Item.tag\' is renamed to \'label\': CloudKit can\'t rename what is in production, and older devices keep using the old name.'],
      ['blocked', 'entity-renamed', 'CD_Tag', undefined, 'Label', undefined, { from: 'Tag', to: 'Label' },
        'Entity \'Tag\' is renamed to \'Label\' (Renaming ID \'Tag\'). Core Data refuses to migrate a CloudKit-backed store across it, in development as in production: NSCocoaErrorDomain 134110 "Cannot migrate store in-place: CloudKit integration forbids renaming \'Tag\' to \'Label\'. Older devices can\'t process the new records." Keep the entity and add a new one instead.'],
      ['blocked', 'root-entity-changed', 'CD_Tag', undefined, 'Sub', undefined, undefined,
        'Entity \'Sub\' moves from record type CD_Tag to CD_Sub: its root entity changed (parentEntity Tag → none). The record type is named after the root entity, so its records would change type, which production can\'t follow.'],
      ['warning', 'entity-removed', 'CD_Dropped', undefined, 'Dropped', undefined, undefined,
        'Entity \'Dropped\' was removed from the current model version. Nothing is deleted in CloudKit: record type CD_Dropped and the records it holds stay (in production for all time), and a deploy is not blocked. Older app versions keep creating and syncing \'Dropped\' objects that this version no longer has.'],
      ['warning', 'attribute-removed', 'CD_Item', 'CD_gone', 'Item', 'gone', undefined,
        'Attribute \'Item.gone\' was removed. Nothing is deleted in CloudKit: field CD_gone and the values records already hold stay, and a deploy is not blocked. This version stops reading and writing it; older app versions still do, so they keep seeing the last value they synced.'],
    ]);
  });

  it('relationships removed (to-one keeps its field, to-many had none) and an attribute no longer mirrored', () => {
    const previous = modelXml([
      entityXml('Item', [a('note'), '        <relationship name="list" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List" inverseName="items" inverseEntity="List"/>',
        '        <relationship name="tags" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Tag" inverseName="items" inverseEntity="Tag"/>'].join('\n')),
      entityXml('List', '        <relationship name="items" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Item" inverseName="list" inverseEntity="Item"/>'),
      entityXml('Tag', '        <relationship name="items" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Item" inverseName="tags" inverseEntity="Item"/>'),
    ].join('\n'));
    const current = modelXml([
      entityXml('Item', a('note', 'String', ' transient="YES"')),
      entityXml('List', a('name')),
      entityXml('Tag', a('name')),
    ].join('\n'));
    assert.deepEqual(rowsOf(previous, current).map((r) => [r[0], r[1], r[2], r[3], r[4], r[5], r[7]]), [
      ['warning', 'relationship-removed', 'CD_Item', undefined, 'Item', 'tags',
        'Relationship \'Item.tags\' was removed. Nothing is deleted in CloudKit, and a deploy is not blocked. Older app versions keep sending and reading it; this version ignores it.'],
      ['warning', 'relationship-removed', 'CD_Item', 'CD_list', 'Item', 'list',
        'Relationship \'Item.list\' was removed. Nothing is deleted in CloudKit: field CD_list keeps the record names it holds, and a deploy is not blocked. Older app versions keep sending and reading it; this version ignores it.'],
      ['warning', 'attribute-removed', 'CD_Item', 'CD_note', 'Item', 'note',
        'Attribute \'Item.note\' is no longer mirrored (transient, ignored or of an unsupported type). Nothing is deleted in CloudKit: field CD_note and the values records already hold stay, and a deploy is not blocked. This version stops reading and writing it; older app versions still do, so they keep seeing the last value they synced.'],
      ['warning', 'relationship-removed', 'CD_List', undefined, 'List', 'items',
        'Relationship \'List.items\' was removed. Nothing is deleted in CloudKit, and a deploy is not blocked. Older app versions keep sending and reading it; this version ignores it.'],
      ['warning', 'relationship-removed', 'CD_Tag', undefined, 'Tag', 'items',
        'Relationship \'Tag.items\' was removed. Nothing is deleted in CloudKit, and a deploy is not blocked. Older app versions keep sending and reading it; this version ignores it.'],
    ]);
  });
});
