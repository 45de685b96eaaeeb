import type { EntityIR } from '../model/ir';
import { hierarchyOf, MAX_FIELDS_PER_RECORD_TYPE, type MappedRecordType } from '../cloudkit/mapping';
import { defineRule, finding } from './rule';

/**
 * CK011: TN3164 "The number of record fields in a record type is limited to 256." All entities of one
 * hierarchy share the root's record type (reference §4.1), so the fields are counted over the hierarchy's
 * entities in the synced configuration by mapping.ts (§4.5 formula).
 *
 * Counted as fields: what every save writes (CD_entityName, the attributes, the to-one relationships).
 * Listed as "may be added": the `_ckAsset` companions (a value too large for the record, or
 * initializeCloudKitSchema) and CD_moveReceipt(`_ckAsset`) (a shared or moved record, or
 * initializeCloudKitSchema): the serializer writes them only then (mapping.ts FieldCondition, OpenCloudData
 * OCCloudKitSerializer.m:682). Error when the fields alone are over 256; warning from 200 counting what
 * may be added (our threshold: room for about 50 more fields), so a type that sharing would push over
 * 256 is a warning, not an error.
 */
export const FIELD_COUNT_WARNING = 200;

export interface FieldBreakdown {
  /** CD_entityName. */
  readonly system: number;
  readonly attributes: number;
  readonly toOne: number;
  /** May be added: `_ckAsset` companions. */
  readonly assets: number;
  /** May be added: CD_moveReceipt and CD_moveReceipt_ckAsset. */
  readonly moveReceipt: number;
}

export function fieldBreakdown(rt: MappedRecordType): FieldBreakdown {
  const b = { system: 0, attributes: 0, toOne: 0, assets: 0, moveReceipt: 0 };
  for (const f of rt.fields) {
    if (f.condition === 'large-value') { b.assets++; continue; }
    if (f.condition === 'move-receipt') { b.moveReceipt++; continue; }
    const k = f.origins[0].kind;
    if (k === 'attribute') b.attributes++;
    else if (k === 'toOne') b.toOne++;
    else b.system++;
  }
  return b;
}

export const CK011 = defineRule('CK011', 'error', 'Too many fields in a record type', (ctx, rule) => {
  const out = [];
  for (const root of ctx.roots()) {
    // Cheap bound first (3 Core Data fields, at most 2 per attribute, 1 per relationship): most record types
    // are far below the warning, and mapping every one of 2,000 roots costs more than the rest of the rules.
    let bound = 3;
    for (const e of hierarchyOf(root, ctx.model)) bound += 2 * e.attributes.length + e.relationships.length;
    if (bound < FIELD_COUNT_WARNING) continue;
    const rt = ctx.recordType(root);
    const b = fieldBreakdown(rt);
    const n = b.system + b.attributes + b.toOne;
    const mayAdd = b.assets + b.moveReceipt;
    if (n + mayAdd < FIELD_COUNT_WARNING) continue;
    const over = n > MAX_FIELDS_PER_RECORD_TYPE;
    const entities = rt.entities.length > 1 ? ` over the hierarchy ${rt.entities.join(', ')}` : '';
    out.push(finding(ctx, rule, {
      severity: over ? 'error' : 'warning',
      span: root.nameSpan,
      message: `Record type ${rt.name} has ${n} fields${entities}${mayAdd ? ` and may get ${mayAdd} more` : ''}; CloudKit allows ${MAX_FIELDS_PER_RECORD_TYPE} per record type`
        + `${over ? '' : ` (warning from ${FIELD_COUNT_WARNING})`}: ${b.system} Core Data field (CD_entityName), `
        + `${b.attributes} attributes, ${b.toOne} to-one relationships; may be added: ${b.moveReceipt} move receipt fields `
        + `(CD_moveReceipt, CD_moveReceipt_ckAsset: when a record is shared or moved, or after initializeCloudKitSchema), `
        + `${b.assets} _ckAsset companions (when a value is too large for the record, or after initializeCloudKitSchema). Split the entity into several entities.`,
      related: rt.entities.slice(1).map((name) => ctx.index.get(name)).filter((e): e is EntityIR => e !== undefined)
        .map((e) => ({ span: e.nameSpan, message: `subentity ${e.name} adds its fields to ${rt.name}` })),
    }));
  }
  return out;
});
