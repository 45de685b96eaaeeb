import type { Span } from '../text/span';

/**
 * ModelIR: a Core Data managed object model as plain data, with the source span of everything a
 * diagnostic or a quick fix may point at. Produced by the `contents` XML reader and by the
 * TypeScript model reader; consumed by the lint rules, hover/outline, `deriveSchema` and the sandbox.
 *
 * Values keep Core Data's own vocabulary (the XML spellings of reference/coredata-model.md §2), so a
 * rule reads like Apple's validator. Booleans follow Xcode's convention: an attribute absent from the
 * XML means NO (`optional` absent = non-optional, `toMany` absent = to-one).
 */

/** A property of a model element as written in the source: name and value with their spans. */
export interface SourceAttr {
  readonly value: string;
  /** The whole `name="value"` (XML) or `name: value` (TypeScript) text. */
  readonly span: Span;
  readonly nameSpan: Span;
  /** The value without its quotes. */
  readonly valueSpan: Span;
}

/** What every element of the model has in common. */
export interface ModelNode {
  /** The whole element, children included (XML: from `<` of the start tag to `>` of the end tag). */
  readonly span: Span;
  /** The start tag (XML `<entity ...>` / `<attribute .../>`), or the object literal's key in TypeScript. */
  readonly headSpan: Span;
  /** Every source attribute, by its XML name (`optional`, `attributeType`, ...), for exact ranges and fixes. */
  readonly attrs: Readonly<Record<string, SourceAttr>>;
  /**
   * Optional fast path, same result as `attrs[name]?.valueSpan`: a reader may answer it without building
   * every attribute's record (the XML reader does; rules use it for the default range of a finding).
   */
  valueSpanOf?(name: string): Span | undefined;
}

export interface UserInfoEntry {
  readonly key: string;
  readonly value: string;
  readonly span: Span;
}

/** XML `attributeType` spellings (reference §2.3); `undefined` in the IR = no attributeType = Undefined. */
export type AttributeType =
  | 'Integer 16' | 'Integer 32' | 'Integer 64' | 'Decimal' | 'Double' | 'Float' | 'String' | 'Boolean'
  | 'Date' | 'Binary' | 'UUID' | 'URI' | 'Transformable' | 'Composite' | 'Object ID';

export const ATTRIBUTE_TYPES: readonly AttributeType[] = [
  'Integer 16', 'Integer 32', 'Integer 64', 'Decimal', 'Double', 'Float', 'String', 'Boolean',
  'Date', 'Binary', 'UUID', 'URI', 'Transformable', 'Composite', 'Object ID',
];

export interface AttributeIR extends ModelNode {
  readonly kind: 'attribute';
  readonly name: string;
  /** Raw spelling from the source; `undefined` when absent (Core Data's Undefined type). */
  readonly attributeType: string | undefined;
  readonly optional: boolean;
  readonly transient: boolean;
  readonly derived: boolean;
  readonly derivationExpression?: string;
  readonly defaultValueString?: string;
  /** Date defaults: seconds since 2001-01-01 (reference §2.3). */
  readonly defaultDateTimeInterval?: string;
  readonly valueTransformerName?: string;
  readonly customClassName?: string;
  readonly allowsCloudEncryption: boolean;
  readonly allowsExternalBinaryDataStorage: boolean;
  readonly usesScalarValueType?: boolean;
  /** Xcode's Renaming ID. */
  readonly elementID?: string;
  /** For `Composite` attributes: the `<composite name>` it uses. */
  readonly composite?: string;
  readonly preserveAfterDeletion: boolean;
  readonly userInfo: readonly UserInfoEntry[];
}

export type DeletionRule = 'Nullify' | 'Cascade' | 'Deny' | 'No Action';

export interface RelationshipIR extends ModelNode {
  readonly kind: 'relationship';
  readonly name: string;
  readonly destinationEntity: string;
  readonly inverseName?: string;
  readonly inverseEntity?: string;
  readonly optional: boolean;
  readonly toMany: boolean;
  readonly ordered: boolean;
  /** Raw spelling; absent in the XML means Nullify (Xcode's default). */
  readonly deletionRule: string;
  readonly minCount?: number;
  readonly maxCount?: number;
  readonly transient: boolean;
  readonly elementID?: string;
  readonly userInfo: readonly UserInfoEntry[];
}

export interface FetchedPropertyIR extends ModelNode {
  readonly kind: 'fetchedProperty';
  readonly name: string;
  readonly fetchEntity?: string;
  readonly predicateString?: string;
}

/** One `<uniquenessConstraint>`: the property names that together must be unique. */
export interface UniquenessConstraintIR extends ModelNode {
  readonly properties: readonly { readonly name: string; readonly span: Span }[];
}

export interface EntityIR extends ModelNode {
  readonly kind: 'entity';
  readonly name: string;
  readonly nameSpan: Span;
  readonly representedClassName?: string;
  readonly parentEntity?: string;
  readonly isAbstract: boolean;
  readonly elementID?: string;
  readonly attributes: readonly AttributeIR[];
  readonly relationships: readonly RelationshipIR[];
  readonly fetchedProperties: readonly FetchedPropertyIR[];
  readonly uniquenessConstraints: readonly UniquenessConstraintIR[];
  /** The whole `<uniquenessConstraints>` block, when present (what the "remove constraint" fix deletes). */
  readonly uniquenessConstraintsSpan?: Span;
  readonly userInfo: readonly UserInfoEntry[];
}

export interface ConfigurationIR extends ModelNode {
  readonly kind: 'configuration';
  readonly name: string;
  readonly usedWithCloudKit: boolean;
  readonly memberEntities: readonly { readonly name: string; readonly span: Span }[];
}

export interface FetchRequestIR extends ModelNode {
  readonly kind: 'fetchRequest';
  readonly name: string;
  readonly entity?: string;
}

export interface CompositeIR extends ModelNode {
  readonly kind: 'composite';
  readonly name: string;
  readonly attributes: readonly AttributeIR[];
}

/** A problem found while reading the source (malformed XML, unknown shape...). */
export interface ReadProblem {
  readonly message: string;
  readonly span: Span;
  readonly severity: 'error' | 'warning';
}

export interface ModelIR {
  /** Which reader produced it; quick fixes are materialized per format. */
  readonly format: 'xml' | 'typescript' | 'swift';
  /** The `<model>` element (or the `defineModel` call). */
  readonly root: ModelNode | undefined;
  /** `usedWithCloudKit` on `<model>`: the Default configuration's "Used with CloudKit" flag. */
  readonly usedWithCloudKit: boolean;
  readonly entities: readonly EntityIR[];
  readonly configurations: readonly ConfigurationIR[];
  readonly fetchRequests: readonly FetchRequestIR[];
  readonly composites: readonly CompositeIR[];
  /** Non-empty when the source could not be read, fully or in part. */
  readonly problems: readonly ReadProblem[];
  /**
   * The source text every span indexes into (added for the rules: findings need line/character ranges
   * and `lintModel` receives only the model). Readers should set it; without it ranges are 0:0.
   */
  readonly sourceText?: string;
}

export type PropertyIR = AttributeIR | RelationshipIR | FetchedPropertyIR;
