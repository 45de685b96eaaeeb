import { finding, namedThings, quoteFix, type CkdbCheck } from './check';

/**
 * Apple: "CloudKit reserves identifiers starting with a leading underscore as system-defined identifiers
 * ... Use double quotes when referring to such system fields as well." (reference/ckdb.md §1.4): so
 * `___recordID` and `_creator` must be written `"___recordID"` and `"_creator"`.
 */
export const CKS002: CkdbCheck = {
  id: 'CKS002',
  name: 'underscore-name-unquoted',
  severity: 'error',
  description: 'A name starting with "_" (system field or role) must be written in double quotes.',
  check(ctx) {
    return namedThings(ctx.schema).filter((n) => !n.quoted && n.name.startsWith('_')).map((n) => finding(this, ctx, {
      message: `'${n.name}' starts with '_', which CloudKit reserves for system names: write it "${n.name}".`,
      span: n.span,
      fixes: [quoteFix(n.span, n.name)],
    }));
  },
};
