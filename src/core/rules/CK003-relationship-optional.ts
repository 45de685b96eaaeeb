import { defineRule, eachRelationship, finding, fix, nameSpanOf, validatorItems } from './rule';
import { VALIDATOR, validatorMessage } from './messages';

/**
 * CK003: [DOC] "All relationships must be optional. Due to operation size limitations, CloudKit may not
 * save relationship changes atomically." Validator check 4 (reference §3.1).
 */
export const CK003 = defineRule('CK003', 'error', 'Non-optional relationship', (ctx, rule) =>
  eachRelationship(ctx, (r) => !r.optional, (r, entity) => finding(ctx, rule, {
    span: nameSpanOf(r),
    message: validatorMessage(VALIDATOR.relationshipOptional, validatorItems(ctx, entity, (n) => `${n}: ${r.name}`)),
    fixes: [fix(ctx, `Make ${entity.name}.${r.name} optional`, (ed) => ed.setOptional(r), true)],
  })));
