import { isIgnored } from '../cloudkit/mapping';
import { defineRule, eachAttribute, finding, nameSpanOf } from './rule';

/**
 * CK010: a Transformable with no (or an empty) `valueTransformerName` uses the deprecated, insecure
 * `NSKeyedUnarchiveFromData` default. The validator skips the transformer check when the name is empty
 * [RE], so this is a warning (reference §3.1 notes, §3.6 #6); Apple's sample-cloudkit-coredatasync ships
 * exactly this. Custom transformer names cannot be verified statically (they must be registered before
 * the store loads). Transient and ignored attributes are not mirrored, so they are left alone.
 */
const INSECURE = new Set(['', 'NSKeyedUnarchiveFromData', 'NSKeyedUnarchiveFromDataTransformerName']);

export const CK010 = defineRule('CK010', 'warning', 'Transformable attribute without a secure value transformer', (ctx, rule) =>
  eachAttribute(ctx, (a) => a.attributeType === 'Transformable' && !a.transient && !isIgnored(a) && INSECURE.has(a.valueTransformerName ?? ''),
    (a, entity) => finding(ctx, rule, {
      span: a.attrs.valueTransformerName?.span ?? a.attrs.attributeType?.span ?? nameSpanOf(a),
      message: 'CloudKit integration requires that the value transformers for transformable attributes are available via +[NSValueTransformer valueTransformerForName:] and allow reverse transformation: '
        + `${entity.name}: ${a.name} - No value transformer name, so Core Data falls back to the deprecated, insecure NSKeyedUnarchiveFromData`,
    })));
