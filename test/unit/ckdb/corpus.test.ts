import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { checkCkdb } from '../../../src/core/ckdb/check-ckdb';
import { formatCkdb } from '../../../src/core/ckdb/formatter';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { printSchema } from '../../../src/core/ckdb/printer';
import { applyEdits } from '../../../src/core/text/span';
import { corpusPath } from '../../helpers/paths';
import { stripSpans } from './helpers';

/** MANIFEST.tsv rows: saved_file, repo, path, commit, notes (TSV with CSV-style quoting of notes). */
interface Row { file: string; notes: string }

function manifest(): Row[] {
  const text = fs.readFileSync(corpusPath('ckdb', 'MANIFEST.tsv'), 'utf8');
  return text.split(/\r?\n/).slice(1).filter((l) => l.trim()).map((l) => {
    const cols = l.split('\t');
    let notes = cols.slice(4).join('\t');
    if (notes.startsWith('"') && notes.endsWith('"')) notes = notes.slice(1, -1).replace(/""/g, '"');
    return { file: cols[0], notes };
  });
}

const rows = manifest();
const read = (f: string): string => fs.readFileSync(corpusPath('ckdb', f), 'utf8');

describe('ckdb corpus', () => {
  it('the manifest lists every corpus file, and some as invalid', () => {
    const files = fs.readdirSync(path.dirname(corpusPath('ckdb', 'MANIFEST.tsv'))).filter((f) => f.endsWith('.ckdb')).sort();
    assert.deepEqual(rows.map((r) => r.file).sort(), files);
    assert.ok(files.length >= 40);
    assert.equal(rows.filter((r) => /INVALID/.test(r.notes)).length, 2);
  });

  for (const row of rows) {
    const invalid = /INVALID/.test(row.notes);
    if (!invalid) {
      it(`${row.file}: parses without an error, with the manifest's counts`, () => {
        const text = read(row.file);
        const errors = checkCkdb(text).filter((f) => f.severity === 'error');
        assert.deepEqual(errors.map((f) => `${f.range.start.line + 1}: ${f.ruleId} ${f.message}`), []);
        const { schema } = parseCkdb(text);
        const m = /(\d+) record types, (\d+) fields, (\d+) roles/.exec(row.notes);
        if (m) {
          assert.equal(schema.recordTypes.length, Number(m[1]), 'record types');
          assert.equal(schema.recordTypes.reduce((n, t) => n + t.fields.length, 0), Number(m[2]), 'fields');
          assert.equal(schema.roles.length, Number(m[3]), 'roles');
        }
      });
    } else {
      it(`${row.file}: reports its error at the right line (${row.notes.replace(/^.*INVALID[^:]*: /, '')})`, () => {
        const text = read(row.file);
        const lines = text.split(/\r?\n/);
        // The offending text quoted in the note, else (not a schema at all) the first line of code.
        const snippet = /(GRANT [^()]*?"_\w+", "_\w+")/.exec(row.notes)?.[1];
        const expected = snippet
          ? lines.flatMap((l, i) => (l.includes(snippet) ? [i] : []))
          : [lines.findIndex((l) => l.trim() !== '' && !/^\s*(\/\/|--)/.test(l))];
        assert.ok(expected.length > 0 && expected[0] >= 0);
        const errorLines = checkCkdb(text).filter((f) => f.severity === 'error').map((f) => f.range.start.line);
        assert.deepEqual([...new Set(errorLines)].sort((a, b) => a - b), expected);
      });
    }
  }

  it('print(parse(x)) re-parses to the same SchemaIR for every valid corpus file', () => {
    for (const row of rows.filter((r) => !/INVALID: not a schema/.test(r.notes))) {
      const schema = parseCkdb(read(row.file)).schema;
      const printed = printSchema(schema);
      const again = parseCkdb(printed);
      assert.deepEqual(again.findings, [], row.file);
      assert.deepEqual(stripSpans(again.schema), stripSpans(schema), row.file);
      assert.equal(printSchema(again.schema), printed, row.file);
    }
  });

  it('formatting is idempotent, keeps every comment and the schema, and leaves exports as they are', () => {
    let exportsUntouched = 0;
    for (const row of rows) {
      const text = read(row.file);
      const once = applyEdits(text, formatCkdb(text));
      assert.deepEqual(formatCkdb(once), [], row.file);
      const before = parseCkdb(text);
      const after = parseCkdb(once);
      assert.deepEqual(stripSpans(after.schema), stripSpans(before.schema), row.file);
      assert.deepEqual(after.comments.map((c) => once.slice(c.span.start, c.span.end)),
        before.comments.map((c) => text.slice(c.span.start, c.span.end)), row.file);
      // Without comments, the formatted text is the printed (cktool) layout, except for the blank lines
      // a user put between groups of members, which the formatter keeps.
      if (before.findings.length === 0 && before.comments.length === 0) {
        assert.equal(once.replace(/\n\n(?=        )/g, '\n'), printSchema(after.schema), row.file);
      }
      if (text === printSchema(before.schema)) { exportsUntouched++; assert.equal(once, text, row.file); }
    }
    assert.ok(exportsUntouched >= 10, `exports printed byte-for-byte: ${exportsUntouched}`);
  });
});
