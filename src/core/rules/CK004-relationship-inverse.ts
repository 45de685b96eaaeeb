import type { EntityIR, RelationshipIR } from '../model/ir';
import { inverseOf } from '../cloudkit/mapping';
import { defineRule, finding, fix, nameSpanOf, validatorItems } from './rule';
import { VALIDATOR, validatorMessage } from './messages';

/**
 * CK004: [DOC] "All relationships must have an inverse, in case the records synchronize out of order."
 * Validator check 1 (reference §3.1): `inverseRelationship == nil`. An `inverseName` that names no
 * relationship of the destination is nil at runtime too.
 */
export const CK004 = defineRule('CK004', 'error', 'Relationship without an inverse', (ctx, rule) => {
  const index = ctx.index as Map<string, EntityIR>;
  return ctx.validated.flatMap((entity) => entity.relationships.filter((r) => inverseOf(r, index) === undefined).map((r) => {
    const dest = index.get(r.destinationEntity);
    const dangling = r.inverseName !== undefined;
    const inverse = dest && !dangling ? suggestInverse(entity, r, dest) : undefined;
    return finding(ctx, rule, {
      span: dangling ? r.attrs.inverseName?.span ?? nameSpanOf(r) : nameSpanOf(r),
      message: validatorMessage(VALIDATOR.inverse, validatorItems(ctx, entity, (n) => `${n}: ${r.name}`))
        + (dangling ? ` (inverse '${r.inverseName}' is not a relationship of ${r.inverseEntity ?? r.destinationEntity})` : ''),
      related: dest ? [{ span: dest.nameSpan, message: `destination entity ${dest.name}` }] : undefined,
      fixes: inverse ? [fix(ctx, `Add the inverse relationship ${dest!.name}.${inverse.name} (${inverse.toMany ? 'to-many' : 'to-one'})`,
        (ed) => ed.addInverseRelationship(entity, r, inverse), true)] : undefined,
    });
  }));
});

/**
 * The inverse to add: the opposite cardinality (a to-one gets a to-many inverse, the usual one-to-many
 * shape; a to-many gets a to-one), named after the owner entity, unique among the destination's properties.
 * UNCONFIRMED: our choice; Xcode has no "add inverse" command to copy.
 */
export function suggestInverse(owner: EntityIR, r: RelationshipIR, dest: EntityIR): { name: string; toMany: boolean } {
  const toMany = !r.toMany;
  const singular = owner.name.charAt(0).toLowerCase() + owner.name.slice(1);
  const base = toMany ? plural(singular) : singular;
  const taken = new Set([...dest.attributes, ...dest.relationships, ...dest.fetchedProperties].map((p) => p.name));
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  return { name, toMany };
}

/** English plural of a camel-case name's last word, the common cases only ("entry" → "entries"). */
export function plural(name: string): string {
  if (/[^aeiou]y$/i.test(name)) return name.slice(0, -1) + 'ies';
  if (/(s|x|z|ch|sh)$/i.test(name)) return name + 'es';
  return name + 's';
}
