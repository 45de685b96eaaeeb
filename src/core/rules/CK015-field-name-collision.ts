import type { EntityIR } from '../model/ir';
import { ASSET_SUFFIX, hierarchyOf, type MappedFieldOrigin } from '../cloudkit/mapping';
import { defineRule, finding, nameSpanOf } from './rule';

/**
 * CK015: a property whose CloudKit field name is already taken by Core Data itself. The field names
 * come from mapping.ts (reference §4): `CD_entityName` and `CD_moveReceipt`(`_ckAsset`) on every record
 * type, `CD_<x>_ckAsset` for each variable-length attribute `x`, and one shared field per name across a
 * hierarchy (an attribute and a to-one relationship of the same name in two subentities).
 * Inferred from the mapping; UNCONFIRMED as a Core Data error (reference §3.6 #8).
 */
/** Names that can map onto a field Core Data itself writes (`CD_entityName`, `CD_moveReceipt`, `CD_<x>_ckAsset`). */
const RESERVED = new RegExp(`^(entityName|moveReceipt)$|${ASSET_SUFFIX}$`);

/** False when no property name is reserved-looking and none repeats across the hierarchy. */
function mayCollide(hierarchy: readonly EntityIR[]): boolean {
  const seen = new Set<string>();
  for (const e of hierarchy) {
    for (const p of [...e.attributes, ...e.relationships]) {
      if (RESERVED.test(p.name)) return true;
      if (hierarchy.length > 1) {
        if (seen.has(p.name)) return true;
        seen.add(p.name);
      }
    }
  }
  return false;
}

function describe(o: MappedFieldOrigin): string {
  switch (o.kind) {
    case 'entityName': return 'the entity name Core Data stores on every record';
    case 'moveReceipt': case 'moveReceiptAsset': return 'the move receipt Core Data stores on every record';
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
