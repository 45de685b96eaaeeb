import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkCkdb } from '../../../src/core/ckdb/check-ckdb';
import { completionContext } from '../../../src/core/ckdb/completion';
import { formatCkdb } from '../../../src/core/ckdb/formatter';
import { hoverAt } from '../../../src/core/ckdb/hover';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { applyEdits } from '../../../src/core/text/span';
import { stripSpans } from './helpers';

const TEXT = `DEFINE SCHEMA
    CREATE ROLE Admin;

    RECORD TYPE CD_Item (
        CD_entityName   STRING QUERYABLE,
        CD_note_ckAsset ASSET,
        secret          ENCRYPTED STRING,
        "___recordID"   REFERENCE QUERYABLE,
        GRANT READ TO "_world",
        GRANT WRITE TO Admin,
        GRANT CREATE TO Nobody
    );
`;

describe('ckdb hover', () => {
  const parsed = parseCkdb(TEXT);
  const hover = (needle: string, delta = 1): string | undefined => hoverAt(parsed, TEXT, TEXT.indexOf(needle) + delta)?.markdown;

  it('describes record types, fields, system fields and Core Data conventions', () => {
    assert.match(hover('CD_Item')!, /\*\*record type\*\* `CD_Item`: 3 fields .*Core Data: entity `Item`/s);
    assert.match(hover('CD_entityName')!, /`STRING QUERYABLE`.*concrete entity/s);
    assert.match(hover('CD_note_ckAsset')!, /value of `CD_note` as an asset/);
    assert.match(hover('"___recordID"')!, /system field.*recordName is not marked queryable/s);
    assert.match(hover('secret')!, /indexes on encrypted fields/);
  });

  it('describes roles (implicit, declared, undeclared) and keywords', () => {
    assert.match(hover('"_world"')!, /all users/);
    assert.match(hover('TO Admin', 4)!, /custom role declared on line 2/);
    assert.match(hover('Nobody')!, /not declared/);
    assert.match(hover('QUERYABLE')!, /equality lookups/);
    assert.match(hover('ENCRYPTED')!, /encryptedValues/);
    assert.equal(hoverAt(parsed, TEXT, TEXT.indexOf('(') ), undefined);
  });
});

/** Random texts from schema fragments: the parser, checks, formatter, hover and completion never throw. */
const FRAGMENTS = ['DEFINE', 'SCHEMA', 'RECORD', 'TYPE', 'CREATE', 'ROLE', 'GRANT', 'READ', 'WRITE', 'TO', 'LIST', 'ENCRYPTED', 'NUMBER',
  'PREFERRED', 'AS', 'STRING', 'INT64', 'QUERYABLE', 'x', 'Name', '"q"', '"___recordID"', '"_world"', '(', ')', ',', ';', '<', '>',
  '// c\n', '-- c\n', '/* c */', '/*', '"', ' ', '\n', '\r\n', '\t', '@', 'é'];

const CONTEXTS = new Set(['header', 'statement', 'member', 'type', 'encryptedType', 'listElement', 'preferredAs', 'afterType', 'permission', 'afterPermission', 'role', 'none']);

describe('ckdb robustness (property)', () => {
  it('never throws; spans stay inside the text; formatting is idempotent and keeps the schema; hovers cover their offset', () => {
    let hovers = 0;
    const contexts = new Set<string>();
    fc.assert(fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }), (parts) => {
      const text = parts.join(' ');
      const findings = checkCkdb(text);
      for (const f of findings) assert.ok(f.span.start >= 0 && f.span.end <= text.length && f.span.start <= f.span.end);
      const edits = formatCkdb(text);
      const out = applyEdits(text, edits);
      assert.deepEqual(formatCkdb(out), []);
      assert.deepEqual(stripSpans(parseCkdb(out).schema), stripSpans(parseCkdb(text).schema));
      const parsed = parseCkdb(text);
      for (let o = 0; o <= text.length; o += 7) {
        const h = hoverAt(parsed, text, o);
        if (h) {
          hovers++;
          assert.ok(h.markdown.trim().length > 0, 'a hover has text');
          assert.ok(h.span.start <= o && o <= h.span.end && h.span.end <= text.length, `the hover's span ${h.span.start}-${h.span.end} covers offset ${o}`);
        }
        const c = completionContext(text, o);
        assert.ok(CONTEXTS.has(c), c);
        contexts.add(c);
      }
    }), { numRuns: 400, seed: 4 });
    // The random texts reach hovers and several completion contexts (else the loop above checked nothing).
    assert.ok(hovers > 50, `hovers: ${hovers}`);
    assert.ok(contexts.size >= 6, [...contexts].join(', '));
  });

  it('valid schemas stay valid through the formatter', () => {
    const field = fc.record({
      name: fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,8}$/).filter((n) => !['grant', 'preferred', 'queryable', 'sortable', 'searchable'].includes(n.toLowerCase())),
      type: fc.constantFrom('STRING', 'INT64', 'LIST<STRING>', 'ENCRYPTED BYTES', 'NUMBER PREFERRED AS DOUBLE', 'ASSET', 'LOCATION'),
      opts: fc.constantFrom('', ' QUERYABLE', ' QUERYABLE SORTABLE'),
      comment: fc.constantFrom('', ' // why', ' /* note */'),
    });
    fc.assert(fc.property(fc.array(field, { minLength: 1, maxLength: 8 }), (fields) => {
      const text = `DEFINE SCHEMA\nRECORD TYPE T (\n${fields.map((f, i) => `${f.name}_${i} ${f.type}${f.opts}${i < fields.length - 1 ? ',' : ''}${f.comment}`).join('\n')}\n);\n`;
      assert.deepEqual(parseCkdb(text).findings, []);
      const out = applyEdits(text, formatCkdb(text));
      assert.deepEqual(parseCkdb(out).findings, []);
      assert.deepEqual(stripSpans(parseCkdb(out).schema), stripSpans(parseCkdb(text).schema));
      assert.equal(parseCkdb(out).comments.length, parseCkdb(text).comments.length);
    }), { numRuns: 200, seed: 7 });
  });
});
