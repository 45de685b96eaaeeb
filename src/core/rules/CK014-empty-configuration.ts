import { defineRule, finding, nameSpanOf } from './rule';
import { emptyConfigurationMessage } from './messages';

/**
 * CK014: a configuration flagged "Used with CloudKit" without members. Core Data refuses to load a
 * CloudKit store for it: "The configuration named '%@' does not contain any entities." [RE, reference §3.1].
 */
export const CK014 = defineRule('CK014', 'error', 'Empty CloudKit configuration', (ctx, rule) =>
  ctx.scope.configurations.filter((c) => c.memberEntities.length === 0).map((c) => finding(ctx, rule, {
    span: nameSpanOf(c),
    message: emptyConfigurationMessage(c.name),
  })));
