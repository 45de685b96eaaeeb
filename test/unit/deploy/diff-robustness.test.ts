import assert from 'node:assert/strict';
import fs from 'node:fs';
import fc from 'fast-check';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { changeKey, compareChanges, diffSchemas } from '../../../src/core/deploy';
import { corpusPath } from '../../helpers/paths';

/** Bad input gives a plan, never a crash: any text, any cut of a real schema, either side. */
describe('core/deploy diffSchemas robustness', () => {
  const real = fs.readFileSync(corpusPath('ckdb', 'WWDCScholars__cloudkit-schema__schema-production.ckdb'), 'utf8');

  it('never throws, and keeps its order, on arbitrary or truncated schemas', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.nat(real.length), fc.nat(real.length), (junk, a, b) => {
      const cut = real.slice(Math.min(a, b), Math.max(a, b));
      for (const [dev, prod] of [[junk, real], [real, junk], [cut, real], [real.slice(0, a) + junk + real.slice(a), real]]) {
        const devSchema = parseCkdb(dev).schema;
        const prodSchema = parseCkdb(prod).schema;
        const plan = diffSchemas(devSchema, prodSchema);
        for (let i = 1; i < plan.changes.length; i++) assert.ok(compareChanges(plan.changes[i - 1], plan.changes[i]) <= 0);
        // The verdict from the schemas themselves, not from the plan's own formula: production can never lose
        // a record type (Apple, "Deploying an iCloud Container's Schema": "you can't delete record types or fields that
        // are already in production"; reference/ckdb.md §2.1-2.2), and an empty production accepts
        // any development schema (everything is an addition).
        const devTypes = new Set(devSchema.recordTypes.map((t) => t.name));
        const lost = prodSchema.recordTypes.filter((t) => t.name !== 'Users' && !devTypes.has(t.name)).map((t) => t.name);
        if (lost.length > 0) {
          assert.equal(plan.deployable, false, `losing ${lost.join(', ')} is not deployable`);
          assert.deepEqual(plan.changes.filter((c) => c.kind === 'record-type-deleted' && c.verdict === 'blocked').map((c) => c.recordType).sort(), [...lost].sort());
        }
        if (prodSchema.recordTypes.length === 0) assert.equal(plan.deployable, true, 'everything is an addition');
      }
    }), { numRuns: 150 });
  });

  it('is antisymmetric on additions and deletions: what dev adds, prod-as-dev deletes', () => {
    const half = parseCkdb(real.slice(0, real.indexOf('RECORD TYPE', real.length / 2)) + '\n').schema;
    const full = parseCkdb(real).schema;
    const grow = diffSchemas(full, half).changes.filter((c) => c.kind === 'record-type-added').map((c) => c.recordType);
    const shrink = diffSchemas(half, full).changes.filter((c) => c.kind === 'record-type-deleted').map((c) => c.recordType);
    assert.ok(grow.length > 0);
    assert.deepEqual(shrink, grow.filter((t) => t !== 'Users'));
    assert.deepEqual(diffSchemas(full, full).changes.map(changeKey), []);
  });
});
