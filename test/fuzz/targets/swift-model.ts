import { readSwiftModel, type SwiftSource } from '../../../src/core/model/swift/reader';
import { lintSwiftModel } from '../../../src/core/model/swift/lint';
import type { SwiftParser } from '../../../src/core/swift/syntax-node';
import { loadSwiftParser } from '../../../src/swift-parser/load-node';
import { checkFindingRanges, fail, mutate, noteInput, OK, Prng, seedTexts, type FuzzResult, type FuzzTarget } from '../support';

/**
 * SwiftData models (src/core/model/swift over tree-sitter-swift, the wasm loaded once per worker): one to
 * three Swift files of the examples and the corpus, one of them mutated, read as one model and linted with
 * quick fixes. No exception; every finding's span and range inside its own file. Slower than the other
 * targets (a parse per input), hence 2,000 inputs.
 */
let seeds: ReturnType<typeof seedTexts> | undefined;
let parser: SwiftParser | undefined;
const VOCABULARY = ['@Model', '@Model final class X {', '}', '{', '@Attribute(.unique)', '@Attribute(.externalStorage)', '@Relationship(deleteRule: .cascade, inverse: \\X.y)',
  '@Transient', 'var a: String = ""', 'var b: Int?', 'var c: [X] = []', 'let d: Date', '#Unique<X>([\\.a])', '#Index<X>([\\.a])', 'enum V1: VersionedSchema {',
  'static var models: [any PersistentModel.Type] { [X.self] }', 'init() {}', '/*', '*/', '//', '"""', '"', '\\(', '`', 'typealias X = Y', 'extension X {', '#if DEBUG', '#endif'];

export const target: FuzzTarget = {
  name: 'swift-model',
  defaultCount: 2000,
  budgetMs: 5000,
  async check(seed: number): Promise<FuzzResult> {
    seeds ??= seedTexts((p) => p.endsWith('.swift'), ['swiftdata'], 2);
    parser ??= await loadSwiftParser();
    const rng = new Prng(seed);
    const picked = new Map<string, string>();
    for (let k = 1 + rng.int(3); k > 0; k--) { const s = rng.pick(seeds); picked.set(s.file, s.text); }
    const sources: SwiftSource[] = [...picked].map(([path, text]) => ({ path, text }));
    const i = rng.int(sources.length);
    sources[i] = { path: sources[i].path, text: mutate(rng, sources[i].text, VOCABULARY, rng.pick(seeds).text) };
    noteInput(sources.map((x) => `=== ${x.path} ===\n${x.text}`).join('\n'));
    const model = readSwiftModel(sources, parser, { usedWithCloudKit: rng.chance(0.7) });
    const texts = new Map(sources.map((s) => [s.path, s.text]));
    for (const { file, finding } of lintSwiftModel(model, { mode: 'always' })) {
      const text = texts.get(file);
      if (text === undefined) return fail('other', `finding in a file not read: ${file}`);
      const r = checkFindingRanges(text, [finding]);
      if (!r.ok) return fail(r.kind, `${r.detail} in ${file}`);
      for (const fix of finding.fixes ?? []) for (const e of fix.edits) {
        if (!(e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= text.length + 1e9)) return fail('bad-range', `${finding.ruleId} fix edit ${e.span.start}-${e.span.end}`);
      }
    }
    return OK;
  },
};
