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
 * Core Data attribute type → CloudKit schema type (reference §4.2).
 * UNCONFIRMED choices, made here once: Float and Decimal → DOUBLE (CKRecord stores an NSNumber; no
 * export in the corpus shows them), Composite → BYTES (RE: encoded like Transformable).
 */
const SCHEMA_TYPE: Readonly<Record<string, PrimitiveBase>> = {
  'Integer 16': 'INT64',
  'Integer 32': 'INT64',
  'Integer 64': 'INT64',
  Boolean: 'INT64', // [OBS] `CD_allowNotification INT64`
  Double: 'DOUBLE',
  Float: 'DOUBLE',
  Decimal: 'DOUBLE',
  Date: 'TIMESTAMP',
  String: 'STRING',
  UUID: 'STRING', // [RE] stored as UUIDString
  URI: 'STRING', // [RE] stored as absoluteString
  Binary: 'BYTES',
  Transformable: 'BYTES',
  Composite: 'BYTES',
};

/**
 * Types that get a `CD_<name>_ckAsset` companion. [DOC] "All variable length attribute types—String,
 * Binary Data, and Transformable—generate an additional field". Composite is newer than that page and
 * is serialized like Transformable [RE], so it gets one too. URI is variable-length in the RE port
 * but not in the doc: we follow the doc (UNCONFIRMED, reference §6).
 */
export const ASSET_TWIN_TYPES: ReadonlySet<string> = new Set(['String', 'Binary', 'Transformable', 'Composite']);

export const ASSET_SUFFIX = '_ckAsset';

/** Values stay inline while record size + value length <= 700,000 bytes, else move to the asset [RE serializer]. */
export const INLINE_VALUE_BUDGET_BYTES = 700_000;

/** TN3164: "The number of record fields in a record type is limited to 256." */
export const MAX_FIELDS_PER_RECORD_TYPE = 256;

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
}

export interface MappedRecordType {
  readonly name: string;
  /** The root entity, or undefined for the CDMR join type. */
  readonly rootEntity?: string;
  /** Root first, then subentities, depth first in source order. */
  readonly entities: readonly string[];
  /** Sorted in byte order, as cktool exports them. */
  readonly fields: readonly MappedField[];
}

const primitive = (base: PrimitiveBase, encrypted = false): FieldType => ({ kind: 'primitive', base, encrypted });

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
  return !a.transient && a.attributeType !== undefined && a.attributeType in SCHEMA_TYPE && !isIgnored(a)
    && !SKIPPED_ATTRIBUTE_NAMES.has(a.name);
}

export function schemaTypeOfAttribute(a: AttributeIR): FieldType | undefined {
  const base = a.attributeType !== undefined ? SCHEMA_TYPE[a.attributeType] : undefined;
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
 * The record type NSPersistentCloudKitContainer creates for a root entity: CD_entityName,
 * CD_moveReceipt(+asset), then every mirrored attribute (+ asset twin) and to-one relationship of
 * every entity in the hierarchy, by unique field name (reference §4.5).
 */
export function mapRecordType(root: EntityIR, model: ModelIR): MappedRecordType {
  const fields = new Map<string, { type: FieldType; origins: MappedFieldOrigin[] }>();
  const add = (name: string, type: FieldType, origin: MappedFieldOrigin): void => {
    const f = fields.get(name);
    if (f) f.origins.push(origin);
    else fields.set(name, { type, origins: [origin] });
  };
  add(fieldNameOf('entityName'), primitive('STRING'), { kind: 'entityName' });
  // [RE newSetOfRecordKeysForEntitiesInConfiguration; OBS in cktool exports of Core Data containers]
  add(fieldNameOf('moveReceipt'), primitive('BYTES'), { kind: 'moveReceipt' });
  add(assetFieldNameOf('moveReceipt'), primitive('ASSET'), { kind: 'moveReceiptAsset' });
  const hierarchy = hierarchyOf(root, model);
  for (const entity of hierarchy) {
    for (const a of entity.attributes) {
      if (!isMirroredAttribute(a)) continue;
      const type = schemaTypeOfAttribute(a);
      if (!type) continue;
      add(fieldNameOf(a.name), type, { kind: 'attribute', entity: entity.name, property: a.name });
      // Assets are always encrypted [DOC CKRecord.encryptedValues]: the twin stays a plain ASSET.
      if (hasAssetTwin(a)) add(assetFieldNameOf(a.name), primitive('ASSET'), { kind: 'assetTwin', entity: entity.name, property: a.name });
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
    entities: hierarchy.map((e) => e.name),
    fields: [...fields.entries()].sort(([a], [b]) => byteCompare(a, b)).map(([name, f]) => ({ name, type: f.type, origins: f.origins })),
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
