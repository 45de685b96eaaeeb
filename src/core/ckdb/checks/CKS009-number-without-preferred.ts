import type { Finding } from '../../findings';
import { finding, type CkdbCheck } from './check';

/**
 * Apple: "Avoid using the NUMBER type, which is only for when a field is implicitly added to a schema by a
 * record modification on a sandbox container. ... the PREFERRED AS syntax allows you to explicitly indicate
 * which type the NUMBER should be treated as (INT64 or DOUBLE)." (reference/ckdb.md §1.2)
 */
export const CKS009: CkdbCheck = {
  id: 'CKS009',
  name: 'number-without-preferred',
  severity: 'warning',
  description: 'NUMBER without PREFERRED AS INT64|DOUBLE.',
  check(ctx) {
    const out: Finding[] = [];
    for (const rt of ctx.schema.recordTypes) {
      for (const f of rt.fields) {
        const p = f.type.kind === 'list' ? f.type.element : f.type;
        if (p.base !== 'NUMBER' || p.preferredAs || !f.typeSpan) continue;
        // The NUMBER keyword ends the type (or sits just before `>` of LIST<NUMBER>).
        const at = ctx.text.slice(f.typeSpan.start, f.typeSpan.end).search(/number/i);
        const end = at < 0 ? f.typeSpan.end : f.typeSpan.start + at + 'NUMBER'.length;
        out.push(finding(this, ctx, {
          message: `Field '${f.name}' is NUMBER without PREFERRED AS: Apple says to avoid NUMBER; state the type with 'NUMBER PREFERRED AS INT64' or 'NUMBER PREFERRED AS DOUBLE'.`,
          span: f.typeSpan,
          fixes: (['INT64', 'DOUBLE'] as const).map((t) => ({
            title: `Add PREFERRED AS ${t}`, edits: [{ span: { start: end, end }, newText: ` PREFERRED AS ${t}` }],
          })),
        }));
      }
    }
    return out;
  },
};
