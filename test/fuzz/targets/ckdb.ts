import { checkCkdb } from '../../../src/core/ckdb/check-ckdb';
import { formatCkdb } from '../../../src/core/ckdb/formatter';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { printSchema } from '../../../src/core/ckdb/printer';
import { applyEdits } from '../../../src/core/text/span';
import { checkFindingRanges, fail, mutate, noteInput, OK, Prng, seedTexts, type FuzzResult, type FuzzTarget } from '../support';

/**
 * CloudKit schema files (.ckdb): mutations of the examples, the derive fixtures and the corpus schemas
 * through the parser and every CKS check (no exception, valid ranges), the formatter (edits inside the
 * text and not overlapping; idempotent: formatting the result changes nothing; lossless: only whitespace
 * changes, so every token and comment survives) and, for a file without syntax errors, the printer
 * (the printed schema re-parses to the same record types).
 */
let seeds: ReturnType<typeof seedTexts> | undefined;
const VOCABULARY = ['DEFINE SCHEMA', 'RECORD TYPE', 'CREATE ROLE R;', 'GRANT READ, WRITE TO "_world"', 'LIST<STRING>', 'LIST<', 'ENCRYPTED', 'NUMBER PREFERRED AS INT64',
  'QUERYABLE', 'SORTABLE', 'SEARCHABLE', '"___recordID" REFERENCE QUERYABLE', '"quoted name"', '"', 'x STRING,', ');', '(', '-- c', '// c', '/* c */', '/*',
  'RECORD TYPE Feed // (', 'constructor', '__proto__', 'CD_x', 'Users'];

const squeeze = (s: string): string => s.replace(/\s+/g, '');

export const target: FuzzTarget = {
  name: 'ckdb',
  defaultCount: 10000,
  check(seed: number): FuzzResult {
    seeds ??= seedTexts((p) => p.endsWith('.ckdb'), ['ckdb'], 2);
    const rng = new Prng(seed);
    const base = rng.pick(seeds);
    const text = noteInput(mutate(rng, base.text, VOCABULARY, rng.pick(seeds).text));
    const findings = checkCkdb(text);
    const r = checkFindingRanges(text, findings);
    if (!r.ok) return fail(r.kind, `${r.detail} (from ${base.file})`);
    const edits = formatCkdb(text);
    for (const e of edits) if (!(e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= text.length)) return fail('bad-range', `format edit ${e.span.start}-${e.span.end} outside the text`);
    const formatted = applyEdits(text, edits);
    const again = formatCkdb(formatted);
    if (again.length) return fail('format-not-idempotent', `${again.length} edits on the formatted text, first at ${again[0].span.start}: ${JSON.stringify(formatted.slice(again[0].span.start, again[0].span.end + 20))} (from ${base.file})`);
    if (squeeze(formatted) !== squeeze(text)) return fail('format-lossy', `formatting changed more than whitespace (from ${base.file})`);
    const parsed = parseCkdb(text);
    if (parsed.findings.length === 0) {
      const printed = printSchema(parsed.schema);
      const reparsed = parseCkdb(printed);
      if (reparsed.findings.length) return fail('print-round-trip', `printed schema does not re-parse: ${reparsed.findings[0].message}`);
      const names = (s: typeof parsed.schema) => s.recordTypes.map((t) => `${t.name}:${t.fields.length}`).join(',');
      if (names(reparsed.schema) !== names(parsed.schema)) return fail('print-round-trip', 'printed schema re-parses to other record types');
    }
    return OK;
  },
};
