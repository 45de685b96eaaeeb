import type { FieldIR } from '../cloudkit/schema-ir';
import { formatFieldType, sameFieldType } from '../cloudkit/schema-ir';
import type { SchemaChange } from './plan';
import type { IndexedRecordType } from './schema-index';
import { fieldSpan, isImplicitField, recordTypeSpan } from './schema-index';
import { classifyTypeChange, describeTypeChange } from './type-change';

/**
 * Fields added, deleted or retyped in a record type present in both environments.
 *
 * reference/ckdb.md §2.2:
 * - "New field on an existing type | DEPLOYABLE | Apple".
 * - "Field in prod, missing in dev | REJECTED | Apple": "you can't delete record types or fields that
 *   are already in production" (Deploying an iCloud Container's Schema).
 * - "Field type changed ... | REJECTED" (see type-change.ts).
 * - "Rename (type or field) | REJECTED: it is a removal plus an addition".
 * - "System field (`___…`) omitted | Fine structurally, but its indexes are dropped" (indexes.ts):
 *   a system field is never a deletion, and it is never "added" by being listed.
 */
export function diffFields(dev: IndexedRecordType, prod: IndexedRecordType): SchemaChange[] {
  const name = dev.ir.name;
  const changes: SchemaChange[] = [];
  const deleted: FieldIR[] = [];
  const added: FieldIR[] = [];
  for (const [fname, pf] of prod.fields) {
    const df = dev.fields.get(fname);
    if (!df) {
      if (!isImplicitField(name, fname)) deleted.push(pf);
      continue;
    }
    const tc = classifyTypeChange(pf.type, df.type);
    if (tc) {
      const system = isImplicitField(name, fname) ? ' Apple: "You can\'t change the type of these system fields."' : '';
      changes.push({
        verdict: tc.verdict, kind: tc.kind, recordType: name, field: fname,
        message: describeTypeChange(name, fname, pf.type, df.type, tc.reason) + system,
        devSpan: df.typeSpan ?? fieldSpan(df), prodSpan: pf.typeSpan ?? fieldSpan(pf),
      });
    }
  }
  for (const [fname, df] of dev.fields) {
    if (!prod.fields.has(fname) && !isImplicitField(name, fname)) added.push(df);
  }

  const renames = guessFieldRenames(deleted, added);
  for (const pf of deleted) {
    const to = renames.get(pf.name);
    const hint = to && to.length
      ? ` It looks like a rename to ${to.map((t) => `'${t}'`).join(' or ')} (same type, same record type): a rename is a `
        + `deletion plus an addition. Keep '${pf.name}' in development (it can never leave production) and add the new field beside it.`
      : ` Put it back in the development schema: a field stays in production for ever.`;
    changes.push({
      verdict: 'blocked', kind: 'field-deleted', recordType: name, field: pf.name,
      message: `Field '${name}.${pf.name}' (${formatFieldType(pf.type)}) is in production but not in development: CloudKit can't `
        + `delete a field that is already in production, so the deploy is rejected.${hint}`,
      prodSpan: fieldSpan(pf),
      devSpan: to && to.length ? fieldSpan(dev.fields.get(to[0])) : recordTypeSpan(dev),
      probableRename: to && to.length ? { from: pf.name, to: to[0] } : undefined,
    });
  }
  const renamedFrom = new Map<string, string>();
  for (const [from, tos] of renames) for (const t of tos) if (!renamedFrom.has(t)) renamedFrom.set(t, from);
  for (const df of added) {
    const opts = df.options.length ? ' ' + [...new Set(df.options)].join(' ') : '';
    const from = renamedFrom.get(df.name);
    changes.push({
      verdict: 'safe', kind: 'field-added', recordType: name, field: df.name,
      message: `New field '${name}.${df.name}' (${formatFieldType(df.type)}${opts}): deploying adds it to production.`
        + (from !== undefined ? ` If it is '${from}' renamed, the deletion of '${from}' blocks the deploy.` : ''),
      devSpan: fieldSpan(df),
      probableRename: from !== undefined ? { from, to: df.name } : undefined,
    });
  }
  return changes;
}

/**
 * For each deleted field, the added fields of the same type in the same record type that look like
 * its new name: the only candidate when exactly one field of that type was deleted and one added,
 * else those sharing a word of 3+ letters with it (`pubDate` → `publishedDate`, `expiresAt` →
 * `expiresTimestamp`), closest name first. UNCONFIRMED: our heuristic; it only changes the wording,
 * never the verdict.
 */
function guessFieldRenames(deleted: FieldIR[], added: FieldIR[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of deleted) {
    const sameType = added.filter((a) => sameFieldType(a.type, d.type));
    if (sameType.length === 0) continue;
    const deletedOfType = deleted.filter((x) => sameFieldType(x.type, d.type)).length;
    const words = nameWords(d.name);
    const candidates = sameType.length === 1 && deletedOfType === 1
      ? sameType
      : sameType.filter((a) => nameWords(a.name).some((w) => words.includes(w)));
    candidates.sort((a, b) => nameDistance(d.name, a.name) - nameDistance(d.name, b.name) || (a.name < b.name ? -1 : 1));
    if (candidates.length) out.set(d.name, candidates.slice(0, 3).map((c) => c.name));
  }
  return out;
}

/** The words of a camelCase / snake_case name, lower case, 3+ letters, without the `CD_` prefix. */
function nameWords(name: string): string[] {
  return name.replace(/^CD_/, '').split(/_|(?<=[a-z0-9])(?=[A-Z])/).map((w) => w.toLowerCase()).filter((w) => w.length >= 3);
}

/** Levenshtein distance, case-insensitive (names are short: a plain DP is enough). */
function nameDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length];
}
