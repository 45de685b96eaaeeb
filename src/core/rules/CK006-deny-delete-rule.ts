import { attrSpanOr, defineRule, eachRelationship, finding, fix, validatorItems } from './rule';
import { VALIDATOR, validatorMessage } from './messages';

/**
 * CK006: [DOC] "CloudKit doesn't support the Deny deletion rule." Validator check 16 (reference §3.1),
 * item `Entity:rel - Deny` (no space after the colon, as Apple writes it; seen in eczema-helper #764).
 */
export const CK006 = defineRule('CK006', 'error', 'Deny deletion rule', (ctx, rule) =>
  eachRelationship(ctx, (r) => r.deletionRule === 'Deny', (r, entity) => finding(ctx, rule, {
    span: attrSpanOr(r, 'deletionRule'),
    message: validatorMessage(VALIDATOR.deleteRule, validatorItems(ctx, entity, (n) => `${n}:${r.name} - Deny`)),
    fixes: [fix(ctx, `Change the deletion rule of ${entity.name}.${r.name} to Nullify`, (ed) => ed.setDeletionRule(r, 'Nullify'), true)],
  })));
