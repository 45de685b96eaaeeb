import type { Finding } from '../../findings';
import { IMPLICIT_ROLES } from '../../cloudkit/schema-ir';
import { finding, type CkdbCheck } from './check';

/**
 * A GRANT to a role that is neither implicit (`_creator`, `_world`, `_icloud`) nor declared with
 * `CREATE ROLE` (Apple's example declares `CREATE ROLE DeptManager;` before granting to it,
 * reference/ckdb.md §1.5).
 */
export const CKS008: CkdbCheck = {
  id: 'CKS008',
  name: 'grant-undeclared-role',
  severity: 'error',
  description: 'A GRANT names a role that is not implicit and not declared with CREATE ROLE.',
  check(ctx) {
    const declared = new Set(ctx.schema.roles.map((r) => r.name));
    const known = [...IMPLICIT_ROLES, ...declared];
    const out: Finding[] = [];
    for (const rt of ctx.schema.recordTypes) {
      for (const g of rt.grants) {
        const roles = [{ name: g.role, span: g.roleSpan }, ...(g.extraRoles ?? [])];
        for (const r of roles) {
          if (!r.span || IMPLICIT_ROLES.includes(r.name) || declared.has(r.name)) continue;
          const near = known.find((k) => k.toLowerCase() === r.name.toLowerCase() || k.replace(/^_/, '') === r.name);
          out.push(finding(this, ctx, {
            message: `Role '${r.name}' is not declared: add 'CREATE ROLE ${r.name};' or grant to one of ${known.map((k) => `"${k}"`).join(', ')}.${near ? ` Did you mean "${near}"?` : ''}`,
            span: r.span,
          }));
        }
      }
    }
    return out;
  },
};
