import type { Finding } from '../../findings';
import type { Span } from '../../text/span';
import { finding, type CkdbCheck } from './check';

/**
 * A record type or role declared twice. Names compare exactly: a quoted and a bare spelling are the same
 * name (reference/ckdb.md §1.4); whether CloudKit treats names case-insensitively is UNCONFIRMED, so
 * case variants are not flagged.
 */
export const CKS005: CkdbCheck = {
  id: 'CKS005',
  name: 'duplicate-declaration',
  severity: 'error',
  description: 'A record type or role is declared more than once.',
  check(ctx) {
    const out: Finding[] = [];
    const scan = (kind: string, items: readonly { name: string; nameSpan?: Span }[]): void => {
      const first = new Map<string, Span>();
      for (const it of items) {
        if (!it.nameSpan || !it.name) continue;
        const prev = first.get(it.name);
        if (!prev) { first.set(it.name, it.nameSpan); continue; }
        out.push(finding(this, ctx, {
          message: `${kind} '${it.name}' is declared more than once.`,
          span: it.nameSpan,
          related: [{ span: prev, message: `first declaration of '${it.name}'` }],
        }));
      }
    };
    scan('Record type', ctx.schema.recordTypes);
    scan('Role', ctx.schema.roles);
    return out;
  },
};
