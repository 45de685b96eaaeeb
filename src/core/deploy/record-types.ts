import { formatFieldType } from '../cloudkit/schema-ir';
import type { SchemaChange } from './plan';
import type { IndexedRecordType, IndexedSchema } from './schema-index';
import { isImplicitField, isSystemRecordType, recordTypeSpan } from './schema-index';

/**
 * Record types added to or deleted from development, relative to production.
 *
 * reference/ckdb.md §2.2:
 * - "New record type | DEPLOYABLE | Apple (Deploying doc)".
 * - "Record type in prod, missing in dev | REJECTED (cannot delete)": Apple, "Deploying an iCloud
 *   Container's Schema": "you can't delete record types or fields that are already in production".
 * - "Rename (type or field) | REJECTED: it is a removal plus an addition".
 * `Users` is a system type (§1.5): never reported as added or deleted.
 */
export function diffRecordTypes(dev: IndexedSchema, prod: IndexedSchema): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const added = [...dev.recordTypes.values()].filter((rt) => !prod.recordTypes.has(rt.ir.name) && !isSystemRecordType(rt.ir.name));
  const deleted = [...prod.recordTypes.values()].filter((rt) => !dev.recordTypes.has(rt.ir.name) && !isSystemRecordType(rt.ir.name));
  const renames = guessRenames(deleted, added);
  const renamedFrom = new Map([...renames].map(([from, to]) => [to, from]));

  for (const rt of deleted) {
    const name = rt.ir.name;
    const to = renames.get(name);
    const rename = to !== undefined
      ? ` It looks like a rename to '${to}': a rename is a deletion plus an addition. Keep '${name}' in `
        + `development (it can never leave production) and add '${to}' beside it.`
      : ` Put it back in the development schema: a record type stays in production for ever.`;
    changes.push({
      verdict: 'blocked',
      kind: 'record-type-deleted',
      recordType: name,
      message: `Record type '${name}' is in production but not in development: CloudKit can't delete a record type `
        + `that is already in production, so the deploy is rejected.${rename}`,
      prodSpan: recordTypeSpan(rt),
      devSpan: to !== undefined ? recordTypeSpan(dev.recordTypes.get(to)) : undefined,
      probableRename: to !== undefined ? { from: name, to } : undefined,
    });
  }
  for (const rt of added) {
    const name = rt.ir.name;
    const userFields = [...rt.fields.keys()].filter((f) => !isImplicitField(name, f)).length;
    const from = renamedFrom.get(name);
    changes.push({
      verdict: 'safe',
      kind: 'record-type-added',
      recordType: name,
      message: `New record type '${name}' (${userFields} field${userFields === 1 ? '' : 's'}): deploying copies it to production.`
        + (from !== undefined ? ` It looks like '${from}' renamed: the deletion of '${from}' blocks the deploy.` : ''),
      devSpan: recordTypeSpan(rt),
      probableRename: from !== undefined ? { from, to: name } : undefined,
    });
  }
  return changes;
}

/**
 * `name TYPE` for every user field: what two record types must share to look like one renamed. The
 * `CD_` prefix is ignored, so a move from Core Data mirroring to hand-made records (CD_Account →
 * Account, moolah-native v01 → v02) is recognised too.
 */
function signature(rt: IndexedRecordType): Set<string> {
  const out = new Set<string>();
  for (const [name, f] of rt.fields) if (!isImplicitField(rt.ir.name, name)) out.add(`${name.replace(/^CD_/, '')} ${formatFieldType(f.type)}`);
  return out;
}

/**
 * Pairs each deleted type with the added type of the same name but for `CD_`, else with the one
 * whose fields overlap most (Jaccard ≥ 0.5 over `name TYPE`), each added type used once. UNCONFIRMED: our heuristic; it only changes the wording.
 */
function guessRenames(deleted: IndexedRecordType[], added: IndexedRecordType[]): Map<string, string> {
  const out = new Map<string, string>();
  if (deleted.length === 0 || added.length === 0) return out;
  const addedSigs = added.map((rt) => ({ name: rt.ir.name, sig: signature(rt) }));
  const used = new Set<string>();
  // The same name but for the `CD_` prefix: the type moved out of (or into) Core Data mirroring.
  const bare = (n: string) => n.replace(/^CD_/, '');
  for (const d of deleted) {
    const a = added.find((x) => !used.has(x.ir.name) && bare(x.ir.name) === bare(d.ir.name));
    if (a) {
      used.add(a.ir.name);
      out.set(d.ir.name, a.ir.name);
    }
  }
  for (const d of deleted) {
    if (out.has(d.ir.name)) continue;
    const ds = signature(d);
    if (ds.size === 0) continue;
    let best: { name: string; score: number } | undefined;
    for (const a of addedSigs) {
      if (used.has(a.name) || a.sig.size === 0) continue;
      let common = 0;
      for (const s of ds) if (a.sig.has(s)) common++;
      const score = common / (ds.size + a.sig.size - common);
      if (score >= 0.5 && (!best || score > best.score)) best = { name: a.name, score };
    }
    if (best) {
      used.add(best.name);
      out.set(d.ir.name, best.name);
    }
  }
  return out;
}
