import type { ModelIR } from '../model/ir';
import {
  byteCompare, contributingEntities, entityIndex, fieldExists, isCloudKitName, isManyToMany, isMirroredRelationship, JUST_IN_TIME_GRANTS, justInTimeIndexes,
  mapJoinRecordType, mapRecordType, rootEntityOf, USERS_FIELDS, USERS_GRANTS, USERS_RECORD_TYPE, type MappedRecordType, type Materialization,
} from './mapping';
import { SYSTEM_FIELDS, type FieldIR, type PrimitiveBase, type RecordTypeIR, type SchemaIR } from './schema-ir';

/**
 * The CloudKit schema NSPersistentCloudKitContainer creates for a Core Data model: one `CD_` record type
 * per root entity with the fields of its hierarchy's entities in the configuration, the `CDMR` join type
 * when a many-to-many relationship exists, and the six system fields; record types and fields
 * byte-sorted like a `cktool` export. Every mapping fact comes from mapping.ts
 * (reference/coredata-model.md §4); this module only assembles them.
 *
 * Which of the fields that appear only sometimes (`_ckAsset` companions, the move receipt; mapping.ts
 * FieldCondition) are included depends on the profile: `minimal` gives every field the app can write
 * (what the sandbox, `ckdev types` and the deploy check need); `export` gives what a development container
 * holds when its schema was created just in time, as the Core Data exports of the corpus show, unless
 * `initialized` or `moveReceipts` say more.
 */
export interface DeriveOptions extends Materialization {
  /**
   * The mirrored entities (e.g. `cloudKitScope(model).entities`); default: every entity. A record type is
   * derived for each root whose hierarchy holds one of them.
   */
  readonly entities?: ReadonlySet<string>;
  /**
   * `minimal` (default): types and every field the app can write, system fields without options, no grants.
   * `export`: what a development container creates just in time, so the result reads like
   * `cktool export-schema --environment development`: the fields every save writes (plus those
   * `initialized` / `moveReceipts` add), indexes on the CD_ fields, the default grants and CloudKit's
   * `Users` record type (facts and sources in mapping.ts).
   */
  readonly profile?: 'minimal' | 'export';
  /**
   * `"___recordID" REFERENCE QUERYABLE` on the CD_ types (export profile only): the index a developer
   * adds in the CloudKit Console to browse records by name. The cktool exports of Core Data containers
   * in the corpus (ivan-wize/Plenty, ngs/tides-swift, iosipratama/bitcoin-tracker-ios,
   * kirillginko/indigo, pizza-studio/PizzaHelperUnited, ajsutton/moolah-native v01) have none; the
   * hand-maintained iman-suherman/nucleus and marcushyett/perfect-nap have it. Default: off.
   */
  readonly queryableRecordName?: boolean;
}

function systemFields(queryableRecordName = false): FieldIR[] {
  return Object.entries(SYSTEM_FIELDS).map(([name, base]) => ({
    name, quoted: true, type: { kind: 'primitive', base: base as PrimitiveBase, encrypted: false },
    options: queryableRecordName && name === '___recordID' ? ['QUERYABLE'] : [],
  }));
}

function toRecordType(m: MappedRecordType, exportProfile: boolean, options: DeriveOptions, notes: string[]): RecordTypeIR {
  const materialization = exportProfile ? options : { initialized: true };
  const named = m.fields.filter((f) => {
    if (isCloudKitName(f.name)) return true;
    notes.push(`${m.name}.${JSON.stringify(f.name)} left out: ${NAME_RULE}.`);
    return false;
  });
  const fields: FieldIR[] = [
    ...named.filter((f) => fieldExists(f, materialization))
      .map((f) => ({ name: f.name, quoted: false, type: f.type, options: exportProfile ? justInTimeIndexes(f.type) : [] })),
    ...systemFields(exportProfile && options.queryableRecordName === true),
  ].sort((a, b) => byteCompare(a.name, b.name));
  return { name: m.name, quoted: false, fields, grants: exportProfile ? JUST_IN_TIME_GRANTS : [] };
}

/** Why a name is left out (mapping.ts isCloudKitName); lint rule CK019 reports it on the model. */
const NAME_RULE = 'CloudKit type and field names are letters, digits and underscores, starting with a letter (CK019)';

export function deriveSchema(model: ModelIR, options: DeriveOptions = {}): SchemaIR {
  const notes: string[] = [];
  const exportProfile = options.profile === 'export';
  const index = entityIndex(model);
  const included = (name: string): boolean => !options.entities || options.entities.has(name);
  const roots = new Map<string, ReturnType<typeof rootEntityOf>>();
  for (const e of model.entities) {
    if (!included(e.name) || index.get(e.name) !== e) continue;
    const root = rootEntityOf(e, index);
    if (!roots.has(root.name)) roots.set(root.name, root);
  }
  const recordTypes: RecordTypeIR[] = [];
  for (const root of roots.values()) {
    const m = mapRecordType(root, model, options.entities);
    if (!isCloudKitName(m.name)) { notes.push(`Record type ${JSON.stringify(m.name)} left out: ${NAME_RULE}.`); continue; }
    recordTypes.push(toRecordType(m, exportProfile, options, notes));
  }
  // Many-to-many relationships live in CDMR join records [DOC Reading CloudKit Records §4.4]; an entity
  // of the configuration has its ancestors' relationships too.
  const hasManyToMany = [...roots.values()].some((root) => contributingEntities(root, model, options.entities)
    .some((e) => e.relationships.some((r) => isMirroredRelationship(r) && isManyToMany(r, index))));
  if (hasManyToMany) recordTypes.push(toRecordType(mapJoinRecordType(), exportProfile, options, notes));
  if (exportProfile) {
    recordTypes.push({
      name: USERS_RECORD_TYPE, quoted: false, grants: USERS_GRANTS,
      fields: [...systemFields(), ...USERS_FIELDS.map((f) => ({ name: f.name, quoted: false, type: f.type, options: [] }))]
        .sort((a, b) => byteCompare(a.name, b.name)),
    });
  }
  recordTypes.sort((a, b) => byteCompare(a.name, b.name));
  return notes.length ? { roles: [], recordTypes, notes } : { roles: [], recordTypes };
}
