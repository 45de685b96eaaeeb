import type { Finding } from '../../findings';
import { IDENTIFIER_PATTERN } from '../keywords';
import { IMPLICIT_ROLES, isSystemField } from '../../cloudkit/schema-ir';
import { finding, namedThings, type CkdbCheck } from './check';

/**
 * Apple (reference/ckdb.md §1.4): "The first character must be one of a-z or A-Z. Subsequent characters
 * must be one of a-z, A-Z, 0-9, or _"; names with a leading underscore are reserved for the system.
 * Exceptions, all system-defined: the `___` system fields, the implicit roles, and the CKShare record
 * type `cloudkit.share` with its `cloudkit.*` fields ([observed] nikhilsh/PaperTrail; the keys are
 * Apple's CKShare.SystemFieldKey values). Grant targets are checked by CKS008 instead.
 */
export const CKS011: CkdbCheck = {
  id: 'CKS011',
  name: 'invalid-identifier',
  severity: 'error',
  description: 'A record type, field or role name is not a valid CloudKit identifier.',
  check(ctx) {
    const out: Finding[] = [];
    for (const n of namedThings(ctx.schema)) {
      if (n.kind === 'granted role' || IDENTIFIER_PATTERN.test(n.name)) continue;
      if (n.name.startsWith('cloudkit.') && (n.kind === 'field' || n.kind === 'record type')) continue;
      let why: string;
      if (n.name.startsWith('_')) {
        if (n.kind === 'field' && isSystemField(n.name)) continue;
        if (n.kind === 'role' && IMPLICIT_ROLES.includes(n.name)) continue;
        why = `CloudKit reserves names starting with '_' for system-defined ${n.kind === 'field' ? 'fields' : 'names'}${n.kind === 'field' ? ' (___createTime, ___createdBy, ___etag, ___modTime, ___modifiedBy, ___recordID)' : ''}`;
      } else if (n.name === '') {
        why = 'a name cannot be empty';
      } else if (!/^[A-Za-z]/.test(n.name)) {
        why = 'a name must start with a letter a-z or A-Z';
      } else {
        const bad = [...new Set([...n.name].filter((c) => !/[A-Za-z0-9_]/.test(c)))].map((c) => (c === ' ' ? 'space' : `'${c}'`));
        why = `a name may contain only letters, digits and '_' (found ${bad.join(', ')})`;
      }
      out.push(finding(this, ctx, { message: `'${n.name}' is not a valid ${n.kind} name: ${why}.`, span: n.span }));
    }
    return out;
  },
};
