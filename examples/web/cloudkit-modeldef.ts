/**
 * CloudKit DevTools: typed helper for Core Data models written in TypeScript (`*.cdmodel.ts`).
 *
 * `defineModel` returns its argument unchanged: it exists only so editors offer completion and
 * `tsc` checks the shape. CloudKit DevTools reads the call statically (it never runs the file), so
 * write plain literals: no spreads, computed keys, variables or function calls inside the model.
 *
 * Spellings follow Xcode's model editor (the `contents` XML): attribute types such as 'Integer 64',
 * deletion rules 'Nullify' | 'Cascade' | 'Deny' | 'No Action'. Booleans left out mean false, as in Xcode.
 * This file is self-contained and may be copied into a project (CloudKit: Create Model Definition Helper).
 */

export type AttributeType =
  | 'Integer 16' | 'Integer 32' | 'Integer 64' | 'Decimal' | 'Double' | 'Float' | 'String' | 'Boolean'
  | 'Date' | 'Binary' | 'UUID' | 'URI' | 'Transformable' | 'Composite' | 'Object ID' | 'Undefined';

export type DeletionRule = 'Nullify' | 'Cascade' | 'Deny' | 'No Action';

export interface AttributeDefinition {
  readonly type: AttributeType;
  readonly optional?: boolean;
  /** Default value. Dates: seconds since 2001-01-01 (Core Data's reference date). */
  readonly default?: string | number | boolean;
  readonly transient?: boolean;
  readonly derived?: boolean;
  readonly derivationExpression?: string;
  readonly allowsCloudEncryption?: boolean;
  readonly allowsExternalBinaryDataStorage?: boolean;
  readonly valueTransformerName?: string;
  readonly customClassName?: string;
  readonly usesScalarValueType?: boolean;
  /** Xcode's Renaming ID. */
  readonly renamingIdentifier?: string;
  /** For 'Composite' attributes: the name of a composite in `composites`. */
  readonly composite?: string;
  readonly preserveAfterDeletion?: boolean;
  readonly userInfo?: Readonly<Record<string, string>>;
}

export interface RelationshipDefinition {
  /** Destination entity name. */
  readonly destination: string;
  /** Name of the inverse relationship on the destination entity. */
  readonly inverse?: string;
  readonly toMany?: boolean;
  readonly optional?: boolean;
  readonly ordered?: boolean;
  readonly deletionRule?: DeletionRule;
  readonly minCount?: number;
  readonly maxCount?: number;
  readonly transient?: boolean;
  readonly renamingIdentifier?: string;
  readonly userInfo?: Readonly<Record<string, string>>;
}

export interface EntityDefinition {
  readonly attributes?: Readonly<Record<string, AttributeDefinition>>;
  readonly relationships?: Readonly<Record<string, RelationshipDefinition>>;
  /** Each inner list is one constraint: property names that together must be unique. */
  readonly uniquenessConstraints?: readonly (readonly string[])[];
  /** Parent entity name (inheritance). */
  readonly parent?: string;
  readonly abstract?: boolean;
  readonly representedClassName?: string;
  readonly renamingIdentifier?: string;
  readonly userInfo?: Readonly<Record<string, string>>;
}

export interface ConfigurationDefinition {
  /** Member entity names. */
  readonly entities: readonly string[];
  readonly usedWithCloudKit?: boolean;
}

export interface CompositeDefinition {
  readonly attributes: Readonly<Record<string, AttributeDefinition>>;
}

export interface ModelDefinition {
  readonly entities: Readonly<Record<string, EntityDefinition>>;
  /** Named configurations (the Default configuration holds every entity). */
  readonly configurations?: Readonly<Record<string, ConfigurationDefinition>>;
  /** "Used with CloudKit" on the Default configuration. */
  readonly usedWithCloudKit?: boolean;
  readonly composites?: Readonly<Record<string, CompositeDefinition>>;
}

/** Declares a Core Data model; returns `def` unchanged (typing only). */
export function defineModel<const T extends ModelDefinition>(def: T): T {
  return def;
}
