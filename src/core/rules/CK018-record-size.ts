import { CD_PREFIX, isMirroredAttribute, VARIABLE_LENGTH_TYPES } from '../cloudkit/mapping';
import type { EntityIR } from '../model/ir';
import type { Finding } from '../findings';
import { defineRule, finding } from './rule';
import { VALIDATOR, validatorMessage } from './messages';

/**
 * CK018 (not in reference §3.7; issue 3 asks for it): the validator builds a representative record of
 * each configuration entity's static fields and rejects the entity when `record.size > 700000`
 * (OpenCloudData OCCloudKitModelValidator.m:514-519, message :729). The representative record comes from
 * Core Data's private PFCloudKitSchemaGenerator, which the reimplementation only forwards to
 * (OCCloudKitSchemaGenerator.m:18-20), so which attributes are "static" is our reading: every mirrored
 * attribute (inherited ones included) that the serializer does not treat as variable-length
 * (VARIABLE_LENGTH_TYPES, OCCloudKitSerializer.m:258-268: String, Binary Data, URI, Transformable,
 * Composite; the same set the mapping's asset companions come from, minus Composite which stays inline).
 * Our estimate per field: the key's UTF-8 length plus 8 bytes for numbers, booleans and dates, 36 for a
 * UUID string (UNCONFIRMED: CKRecord's own size accounting is private). Fixed-size fields are small, so
 * this only fires on very wide hierarchies.
 */
export const RECORD_SIZE_LIMIT = 700_000;

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? (i++, 4) : 3; // a lone surrogate is 3 bytes (U+FFFD)
  }
  return n;
}

/** The entity's own static fields (memoized per lint by the caller). */
function ownStaticSize(e: EntityIR): number {
  let size = 0;
  for (const a of e.attributes) {
    if (!isMirroredAttribute(a) || VARIABLE_LENGTH_TYPES.has(a.attributeType ?? '')) continue;
    size += CD_PREFIX.length + utf8Length(a.name) + (a.attributeType === 'UUID' ? 36 : 8); // key `CD_<name>`
  }
  return size;
}

/** The entity's fields plus its ancestors' (Xcode does not let a subentity redeclare an inherited name). */
export function estimatedStaticRecordSize(entity: EntityIR, index: ReadonlyMap<string, EntityIR>, own: Map<string, number> = new Map()): number {
  let size = 0;
  const seen = new Set<string>();
  for (let e: EntityIR | undefined = entity; e && !seen.has(e.name); e = e.parentEntity ? index.get(e.parentEntity) : undefined) {
    seen.add(e.name);
    let s = own.get(e.name);
    if (s === undefined) { s = ownStaticSize(e); own.set(e.name, s); }
    size += s;
  }
  return size;
}

/**
 * An upper bound of `estimatedStaticRecordSize` from name lengths only (at most 3 UTF-8 bytes per UTF-16
 * unit, 36 bytes per value): a record type needs thousands of fields to come near 700,000 bytes, so the
 * exact estimate is computed only for the entities this bound cannot clear (bench/cases/lint.bench.ts).
 * An inheritance cycle only makes the bound larger.
 */
function staticSizeBound(entity: EntityIR, index: ReadonlyMap<string, EntityIR>): number {
  let bound = 0;
  let depth = 0;
  for (let e: EntityIR | undefined = entity; e; e = e.parentEntity ? index.get(e.parentEntity) : undefined) {
    if (++depth > 64) return Infinity;
    for (const a of e.attributes) bound += 3 * a.name.length;
    bound += (CD_PREFIX.length + 36) * e.attributes.length;
    if (bound > RECORD_SIZE_LIMIT) return bound;
  }
  return bound;
}

export const CK018 = defineRule('CK018', 'error', 'Record cannot be materialized under 700,000 bytes', (ctx, rule) => {
  const own = new Map<string, number>();
  const out: Finding[] = [];
  for (const entity of ctx.validated) {
    // The validator sizes each configuration entity (inherited fields included), not an ancestor the
    // configuration leaves out.
    if (!ctx.scope.entities.has(entity.name)) continue;
    if (staticSizeBound(entity, ctx.index) <= RECORD_SIZE_LIMIT) continue;
    const size = estimatedStaticRecordSize(entity, ctx.index, own);
    if (size > RECORD_SIZE_LIMIT) {
      out.push(finding(ctx, rule, {
        span: entity.nameSpan,
        message: validatorMessage(VALIDATOR.recordSize, `${entity.name}: Estimated size ${size} bytes`),
      }));
    }
  }
  return out;
});
