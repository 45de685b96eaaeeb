import type { FieldOption, Permission, PrimitiveBase } from '../cloudkit/schema-ir';

/**
 * The vocabulary of the CloudKit Schema Language (reference/ckdb.md §1.2), in one place for the
 * parser, the checks, the printer, hover and completion.
 */

/** Apple: "The reserved words in the CloudKit Schema Language are: grant, preferred, queryable, sortable, and searchable." */
export const RESERVED_WORDS: readonly string[] = ['grant', 'preferred', 'queryable', 'sortable', 'searchable'];

export const PRIMITIVE_BASES: readonly PrimitiveBase[] = [
  'ASSET', 'BYTES', 'DOUBLE', 'INT64', 'LOCATION', 'NUMBER', 'REFERENCE', 'STRING', 'TIMESTAMP',
];

export const PERMISSIONS: readonly Permission[] = ['READ', 'CREATE', 'WRITE'];

/** Every word the grammar gives a meaning to somewhere (the lexer marks them; the parser decides by position). */
export const GRAMMAR_WORDS: readonly string[] = [
  'DEFINE', 'SCHEMA', 'RECORD', 'TYPE', 'CREATE', 'ROLE', 'GRANT', 'TO', 'LIST', 'ENCRYPTED', 'PREFERRED', 'AS',
  ...PRIMITIVE_BASES, ...PERMISSIONS, 'QUERYABLE', 'SORTABLE', 'SEARCHABLE',
];

/** Case-insensitive keyword match (keywords are case-insensitive in practice: reference §1.3, UNCONFIRMED). */
export function isKeyword(word: string, keyword: string): boolean {
  // Exports are upper case: compare exactly first, and allocate an upper-cased copy only when needed.
  return word === keyword || (word.length === keyword.length && word.toUpperCase() === keyword);
}

export function isReservedWord(name: string): boolean {
  return RESERVED_WORDS.includes(name.toLowerCase());
}

const PRIMITIVE_SET: ReadonlySet<string> = new Set(PRIMITIVE_BASES);
const OPTION_SET: ReadonlySet<string> = new Set(['QUERYABLE', 'SORTABLE', 'SEARCHABLE']);
const PERMISSION_SET: ReadonlySet<string> = new Set(PERMISSIONS);

/** `word` as one of `set`'s upper-case keywords, case-insensitively (exact spelling tried first). */
function lookup<T extends string>(set: ReadonlySet<string>, word: string, minLen: number, maxLen: number): T | undefined {
  if (set.has(word)) return word as T;
  if (word.length < minLen || word.length > maxLen) return undefined;
  const u = word.toUpperCase();
  return set.has(u) ? (u as T) : undefined;
}

export function asPrimitiveBase(word: string): PrimitiveBase | undefined {
  return lookup<PrimitiveBase>(PRIMITIVE_SET, word, 5, 9);
}

export function asFieldOption(word: string): FieldOption | undefined {
  return lookup<FieldOption>(OPTION_SET, word, 8, 10);
}

export function asPermission(word: string): Permission | undefined {
  return lookup<Permission>(PERMISSION_SET, word, 4, 6);
}

/** Apple's identifier rule (reference §1.4): a letter, then letters, digits or underscores. */
export const IDENTIFIER_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Whether a name must be written in double quotes (reserved word, leading underscore, or not a bare identifier). */
export function needsQuotes(name: string): boolean {
  return !IDENTIFIER_PATTERN.test(name) || isReservedWord(name);
}

/** Short documentation for hover and completion, with Apple's wording where Apple gives one. */
export const KEYWORD_DOCS: Readonly<Record<string, string>> = {
  ASSET: 'A file stored apart from the record (CKAsset). Assets are always encrypted; they cannot be indexed.',
  BYTES: 'Raw bytes (NSData / Data). Up to the 1 MB record size limit.',
  DOUBLE: 'A 64-bit floating-point number.',
  INT64: 'A 64-bit signed integer (Core Data stores Boolean and Integer 16/32/64 as INT64).',
  LOCATION: 'A CLLocation.',
  NUMBER: 'Apple: "Avoid using the NUMBER type, which is only for when a field is implicitly added to a schema by a record modification on a sandbox container." Use `NUMBER PREFERRED AS INT64|DOUBLE`.',
  REFERENCE: 'A CKRecord.Reference to another record. References cannot be encrypted.',
  STRING: 'A string.',
  TIMESTAMP: 'A date (NSDate / Date).',
  LIST: '`LIST<type>`: an array of a primitive type.',
  ENCRYPTED: '`ENCRYPTED BYTES|STRING|DOUBLE|INT64|LOCATION|TIMESTAMP`: stored in `CKRecord.encryptedValues`. Apple: "CloudKit doesn\'t support indexes on encrypted fields."',
  PREFERRED: '`NUMBER PREFERRED AS INT64|DOUBLE`. Apple: "Once you assign NUMBER as a PREFERRED AS type, future definitions must not change that type."',
  QUERYABLE: 'Apple: "Maintains an index to optimize equality lookups on the field."',
  SORTABLE: 'Apple: "Maintains an index optimizing for range searches on the field."',
  SEARCHABLE: 'Apple: "Maintains a text search index on the field."',
  GRANT: '`GRANT READ|CREATE|WRITE [, ...] TO role`. Apple: "The GRANT clause defines permission on the record type in the PUBLIC database." Exactly one role per GRANT.',
  READ: 'Permission to read records of this type (public database).',
  CREATE: 'Permission to create records of this type (public database).',
  WRITE: 'Permission to modify records of this type (public database).',
  ROLE: '`CREATE ROLE name;` declares a custom security role for GRANT clauses.',
  RECORD: '`RECORD TYPE name ( fields and grants );` declares a record type.',
  DEFINE: '`DEFINE SCHEMA` starts every .ckdb file.',
  _creator: 'Implicit role: the user who created the record ("Creator" in CloudKit Console).',
  _world: 'Implicit role: all users, signed in or not ("World").',
  _icloud: 'Implicit role: any authenticated iCloud user ("Authenticated").',
};

