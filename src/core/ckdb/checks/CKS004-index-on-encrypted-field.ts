import type { Finding } from '../../findings';
import { finding, type CkdbCheck } from './check';

/** Apple, CKRecord.encryptedValues: "CloudKit doesn't support indexes on encrypted fields." (reference/ckdb.md §1.6). */
export const CKS004: CkdbCheck = {
  id: 'CKS004',
  name: 'index-on-encrypted-field',
  severity: 'error',
  description: 'An ENCRYPTED field cannot be QUERYABLE, SORTABLE or SEARCHABLE.',
  check(ctx) {
    const out: Finding[] = [];
    for (const rt of ctx.schema.recordTypes) {
      for (const f of rt.fields) {
        const encrypted = f.type.kind === 'list' ? f.type.element.encrypted : f.type.encrypted;
        if (!encrypted || f.options.length === 0 || !f.span || !f.typeSpan) continue;
        const optionsSpan = { start: f.typeSpan.end, end: f.span.end };
        out.push(finding(this, ctx, {
          message: `Field '${f.name}' is ENCRYPTED and ${f.options.join(' ')}: CloudKit doesn't support indexes on encrypted fields.`,
          span: optionsSpan,
          fixes: [{ title: `Remove ${f.options.join(' ')}`, edits: [{ span: optionsSpan, newText: '' }], isPreferred: true }],
        }));
      }
    }
    return out;
  },
};
