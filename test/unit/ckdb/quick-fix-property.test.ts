import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkCkdb } from '../../../src/core/ckdb/check-ckdb';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { applyEdits } from '../../../src/core/text/span';

/**
 * Issue 17: every `.ckdb` quick fix (CKS001 quote, CKS002 quote, CKS003 split grants, CKS004 drop indexes,
 * CKS009 NUMBER preference, CKS010 system fields, CKS012 system field type), on generated schemas with
 * the shapes that broke fixes before (a `(` in a comment after the record type's name, reserved and
 * underscore names, several roles in one GRANT), edits only the record type it is about, leaves a file
 * without syntax errors, and removes its finding. Seeded and bounded.
 */

const NAMES = ['title', 'grant', 'queryable', '_secret', 'count', 'type', 'Sortable'];
const TYPES = ['STRING', 'INT64', 'DOUBLE', 'NUMBER', 'ENCRYPTED STRING', 'TIMESTAMP', 'LIST<STRING>', 'REFERENCE'];
const OPTIONS = ['', ' QUERYABLE', ' QUERYABLE SORTABLE', ' SEARCHABLE'];
const SYSTEM = ['"___createTime" TIMESTAMP', '"___recordID" REFERENCE QUERYABLE', '"___etag" STRING', '"___modTime" INT64'];
const GRANTS = ['GRANT READ TO "_world"', 'GRANT WRITE TO "_creator", "_icloud"', 'GRANT CREATE, READ TO "_icloud", "_world", "_creator"'];
const HEADS = ['', ' // (', ' /* ( */', ' -- note ('];

const recordType = fc.record({
  name: fc.constantFrom('Feed', 'Item', 'grant', 'CD_Note'),
  head: fc.constantFrom(...HEADS),
  fields: fc.uniqueArray(fc.record({ name: fc.constantFrom(...NAMES), type: fc.constantFrom(...TYPES), options: fc.constantFrom(...OPTIONS) }), { selector: (f) => f.name, maxLength: 4 }),
  system: fc.subarray(SYSTEM),
  grants: fc.subarray(GRANTS),
}).map((t) => {
  const members = [
    ...t.system,
    ...t.fields.map((f) => `${f.name} ${f.type}${f.options}`),
    ...t.grants,
  ];
  return `    RECORD TYPE ${t.name}${t.head}\n    (\n${members.map((m) => `        ${m}`).join(',\n')}\n    );`;
});

const schema = fc.uniqueArray(recordType, { selector: (t) => t.split(/\s+/)[3], minLength: 1, maxLength: 3 })
  .map((types) => `DEFINE SCHEMA\n\n${types.join('\n\n')}\n`);

/** The `RECORD TYPE ... ;` statement holding an offset. */
function statementAt(text: string, offset: number): { start: number; end: number } | undefined {
  return parseCkdb(text).schema.recordTypes.map((t) => t.span!).find((s) => s.start <= offset && offset <= s.end);
}

describe('every .ckdb quick fix on generated schemas (property-based, issue 17)', () => {
  it('edits only its record type, leaves no syntax error and removes its finding', () => {
    let fixesTried = 0;
    const rules = new Set<string>();
    fc.assert(fc.property(schema, (text) => {
      const syntaxErrors = (t: string) => parseCkdb(t).findings.filter((f) => f.severity === 'error');
      if (syntaxErrors(text).length) return; // the generator may write what the grammar refuses (a bare reserved type name)
      for (const f of checkCkdb(text)) {
        for (const fix of f.fixes ?? []) {
          fixesTried++;
          rules.add(f.ruleId);
          const stmt = statementAt(text, f.span.start);
          for (const e of fix.edits) assert.ok(stmt && stmt.start <= e.span.start && e.span.end <= stmt.end, `${f.ruleId} "${fix.title}" edits outside its record type`);
          const after = applyEdits(text, fix.edits);
          assert.deepEqual(syntaxErrors(after), [], `${f.ruleId} "${fix.title}":\n${after}`);
          // Two record types may have the same finding: one fewer of them.
          const same = (fs: readonly { ruleId: string; message: string }[]) => fs.filter((g) => g.ruleId === f.ruleId && g.message === f.message).length;
          assert.ok(same(checkCkdb(after)) < same(checkCkdb(text)), `${f.ruleId} "${fix.title}" leaves its finding`);
        }
      }
    }), { numRuns: 100, seed: 20261205 });
    assert.ok(fixesTried > 100, `only ${fixesTried} fixes tried`);
    for (const id of ['CKS001', 'CKS002', 'CKS003', 'CKS009', 'CKS010', 'CKS012']) assert.ok(rules.has(id), `no ${id} fix was tried`);
  });
});
