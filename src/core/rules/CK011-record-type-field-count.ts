import type { EntityIR } from '../model/ir';
import { hierarchyOf, MAX_FIELDS_PER_RECORD_TYPE, type MappedRecordType } from '../cloudkit/mapping';
import { defineRule, finding } from './rule';

/**
 * CK011: TN3164 "The number of record fields in a record type is limited to 256." All entities of one
 * hierarchy share the root's record type (reference §4.1), so the fields are counted over the whole
 * hierarchy by mapping.ts (§4.5 formula). Warning from 200 (room for about 50 more fields), error above 256.
 */
export const FIELD_COUNT_WARNING = 200;

export function fieldBreakdown(rt: MappedRecordType): { system: number; attributes: number; assets: number; toOne: number } {
  const b = { system: 0, attributes: 0, assets: 0, toOne: 0 };
  for (const f of rt.fields) {
    const k = f.origins[0].kind;
    if (k === 'attribute') b.attributes++;
    else if (k === 'assetTwin') b.assets++;
    else if (k === 'toOne') b.toOne++;
    else b.system++;
  }
  return b;
}

export const CK011 = defineRule('CK011', 'error', 'Too many fields in a record type', (ctx, rule) => {
  const out = [];
  for (const root of ctx.roots()) {
    // Cheap bound first (3 system fields, at most 2 per attribute, 1 per relationship): most record types
    // are far below the warning, and mapping every one of 2,000 roots costs more than the rest of the rules.
    let bound = 3;
    for (const e of hierarchyOf(root, ctx.model)) bound += 2 * e.attributes.length + e.relationships.length;
    if (bound < FIELD_COUNT_WARNING) continue;
    const rt = ctx.recordType(root);
    const n = rt.fields.length;
    if (n < FIELD_COUNT_WARNING) continue;
    const b = fieldBreakdown(rt);
    const over = n > MAX_FIELDS_PER_RECORD_TYPE;
    const entities = rt.entities.length > 1 ? ` over the hierarchy ${rt.entities.join(', ')}` : '';
    out.push(finding(ctx, rule, {
      severity: over ? 'error' : 'warning',
      span: root.nameSpan,
      message: `Record type ${rt.name} has ${n} fields${entities}; CloudKit allows ${MAX_FIELDS_PER_RECORD_TYPE} per record type`
        + `${over ? '' : ` (warning from ${FIELD_COUNT_WARNING})`}: ${b.system} Core Data system fields (CD_entityName, CD_moveReceipt, CD_moveReceipt_ckAsset), `
        + `${b.attributes} attributes, ${b.assets} _ckAsset companions, ${b.toOne} to-one relationships. Split the entity into several entities.`,
      related: rt.entities.slice(1).map((name) => ctx.index.get(name)).filter((e): e is EntityIR => e !== undefined)
        .map((e) => ({ span: e.nameSpan, message: `subentity ${e.name} adds its fields to ${rt.name}` })),
    }));
  }
  return out;
});
