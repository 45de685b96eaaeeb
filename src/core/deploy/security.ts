import type { Permission } from '../cloudkit/schema-ir';
import type { SchemaChange } from './plan';
import type { IndexedRecordType, IndexedSchema } from './schema-index';
import { recordTypeSpan } from './schema-index';

/**
 * GRANT and CREATE ROLE changes.
 *
 * reference/ckdb.md §2.2: "GRANT/role changes after the first deploy | UNCONFIRMED. The first deploy
 * copies security roles (archive). Recommend WARN/info." New roles are additive, like new types.
 * Grants are compared per role, merged over every GRANT of the type (exports merge them, §1.7).
 */
const UNDOCUMENTED = 'Apple does not document how a deploy treats security changes once the schema is in production; check the record type\'s security roles in CloudKit Console after deploying.';

export function diffGrants(dev: IndexedRecordType, prod: IndexedRecordType): SchemaChange[] {
  const name = dev.ir.name;
  const changes: SchemaChange[] = [];
  const spanFor = (rt: IndexedRecordType, role: string) =>
    rt.ir.grants.find((g) => g.role === role)?.span ?? recordTypeSpan(rt);
  for (const [role, was] of prod.grants) {
    const now = dev.grants.get(role);
    if (!now) {
      changes.push({
        verdict: 'warning', kind: 'grant-removed', recordType: name,
        message: `Record type '${name}' no longer grants ${perms(was)} to ${role} in development. ${UNDOCUMENTED}`,
        devSpan: recordTypeSpan(dev), prodSpan: spanFor(prod, role),
      });
    } else if (!sameSet(was, now)) {
      changes.push({
        verdict: 'warning', kind: 'grant-changed', recordType: name,
        message: `Record type '${name}' grants ${perms(now)} to ${role} in development (production: ${perms(was)}). ${UNDOCUMENTED}`,
        devSpan: spanFor(dev, role), prodSpan: spanFor(prod, role),
      });
    }
  }
  for (const [role, now] of dev.grants) {
    if (prod.grants.has(role)) continue;
    changes.push({
      verdict: 'warning', kind: 'grant-added', recordType: name,
      message: `Record type '${name}' newly grants ${perms(now)} to ${role}. ${UNDOCUMENTED}`,
      devSpan: spanFor(dev, role), prodSpan: recordTypeSpan(prod),
    });
  }
  return changes;
}

/** Custom roles (`CREATE ROLE`); the implicit `_creator`, `_world`, `_icloud` are never declared. */
export function diffRoles(dev: IndexedSchema, prod: IndexedSchema): SchemaChange[] {
  const changes: SchemaChange[] = [];
  for (const [role, r] of prod.roles) {
    if (dev.roles.has(role)) continue;
    changes.push({
      verdict: 'warning', kind: 'role-removed', recordType: role,
      message: `Role '${role}' is in production but not declared in development. ${UNDOCUMENTED.replace('record type\'s security roles', 'security roles')}`,
      prodSpan: r.nameSpan ?? r.span,
    });
  }
  for (const [role, r] of dev.roles) {
    if (prod.roles.has(role)) continue;
    changes.push({
      verdict: 'safe', kind: 'role-added', recordType: role,
      message: `New role '${role}': the deploy copies security roles to production (Apple archive, "Deploying the Schema").`,
      devSpan: r.nameSpan ?? r.span,
    });
  }
  return changes;
}

const PERMISSION_ORDER: readonly Permission[] = ['READ', 'CREATE', 'WRITE'];

function perms(s: ReadonlySet<Permission>): string {
  return PERMISSION_ORDER.filter((p) => s.has(p)).join(', ') || 'nothing';
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
