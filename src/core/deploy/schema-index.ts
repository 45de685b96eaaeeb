import type { FieldIR, FieldOption, Permission, RecordTypeIR, RoleIR, SchemaIR } from '../cloudkit/schema-ir';
import { isSystemField } from '../cloudkit/schema-ir';
import { USERS_FIELDS, USERS_RECORD_TYPE } from '../cloudkit/mapping';

/**
 * A schema indexed by name for a semantic, order-insensitive comparison (reference/ckdb.md §1.7:
 * "compare semantically and ignore order and whitespace"). Names in SchemaIR are already unquoted,
 * so `"title"` and `title` are the same key here (§1.4). The first declaration of a duplicated name
 * wins; the `.ckdb` checks report duplicates, the diff does not.
 */
export interface IndexedRecordType {
  readonly ir: RecordTypeIR;
  readonly fields: ReadonlyMap<string, FieldIR>;
  /** Permissions per role, merged over every GRANT (exports merge them per role, hand-written files often don't). */
  readonly grants: ReadonlyMap<string, ReadonlySet<Permission>>;
}

export interface IndexedSchema {
  readonly recordTypes: ReadonlyMap<string, IndexedRecordType>;
  readonly roles: ReadonlyMap<string, RoleIR>;
}

/**
 * `Users` is CloudKit's own record type: present in every export [observed], never removable
 * (reference/ckdb.md §1.5). A development file that leaves it out deletes nothing; nor does one that
 * leaves out its own fields (`roles LIST<INT64>`, mapping.ts USERS_FIELDS).
 */
export { USERS_RECORD_TYPE };
const USERS_SYSTEM_FIELDS = new Set(USERS_FIELDS.map((f) => f.name));

export function isSystemRecordType(name: string): boolean {
  return name === USERS_RECORD_TYPE;
}

/** A field CloudKit defines implicitly on this record type (omitting it is not a deletion). */
export function isImplicitField(recordType: string, field: string): boolean {
  return isSystemField(field) || (isSystemRecordType(recordType) && USERS_SYSTEM_FIELDS.has(field));
}

export function indexSchema(schema: SchemaIR): IndexedSchema {
  const recordTypes = new Map<string, IndexedRecordType>();
  for (const rt of schema.recordTypes) {
    if (recordTypes.has(rt.name)) continue;
    const fields = new Map<string, FieldIR>();
    for (const f of rt.fields) if (!fields.has(f.name)) fields.set(f.name, f);
    const grants = new Map<string, Set<Permission>>();
    for (const g of rt.grants) {
      const set = grants.get(g.role) ?? new Set<Permission>();
      for (const p of g.permissions) set.add(p);
      grants.set(g.role, set);
    }
    recordTypes.set(rt.name, { ir: rt, fields, grants });
  }
  const roles = new Map<string, RoleIR>();
  for (const r of schema.roles) if (!roles.has(r.name)) roles.set(r.name, r);
  return { recordTypes, roles };
}

/** The field's index options as a set (source order and repeats don't matter). */
export function optionSet(f: FieldIR | undefined): ReadonlySet<FieldOption> {
  return new Set(f?.options ?? []);
}

/** Where a diagnostic about a record type points: its name, else the whole statement. */
export function recordTypeSpan(rt: IndexedRecordType | undefined) {
  return rt?.ir.nameSpan ?? rt?.ir.span;
}

/** Where a diagnostic about a field points: the whole field line. */
export function fieldSpan(f: FieldIR | undefined) {
  return f?.span ?? f?.nameSpan;
}

export function quoteName(name: string): string {
  return `'${name}'`;
}
