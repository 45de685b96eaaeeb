import type { SchemaIR } from '../cloudkit/schema-ir';
import { diffFields } from './fields';
import { diffIndexes } from './indexes';
import type { DeployPlan, SchemaChange } from './plan';
import { makePlan } from './plan';
import { diffRecordTypes } from './record-types';
import { indexSchema } from './schema-index';
import { diffGrants, diffRoles } from './security';

/**
 * What deploying `dev` over `prod` would do, change by change, with the verdict CloudKit would give
 * (reference/ckdb.md §2.2). Semantic and order-insensitive: names compare unquoted, system fields
 * and the `Users` type are CloudKit's own, grants compare per role.
 */
export function diffSchemas(dev: SchemaIR, prod: SchemaIR): DeployPlan {
  const d = indexSchema(dev);
  const p = indexSchema(prod);
  const changes: SchemaChange[] = [...diffRoles(d, p), ...diffRecordTypes(d, p)];
  for (const [name, drt] of d.recordTypes) {
    const prt = p.recordTypes.get(name);
    if (!prt) continue;
    // Loops, not `push(...)`: a record type may have thousands of changes (no spread of unbounded arrays).
    for (const c of diffFields(drt, prt)) changes.push(c);
    for (const c of diffIndexes(drt, prt)) changes.push(c);
    for (const c of diffGrants(drt, prt)) changes.push(c);
  }
  return makePlan(changes);
}
