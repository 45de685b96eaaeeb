import type { AttributeIR } from '../model/ir';
import { defineRule, eachAttribute, finding, fix, nameSpanOf, validatorItems } from './rule';
import { VALIDATOR, validatorMessage } from './messages';

/**
 * CK002: a non-optional attribute needs a default. Validator check 3 (reference §3.1): `!optional &&
 * defaultValue == nil`, for every attribute, transient and derived included [RE]. In XML a default is
 * `defaultValueString` (an empty string counts) or, for dates, `defaultDateTimeInterval` (§2.3).
 */
export function hasDefault(a: AttributeIR): boolean {
  return a.defaultValueString !== undefined || a.defaultDateTimeInterval !== undefined;
}

/** The neutral default for a type, as Xcode stores it; undefined when Xcode has no default field (§2.3). */
export function neutralDefault(type: string | undefined): { value: string; label: string } | undefined {
  switch (type) {
    case 'Integer 16': case 'Integer 32': case 'Integer 64': return { value: '0', label: '0' };
    case 'Decimal': case 'Double': case 'Float': return { value: '0.0', label: '0.0' };
    case 'Boolean': return { value: 'NO', label: 'NO' };
    case 'String': return { value: '', label: 'an empty string' };
    // Seconds since 2001-01-01 00:00:00 UTC (NSDate reference date).
    case 'Date': return { value: '0', label: '2001-01-01 (defaultDateTimeInterval 0)' };
    default: return undefined;
  }
}

export const CK002 = defineRule('CK002', 'error', 'Non-optional attribute without a default value', (ctx, rule) =>
  eachAttribute(ctx, (a) => !a.optional && !hasDefault(a), (a, entity) => {
    const d = ctx.editor ? neutralDefault(a.attributeType) : undefined;
    return finding(ctx, rule, {
      span: nameSpanOf(a),
      message: validatorMessage(VALIDATOR.attributeOptional, validatorItems(ctx, entity, (n) => `${n}: ${a.name}`)),
      // Without an editor there are no fixes: skip building their titles (this rule fires thousands of times on big models).
      fixes: ctx.editor ? [
        fix(ctx, `Make ${entity.name}.${a.name} optional`, (ed) => ed.setOptional(a), true),
        d ? fix(ctx, `Give ${entity.name}.${a.name} the default value ${d.label}`, (ed) => ed.setDefaultValue(a, d.value)) : undefined,
      ] : undefined,
    });
  }));
