import { isIgnored } from '../cloudkit/mapping';
import { defineRule, eachAttribute, finding, nameSpanOf } from './rule';

/**
 * CK010: a Transformable with no (or an empty) `valueTransformerName` uses the deprecated, insecure
 * `NSKeyedUnarchiveFromData` default (reference §3.6 #6). Apple's validator does not report it: it skips the
 * transformer check when the name is empty (OpenCloudData OCCloudKitModelValidator.m:268-270,
 * `if (attribute.valueTransformerName.length == 0) break;`), so the message is in our words, not under the
 * validator's transformer header (that header is for names it cannot find or that do not reverse, :276-285).
 * A warning: the store loads (Apple's sample-cloudkit-coredatasync ships exactly this). Custom transformer
 * names cannot be verified statically (they must be registered before the store loads). Transient and
 * ignored attributes are not mirrored, so they are left alone.
 */
const INSECURE = new Set(['', 'NSKeyedUnarchiveFromData', 'NSKeyedUnarchiveFromDataTransformerName']);

export const CK010 = defineRule('CK010', 'warning', 'Transformable attribute without a secure value transformer', (ctx, rule) =>
  eachAttribute(ctx, (a) => a.attributeType === 'Transformable' && !a.transient && !isIgnored(a) && INSECURE.has(a.valueTransformerName ?? ''),
    (a, entity) => finding(ctx, rule, {
      span: a.attrs.valueTransformerName?.span ?? a.attrs.attributeType?.span ?? nameSpanOf(a),
      message: `Transformable attribute ${entity.name}.${a.name} has ${a.valueTransformerName ? `the value transformer ${a.valueTransformerName}` : 'no value transformer name'}, `
        + 'so Core Data decodes it with the deprecated, insecure NSKeyedUnarchiveFromData. CloudKit integration accepts it (the '
        + 'validator checks only named transformers); set a registered NSSecureUnarchiveFromDataTransformer subclass.',
    })));
