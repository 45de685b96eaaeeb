import type { AttributeType } from '../ir';

/**
 * Swift stored-property types -> Core Data attribute types, the way SwiftData builds its model
 * (reference swiftdata.md §2; sources there: [OBS] cktool exports of ivan-wize/Plenty, ngs/tides-swift,
 * pizza-studio/PizzaHelperUnited, iman-suherman/nucleus, all in the corpus). Sized integers and Float
 * follow Core Data's own types [UNVERIFIED for SwiftData]; `TimeInterval` is a Double alias (Foundation).
 */
const PRIMITIVES: Readonly<Record<string, AttributeType>> = {
  String: 'String', Substring: 'String',
  Int: 'Integer 64', Int64: 'Integer 64', UInt64: 'Integer 64',
  Int32: 'Integer 32', UInt32: 'Integer 32',
  Int16: 'Integer 16', UInt16: 'Integer 16', Int8: 'Integer 16', UInt8: 'Integer 16',
  Double: 'Double', TimeInterval: 'Double', CGFloat: 'Double', Float64: 'Double',
  Float: 'Float', Float32: 'Float',
  Decimal: 'Decimal',
  Bool: 'Boolean',
  Date: 'Date',
  Data: 'Binary',
  UUID: 'UUID',
  URL: 'URI',
};

/**
 * Types SwiftData cannot store at all: `UInt` is "Not supported" in yusuga/swiftdata-101
 * `VariousTypesItem.swift` [OBS]; `Any` likewise. They become attributes of no type (CK008).
 */
const UNSUPPORTED = new Set(['UInt', 'Any', 'AnyObject']);

export type SwiftAttributeMapping =
  | { readonly kind: 'primitive'; readonly attributeType: AttributeType }
  | { readonly kind: 'unsupported' }
  | { readonly kind: 'value' };

/**
 * Codable value types (enums, structs) and collections are one attribute, one BYTES field in CloudKit
 * ([OBS] PizzaHelperUnited `game: Pizza.SupportedGame` -> `CD_game BYTES`; kirillginko/indigo `tags:
 * [String]` -> `CD_tags BYTES`). Modelling choice: they are `Composite` in the IR (Apple: composite
 * attributes work "including ... CloudKit"), collections too, since no source shows the Core Data type
 * SwiftData picks for an array; both map to BYTES (src/core/cloudkit/mapping.ts).
 */
export function mapSwiftAttributeType(simpleName: string): SwiftAttributeMapping {
  const primitive = PRIMITIVES[simpleName];
  if (primitive) return { kind: 'primitive', attributeType: primitive };
  if (UNSUPPORTED.has(simpleName)) return { kind: 'unsupported' };
  return { kind: 'value' };
}

export function isKnownPrimitive(simpleName: string): boolean {
  return simpleName in PRIMITIVES || UNSUPPORTED.has(simpleName);
}
