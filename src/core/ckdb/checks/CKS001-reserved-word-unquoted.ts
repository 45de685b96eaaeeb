import { isReservedWord } from '../keywords';
import { finding, namedThings, quoteFix, type CkdbCheck } from './check';

/**
 * Apple: "The reserved words in the CloudKit Schema Language are: grant, preferred, queryable, sortable,
 * and searchable." and "Use double quotes around identifiers to include keywords and reserved words"
 * (reference/ckdb.md §1.3-1.4). Other keywords (`type`, `location`...) are contextual and need no quotes.
 */
export const CKS001: CkdbCheck = {
  id: 'CKS001',
  name: 'reserved-word-unquoted',
  severity: 'error',
  description: 'A reserved word (grant, preferred, queryable, sortable, searchable) used as a name must be quoted.',
  check(ctx) {
    return namedThings(ctx.schema).filter((n) => !n.quoted && isReservedWord(n.name)).map((n) => finding(this, ctx, {
      message: `'${n.name}' is a reserved word of the CloudKit Schema Language: write the ${n.kind} name as "${n.name}".`,
      span: n.span,
      fixes: [quoteFix(n.span, n.name)],
    }));
  },
};
