import type { ModelIR } from '../model/ir';
import {
  byteCompare, entityIndex, isManyToMany, isMirroredRelationship, JUST_IN_TIME_GRANTS, justInTimeIndexes, mapJoinRecordType,
  mapRecordType, rootEntityOf, USERS_FIELDS, USERS_GRANTS, USERS_RECORD_TYPE, type MappedRecordType,
} from './mapping';
import { SYSTEM_FIELDS, type FieldIR, type PrimitiveBase, type RecordTypeIR, type SchemaIR } from './schema-ir';

/**
 * The CloudKit schema NSPersistentCloudKitContainer creates for a Core Data model (what
 * `initializeCloudKitSchema` produces in development): one `CD_` record type per root entity with the
 * fields of its whole hierarchy, the `CDMR` join type when a many-to-many relationship exists, and the
 * six system fields; record types and fields byte-sorted like a `cktool` export. Every mapping fact
 * comes from mapping.ts (reference/coredata-model.md §4); this module only assembles them.
 */
export interface DeriveOptions {
  /**
   * The mirrored entities (e.g. `cloudKitScope(model).entities`); default: every entity. A record type is
   * derived for each root whose hierarchy holds one of them.
   */
  readonly entities?: ReadonlySet<string>;
  /**
   * `minimal` (default): types and fields only, system fields without options, no grants.
   * `export`: also what a development container adds just-in-time, so the result reads like
   * `cktool export-schema --environment development`: indexes on the CD_ fields, the default grants and
   * CloudKit's `Users` record type (facts and sources in mapping.ts).
   */
  readonly profile?: 'minimal' | 'export';
}

function systemFields(): FieldIR[] {
  return Object.entries(SYSTEM_FIELDS).map(([name, base]) => ({
    name, quoted: true, type: { kind: 'primitive', base: base as PrimitiveBase, encrypted: false }, options: [],
  }));
}

function toRecordType(m: MappedRecordType, exportProfile: boolean): RecordTypeIR {
  const fields: FieldIR[] = [
    ...m.fields.map((f) => ({ name: f.name, quoted: false, type: f.type, options: exportProfile ? justInTimeIndexes(f.type) : [] })),
    ...systemFields(),
  ].sort((a, b) => byteCompare(a.name, b.name));
  return { name: m.name, quoted: false, fields, grants: exportProfile ? JUST_IN_TIME_GRANTS : [] };
}

export function deriveSchema(model: ModelIR, options: DeriveOptions = {}): SchemaIR {
  const exportProfile = options.profile === 'export';
  const index = entityIndex(model);
  const included = (name: string): boolean => !options.entities || options.entities.has(name);
  const roots = new Map<string, ReturnType<typeof rootEntityOf>>();
  for (const e of model.entities) {
    if (!included(e.name) || index.get(e.name) !== e) continue;
    const root = rootEntityOf(e, index);
    if (!roots.has(root.name)) roots.set(root.name, root);
  }
  const recordTypes: RecordTypeIR[] = [...roots.values()].map((root) => toRecordType(mapRecordType(root, model), exportProfile));
  // Many-to-many relationships live in CDMR join records [DOC Reading CloudKit Records §4.4].
  const hasManyToMany = model.entities.some((e) => included(e.name) && index.get(e.name) === e
    && e.relationships.some((r) => isMirroredRelationship(r) && isManyToMany(r, index)));
  if (hasManyToMany) recordTypes.push(toRecordType(mapJoinRecordType(), exportProfile));
  if (exportProfile) {
    recordTypes.push({
      name: USERS_RECORD_TYPE, quoted: false, grants: USERS_GRANTS,
      fields: [...systemFields(), ...USERS_FIELDS.map((f) => ({ name: f.name, quoted: false, type: f.type, options: [] }))]
        .sort((a, b) => byteCompare(a.name, b.name)),
    });
  }
  recordTypes.sort((a, b) => byteCompare(a.name, b.name));
  return { roles: [], recordTypes };
}
