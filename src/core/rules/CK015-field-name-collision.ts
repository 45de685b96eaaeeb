import type { EntityIR } from '../model/ir';
import { ASSET_SUFFIX, hierarchyOf, type MappedFieldOrigin } from '../cloudkit/mapping';
import { defineRule, finding, nameSpanOf } from './rule';

/**
 * CK015: a property whose CloudKit field name is already taken by Core Data itself. The field names
 * come from mapping.ts (reference §4): `CD_entityName` on every record, `CD_moveReceipt`(`_ckAsset`) on a
 * shared or moved record (or after initializeCloudKitSchema), `CD_<x>_ckAsset` for each attribute `x` whose
 * value may move to an asset, and one shared field per name across a hierarchy (an attribute and a to-one
 * relationship of the same name in two subentities). Fields that appear only sometimes count: the
 * collision happens the day they do.
 * Inferred from the mapping; UNCONFIRMED as a Core Data error (reference §3.6 #8).
 */
/** Names that can map onto a field Core Data itself writes (`CD_entityName`, `CD_moveReceipt`, `CD_<x>_ckAsset`). */
const ASSET_LAST = ASSET_SUFFIX.charCodeAt(ASSET_SUFFIX.length - 1);
const isReserved = (name: string): boolean => name === 'entityName' || name === 'moveReceipt'
  || (name.charCodeAt(name.length - 1) === ASSET_LAST && name.endsWith(ASSET_SUFFIX));

const ATTRIBUTE = 1;
const RELATIONSHIP = 2;

/**
 * False when no field of the record type can have origins of two kinds (what the rule reports): no
 * property name is reserved-looking, and no name is both an attribute and a relationship across the
 * hierarchy. A name repeated by attributes only (a subentity redeclaring an inherited attribute, common)
 * lands in one field of one kind, so it needs no mapping (bench/cases/lint.bench.ts: mapping every such
 * hierarchy was a third of the rules' time).
 */
function mayCollide(hierarchy: readonly EntityIR[]): boolean {
  if (hierarchy.length === 1) {
    const e = hierarchy[0];
    for (const a of e.attributes) if (isReserved(a.name)) return true;
    for (const r of e.relationships) if (isReserved(r.name)) return true;
    return false;
  }
  const kinds = hierarchy.length > 1 ? new Map<string, number>() : undefined;
  const note = (name: string, kind: number): boolean => {
    if (isReserved(name)) return true;
    if (!kinds) return false;
    const k = kinds.get(name) ?? 0;
    if ((k | kind) === (ATTRIBUTE | RELATIONSHIP)) return true;
    if (k !== kind) kinds.set(name, k | kind);
    return false;
  };
  for (const e of hierarchy) {
    for (const a of e.attributes) if (note(a.name, ATTRIBUTE)) return true;
    for (const r of e.relationships) if (note(r.name, RELATIONSHIP)) return true;
  }
  return false;
}

function describe(o: MappedFieldOrigin): string {
  switch (o.kind) {
    case 'entityName': return 'the entity name Core Data stores on every record';
    case 'moveReceipt': case 'moveReceiptAsset': return 'the move receipt Core Data writes when a record is shared or moved';
    case 'assetTwin': return `the asset companion of ${o.entity}.${o.property}`;
    case 'attribute': return `attribute ${o.entity}.${o.property}`;
    case 'toOne': return `to-one relationship ${o.entity}.${o.property}`;
    case 'joinField': return 'a many-to-many join field';
  }
}

export const CK015 = defineRule('CK015', 'warning', 'Property name collides with a Core Data CloudKit field', (ctx, rule) => {
  const index = ctx.index as Map<string, EntityIR>;
  const out = [];
  for (const root of ctx.roots()) {
    // A collision needs a reserved-looking name or two entities in the hierarchy: skip the mapping otherwise.
    if (!mayCollide(hierarchyOf(root, ctx.model))) continue;
    const rt = ctx.recordType(root);
    for (const field of rt.fields) {
      const kinds = new Set(field.origins.map((o) => o.kind));
      if (kinds.size < 2) continue;
      for (const o of field.origins) {
        if (o.kind !== 'attribute' && o.kind !== 'toOne') continue;
        const entity = index.get(o.entity);
        const prop = o.kind === 'attribute' ? entity?.attributes.find((a) => a.name === o.property) : entity?.relationships.find((r) => r.name === o.property);
        if (!entity || !prop) continue;
        const others = field.origins.filter((x) => x !== o).map(describe);
        out.push(finding(ctx, rule, {
          span: nameSpanOf(prop),
          message: `${o.entity}.${o.property} maps to the CloudKit field ${field.name} of record type ${rt.name}, which is also ${others.join(' and ')}. Rename the property.`,
        }));
      }
    }
  }
  return out;
});
