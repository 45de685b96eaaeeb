import { parseCkdb } from '../../../src/core/ckdb/parser';
import { diffSchemas, planToFindings, planToJson, summaryText } from '../../../src/core/deploy';
import { checkFindingRanges, fail, mutate, noteInput, OK, Prng, seedTexts, type FuzzResult, type FuzzTarget } from '../support';

/**
 * The deploy check (src/core/deploy): a development and a production schema, each a mutation of an
 * example or corpus .ckdb (often of the same file, so the diff has something to say), diffed both ways.
 * No exception; every change placed inside its file (span and range); the plan is the same when computed
 * twice (no hidden state); a schema diffed against itself is deployable with no blocked change.
 */
let seeds: ReturnType<typeof seedTexts> | undefined;
const VOCABULARY = ['RECORD TYPE', 'x STRING', 'x INT64', 'x DOUBLE QUERYABLE', 'LIST<REFERENCE>', 'ENCRYPTED', 'SORTABLE', 'SEARCHABLE', 'GRANT WRITE TO "_creator"', 'CREATE ROLE R;', ',', ');'];

export const target: FuzzTarget = {
  name: 'deploy-diff',
  defaultCount: 10000,
  check(seed: number): FuzzResult {
    seeds ??= seedTexts((p) => p.endsWith('.ckdb'), ['ckdb'], 2);
    const rng = new Prng(seed);
    const base = rng.pick(seeds);
    const devText = mutate(rng, base.text, VOCABULARY);
    const prodText = rng.chance(0.7) ? mutate(rng, base.text, VOCABULARY) : rng.pick(seeds).text;
    const dev = parseCkdb(devText);
    noteInput(`${devText}\n=== prod ===\n${prodText}`);
    const prod = parseCkdb(prodText);
    for (const [a, b] of [[dev, prod], [prod, dev]] as const) {
      const plan = diffSchemas(a.schema, b.schema);
      const aText = a === dev ? devText : prodText;
      const bText = a === dev ? prodText : devText;
      for (const r of planToFindings(plan, { file: 'dev.ckdb', lines: a.lines }, { file: 'prod.ckdb', lines: b.lines })) {
        const check = checkFindingRanges(r.file === 'dev.ckdb' ? aText : bText, r.findings);
        if (!check.ok) return fail(check.kind, `${check.detail} in ${r.file} (from ${base.file})`);
      }
      if (JSON.stringify(planToJson(diffSchemas(a.schema, b.schema))) !== JSON.stringify(planToJson(plan))) return fail('other', 'the plan differs when computed twice');
      summaryText(plan);
    }
    const self = diffSchemas(dev.schema, dev.schema);
    if (!self.deployable || self.changes.some((c) => c.verdict === 'blocked')) return fail('other', `a schema against itself is not deployable (from ${base.file})`);
    return OK;
  },
};
