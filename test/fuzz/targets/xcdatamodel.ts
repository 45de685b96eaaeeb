import { deriveSchema } from '../../../src/core/cloudkit/derive';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { printSchema } from '../../../src/core/ckdb/printer';
import { readModelXml } from '../../../src/core/model/xml';
import { lintModel } from '../../../src/core/rules';
import { checkFindingRanges, fail, mutate, noteInput, OK, Prng, seedTexts, type FuzzResult, type FuzzTarget } from '../support';

/**
 * Core Data models (.xcdatamodel/contents): mutations of the examples, the derive fixtures and the corpus
 * models through the XML reader and every rule (modes auto and always, with the editor, so quick fixes
 * are built too). No exception; every finding's span and range and every fix edit inside the text; a
 * model that reads without errors derives a schema that prints and re-parses without a syntax error.
 */
let seeds: ReturnType<typeof seedTexts> | undefined;
const VOCABULARY = ['<entity name="E" representedClassName="E" syncable="YES">', '</entity>', '<attribute name="a" optional="YES" attributeType="String"/>',
  '<relationship name="r" optional="YES" maxCount="1" deletionRule="Cascade" destinationEntity="E" inverseName="r" inverseEntity="E"/>',
  '<uniquenessConstraints><uniquenessConstraint><constraint value="a"/></uniquenessConstraint></uniquenessConstraints>',
  '<configuration name="Cloud" usedWithCloudKit="YES"><memberEntity name="E"/></configuration>', 'attributeType="constructor"', 'name="__proto__"',
  'optional="NO"', 'parentEntity="E"', 'isAbstract="YES"', 'defaultValueString="x"', '<!DOCTYPE m [<!ENTITY e "&e;&e;">]>', '&e;', '&#xD800;', '&amp;'];

export const target: FuzzTarget = {
  name: 'xcdatamodel',
  defaultCount: 10000,
  check(seed: number): FuzzResult {
    seeds ??= seedTexts((p) => p.endsWith('/contents') || p.endsWith('.contents.xml'), ['xcdatamodel'], 2);
    const rng = new Prng(seed);
    const base = rng.pick(seeds);
    const text = noteInput(mutate(rng, base.text, VOCABULARY, rng.pick(seeds).text));
    const { model, editor } = readModelXml(text);
    for (const mode of ['auto', 'always'] as const) {
      const findings = lintModel(model, editor, { mode });
      const r = checkFindingRanges(text, findings);
      if (!r.ok) return fail(r.kind, `${r.detail} (mode ${mode}, from ${base.file})`);
      for (const f of findings) for (const fix of f.fixes ?? []) for (const e of fix.edits) {
        if (!(e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= text.length)) return fail('bad-range', `${f.ruleId} fix edit ${e.span.start}-${e.span.end} outside the text`);
      }
    }
    if (!model.problems.some((p) => p.severity === 'error') && model.root !== undefined) {
      const printed = printSchema(deriveSchema(model, { profile: 'export' }));
      const reparsed = parseCkdb(printed);
      if (reparsed.findings.length) return fail('schema-round-trip', `derived schema does not re-parse: ${reparsed.findings[0].message} (from ${base.file})`);
    }
    return OK;
  },
};
