import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { FieldType, PrimitiveType } from '../../../src/core/cloudkit/schema-ir';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { checkModelAgainstProduction, classifyTypeChange, diffSchemas } from '../../../src/core/deploy';
import { readModelIR } from '../../../src/core/model/xml';
import { EXAMPLES_DIR } from '../../helpers/paths';
import { SYSTEM, schema } from './schema-builder';

/**
 * What the deploy checks tell a user, word for word: the model-against-production messages for the
 * examples (version 2 against examples/cloudkit/production.ckdb) and the type-change verdicts. Pinned as a
 * regression record (mutation testing, docs/testing.md, found the messages and several verdicts unpinned);
 * the server messages quoted are CloudKit's (TN3164, reference/ckdb.md §2.3).
 */
describe('core/deploy: messages and type-change verdicts, word for word', () => {
  it('version 2 of the example model against production', () => {
    const v2 = fs.readFileSync(path.join(EXAMPLES_DIR, 'ShoppingList', 'ShoppingList.xcdatamodeld', 'ShoppingList 2.xcdatamodel', 'contents'), 'utf8');
    const prod = parseCkdb(fs.readFileSync(path.join(EXAMPLES_DIR, 'cloudkit', 'production.ckdb'), 'utf8')).schema;
    const missingType = (t: string, what: string) => `Production has no record type ${t}: the app's first save of ${what} fails with "Cannot create new type ${t} in production schema". `
      + 'Save one in development (or run initializeCloudKitSchema) and deploy the schema before shipping.';
    const missingField = (t: string, f: string, type: string) => `Production has no field ${t}.${f} (${type}): saving a record with a value for it fails with `
      + `"Cannot create or modify field '${f}' in record '${t}' in production schema". Deploy the development schema before shipping this model.`;
    const sometimes = (t: string, f: string) => `Production has no field ${t}.${f}. The app writes it only when a value is too large to stay in the record `
      + `(about 700 KB, Core Data moves it to an asset); then the save fails with "Cannot create or modify field '${f}' in record '${t}' in production schema". `
      + 'initializeCloudKitSchema creates every such field in development; deploy them.';
    assert.deepEqual(checkModelAgainstProduction(readModelIR(v2), prod).changes.map((c) => c.message), [
      missingType('CDMR', 'a many-to-many relationship'),
      missingField('CD_Item', 'CD_isChecked', 'INT64'),
      missingField('CD_Item', 'CD_note', 'STRING'),
      missingField('CD_Item', 'CD_photo', 'BYTES'),
      'Field CD_Item.CD_quantity is INT64 in production but the model writes DOUBLE: the server rejects those saves, and a field\'s type can\'t change in production.',
      missingType('CD_JournalEntry', '\'JournalEntry\''),
      missingType('CD_Member', '\'Member\''),
      missingField('CD_ShoppingList', 'CD_owner', 'STRING'),
      missingType('CD_Tag', '\'Tag\''),
      sometimes('CD_Item', 'CD_note_ckAsset'),
      sometimes('CD_Item', 'CD_photo_ckAsset'),
    ]);
  });

  it('type changes: each kind with its verdict and reason', () => {
    const p = (base: PrimitiveType['base'], extra: Partial<PrimitiveType> = {}): PrimitiveType => ({ kind: 'primitive', base, encrypted: false, ...extra });
    const list = (e: PrimitiveType): FieldType => ({ kind: 'list', element: e });
    const lose = 'a field\'s type can\'t change once it is in production (the deploy would lose data). Add a new field with the new type instead.';
    assert.deepEqual([
      classifyTypeChange(p('STRING'), p('INT64')),
      classifyTypeChange(list(p('STRING')), list(p('INT64'))),
      classifyTypeChange(p('STRING'), p('STRING', { encrypted: true })),
      classifyTypeChange(p('STRING', { encrypted: true }), p('STRING')),
      classifyTypeChange(p('NUMBER'), p('NUMBER', { preferredAs: 'INT64' })),
      classifyTypeChange(p('NUMBER', { preferredAs: 'INT64' }), p('NUMBER', { preferredAs: 'DOUBLE' })),
      classifyTypeChange(p('STRING'), list(p('STRING'))),
      classifyTypeChange(list(p('STRING')), p('STRING')),
      classifyTypeChange(p('STRING'), p('STRING')),
      classifyTypeChange(list(p('INT64')), list(p('INT64'))),
      classifyTypeChange(p('NUMBER', { preferredAs: 'DOUBLE' }), p('NUMBER', { preferredAs: 'DOUBLE' })),
    ], [
      { verdict: 'blocked', kind: 'field-type-changed', reason: lose },
      { verdict: 'blocked', kind: 'list-element-type-changed', reason: 'the element type of a list is part of the field type, which can\'t change once the field is in production.' },
      { verdict: 'blocked', kind: 'encryption-added', reason: 'Apple: "Only encrypt new fields. CloudKit doesn\'t allow encryption on fields that already exist in your app\'s schema." Add a new ENCRYPTED field instead.' },
      { verdict: 'blocked', kind: 'encryption-removed', reason: 'an encrypted field can\'t become a plain one once it is in production; add a new field instead.' },
      { verdict: 'safe', kind: 'number-preference-set', reason: 'setting the preferred type of an implicitly added NUMBER field is what PREFERRED AS is for (Apple); it can\'t change afterwards.' },
      { verdict: 'blocked', kind: 'number-preference-changed', reason: 'Apple: "Once you assign NUMBER as a PREFERRED AS type, future definitions must not change that type."' },
      { verdict: 'blocked', kind: 'field-type-changed', reason: `a list and a single value are different types; ${lose}` },
      { verdict: 'blocked', kind: 'field-type-changed', reason: `a list and a single value are different types; ${lose}` },
      undefined, undefined, undefined,
    ]);
  });

  it('indexes lost: a listed field, several at once, and a system field left out (recordName queries)', () => {
    const rows = (dev: ReturnType<typeof schema>, prod: ReturnType<typeof schema>) => diffSchemas(dev, prod).changes.map((c) => [c.verdict, c.kind, c.field, c.message]);
    const apple = 'Apple does not document whether a deploy removes an index from production; if it does, queries that rely on it fail.';
    assert.deepEqual(rows(
      schema({ Note: { ...SYSTEM, ___recordID: 'REFERENCE', title: 'STRING QUERYABLE', n: 'INT64 QUERYABLE' } }),
      schema({ Note: { ...SYSTEM, ___recordID: 'REFERENCE QUERYABLE', title: 'STRING QUERYABLE SEARCHABLE SORTABLE', n: 'INT64 QUERYABLE' } }),
    ), [
      ['warning', 'index-removed', '___recordID', `Field 'Note.___recordID' loses its QUERYABLE index. ${apple}`],
      ['warning', 'index-removed', 'title', `Field 'Note.title' loses its SORTABLE, SEARCHABLE indexes. ${apple}`],
    ]);
    const dropped = (f: string, what: string, extra = '') => `System field 'Note.${f}' is not listed in development, so CloudKit drops its ${what}. `
      + 'Apple: "it doesn\'t maintain the field options if the field isn\'t mentioned in later schema updates … CloudKit drops the index on the field". '
      + `Queries that rely on it fail${extra}. List it with its options to keep the index.`;
    assert.deepEqual(rows(
      schema({ Note: { t: 'STRING' } }),
      schema({ Note: { ...SYSTEM, ___recordID: 'REFERENCE QUERYABLE', ___createTime: 'TIMESTAMP QUERYABLE SORTABLE', t: 'STRING' } }),
    ), [
      ['warning', 'index-removed', '___createTime', dropped('___createTime', 'QUERYABLE, SORTABLE indexes')],
      ['warning', 'index-removed', '___recordID', dropped('___recordID', 'QUERYABLE index', ' ("recordName is not marked queryable")')],
    ]);
  });
});
