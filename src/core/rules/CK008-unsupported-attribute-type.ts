import { ATTRIBUTE_TYPES } from '../model/ir';
import { defineRule, eachAttribute, finding, nameSpanOf, validatorItems } from './rule';
import { VALIDATOR, validatorMessage } from './messages';

/**
 * CK008: [DOC] "`Undefined` and objectID attribute types aren't supported." Validator check 5
 * (reference §3.1) accepts Integer 16/32/64, Decimal, Double, Float, String, Boolean, Date, Binary, UUID,
 * URI, Transformable and Composite. The XML spelling of ObjectID is UNCONFIRMED (`Object ID` assumed);
 * any other unknown spelling is not a type Core Data knows either.
 */
const SUPPORTED = new Set<string>(ATTRIBUTE_TYPES.filter((t) => t !== 'Object ID'));

export const CK008 = defineRule('CK008', 'error', 'Undefined or ObjectID attribute type', (ctx, rule) =>
  eachAttribute(ctx, (a) => a.attributeType === undefined || !SUPPORTED.has(a.attributeType), (a, entity) => {
    const label = a.attributeType === undefined ? 'Undefined' : a.attributeType === 'Object ID' || a.attributeType === 'ObjectID' ? 'ObjectID' : a.attributeType;
    return finding(ctx, rule, {
      span: a.attrs.attributeType?.span ?? nameSpanOf(a),
      message: validatorMessage(VALIDATOR.attributeType, validatorItems(ctx, entity, (n) => `${n}: ${a.name} - Unsupported attribute type (${label})`)),
    });
  }));
