import type { Finding } from '../../findings';
import type { Fix } from '../../findings';
import { Lexer } from '../lexer';
import { SYSTEM_FIELDS } from '../../cloudkit/schema-ir';
import { finding, indentAt, type CkdbCheck } from './check';

/**
 * Apple: "Though CloudKit won't remove the system field names, it doesn't maintain the field options if
 * the field isn't mentioned in later schema updates ... CloudKit drops the index on the field". So a file
 * that leaves out `"___recordID" REFERENCE QUERYABLE` drops that index on import, and queries by record
 * name fail with "recordName is not marked queryable" [observed] (reference/ckdb.md §1.5).
 * Severity: warning when `___recordID` is missing (its index is the one apps rely on), info otherwise.
 */
/**
 * The `(` that opens a record type's body: the first token after its name, found by the lexer so a `(`
 * inside a comment (`RECORD TYPE Feed // (`) is not taken for it (issue 17). -1 when the body has none.
 */
function openParenAfter(text: string, from: number, end: number): number {
  const t = new Lexer(text.slice(from, end)).next();
  return t.kind === '(' ? from + t.start : -1;
}

export const CKS010: CkdbCheck = {
  id: 'CKS010',
  name: 'missing-system-field',
  severity: 'warning',
  description: 'A record type does not list all six system fields; importing it drops their indexes.',
  check(ctx) {
    const out: Finding[] = [];
    for (const rt of ctx.schema.recordTypes) {
      if (!rt.nameSpan || !rt.span) continue;
      const present = new Set(rt.fields.map((f) => f.name));
      const missing = Object.keys(SYSTEM_FIELDS).filter((n) => !present.has(n));
      if (!missing.length) continue;
      const recordIdMissing = missing.includes('___recordID');
      const lines = missing.map((n) => `"${n}" ${SYSTEM_FIELDS[n]}${n === '___recordID' ? ' QUERYABLE' : ''}`);
      const fixes: Fix[] = [];
      const open = openParenAfter(ctx.text, rt.nameSpan.end, rt.span.end);
      if (open >= 0) {
        const hasMembers = rt.fields.length + rt.grants.length > 0;
        const firstMember = [...rt.fields.map((f) => f.span?.start), ...rt.grants.map((g) => g.span?.start)]
          .filter((x): x is number => x !== undefined).sort((a, b) => a - b)[0];
        const indent = firstMember !== undefined && indentAt(ctx.text, firstMember) !== indentAt(ctx.text, rt.span.start)
          ? indentAt(ctx.text, firstMember) : indentAt(ctx.text, rt.span.start) + '    ';
        const newText = lines.map((l, i) => `\n${indent}${l}${hasMembers || i < lines.length - 1 ? ',' : ''}`).join('');
        fixes.push({ title: `Add ${missing.length === 1 ? 'the missing system field' : 'the missing system fields'}`, edits: [{ span: { start: open + 1, end: open + 1 }, newText }] });
      }
      out.push(finding(this, ctx, {
        severity: recordIdMissing ? 'warning' : 'info',
        message: `Record type '${rt.name}' does not list ${missing.map((n) => `"${n}"`).join(', ')}: CloudKit keeps system fields but drops their indexes when a schema leaves them out${recordIdMissing ? ' (without "___recordID" REFERENCE QUERYABLE, queries by record name fail with "recordName is not marked queryable")' : ''}.`,
        span: rt.nameSpan,
        fixes,
      }));
    }
    return out;
  },
};
