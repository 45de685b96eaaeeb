import { formatName } from './names';
import { formatFieldType, type FieldIR, type GrantIR, type RecordTypeIR, type SchemaIR } from '../cloudkit/schema-ir';

/**
 * Prints a SchemaIR in the layout `cktool export-schema` writes (reference/ckdb.md §1.7, [observed]):
 * `DEFINE SCHEMA`, a blank line, statements indented by 4 spaces, `CREATE ROLE` lines first, each
 * record type's field names padded to one column, grants after the fields, a blank line between
 * statements. Order is kept as given (derived schemas come byte-sorted already); names keep their
 * quoting and are quoted wherever they must be.
 */
export const INDENT = '    ';

export function printFieldName(f: Pick<FieldIR, 'name' | 'quoted'>): string {
  return formatName(f.name, f.quoted);
}

export function printGrant(g: GrantIR): string {
  const roles = [formatName(g.role, g.roleQuoted), ...(g.extraRoles ?? []).map((r) => formatName(r.name, r.quoted))];
  return `GRANT ${g.permissions.join(', ')} TO ${roles.join(', ')}`;
}

export function printField(f: FieldIR, nameWidth: number): string {
  const name = printFieldName(f);
  const parts = [name.padEnd(nameWidth), formatFieldType(f.type), ...f.options];
  return parts.join(' ');
}

export function printRecordType(rt: RecordTypeIR, indent = INDENT): string {
  const width = rt.fields.reduce((w, f) => Math.max(w, printFieldName(f).length), 0);
  const members = [...rt.fields.map((f) => printField(f, width)), ...rt.grants.map(printGrant)];
  const inner = indent + INDENT;
  const head = `${indent}RECORD TYPE ${formatName(rt.name, rt.quoted)} (`;
  if (members.length === 0) return `${head}\n${indent});`;
  return `${head}\n${members.map((m) => inner + m).join(',\n')}\n${indent});`;
}

export function printSchema(schema: SchemaIR): string {
  const out: string[] = [];
  // One line per note, control characters made visible, so a note never breaks the file.
  for (const n of schema.notes ?? []) out.push(`// ${n.replace(/[\u0000-\u001f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}`);
  out.push('DEFINE SCHEMA', '');
  if (schema.roles.length) {
    for (const r of schema.roles) out.push(`${INDENT}CREATE ROLE ${formatName(r.name, r.quoted)};`);
    out.push('');
  }
  for (const rt of schema.recordTypes) {
    out.push(printRecordType(rt), '');
  }
  if (out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}
