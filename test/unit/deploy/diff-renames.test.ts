import assert from 'node:assert/strict';
import type { SchemaIR } from '../../../src/core/cloudkit/schema-ir';
import { diffSchemas } from '../../../src/core/deploy';
import { SYSTEM, schema } from './schema-builder';

/**
 * The rename hints of the deploy plan (src/core/deploy/fields.ts, record-types.ts): our heuristic, which
 * never changes a verdict, only the wording and `probableRename`. Mutation testing (docs/testing.md) found
 * them unpinned; each case here is worked out by hand from the rule written in the code's comments.
 */
const renamesOf = (dev: SchemaIR, prod: SchemaIR) => diffSchemas(dev, prod).changes
  .filter((c) => c.probableRename).map((c) => [c.kind, c.probableRename!.from, c.probableRename!.to]);
const messageOf = (dev: SchemaIR, prod: SchemaIR, kind: string, name: string): string =>
  diffSchemas(dev, prod).changes.find((c) => c.kind === kind && (c.field ?? c.recordType) === name)!.message;

describe('core/deploy: rename hints', () => {
  describe('fields', () => {
    it('one field of a type deleted and one of that type added: the rename, whatever the names', () => {
      const prod = schema({ Note: { ...SYSTEM, title: 'STRING', n: 'INT64' } });
      const dev = schema({ Note: { ...SYSTEM, heading: 'STRING', n: 'INT64' } });
      assert.deepEqual(renamesOf(dev, prod), [['field-deleted', 'title', 'heading'], ['field-added', 'title', 'heading']]);
      assert.equal(messageOf(dev, prod, 'field-deleted', 'title'),
        'Field \'Note.title\' (STRING) is in production but not in development: CloudKit can\'t delete a field that is already in production, '
        + 'so the deploy is rejected. It looks like a rename to \'heading\' (same type, same record type): a rename is a deletion plus an addition. '
        + 'Keep \'title\' in development (it can never leave production) and add the new field beside it.');
      assert.equal(messageOf(dev, prod, 'field-added', 'heading'),
        'New field \'Note.heading\' (STRING): deploying adds it to production. If it is \'title\' renamed, the deletion of \'title\' blocks the deploy.');
    });

    it('no added field of the same type: no rename, and the hint says to put the field back', () => {
      const prod = schema({ Note: { ...SYSTEM, title: 'STRING' } });
      const dev = schema({ Note: { ...SYSTEM, count: 'INT64 QUERYABLE SORTABLE' } });
      assert.deepEqual(renamesOf(dev, prod), []);
      assert.match(messageOf(dev, prod, 'field-deleted', 'title'), /rejected\. Put it back in the development schema: a field stays in production for ever\.$/);
      assert.equal(messageOf(dev, prod, 'field-added', 'count'), 'New field \'Note.count\' (INT64 QUERYABLE SORTABLE): deploying adds it to production.');
    });

    it('several of a type: only names sharing a word of 3+ letters, closest first, at most three', () => {
      const prod = schema({ Post: { ...SYSTEM, pubDate: 'TIMESTAMP', editDate: 'TIMESTAMP' } });
      const dev = schema({ Post: { ...SYSTEM, publishedDate: 'TIMESTAMP', editedAt: 'TIMESTAMP', createdAt: 'TIMESTAMP' } });
      // pubDate shares "date" with publishedDate only; editDate shares "edit"/"date" with none of editedAt
      // (words "edited", "at"), "date" with publishedDate.
      assert.deepEqual(renamesOf(dev, prod).sort(), [
        // The added field names the first deleted field (production's order) that points at it.
        ['field-added', 'pubDate', 'publishedDate'], ['field-deleted', 'editDate', 'publishedDate'], ['field-deleted', 'pubDate', 'publishedDate'],
      ]);
      assert.match(messageOf(dev, prod, 'field-deleted', 'pubDate'), /It looks like a rename to 'publishedDate' \(same type/);
      const many = schema({ Post: { ...SYSTEM, date_a: 'TIMESTAMP', date_bb: 'TIMESTAMP', date_ccc: 'TIMESTAMP', date_dddd: 'TIMESTAMP', other: 'TIMESTAMP' } });
      const old = schema({ Post: { ...SYSTEM, date: 'TIMESTAMP', when: 'TIMESTAMP' } });
      assert.match(messageOf(many, old, 'field-deleted', 'date'), /It looks like a rename to 'date_a' or 'date_bb' or 'date_ccc' \(same type/);
    });

    it('camelCase, snake_case and the CD_ prefix split into words; case does not count', () => {
      const prod = schema({ T: { ...SYSTEM, CD_expiresAt: 'TIMESTAMP', CD_fetchedAt: 'TIMESTAMP' } });
      const dev = schema({ T: { ...SYSTEM, CD_expires_timestamp: 'TIMESTAMP', CD_FETCHED_TIMESTAMP: 'TIMESTAMP' } });
      assert.deepEqual(renamesOf(dev, prod).filter((r) => r[0] === 'field-deleted'), [
        ['field-deleted', 'CD_expiresAt', 'CD_expires_timestamp'], ['field-deleted', 'CD_fetchedAt', 'CD_FETCHED_TIMESTAMP'],
      ]);
    });

    it('ties in distance go to the name first in order', () => {
      const prod = schema({ T: { ...SYSTEM, total: 'INT64', spare: 'INT64' } });
      const dev = schema({ T: { ...SYSTEM, total_b: 'INT64', total_a: 'INT64' } });
      assert.match(messageOf(dev, prod, 'field-deleted', 'total'), /rename to 'total_a' or 'total_b'/);
    });
  });

  describe('record types', () => {
    it('the same name but for CD_: the type moved out of Core Data mirroring', () => {
      const prod = schema({ CD_Account: { ...SYSTEM, CD_name: 'STRING' } });
      const dev = schema({ Account: { ...SYSTEM, name: 'STRING', other: 'INT64' } });
      assert.deepEqual(renamesOf(dev, prod), [['record-type-deleted', 'CD_Account', 'Account'], ['record-type-added', 'CD_Account', 'Account']]);
      assert.equal(messageOf(dev, prod, 'record-type-deleted', 'CD_Account'),
        'Record type \'CD_Account\' is in production but not in development: CloudKit can\'t delete a record type that is already in production, '
        + 'so the deploy is rejected. It looks like a rename to \'Account\': a rename is a deletion plus an addition. Keep \'CD_Account\' in '
        + 'development (it can never leave production) and add \'Account\' beside it.');
      assert.equal(messageOf(dev, prod, 'record-type-added', 'Account'),
        'New record type \'Account\' (2 fields): deploying copies it to production. It looks like \'CD_Account\' renamed: the deletion of \'CD_Account\' blocks the deploy.');
    });

    it('fields that overlap by half or more (same name and type) pair a deleted and an added type, the best overlap first', () => {
      const prod = schema({ Note: { ...SYSTEM, title: 'STRING', body: 'STRING' } });
      // Memo shares 2 of 3 (2/3 >= 0.5), Jot 1 of 3 (1/3): Memo.
      const dev = schema({ Memo: { ...SYSTEM, title: 'STRING', body: 'STRING', pinned: 'INT64' }, Jot: { ...SYSTEM, title: 'STRING', x: 'INT64' } });
      assert.deepEqual(renamesOf(dev, prod), [['record-type-deleted', 'Note', 'Memo'], ['record-type-added', 'Note', 'Memo']]);
      // Exactly a half: 1 shared of 2 in all.
      const half = schema({ Memo: { ...SYSTEM, title: 'STRING' } });
      const one = schema({ Note: { ...SYSTEM, title: 'STRING', body: 'STRING' } });
      assert.deepEqual(renamesOf(half, one), [['record-type-deleted', 'Note', 'Memo'], ['record-type-added', 'Note', 'Memo']]);
      // Below a half (1 of 3): no rename, and the hint says to put it back.
      const third = schema({ Memo: { ...SYSTEM, title: 'STRING', other: 'INT64' } });
      assert.deepEqual(renamesOf(third, one), []);
      assert.match(messageOf(third, one, 'record-type-deleted', 'Note'), /rejected\. Put it back in the development schema: a record type stays in production for ever\.$/);
      assert.equal(messageOf(third, one, 'record-type-added', 'Memo'), 'New record type \'Memo\' (2 fields): deploying copies it to production.');
      // The type matters: the same names with other types share nothing.
      const retyped = schema({ Memo: { ...SYSTEM, title: 'INT64', body: 'INT64' } });
      assert.deepEqual(renamesOf(retyped, one), []);
    });

    it('each added type pairs with one deleted type; a type with no fields pairs with none', () => {
      const prod = schema({ A: { ...SYSTEM, x: 'STRING' }, B: { ...SYSTEM, x: 'STRING' }, E: { ...SYSTEM } });
      const dev = schema({ C: { ...SYSTEM, x: 'STRING' }, F: { ...SYSTEM }, G: { ...SYSTEM, one: 'STRING' } });
      const r = renamesOf(dev, prod);
      assert.deepEqual(r.filter((x) => x[0] === 'record-type-deleted'), [['record-type-deleted', 'A', 'C']]);
      assert.equal(messageOf(dev, prod, 'record-type-added', 'G'), 'New record type \'G\' (1 field): deploying copies it to production.');
    });
  });
});
