/**
 * The vocabulary of `defineModel({...})` (src/modeldef/index.ts), pure data for the ts-morph reader
 * (src/typescript/modelReader.ts): the attribute types and deletion rules it accepts, spelt as in Xcode's
 * model editor, and each source key's XML attribute name (reference coredata-model.md §2), so rules and
 * fixes address a property the same way in both formats.
 */
export const ATTRIBUTE_TYPES = new Set([
  'Integer 16', 'Integer 32', 'Integer 64', 'Decimal', 'Double', 'Float', 'String', 'Boolean',
  'Date', 'Binary', 'UUID', 'URI', 'Transformable', 'Composite', 'Object ID', 'Undefined',
]);
export const DELETION_RULES = new Set(['Nullify', 'Cascade', 'Deny', 'No Action']);

/** Source key → XML attribute name, per element kind. */
export const ATTRIBUTE_KEYS: Record<string, string> = {
  type: 'attributeType', optional: 'optional', default: 'defaultValueString', transient: 'transient',
  derived: 'derived', derivationExpression: 'derivationExpression', allowsCloudEncryption: 'allowsCloudEncryption',
  allowsExternalBinaryDataStorage: 'allowsExternalBinaryDataStorage', valueTransformerName: 'valueTransformerName',
  customClassName: 'customClassName', usesScalarValueType: 'usesScalarValueType', renamingIdentifier: 'elementID',
  composite: 'composite', preserveAfterDeletion: 'preserveAfterDeletion', userInfo: 'userInfo',
};
export const RELATIONSHIP_KEYS: Record<string, string> = {
  destination: 'destinationEntity', inverse: 'inverseName', toMany: 'toMany', optional: 'optional', ordered: 'ordered',
  deletionRule: 'deletionRule', minCount: 'minCount', maxCount: 'maxCount', transient: 'transient',
  renamingIdentifier: 'elementID', userInfo: 'userInfo',
};
export const ENTITY_KEYS: Record<string, string> = {
  attributes: 'attributes', relationships: 'relationships', uniquenessConstraints: 'uniquenessConstraints',
  parent: 'parentEntity', abstract: 'isAbstract', representedClassName: 'representedClassName',
  renamingIdentifier: 'elementID', userInfo: 'userInfo',
};
export const MODEL_KEYS: Record<string, string> = {
  entities: 'entities', configurations: 'configurations', usedWithCloudKit: 'usedWithCloudKit', composites: 'composites',
};
export const CONFIGURATION_KEYS: Record<string, string> = { entities: 'memberEntities', usedWithCloudKit: 'usedWithCloudKit' };
export const COMPOSITE_KEYS: Record<string, string> = { attributes: 'attributes' };
