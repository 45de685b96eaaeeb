import type { FieldType, PrimitiveType } from '../cloudkit/schema-ir';
import { formatFieldType } from '../cloudkit/schema-ir';
import type { ChangeKind, Verdict } from './plan';

export interface TypeChange {
  readonly verdict: Verdict;
  readonly kind: ChangeKind;
  /** Why, after "Field 'T.f' changes type from A to B:" */
  readonly reason: string;
}

/**
 * Classifies a field whose type differs between production (`was`) and development (`now`).
 *
 * reference/ckdb.md §2.2, "Field type changed (incl. `X` → `ENCRYPTED X`, `LIST<X>` ↔ `X`, NUMBER
 * preferred type) | REJECTED": confirmed by consensus (Apple's "data loss" rule for import, "You can't
 * change the type of these system fields", moolah-native Additivity.swift), no Apple sentence on user
 * fields in general.
 */
export function classifyTypeChange(was: FieldType, now: FieldType): TypeChange | undefined {
  if (equalFieldTypes(was, now)) return undefined;
  if (was.kind === 'list' && now.kind === 'list') {
    return { verdict: 'blocked', kind: 'list-element-type-changed',
      reason: 'the element type of a list is part of the field type, which can\'t change once the field is in production.' };
  }
  if (was.kind === 'primitive' && now.kind === 'primitive' && was.base === now.base) {
    if (was.encrypted !== now.encrypted) {
      // [Apple, CKRecord.encryptedValues] "Only encrypt new fields. CloudKit doesn't allow encryption on
      // fields that already exist in your app's schema" (§1.6). Removing it changes the stored type too.
      return was.encrypted
        ? { verdict: 'blocked', kind: 'encryption-removed',
          reason: 'an encrypted field can\'t become a plain one once it is in production; add a new field instead.' }
        : { verdict: 'blocked', kind: 'encryption-added',
          reason: 'Apple: "Only encrypt new fields. CloudKit doesn\'t allow encryption on fields that already exist in your app\'s schema." Add a new ENCRYPTED field instead.' };
    }
    if (was.base === 'NUMBER') {
      if (was.preferredAs === undefined) {
        // Apple (text-schema article, §1.2): a NUMBER field "implicitly added ... the PREFERRED AS syntax
        // allows you to explicitly indicate which type the NUMBER should be treated as". Setting the
        // preference the first time is what the syntax is for. UNCONFIRMED: our reading.
        return { verdict: 'safe', kind: 'number-preference-set',
          reason: 'setting the preferred type of an implicitly added NUMBER field is what PREFERRED AS is for (Apple); it can\'t change afterwards.' };
      }
      return { verdict: 'blocked', kind: 'number-preference-changed',
        reason: 'Apple: "Once you assign NUMBER as a PREFERRED AS type, future definitions must not change that type."' };
    }
  }
  const listSwap = (was.kind === 'list') !== (now.kind === 'list');
  return { verdict: 'blocked', kind: 'field-type-changed',
    reason: (listSwap ? 'a list and a single value are different types; ' : '')
      + 'a field\'s type can\'t change once it is in production (the deploy would lose data). Add a new field with the new type instead.' };
}

export function describeTypeChange(recordType: string, field: string, was: FieldType, now: FieldType, reason: string): string {
  return `Field '${recordType}.${field}' changes type from ${formatFieldType(was)} to ${formatFieldType(now)}: ${reason}`;
}

function equalPrimitives(a: PrimitiveType, b: PrimitiveType): boolean {
  return a.base === b.base && a.encrypted === b.encrypted && a.preferredAs === b.preferredAs;
}

/** Structural equality (what `sameFieldType` decides by formatting both; this runs once per field, so no strings). */
export function equalFieldTypes(a: FieldType, b: FieldType): boolean {
  if (a.kind === 'list') return b.kind === 'list' && equalPrimitives(a.element, b.element);
  return b.kind === 'primitive' && equalPrimitives(a, b);
}
