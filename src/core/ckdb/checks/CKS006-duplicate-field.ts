import type { Finding } from '../../findings';
import type { Span } from '../../text/span';
import { finding, type CkdbCheck } from './check';

/** A field declared twice in one record type (a record has one value per key: CKRecord subscript). */
export const CKS006: CkdbCheck = {
  id: 'CKS006',
  name: 'duplicate-field',
  severity: 'error',
  description: 'A field is declared more than once in a record type.',
  check(ctx) {
    const out: Finding[] = [];
    for (const rt of ctx.schema.recordTypes) {
      const first = new Map<string, Span>();
      for (const f of rt.fields) {
        if (!f.nameSpan) continue;
        const prev = first.get(f.name);
        if (!prev) { first.set(f.name, f.nameSpan); continue; }
        out.push(finding(this, ctx, {
          message: `Field '${f.name}' is declared more than once in record type '${rt.name}'.`,
          span: f.nameSpan,
          related: [{ span: prev, message: `first declaration of '${f.name}'` }],
        }));
      }
    }
    return out;
  },
};
