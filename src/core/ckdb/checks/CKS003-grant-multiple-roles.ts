import type { Finding } from '../../findings';
import type { Fix } from '../../findings';
import { formatName } from '../names';
import { finding, indentAt, type CkdbCheck } from './check';

/**
 * One role per GRANT: Apple's grammar is `GRANT { READ | CREATE | WRITE } [, ...] TO %role-name%`.
 * [observed] `GRANT CREATE TO "_creator", "_icloud"` in brightdigit/CelestraCloud schema.ckdb@87e758d6
 * was rejected and fixed in the next commit (reference/ckdb.md §1.3).
 */
export const CKS003: CkdbCheck = {
  id: 'CKS003',
  name: 'grant-multiple-roles',
  severity: 'error',
  description: 'A GRANT names exactly one role; write one GRANT per role.',
  check(ctx) {
    const out: Finding[] = [];
    for (const rt of ctx.schema.recordTypes) {
      for (const g of rt.grants) {
        const extras = g.extraRoles ?? [];
        if (!extras.length || !g.span || !g.roleSpan) continue;
        const indent = indentAt(ctx.text, g.span.start);
        const perms = g.permissions.join(', ');
        // Replace `, "_icloud"` by `,\n    GRANT CREATE TO "_icloud"`: minimal, keeps the user's layout.
        const edits = [];
        let prevEnd = g.roleSpan.end;
        for (const x of extras) {
          edits.push({ span: { start: prevEnd, end: x.span.end }, newText: `,\n${indent}GRANT ${perms} TO ${formatName(x.name, x.quoted)}` });
          prevEnd = x.span.end;
        }
        const fix: Fix = { title: 'Split into one GRANT per role', edits, isPreferred: true };
        out.push(finding(this, ctx, {
          message: `GRANT names ${extras.length + 1} roles (${[g.role, ...extras.map((x) => x.name)].join(', ')}); CloudKit accepts exactly one role per GRANT: write one GRANT ${perms} TO ... per role.`,
          span: { start: g.span.start, end: extras[extras.length - 1].span.end },
          fixes: [fix],
        }));
      }
    }
    return out;
  },
};
