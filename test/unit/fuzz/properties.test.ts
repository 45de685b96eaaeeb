import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { checkCkdb } from '../../../src/core/ckdb/check-ckdb';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { printSchema } from '../../../src/core/ckdb/printer';
import { deriveSchema } from '../../../src/core/cloudkit/derive';
import type { SchemaIR } from '../../../src/core/cloudkit/schema-ir';
import { readModelXml } from '../../../src/core/model/xml';
import { lintModel } from '../../../src/core/rules';
import type { AttributeType, EntityDefinition, ModelDefinition } from '../../../src/modeldef';
import { toXml } from '../../helpers/modelSpec';
import { EXAMPLES_DIR } from '../../helpers/paths';
import { lineStartsOf, rangeProblem } from '../../fuzz/support';

/**
 * Issue 17, property-based (fast-check, seeded and bounded): what the older robustness properties did not
 * check. Mutated models and .ckdb files (CRLF and lone CR line ends included) give findings whose
 * line/character ranges are valid, not only their offsets; and the schema derived from any generated model
 * prints, re-parses without a syntax error and prints the same again (round trip).
 */
const MODEL = fs.readFileSync(path.join(EXAMPLES_DIR, 'ShoppingList', 'ShoppingList.xcdatamodeld', 'ShoppingList 2.xcdatamodel', 'contents'), 'utf8');
const CKDB = fs.readFileSync(path.join(EXAMPLES_DIR, 'cloudkit', 'development.ckdb'), 'utf8');

const edit = (pieces: readonly string[]) => fc.record({
  at: fc.nat(),
  del: fc.nat({ max: 30 }),
  ins: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...pieces)),
});
const lineEnds = fc.constantFrom('\n', '\r\n', '\r');

function applyRandom(base: string, eol: string, edits: readonly { at: number; del: number; ins: string }[]): string {
  let text = base.replace(/\r?\n/g, eol);
  for (const e of edits) {
    const at = e.at % (text.length + 1);
    text = text.slice(0, at) + e.ins + text.slice(at + e.del);
  }
  return text;
}

function assertRanges(text: string, findings: readonly { ruleId: string; span: { start: number; end: number }; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[]): void {
  const starts = lineStartsOf(text);
  for (const f of findings) {
    const p = rangeProblem(text, starts, f.span, f.range);
    assert.equal(p, undefined, `${f.ruleId}: ${p}`);
  }
}

describe('mutations keep every finding range valid (property-based, issue 17)', () => {
  it('Core Data models: lint findings have valid line/character ranges in \\n, \\r\\n and \\r files', () => {
    const pieces = ['<', '>', '"', '/>', '</entity>', '\r', '\n', '\r\n', '<\r\n', '<!\r\n', '<attribute name="x"/>', 'optional="YES" ', '&amp;', '\uD800'];
    fc.assert(fc.property(lineEnds, fc.array(edit(pieces), { minLength: 1, maxLength: 4 }), (eol, edits) => {
      const text = applyRandom(MODEL, eol, edits);
      const { model, editor } = readModelXml(text);
      assertRanges(text, lintModel(model, editor, { mode: 'always' }));
    }), { numRuns: 200, seed: 17017 });
  });

  it('.ckdb schemas: syntax findings and checks have valid line/character ranges in \\n, \\r\\n and \\r files', () => {
    const pieces = ['(', ')', ',', ';', '"', 'RECORD TYPE', 'LIST<', 'QUERYABLE', '//', '/*', '\r', '\n', '\r\n', '\uD800'];
    fc.assert(fc.property(lineEnds, fc.array(edit(pieces), { minLength: 1, maxLength: 4 }), (eol, edits) => {
      const text = applyRandom(CKDB, eol, edits);
      assertRanges(text, checkCkdb(text));
    }), { numRuns: 200, seed: 17018 });
  });
});

const TYPES: AttributeType[] = ['Integer 16', 'Integer 32', 'Integer 64', 'Decimal', 'Double', 'Float', 'String', 'Boolean', 'Date', 'Binary', 'UUID', 'URI', 'Transformable', 'Composite', 'Undefined'];
const ENTITY_NAMES = ['Item', 'List', 'Tag', 'Note', 'Photo', 'Zed', 'a_b', 'Entity2'];
const PROPS = ['title', 'count', 'when', 'data', 'flag', 'note_ckAsset', 'x1', 'URL', 'z'];

const generatedModel: fc.Arbitrary<ModelDefinition> = fc.uniqueArray(fc.constantFrom(...ENTITY_NAMES), { minLength: 1, maxLength: 4 }).chain((names) =>
  fc.tuple(...names.map((name, i) => fc.record({
    attributes: fc.dictionary(fc.constantFrom(...PROPS), fc.record({ type: fc.constantFrom(...TYPES), optional: fc.constant(true), allowsCloudEncryption: fc.boolean() }), { maxKeys: 5 }),
    relationships: fc.array(fc.record({ destination: fc.constantFrom(...names), toMany: fc.boolean() }), { maxLength: 2 }),
    // A hierarchy: an entity may have an earlier one as its parent.
    parent: i > 0 ? fc.option(fc.constantFrom(...names.slice(0, i)), { nil: undefined }) : fc.constant(undefined),
  }).map((s) => ({ name, s })))).map((specs) => {
    const entities: Record<string, EntityDefinition> = {};
    for (const { name, s } of specs) {
      const relationships: Record<string, NonNullable<EntityDefinition['relationships']>[string]> = {};
      s.relationships.forEach((r, j) => { relationships[`rel${j}`] = { destination: r.destination, toMany: r.toMany, optional: true, deletionRule: 'Nullify' }; });
      entities[name] = { attributes: s.attributes, relationships, ...(s.parent ? { parent: s.parent } : {}) };
    }
    return { usedWithCloudKit: true, entities };
  }));

const shape = (s: SchemaIR): string => JSON.stringify(s.recordTypes.map((t) => [t.name, t.fields.map((f) => [f.name, f.type, f.options])]));

describe('derived schemas round-trip through the printer and the parser (property-based, issue 17)', () => {
  it('any generated model: derive, print, parse: no syntax error, the same record types and fields, the same text printed again', () => {
    fc.assert(fc.property(generatedModel, fc.constantFrom('minimal', 'export') as fc.Arbitrary<'minimal' | 'export'>, (def, profile) => {
      const { model } = readModelXml(toXml(def));
      assert.deepEqual(model.problems.filter((p) => p.severity === 'error'), []);
      const derived = deriveSchema(model, { profile });
      const printed = printSchema(derived);
      const parsed = parseCkdb(printed);
      assert.deepEqual(parsed.findings, [], printed);
      assert.equal(shape(parsed.schema), shape(derived));
      assert.equal(printSchema(parsed.schema), printed);
    }), { numRuns: 150, seed: 17019 });
  });
});
