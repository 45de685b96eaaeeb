import { defineRule, finding, fix, validatorItems } from './rule';
import { VALIDATOR, validatorMessage } from './messages';

/**
 * CK001: uniqueness constraints. [DOC Creating a Core Data Model for CloudKit] "Unique constraints
 * aren't supported." Validator check 17 (reference §3.1): item `Entity: a, b` per constraint.
 */
export const CK001 = defineRule('CK001', 'error', 'Unique constraints are not supported', (ctx, rule) =>
  ctx.validated.flatMap((entity) => entity.uniquenessConstraints.map((c) => finding(ctx, rule, {
    span: c.span,
    message: validatorMessage(VALIDATOR.unique, validatorItems(ctx, entity, (n) => `${n}: ${c.properties.map((p) => p.name).join(', ')}`)),
    related: [{ span: entity.nameSpan, message: `entity ${entity.name}` }],
    fixes: [fix(ctx, `Remove the uniqueness constraints of ${entity.name}`, (ed) => ed.removeUniquenessConstraints(entity), true)],
  }))));
