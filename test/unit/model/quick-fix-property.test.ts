import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { AttributeDefinition, AttributeType, EntityDefinition, ModelDefinition, RelationshipDefinition } from '../../../src/modeldef';
import type { Finding } from '../../../src/core/findings';
import type { ModelIR } from '../../../src/core/model/ir';
import { readModelXml } from '../../../src/core/model/xml';
import { lintModel } from '../../../src/core/rules';
import { applyEdits } from '../../../src/core/text/span';
import { toXml } from '../../helpers/modelSpec';

/**
 * Issue 17: every quick fix, on generated and mutated models (odd names with `'` and `&`, single-quoted
 * attributes, a second <uniquenessConstraints> block), changes only the entities it is about, leaves a
 * file that reads cleanly, and removes its finding. Seeded and bounded (a few seconds).
 */

const NAMES = ['Item', 'List', "D'x", 'A&B', 'Tag', 'Note'];
const PROPS = ['title', 'code', 'count', "o'k", 'when', 'data', 'flag'];
const TYPES: AttributeType[] = ['String', 'Integer 64', 'Double', 'Boolean', 'Date', 'Binary', 'UUID', 'Transformable', 'Undefined'];

const attribute: fc.Arbitrary<AttributeDefinition> = fc.record({
  type: fc.constantFrom(...TYPES),
  optional: fc.boolean(),
  hasDefault: fc.boolean(),
}).map(({ type, optional, hasDefault }) => ({
  type, optional,
  ...(hasDefault && ['Integer 64', 'Double', 'String', 'Boolean', 'Date'].includes(type) ? { default: type === 'Boolean' ? false : type === 'String' ? '' : 0 } : {}),
}));

const relationship = (entities: readonly string[]): fc.Arbitrary<RelationshipDefinition> => fc.record({
  destination: fc.constantFrom(...entities),
  toMany: fc.boolean(),
  optional: fc.boolean(),
  ordered: fc.boolean(),
  deletionRule: fc.constantFrom('Nullify', 'Cascade', 'Deny', 'No Action') as fc.Arbitrary<RelationshipDefinition['deletionRule']>,
}).map((r) => ({ ...r, ordered: r.toMany && r.ordered }));

/** A model: entities with attributes, relationships (no inverse: CK004 adds them) and constraints. */
const model: fc.Arbitrary<ModelDefinition> = fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 }).chain((names) =>
  fc.tuple(...names.map(() => fc.record({
    attributes: fc.dictionary(fc.constantFrom(...PROPS), attribute, { maxKeys: 4 }),
    relationships: fc.array(relationship(names), { maxLength: 2 }),
    unique: fc.boolean(),
  }))).map((specs) => {
    const entities: Record<string, EntityDefinition> = {};
    names.forEach((name, i) => {
      const s = specs[i];
      const attrNames = Object.keys(s.attributes);
      const relationships: Record<string, RelationshipDefinition> = {};
      s.relationships.forEach((r, j) => { relationships[`rel${j}`] = r; });
      entities[name] = {
        attributes: s.attributes,
        relationships,
        ...(s.unique && attrNames.length ? { uniquenessConstraints: [[attrNames[0]]] } : {}),
      };
    });
    return { usedWithCloudKit: true, entities };
  }));

/** Mutations a real file may carry that the generator's XML does not: single quotes, a second constraints block. */
function mutate(xml: string, singleQuotes: boolean, secondBlock: boolean): string {
  let out = xml;
  if (secondBlock) out = out.replace(/(\s*<uniquenessConstraints>[\s\S]*?<\/uniquenessConstraints>)/, '$1$1');
  if (singleQuotes) out = out.replace(/ ([A-Za-z]+)="([^"]*)"/g, (_m, k: string, v: string) => ` ${k}='${v.replace(/'/g, '&apos;').replace(/&quot;/g, '"')}'`);
  return out;
}

/** Entities by name → what they hold (names, types, flags), to see what a fix changed. */
function shape(m: ModelIR): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of m.entities) {
    out.set(e.name, JSON.stringify({
      attributes: e.attributes.map((a) => [a.name, a.attributeType, a.optional, a.defaultValueString ?? a.defaultDateTimeInterval]),
      relationships: e.relationships.map((r) => [r.name, r.destinationEntity, r.toMany, r.optional, r.ordered, r.deletionRule, r.inverseName, r.inverseEntity]),
      constraints: e.uniquenessConstraints.length,
    }));
  }
  return out;
}

/** The entities a fix may touch: the one holding the finding, and a relationship's destination (CK004). */
function touchable(m: ModelIR, f: Finding): Set<string> {
  const owner = m.entities.find((e) => e.span.start <= f.span.start && f.span.end <= e.span.end);
  const out = new Set<string>(owner ? [owner.name] : []);
  const rel = owner?.relationships.find((r) => r.span.start <= f.span.start && f.span.end <= r.span.end);
  if (rel) out.add(rel.destinationEntity);
  return out;
}

describe('every model quick fix on generated, mutated models (property-based, issue 17)', () => {
  it('changes only its entities, keeps the file readable and removes its finding', () => {
    let fixesTried = 0;
    fc.assert(fc.property(model, fc.boolean(), fc.boolean(), (def, singleQuotes, secondBlock) => {
      const text = mutate(toXml(def), singleQuotes, secondBlock);
      const { model: before, editor } = readModelXml(text);
      assert.deepEqual(before.problems.filter((p) => p.severity === 'error'), [], 'the generated model reads');
      const findings = lintModel(before, editor);
      const beforeShape = shape(before);
      for (const f of findings) {
        for (const fix of f.fixes ?? []) {
          fixesTried++;
          const allowed = touchable(before, f);
          const spans = before.entities.filter((e) => allowed.has(e.name)).map((e) => e.span);
          for (const e of fix.edits) {
            assert.ok(spans.some((s) => s.start <= e.span.start && e.span.end <= s.end), `${f.ruleId} "${fix.title}" edits outside its entities`);
          }
          const after = applyEdits(text, fix.edits);
          const { model: m2, editor: e2 } = readModelXml(after);
          assert.deepEqual(m2.problems.filter((p) => p.severity === 'error'), [], `${f.ruleId} "${fix.title}" leaves a readable file`);
          const afterShape = shape(m2);
          for (const [name, s] of beforeShape) if (!allowed.has(name)) assert.equal(afterShape.get(name), s, `${f.ruleId} "${fix.title}" changed ${name}`);
          // Two elements may have the same finding (CK001 on two blocks): one fewer of them.
          const same = (fs: readonly Finding[]) => fs.filter((g) => g.ruleId === f.ruleId && g.message === f.message).length;
          assert.ok(same(lintModel(m2, e2)) < same(findings), `${f.ruleId} "${fix.title}" leaves its finding: ${f.message}`);
        }
      }
    }), { numRuns: 120, seed: 20261205 });
    assert.ok(fixesTried > 200, `only ${fixesTried} fixes tried`);
  });
});
