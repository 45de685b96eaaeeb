import type { FieldOption } from '../cloudkit/schema-ir';
import { FIELD_OPTIONS } from '../cloudkit/schema-ir';
import type { SchemaChange } from './plan';
import type { IndexedRecordType } from './schema-index';
import { fieldSpan, isImplicitField, optionSet, recordTypeSpan } from './schema-index';

/**
 * Index (QUERYABLE / SORTABLE / SEARCHABLE) changes on fields present in both environments, and on
 * system fields whichever side lists them.
 *
 * reference/ckdb.md §2.2:
 * - "New index | DEPLOYABLE | Apple ('copies … indexes'; archive 'Indexes are part of the schema')".
 * - "Index present in prod, absent in dev | UNCONFIRMED ... Recommend WARN".
 * - "System field (`___…`) omitted | Fine structurally, but its indexes are dropped | Apple" (§1.5:
 *   "CloudKit drops the index on the field, and the user query performance may degrade or fail").
 * A new field's indexes come with the field (fields.ts), not as separate changes.
 */
export function diffIndexes(dev: IndexedRecordType, prod: IndexedRecordType): SchemaChange[] {
  const name = dev.ir.name;
  const changes: SchemaChange[] = [];
  for (const [fname, pf] of prod.fields) {
    const df = dev.fields.get(fname);
    const implicit = isImplicitField(name, fname);
    if (!df && !implicit) continue; // a deleted field: reported once, by fields.ts
    if (df && sameOptions(pf.options, df.options)) continue; // the common case: nothing to compare
    const was = optionSet(pf);
    const now = optionSet(df);
    const removed = FIELD_OPTIONS.filter((o) => was.has(o) && !now.has(o));
    const added = FIELD_OPTIONS.filter((o) => now.has(o) && !was.has(o));
    if (removed.length) {
      const message = !df
        ? `System field '${name}.${fname}' is not listed in development, so CloudKit drops its ${list(removed)} `
          + `index${removed.length > 1 ? 'es' : ''}. Apple: "it doesn't maintain the field options if the field isn't mentioned `
          + `in later schema updates … CloudKit drops the index on the field". Queries that rely on it fail`
          + (fname === '___recordID' ? ' ("recordName is not marked queryable")' : '') + `. List it with its options to keep the index.`
        : `Field '${name}.${fname}' loses its ${list(removed)} index${removed.length > 1 ? 'es' : ''}. Apple does not document `
          + `whether a deploy removes an index from production; if it does, queries that rely on it fail.`;
      changes.push({
        verdict: 'warning', kind: 'index-removed', recordType: name, field: fname, message,
        devSpan: df ? fieldSpan(df) : recordTypeSpan(dev), prodSpan: fieldSpan(pf),
      });
    }
    if (added.length && df) changes.push(indexAdded(name, fname, added, fieldSpan(df), fieldSpan(pf)));
  }
  for (const [fname, df] of dev.fields) {
    if (prod.fields.has(fname) || !isImplicitField(name, fname)) continue;
    const added = FIELD_OPTIONS.filter((o) => optionSet(df).has(o));
    if (added.length) changes.push(indexAdded(name, fname, added, fieldSpan(df), undefined));
  }
  return changes;
}

function indexAdded(recordType: string, field: string, added: FieldOption[], devSpan: SchemaChange['devSpan'], prodSpan: SchemaChange['prodSpan']): SchemaChange {
  return {
    verdict: 'safe', kind: 'index-added', recordType, field,
    message: `Field '${recordType}.${field}' gets a new ${list(added)} index: deploying copies indexes to production.`,
    devSpan, prodSpan,
  };
}

function list(opts: readonly string[]): string {
  return opts.join(', ');
}

/** Same options in the same order (exports write them sorted), without building sets. */
function sameOptions(a: readonly FieldOption[], b: readonly FieldOption[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
