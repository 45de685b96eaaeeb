import type { Finding } from '../../findings';
import { MAX_FIELDS_PER_RECORD_TYPE } from '../../cloudkit/mapping';
import { isSystemField } from '../../cloudkit/schema-ir';
import { finding, type CkdbCheck } from './check';

/**
 * TN3164: "The number of record fields in a record type is limited to 256." Whether CloudKit's own
 * `___` system fields count is UNCONFIRMED: our choice is to count only the other fields (as the
 * mapping's field-count formula does, reference/coredata-model.md §4.5). Duplicates count once.
 */
export const CKS007: CkdbCheck = {
  id: 'CKS007',
  name: 'too-many-fields',
  severity: 'error',
  description: `A record type has more than ${MAX_FIELDS_PER_RECORD_TYPE} fields (TN3164).`,
  check(ctx) {
    const out: Finding[] = [];
    for (const rt of ctx.schema.recordTypes) {
      const names = new Set(rt.fields.filter((f) => !isSystemField(f.name)).map((f) => f.name));
      if (names.size <= MAX_FIELDS_PER_RECORD_TYPE || !rt.nameSpan) continue;
      out.push(finding(this, ctx, {
        message: `Record type '${rt.name}' has ${names.size} fields; CloudKit allows at most ${MAX_FIELDS_PER_RECORD_TYPE} per record type (TN3164).`,
        span: rt.nameSpan,
      }));
    }
    return out;
  },
};
