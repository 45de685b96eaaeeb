import type { Finding } from '../../findings';
import { formatFieldType, SYSTEM_FIELDS, isSystemField } from '../../cloudkit/schema-ir';
import { finding, type CkdbCheck } from './check';

/** Apple on the system fields: "You can't change the type of these system fields." (reference/ckdb.md §1.5). */
export const CKS012: CkdbCheck = {
  id: 'CKS012',
  name: 'system-field-type',
  severity: 'error',
  description: 'A system field (___recordID, ___createTime...) is declared with a type other than its own.',
  check(ctx) {
    const out: Finding[] = [];
    for (const rt of ctx.schema.recordTypes) {
      for (const f of rt.fields) {
        if (!isSystemField(f.name) || !f.typeSpan) continue;
        const expected = SYSTEM_FIELDS[f.name];
        const actual = formatFieldType(f.type);
        if (actual === expected) continue;
        out.push(finding(this, ctx, {
          message: `System field "${f.name}" is ${expected}; its type cannot be changed (declared ${actual}).`,
          span: f.typeSpan,
          fixes: [{ title: `Change to ${expected}`, edits: [{ span: f.typeSpan, newText: expected }], isPreferred: true }],
        }));
      }
    }
    return out;
  },
};
