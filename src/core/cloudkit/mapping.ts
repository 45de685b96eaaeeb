import type { AttributeIR, EntityIR, ModelIR, RelationshipIR } from '../model/ir';
import type { FieldOption, FieldType, GrantIR, PrimitiveBase } from './schema-ir';

/**
 * How NSPersistentCloudKitContainer maps a Core Data model to CloudKit record types and fields.
 * This module is the single home of those facts (reference/coredata-model.md §4); `deriveSchema`, the
 * hover, the 256-field rule and the sandbox all ask it, so a choice made here applies everywhere.
 *
 * Sources: Apple, "Reading CloudKit Records for Core Data" [DOC]; pookjw/OpenCloudData's port of
 * PFCloudKitSerializer [RE]; cktool exports of Core Data containers [OBS].
 */

/** "Core Data prefixes ... record types and fields with CD_ to prevent collision" [DOC Reading CloudKit Records]. */
export const CD_PREFIX = 'CD_';

/** The private-database zone NSPersistentCloudKitContainer mirrors into [DOC TN3164 logs]. */
export const COREDATA_ZONE = 'com.apple.coredata.cloudkit.zone';

/** Many-to-many relationships are stored as join records of this type [DOC Reading CloudKit Records §4.4]. */
export const MANY_TO_MANY_RECORD_TYPE = 'CDMR';

/** userInfo key that excludes a property from mirroring (reference §3.6 #4). */
export const IGNORED_PROPERTY_KEY = 'NSCloudKitMirroringDelegateIgnoredPropertyKey';

/** Legacy private metadata attributes the serializer skips [RE shouldTrackAttribute]. */
const SKIPPED_ATTRIBUTE_NAMES = new Set(['ckRecordID', 'ckRecordSystemFields']);

/**
 * Core Data attribute type → CloudKit schema type (reference §4.2). A Map, not an object literal: an
 * `attributeType` read from a file may be `constructor` or `__proto__` (issue 17).
 * - Decimal → DOUBLE [OBS swiftdata/ivan-wize__Plenty: `Account.balance: Decimal` is `CD_balance DOUBLE`].
 * - Float → DOUBLE: UNCONFIRMED (no export in the corpus has one). The serializer writes the attribute's
 *   value as is (an NSNumber; OCCloudKitSerializer.m:1128-1131, the branch for every non-variable-length
 *   type) and CloudKit types a floating-point NSNumber as DOUBLE; modelling choice by analogy with Double.
 * - Composite → BYTES: UNCONFIRMED (encoded like Transformable before it is written, OCCloudKitSerializer.m:819).
 */
const SCHEMA_TYPE: ReadonlyMap<string, PrimitiveBase> = new Map<string, PrimitiveBase>([
  ['Integer 16', 'INT64'],
  ['Integer 32', 'INT64'],
  ['Integer 64', 'INT64'],
  ['Boolean', 'INT64'], // [OBS] `CD_allowNotification INT64`
  ['Double', 'DOUBLE'],
  ['Float', 'DOUBLE'],
  ['Decimal', 'DOUBLE'],
  ['Date', 'TIMESTAMP'],
  ['String', 'STRING'],
  ['UUID', 'STRING'], // [RE] stored as UUIDString
  ['URI', 'STRING'], // [RE] stored as absoluteString
  ['Binary', 'BYTES'],
  ['Transformable', 'BYTES'],
  ['Composite', 'BYTES'],
]);

/**
 * The serializer's variable-length types (`+isVariableLengthAttributeType:`, OpenCloudData
 * OCCloudKitSerializer.m:258-268): String, Binary Data, URI, Transformable, Composite. It orders a
 * record's attributes by them and, for CK018, they are not "static" fields.
 */
export const VARIABLE_LENGTH_TYPES: ReadonlySet<string> = new Set(['String', 'Binary', 'URI', 'Transformable', 'Composite']);

/**
 * Types that can get a `CD_<name>_ckAsset` companion: the two branches of the serializer that may move a
 * value to a CKAsset, Binary Data/Transformable (OCCloudKitSerializer.m:940) and String/URI (:1051).
 * Composite is variable-length but takes the plain branch (:1128-1131): its encoded value always stays in
 * the record, so it has no companion. Apple's page names String, Binary Data and Transformable [DOC
 * Reading CloudKit Records for Core Data]; URI is the reimplementation's addition.
 */
export const ASSET_TWIN_TYPES: ReadonlySet<string> = new Set(['String', 'URI', 'Binary', 'Transformable']);

export const ASSET_SUFFIX = '_ckAsset';

/** Values stay inline while record size + value length <= 700,000 bytes, else move to the asset [RE serializer]. */
export const INLINE_VALUE_BUDGET_BYTES = 700_000;

/** TN3164: "The number of record fields in a record type is limited to 256." */
export const MAX_FIELDS_PER_RECORD_TYPE = 256;

/**
 * When a field that is not written by every save exists in the schema. A development container creates
 * fields just in time, from the records it saves [DOC TN3164 "initialize the schema"; OBS the Core Data
 * exports of the corpus]:
 * - `large-value`: a `_ckAsset` companion exists once a value too large for the record was saved (the
 *   serializer moves it to an asset when `record.size + length > 700,000`, OCCloudKitSerializer.m:960-975,
 *   1058-1072), or after `initializeCloudKitSchema` (fully materialized records, below);
 * - `move-receipt`: `CD_moveReceipt`(`_ckAsset`) is written only when the record has move receipts (it was
 *   shared or moved between zones) or is fully materialized: `if ((recordMetadata.moveReceipts.count != 0)
 *   || fullyMaterializeRecords)` (OCCloudKitSerializer.m:682). 11 of the 12 Core Data exports in the
 *   corpus have neither; marcushyett/perfect-nap has the move receipt fields.
 * The exporter passes `fullyMaterializeRecords:NO` (OCCloudKitExportContext.m:1423); that `initializeCloudKitSchema`
 * materializes fully is our reading of the flag's name and of reference/ckdb.md §1.6 (its schema generator
 * is private Core Data code the reimplementation only forwards to).
 */
export type FieldCondition = 'large-value' | 'move-receipt';

/** What a development container's schema holds beyond the fields every save writes (see FieldCondition). */
export interface Materialization {
  /** `initializeCloudKitSchema` ran: every `_ckAsset` companion and the move receipt fields exist. */
  readonly initialized?: boolean;
  /** Records were shared or moved between zones: `CD_moveReceipt` and `CD_moveReceipt_ckAsset` exist [OBS perfect-nap]. */
  readonly moveReceipts?: boolean;
}

/** Whether a mapped field is in the schema under a materialization profile. */
export function fieldExists(f: MappedField, m: Materialization = {}): boolean {
  if (f.condition === undefined || m.initialized) return true;
  return f.condition === 'move-receipt' && m.moveReceipts === true;
}

/** What a mapped field comes from. */
export type MappedFieldOrigin =
  | { readonly kind: 'entityName' }
  | { readonly kind: 'moveReceipt' }
  | { readonly kind: 'moveReceiptAsset' }
  | { readonly kind: 'attribute'; readonly entity: string; readonly property: string }
  | { readonly kind: 'assetTwin'; readonly entity: string; readonly property: string }
  | { readonly kind: 'toOne'; readonly entity: string; readonly property: string; readonly destination: string }
  | { readonly kind: 'joinField' };

export interface MappedField {
  readonly name: string;
  readonly type: FieldType;
  /** Every property that lands in this field (two subentities may declare the same name). */
  readonly origins: readonly MappedFieldOrigin[];
  /** Absent: every save of the record type writes it. Else when it appears (FieldCondition). */
  readonly condition?: FieldCondition;
}

export interface MappedRecordType {
  readonly name: string;
  /** The root entity, or undefined for the CDMR join type. */
  readonly rootEntity?: string;
  /** The entities whose properties land in it: root first, then subentities, depth first in source order. */
  readonly entities: readonly string[];
  /**
   * Every field the record type can have, sorted in byte order as cktool exports them; those with a
   * `condition` exist only under some materialization (`fieldExists`).
   */
  readonly fields: readonly MappedField[];
}

const primitive = (base: PrimitiveBase, encrypted = false): FieldType => ({ kind: 'primitive', base, encrypted });

/**
 * Type and field names CloudKit can hold: `[A-Za-z][A-Za-z0-9_]*` [Apple, the text-schema article and
 * CKRecord; reference/ckdb.md §5]. A `.ckdb` quoted name cannot hold `"` either (no escape in the grammar,
 * §1.3), so a Core Data name outside this set (possible in a hand-edited `contents`) has no CloudKit field.
 */
export function isCloudKitName(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]*$/.test(name);
}

/**
 * Whether `CD_<name>` is a CloudKit name (isCloudKitName): letters, digits and underscores after the prefix.
 * A character loop, no concatenation: CK019 asks it for every property of the model.
 */
export function isCloudKitNameAfterPrefix(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) return false;
  }
  return true;
}

/** The flag (`YES`, `1`, `true`...) as NSString/NSNumber boolValue reads it. */
export function userInfoFlag(entries: readonly { key: string; value: string }[], key: string): boolean {
  // Plain loop: called for every property by several rules, and almost every list is empty.
  for (let i = 0; i < entries.length; i++) {
    if (entries[i].key === key) return /^\s*[+-]?0*[1-9]|^\s*[YyTt]/.test(entries[i].value);
  }
  return false;
}

export function isIgnored(p: AttributeIR | RelationshipIR): boolean {
  return userInfoFlag(p.userInfo, IGNORED_PROPERTY_KEY);
}

/** Map of entity name → entity, first declaration wins. */
export function entityIndex(model: ModelIR): Map<string, EntityIR> {
  const m = new Map<string, EntityIR>();
  for (const e of model.entities) if (!m.has(e.name)) m.set(e.name, e);
  return m;
}

/** The root of an entity's inheritance hierarchy (cycles and unknown parents stop the walk). */
export function rootEntityOf(entity: EntityIR, index: Map<string, EntityIR>): EntityIR {
  let cur = entity;
  const seen = new Set<string>([cur.name]);
  while (cur.parentEntity) {
    const parent = index.get(cur.parentEntity);
    if (!parent || seen.has(parent.name)) break;
    seen.add(parent.name);
    cur = parent;
  }
  return cur;
}

/** "record type = CD_ + name of the ROOT entity" [DOC: ImagePost → recordType CD_Post]. */
export function recordTypeNameFor(entity: EntityIR, index: Map<string, EntityIR>): string {
  return CD_PREFIX + rootEntityOf(entity, index).name;
}

/**
 * Subentities by parent name, built once per model: a ModelIR is immutable, and the rules ask for the
 * hierarchy of every root (a 2,000-entity model would otherwise rebuild this map 2,000 times).
 */
const childrenCache = new WeakMap<ModelIR, Map<string, EntityIR[]>>();

function childrenIndex(model: ModelIR): Map<string, EntityIR[]> {
  let children = childrenCache.get(model);
  if (!children) {
    children = new Map<string, EntityIR[]>();
    for (const e of model.entities) {
      if (e.parentEntity) {
        const list = children.get(e.parentEntity) ?? [];
        list.push(e);
        children.set(e.parentEntity, list);
      }
    }
    childrenCache.set(model, children);
  }
  return children;
}

/** The root and all its descendants, root first. */
export function hierarchyOf(root: EntityIR, model: ModelIR): EntityIR[] {
  const children = childrenIndex(model);
  if (!children.has(root.name)) return [root]; // most entities have no subentities
  const out: EntityIR[] = [];
  const seen = new Set<string>();
  const visit = (e: EntityIR): void => {
    if (seen.has(e.name)) return;
    seen.add(e.name);
    out.push(e);
    for (const c of children.get(e.name) ?? []) visit(c);
  };
  visit(root);
  return out;
}

/** Whether an attribute becomes a CloudKit field: not transient, a supported type, not ignored [RE shouldTrackAttribute]. */
export function isMirroredAttribute(a: AttributeIR): boolean {
  return !a.transient && a.attributeType !== undefined && SCHEMA_TYPE.has(a.attributeType) && !isIgnored(a)
    && !SKIPPED_ATTRIBUTE_NAMES.has(a.name);
}

export function schemaTypeOfAttribute(a: AttributeIR): FieldType | undefined {
  const base = a.attributeType !== undefined ? SCHEMA_TYPE.get(a.attributeType) : undefined;
  if (!base) return undefined;
  // allowsCloudEncryption stores the value in record.encryptedValues: an ENCRYPTED field
  // [DOC CKRecord.encryptedValues]; the `ENCRYPTED <type>` spelling is UNCONFIRMED (reference §6).
  return primitive(base, a.allowsCloudEncryption);
}

export function hasAssetTwin(a: AttributeIR): boolean {
  return a.attributeType !== undefined && ASSET_TWIN_TYPES.has(a.attributeType);
}

export function fieldNameOf(propertyName: string): string {
  return CD_PREFIX + propertyName;
}

export function assetFieldNameOf(propertyName: string): string {
  return CD_PREFIX + propertyName + ASSET_SUFFIX;
}

/** Whether a relationship is mirrored at all (transient and ignored ones are not). */
export function isMirroredRelationship(r: RelationshipIR): boolean {
  return !r.transient && !isIgnored(r);
}

/** The inverse relationship, when declared and found. */
export function inverseOf(r: RelationshipIR, index: Map<string, EntityIR>): RelationshipIR | undefined {
  if (!r.inverseName) return undefined;
  const dest = index.get(r.inverseEntity ?? r.destinationEntity);
  return dest?.relationships.find((x) => x.name === r.inverseName);
}

/** To-many on both sides: stored as CDMR join records, not on either record [DOC §4.4]. */
export function isManyToMany(r: RelationshipIR, index: Map<string, EntityIR>): boolean {
  if (!r.toMany) return false;
  const inv = inverseOf(r, index);
  return inv !== undefined && inv.toMany;
}

/**
 * The entities of a root's hierarchy whose objects can be in a store of the given configuration, and
 * their ancestors (whose properties they inherit): the serializer writes only objects of the store, and
 * the store holds only its configuration's entities (`entitiesForConfiguration:`, OCCloudKitSerializer.m:472;
 * an object's record carries `entity.attributesByName`, inherited included, :797). A subentity outside the
 * configuration adds nothing to the root's record type. Without `members`, the whole hierarchy.
 */
export function contributingEntities(root: EntityIR, model: ModelIR, members?: ReadonlySet<string>): EntityIR[] {
  const hierarchy = hierarchyOf(root, model);
  if (!members) return hierarchy;
  const byName = new Map(hierarchy.map((e) => [e.name, e]));
  const keep = new Set<string>();
  for (const e of hierarchy) {
    if (!members.has(e.name)) continue;
    for (let cur: EntityIR | undefined = e; cur && !keep.has(cur.name); cur = cur.parentEntity ? byName.get(cur.parentEntity) : undefined) keep.add(cur.name);
  }
  return hierarchy.filter((e) => keep.has(e.name));
}

/**
 * The record type NSPersistentCloudKitContainer creates for a root entity: CD_entityName, every mirrored
 * attribute and to-one relationship of the entities of the hierarchy in the configuration (`members`,
 * default: all), by unique field name (reference §4.5), plus the fields that appear only under some
 * materialization (`_ckAsset` companions, the move receipt; their `condition` says when).
 */
export function mapRecordType(root: EntityIR, model: ModelIR, members?: ReadonlySet<string>): MappedRecordType {
  const fields = new Map<string, { type: FieldType; origins: MappedFieldOrigin[]; condition?: FieldCondition }>();
  const add = (name: string, type: FieldType, origin: MappedFieldOrigin, condition?: FieldCondition): void => {
    const f = fields.get(name);
    if (f) {
      f.origins.push(origin);
      // A field some save always writes exists whatever else also lands in it.
      if (condition === undefined) delete f.condition;
    } else fields.set(name, condition === undefined ? { type, origins: [origin] } : { type, origins: [origin], condition });
  };
  add(fieldNameOf('entityName'), primitive('STRING'), { kind: 'entityName' });
  add(fieldNameOf('moveReceipt'), primitive('BYTES'), { kind: 'moveReceipt' }, 'move-receipt');
  add(assetFieldNameOf('moveReceipt'), primitive('ASSET'), { kind: 'moveReceiptAsset' }, 'move-receipt');
  const entities = contributingEntities(root, model, members);
  for (const entity of entities) {
    for (const a of entity.attributes) {
      if (!isMirroredAttribute(a)) continue;
      const type = schemaTypeOfAttribute(a);
      if (!type) continue;
      add(fieldNameOf(a.name), type, { kind: 'attribute', entity: entity.name, property: a.name });
      // Assets are always encrypted [DOC CKRecord.encryptedValues]: the twin stays a plain ASSET.
      if (hasAssetTwin(a)) add(assetFieldNameOf(a.name), primitive('ASSET'), { kind: 'assetTwin', entity: entity.name, property: a.name }, 'large-value');
    }
    for (const r of entity.relationships) {
      // To-one relationships are stored as the related record's recordName in a STRING field,
      // never as CKRecord.Reference [DOC §4.4]. To-many sides store nothing on this record.
      if (r.toMany || !isMirroredRelationship(r)) continue;
      add(fieldNameOf(r.name), primitive('STRING'), { kind: 'toOne', entity: entity.name, property: r.name, destination: r.destinationEntity });
    }
  }
  return {
    name: CD_PREFIX + root.name,
    rootEntity: root.name,
    entities: entities.map((e) => e.name),
    fields: [...fields.entries()].sort(([a], [b]) => byteCompare(a, b))
      .map(([name, f]) => (f.condition === undefined ? { name, type: f.type, origins: f.origins } : { name, type: f.type, origins: f.origins, condition: f.condition })),
  };
}

/** The CDMR join record type [DOC §4.4: CD_entityNames, CD_recordNames, CD_relationships, all strings]. */
export function mapJoinRecordType(): MappedRecordType {
  const names = ['CD_entityNames', 'CD_recordNames', 'CD_relationships'];
  return {
    name: MANY_TO_MANY_RECORD_TYPE,
    entities: [],
    fields: names.map((name) => ({ name, type: primitive('STRING'), origins: [{ kind: 'joinField' as const }] })),
  };
}

/** Byte-order comparison (cktool sorts types and fields by raw name, `_` between upper and lower case). */
export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/*
 * What a development container adds around the mapped fields when NSPersistentCloudKitContainer creates
 * the schema just-in-time (initializeCloudKitSchema or first saves). Added for deriveSchema's `export`
 * profile (ckdb helper); these are observations of real exports, not Apple documentation.
 */

/**
 * Indexes a development container gives a field created just-in-time, by type [OBS: the Core Data exports
 * ivan-wize/Plenty, iosipratama/bitcoin-tracker-ios, kirillginko/indigo, ngs/tides-swift,
 * marcushyett/perfect-nap (`CD_moveReceipt BYTES QUERYABLE SORTABLE`)]: STRING → QUERYABLE SEARCHABLE
 * SORTABLE; INT64, DOUBLE, TIMESTAMP, BYTES → QUERYABLE SORTABLE; ASSET none. Encrypted fields get none
 * (Apple: "CloudKit doesn't support indexes on encrypted fields"). UNCONFIRMED for LOCATION/REFERENCE/
 * LIST, which Core Data never creates.
 */
export function justInTimeIndexes(type: FieldType): FieldOption[] {
  if (type.kind !== 'primitive' || type.encrypted) return [];
  switch (type.base) {
    case 'STRING': return ['QUERYABLE', 'SEARCHABLE', 'SORTABLE'];
    case 'INT64': case 'DOUBLE': case 'TIMESTAMP': case 'BYTES': return ['QUERYABLE', 'SORTABLE'];
    default: return [];
  }
}

/**
 * The grants of a record type created just-in-time [OBS: every Core Data export above; they are also
 * Apple's recommended public-database grants, reference/ckdb.md §1.5].
 */
export const JUST_IN_TIME_GRANTS: readonly GrantIR[] = [
  { permissions: ['WRITE'], role: '_creator', roleQuoted: true },
  { permissions: ['CREATE'], role: '_icloud', roleQuoted: true },
  { permissions: ['READ'], role: '_world', roleQuoted: true },
];

/** CloudKit's own `Users` record type, present in every export [OBS, reference/ckdb.md §1.5]. */
export const USERS_RECORD_TYPE = 'Users';
export const USERS_FIELDS: readonly { readonly name: string; readonly type: FieldType }[] = [
  { name: 'roles', type: { kind: 'list', element: { kind: 'primitive', base: 'INT64', encrypted: false } } },
];
export const USERS_GRANTS: readonly GrantIR[] = [
  { permissions: ['WRITE'], role: '_creator', roleQuoted: true },
  { permissions: ['READ'], role: '_world', roleQuoted: true },
];
