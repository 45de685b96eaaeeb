import type { FieldIR, FieldOption, FieldType, GrantIR, Permission, PrimitiveBase, PrimitiveType, RecordTypeIR, SchemaIR } from '../../../src/core/cloudkit/schema-ir';

/**
 * Builds a SchemaIR from a compact description, for hand-made diff pairs that don't depend on the
 * `.ckdb` parser: `{ Note: { title: 'STRING QUERYABLE', tags: 'LIST<STRING>', $grants: ['READ TO _world'] } }`.
 * Spans are fake but distinct, so tests can check which side a change points at.
 */
export type TypeSpec = Record<string, string | string[]>;

let nextOffset = 0;
const fakeSpan = () => { const s = nextOffset; nextOffset += 10; return { start: s, end: s + 5 }; };

function primitive(words: string[]): PrimitiveType {
  let encrypted = false;
  if (words[0] === 'ENCRYPTED') { encrypted = true; words.shift(); }
  const base = words.shift() as PrimitiveBase;
  let preferredAs: 'INT64' | 'DOUBLE' | undefined;
  if (words[0] === 'PREFERRED') { words.shift(); words.shift(); preferredAs = words.shift() as 'INT64' | 'DOUBLE'; }
  return preferredAs ? { kind: 'primitive', base, encrypted, preferredAs } : { kind: 'primitive', base, encrypted };
}

export function field(name: string, spec: string): FieldIR {
  const m = /^LIST<([^>]+)>\s*(.*)$/.exec(spec);
  let type: FieldType;
  let rest: string[];
  if (m) {
    type = { kind: 'list', element: primitive(m[1].trim().split(/\s+/)) };
    rest = m[2].split(/\s+/).filter(Boolean);
  } else {
    const words = spec.split(/\s+/).filter(Boolean);
    type = primitive(words);
    rest = words;
  }
  return { name, quoted: name.startsWith('_'), type, options: rest as FieldOption[], span: fakeSpan(), nameSpan: fakeSpan(), typeSpan: fakeSpan() };
}

function grant(spec: string): GrantIR {
  const [perms, role] = spec.split(/\s+TO\s+/);
  return { permissions: perms.split(/\s*,\s*/) as Permission[], role: role.trim(), roleQuoted: role.startsWith('_'), span: fakeSpan() };
}

export function recordType(name: string, spec: TypeSpec): RecordTypeIR {
  const fields: FieldIR[] = [];
  let grants: GrantIR[] = [];
  for (const [k, v] of Object.entries(spec)) {
    if (k === '$grants') grants = (v as string[]).map(grant);
    else fields.push(field(k, v as string));
  }
  return { name, quoted: false, fields, grants, span: fakeSpan(), nameSpan: fakeSpan() };
}

export function schema(types: Record<string, TypeSpec>, roles: string[] = []): SchemaIR {
  return {
    roles: roles.map((name) => ({ name, quoted: false, span: fakeSpan(), nameSpan: fakeSpan() })),
    recordTypes: Object.entries(types).map(([n, s]) => recordType(n, s)),
  };
}

/** The six implicit fields as an export lists them. */
export const SYSTEM = {
  ___createTime: 'TIMESTAMP', ___createdBy: 'REFERENCE', ___etag: 'STRING',
  ___modTime: 'TIMESTAMP', ___modifiedBy: 'REFERENCE', ___recordID: 'REFERENCE QUERYABLE',
};
