/**
 * Apple's runtime validator headers, verbatim (PFCloudKitModelValidator, NSCocoaErrorDomain 134060;
 * reference coredata-model.md §3.1, [RE] OpenCloudData OCCloudKitModelValidator.m, several seen in real
 * logs). Messages keep this wording so a user can search for what the console printed; each finding
 * appends its validator item (`Entity: property`) after one space instead of the validator's newline.
 */
export const VALIDATOR = {
  inverse: 'CloudKit integration requires that all relationships have an inverse, the following do not:',
  ordered: 'CloudKit integration does not support ordered relationships. The following relationships are marked ordered:',
  attributeOptional: 'CloudKit integration requires that all attributes be optional, or have a default value set. The following attributes are marked non-optional but do not have a default value:',
  relationshipOptional: 'CloudKit integration requires that all relationships be optional, the following are not:',
  attributeType: 'CloudKit integration does not support all attribute types. The following entities have attributes of an unsupported type:',
  // The grammar slip ("that not in") is Apple's.
  configuration: "CloudKit integration does not allow relationships to objects that aren't sync'd. The following relationships have destination entities that not in the specified configuration.",
  recordSize: 'CloudKit integration requires that all entities can be materialized in a CKRecord of less than 700000 bytes. The following entities cannot:',
  ignoredAttribute: "The following attributes have invalid values for 'NSCloudKitMirroringDelegateIgnoredPropertyKey':",
  ignoredRelationship: "CloudKit integration does not support ignored relationships. The following entities and relationships are marked ignored using 'NSCloudKitMirroringDelegateIgnoredPropertyKey':",
  invalidEntities: 'The following entities have invalid values:',
  invalidAttributes: 'The following attributes have invalid values:',
  encryptedRelationship: "CloudKit integration does not support encrypted relationships. The following entities and relationships are marked with 'NSPersistentCloudKitContainerEncryptedAttributeKey':",
  deleteRule: 'The following relationships are configured with unsupported delete rules:',
  unique: 'CloudKit integration does not support unique constraints. The following entities are constrained:',
} as const;

/** "The configuration named '%@' does not contain any entities." [RE, §3.1 configuration-level errors] */
export function emptyConfigurationMessage(name: string): string {
  return `The configuration named '${name}' does not contain any entities.`;
}

/** Header + one validator item on one line. */
export function validatorMessage(header: string, item: string): string {
  return `${header} ${item}`;
}

export const ENCRYPTED_KEY = 'NSPersistentCloudKitContainerEncryptedAttributeKey';
