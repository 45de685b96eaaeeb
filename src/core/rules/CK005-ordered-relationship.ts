import { attrSpanOr, defineRule, eachRelationship, finding, fix, validatorItems } from './rule';
import { VALIDATOR, validatorMessage } from './messages';

/**
 * CK005: validator check 2 (reference §3.1); TN3164: "avoid using the unsupported features, such as
 * unique constraints and ordered relationships."
 */
export const CK005 = defineRule('CK005', 'error', 'Ordered relationship', (ctx, rule) =>
  eachRelationship(ctx, (r) => r.ordered, (r, entity) => finding(ctx, rule, {
    span: attrSpanOr(r, 'ordered'),
    message: validatorMessage(VALIDATOR.ordered, validatorItems(ctx, entity, (n) => `${n}: ${r.name}`)),
    fixes: [fix(ctx, `Make ${entity.name}.${r.name} unordered`, (ed) => ed.setUnordered(r), true)],
  })));
