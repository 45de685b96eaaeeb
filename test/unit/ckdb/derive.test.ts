import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { checkCkdb } from '../../../src/core/ckdb/check-ckdb';
import { deriveSchema } from '../../../src/core/cloudkit/derive';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { printSchema } from '../../../src/core/ckdb/printer';
import { formatFieldType, type SchemaIR } from '../../../src/core/cloudkit/schema-ir';
import { readModelIR } from '../../../src/core/model/xml/reader';
import { EXAMPLES_DIR, REPO_ROOT } from '../../helpers/paths';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/derive');
const model = (name: string) => {
  const m = readModelIR(fs.readFileSync(path.join(FIXTURES, `${name}.contents.xml`), 'utf8'));
  assert.deepEqual(m.problems, []);
  return m;
};
const expected = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

/** type name → field name → type, ignoring options and grants. */
function shape(s: SchemaIR): Record<string, Record<string, string>> {
  return Object.fromEntries(s.recordTypes.map((t) => [t.name, Object.fromEntries(t.fields.map((f) => [f.name, formatFieldType(f.type)]))]));
}

describe('deriveSchema', () => {
  it('maps every Core Data attribute type (transient, ignored, Object ID and untyped skipped; derived kept)', () => {
    const text = printSchema(deriveSchema(model('all-types')));
    assert.equal(text, expected('all-types.expected.ckdb'));
    const t = shape(deriveSchema(model('all-types'))).CD_Everything;
    assert.equal(t.CD_secret, 'ENCRYPTED STRING');
    assert.equal(t.CD_stringLength, 'INT64');
    for (const skipped of ['CD_scratch', 'CD_localOnly', 'CD_objectID', 'CD_untyped', 'CD_uuid_ckAsset', 'CD_address_ckAsset']) assert.ok(!(skipped in t), skipped);
  });

  it('gives URI an asset companion and Composite none, as the serializer writes them (OCCloudKitSerializer.m:940, 1051, 1128)', () => {
    const t = shape(deriveSchema(model('all-types'))).CD_Everything;
    assert.equal(t.CD_uri_ckAsset, 'ASSET');
    assert.equal(t.CD_address, 'BYTES');
    assert.ok(!('CD_address_ckAsset' in t));
  });

  it('merges a hierarchy into the root record type, one field per name', () => {
    assert.equal(printSchema(deriveSchema(model('inheritance'))), expected('inheritance.expected.ckdb'));
    const s = deriveSchema(model('inheritance'));
    assert.deepEqual(s.recordTypes.map((t) => t.name), ['CD_Post', 'CD_Setting']);
    assert.equal(s.recordTypes[0].fields.filter((f) => f.name === 'CD_caption').length, 1);
  });

  it('stores to-one relationships as STRING on each to-one side and many-to-many in CDMR', () => {
    assert.equal(printSchema(deriveSchema(model('relationships'))), expected('relationships.expected.ckdb'));
    const s = shape(deriveSchema(model('relationships')));
    assert.equal(s.CD_Book.CD_author, 'STRING');
    assert.equal(s.CD_Author.CD_passport, 'STRING');
    assert.equal(s.CD_Passport.CD_holder, 'STRING');
    for (const none of ['CD_books', 'CD_drafts', 'CD_cache']) assert.ok(!(none in s.CD_Author), none);
    assert.ok(!('CD_tags' in s.CD_Book));
    assert.deepEqual(Object.keys(s.CDMR).filter((k) => k.startsWith('CD_')), ['CD_entityNames', 'CD_recordNames', 'CD_relationships']);
  });

  it('the export profile adds just-in-time indexes, default grants and Users', () => {
    const s = deriveSchema(model('relationships'), { profile: 'export' });
    assert.equal(printSchema(s), expected('relationships.export.expected.ckdb'));
    assert.equal(s.recordTypes[s.recordTypes.length - 1].name, 'Users');
  });

  it('the export profile has CD_moveReceipt and _ckAsset companions only where they would exist', () => {
    const fieldsOf = (o: Parameters<typeof deriveSchema>[1]) => Object.keys(shape(deriveSchema(model('relationships'), { profile: 'export', ...o })).CD_Book);
    // Just in time (11 of the 12 Core Data exports of the corpus): neither.
    assert.deepEqual(fieldsOf({}).filter((f) => f.startsWith('CD_')), ['CD_author', 'CD_entityName', 'CD_title']);
    // Shared or moved records carry move receipts (OCCloudKitSerializer.m:682; marcushyett/perfect-nap).
    assert.deepEqual(fieldsOf({ moveReceipts: true }).filter((f) => f.includes('ckAsset') || f.includes('moveReceipt')), ['CD_moveReceipt', 'CD_moveReceipt_ckAsset']);
    // initializeCloudKitSchema materializes every field.
    assert.deepEqual(fieldsOf({ initialized: true }).filter((f) => f.includes('ckAsset') || f.includes('moveReceipt')),
      ['CD_moveReceipt', 'CD_moveReceipt_ckAsset', 'CD_title_ckAsset']);
  });

  it('a subentity outside the synced configuration adds nothing to the root record type', () => {
    const m = readModelIR(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<model type="com.apple.IDECoreDataModeler.DataModel" documentVersion="1.0">
    <entity name="Post"><attribute name="title" optional="YES" attributeType="String"/></entity>
    <entity name="ImagePost" parentEntity="Post"><attribute name="image" optional="YES" attributeType="Binary"/></entity>
    <entity name="LocalDraft" parentEntity="Post"><attribute name="scratch" optional="YES" attributeType="String"/></entity>
    <configuration name="Cloud" usedWithCloudKit="YES"><memberEntity name="ImagePost"/></configuration>
</model>`);
    const s = shape(deriveSchema(m, { entities: new Set(['ImagePost']), profile: 'export' }));
    assert.deepEqual(Object.keys(s), ['CD_Post', 'Users']);
    // ImagePost inherits title from Post; LocalDraft's scratch is never serialized into this store.
    assert.deepEqual(Object.keys(s.CD_Post).filter((f) => f.startsWith('CD_')), ['CD_entityName', 'CD_image', 'CD_title']);
  });

  it('puts QUERYABLE on ___recordID only when asked (the Console index; raw Core Data exports lack it)', () => {
    const recordID = (o: Parameters<typeof deriveSchema>[1]) => deriveSchema(model('relationships'), o).recordTypes
      .map((t) => `${t.name}:${t.fields.find((f) => f.name === '___recordID')!.options.join(' ')}`);
    assert.deepEqual(recordID({ profile: 'export' }), ['CDMR:', 'CD_Author:', 'CD_Book:', 'CD_Passport:', 'CD_Tag:', 'Users:']);
    assert.deepEqual(recordID({ profile: 'export', queryableRecordName: true }),
      ['CDMR:QUERYABLE', 'CD_Author:QUERYABLE', 'CD_Book:QUERYABLE', 'CD_Passport:QUERYABLE', 'CD_Tag:QUERYABLE', 'Users:']);
  });

  it('derived schemas are byte-sorted, round-trip through the parser and pass the checks', () => {
    for (const name of ['all-types', 'inheritance', 'relationships']) {
      for (const profile of ['minimal', 'export'] as const) {
        const s = deriveSchema(model(name), { profile });
        const names = s.recordTypes.map((t) => t.name);
        assert.deepEqual(names, [...names].sort());
        for (const t of s.recordTypes) assert.deepEqual(t.fields.map((f) => f.name), t.fields.map((f) => f.name).sort());
        const text = printSchema(s);
        assert.deepEqual(checkCkdb(text).filter((f) => f.severity !== 'info'), [], `${name}/${profile}`);
      }
    }
  });

  it('derives only the record types of the given entities', () => {
    const s = deriveSchema(model('inheritance'), { entities: new Set(['ImagePost']) });
    assert.deepEqual(s.recordTypes.map((t) => t.name), ['CD_Post']);
    const r = deriveSchema(model('relationships'), { entities: new Set(['Author', 'Passport']) });
    assert.deepEqual(r.recordTypes.map((t) => t.name), ['CD_Author', 'CD_Passport']);
  });

  it("gives the example app's development schema: same record types, fields and types", () => {
    const bundle = path.join(EXAMPLES_DIR, 'ShoppingList/ShoppingList.xcdatamodeld');
    const m = readModelIR(fs.readFileSync(path.join(bundle, 'ShoppingList 2.xcdatamodel/contents'), 'utf8'));
    // The example container ran initializeCloudKitSchema: every _ckAsset companion and the move receipt.
    const derived = deriveSchema(m, { profile: 'export', initialized: true });
    const dev = parseCkdb(fs.readFileSync(path.join(EXAMPLES_DIR, 'cloudkit/development.ckdb'), 'utf8')).schema;
    assert.deepEqual(shape(derived), shape(dev));
    assert.deepEqual(derived.recordTypes.map((t) => t.grants.map((g) => `${g.permissions}>${g.role}`)), dev.recordTypes.map((t) => t.grants.map((g) => `${g.permissions}>${g.role}`)));
  });
});
