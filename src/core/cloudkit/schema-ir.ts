import type { Span } from '../text/span';

/**
 * SchemaIR: a CloudKit schema as plain data. Produced by the `.ckdb` parser (with spans) and by
 * `deriveSchema(model)` (without spans); consumed by the printer, the deploy diff and the sandbox
 * server. Grammar and facts: reference/ckdb.md §1.
 *
 * Names are stored without quotes; `quoted` remembers how the source wrote them (a quoted and a bare
 * spelling are the same name, reference/ckdb.md §1.4).
 */

/** The primitive types of Apple's grammar (reference/ckdb.md §1.2). */
export type PrimitiveBase =
  | 'ASSET' | 'BYTES' | 'DOUBLE' | 'INT64' | 'LOCATION' | 'NUMBER' | 'REFERENCE' | 'STRING' | 'TIMESTAMP';

/** Only these may be ENCRYPTED (Apple's grammar: `[ ENCRYPTED ] { BYTES | STRING | DOUBLE | INT64 | LOCATION | TIMESTAMP }`). */
export const ENCRYPTABLE: readonly PrimitiveBase[] = ['BYTES', 'STRING', 'DOUBLE', 'INT64', 'LOCATION', 'TIMESTAMP'];

export interface PrimitiveType {
  readonly kind: 'primitive';
  readonly base: PrimitiveBase;
  readonly encrypted: boolean;
  /** `NUMBER PREFERRED AS INT64|DOUBLE`. */
  readonly preferredAs?: 'INT64' | 'DOUBLE';
}

export interface ListType {
  readonly kind: 'list';
  readonly element: PrimitiveType;
}

export type FieldType = PrimitiveType | ListType;

export type FieldOption = 'QUERYABLE' | 'SORTABLE' | 'SEARCHABLE';
export const FIELD_OPTIONS: readonly FieldOption[] = ['QUERYABLE', 'SORTABLE', 'SEARCHABLE'];

export type Permission = 'READ' | 'CREATE' | 'WRITE';

export interface FieldIR {
  readonly name: string;
  readonly quoted: boolean;
  readonly type: FieldType;
  /** In source order; compare as a set. */
  readonly options: readonly FieldOption[];
  readonly span?: Span;
  readonly nameSpan?: Span;
  readonly typeSpan?: Span;
}

export interface GrantIR {
  readonly permissions: readonly Permission[];
  readonly role: string;
  readonly roleQuoted: boolean;
  readonly span?: Span;
  readonly roleSpan?: Span;
  /**
   * Roles after the first in `GRANT CREATE TO "_creator", "_icloud"`: invalid (one role per GRANT,
   * reference/ckdb.md §1.3), kept by the parser so the CKS003 check can point at them.
   */
  readonly extraRoles?: readonly { readonly name: string; readonly quoted: boolean; readonly span: Span }[];
}

export interface RecordTypeIR {
  readonly name: string;
  readonly quoted: boolean;
  readonly fields: readonly FieldIR[];
  readonly grants: readonly GrantIR[];
  readonly span?: Span;
  readonly nameSpan?: Span;
}

export interface RoleIR {
  readonly name: string;
  readonly quoted: boolean;
  readonly span?: Span;
  readonly nameSpan?: Span;
}

export interface SchemaIR {
  readonly roles: readonly RoleIR[];
  readonly recordTypes: readonly RecordTypeIR[];
  /** Lines the printer writes as `//` comments before the statements (deriveSchema: what it left out and why). */
  readonly notes?: readonly string[];
}

/** CloudKit's implicit system fields (reference/ckdb.md §1.5): every record type has them. */
export const SYSTEM_FIELDS: Readonly<Record<string, PrimitiveBase>> = {
  ___createTime: 'TIMESTAMP',
  ___createdBy: 'REFERENCE',
  ___etag: 'STRING',
  ___modTime: 'TIMESTAMP',
  ___modifiedBy: 'REFERENCE',
  ___recordID: 'REFERENCE',
};

/** Implicit roles (reference/ckdb.md §1.5). */
export const IMPLICIT_ROLES: readonly string[] = ['_creator', '_world', '_icloud'];

export function isSystemField(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(SYSTEM_FIELDS, name);
}

export function formatFieldType(t: FieldType): string {
  if (t.kind === 'list') return `LIST<${formatFieldType(t.element)}>`;
  const base = t.encrypted ? `ENCRYPTED ${t.base}` : t.base;
  return t.preferredAs ? `${base} PREFERRED AS ${t.preferredAs}` : base;
}

export function sameFieldType(a: FieldType, b: FieldType): boolean {
  return formatFieldType(a) === formatFieldType(b);
}
