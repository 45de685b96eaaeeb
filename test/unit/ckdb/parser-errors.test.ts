import assert from 'node:assert/strict';
import { parseCkdb } from '../../../src/core/ckdb/parser';

/**
 * The parser's syntax errors, each pinned by the text its span covers and its message (issue 18: the
 * recovery paths and messages were the ckdb parser's surviving mutants). Every case starts with
 * DEFINE SCHEMA so only the error under test is found.
 */
function errors(body: string): string[] {
  const text = `DEFINE SCHEMA\n${body}`;
  return parseCkdb(text).findings.map((f) => `${JSON.stringify(text.slice(f.span.start, f.span.end))} ${f.message}`);
}

const CASES: readonly (readonly [string, string[]])[] = [
  ['RECORD TYPE T ( a ENCRYPTED ASSET );', ['"ENCRYPTED ASSET" ASSET cannot be ENCRYPTED: only BYTES, STRING, DOUBLE, INT64, LOCATION and TIMESTAMP can (assets are always encrypted).']],
  ['RECORD TYPE T ( a ENCRYPTED REFERENCE );', ['"ENCRYPTED REFERENCE" REFERENCE cannot be ENCRYPTED: only BYTES, STRING, DOUBLE, INT64, LOCATION and TIMESTAMP can (references cannot be encrypted).']],
  ['RECORD TYPE T ( a ENCRYPTED STRING, b ENCRYPTED BYTES );', []],
  ['RECORD TYPE T ( a LIST STRING );', [`"STRING" Expected '<' after 'LIST', found 'STRING'.`]],
  ['RECORD TYPE T ( a LIST<STRING );', [`")" Expected '>' to close 'LIST<', found ')'.`]],
  ['RECORD TYPE T ( a LIST<LIST<STRING>> );', ['"LIST" A LIST cannot contain a LIST: use a primitive type.']],
  ['RECORD TYPE T ( a NUMBER PREFERRED INT64 );', [`"INT64" Expected 'AS' after 'PREFERRED', found 'INT64'.`]],
  ['RECORD TYPE T ( a NUMBER PREFERRED AS STRING );', [`"STRING" Expected 'INT64' or 'DOUBLE' after 'PREFERRED AS', found 'STRING'.`]],
  ['RECORD TYPE T ( GRANT READ Admin );', [`"Admin" Expected 'TO' or ',' after the permissions of GRANT, found 'Admin'.`]],
  ['RECORD TYPE T ( GRANT READ TO );', [`")" Expected a role name after 'TO', found ')'.`]],
  ['RECORD TYPE T a STRING );', [`"a" Expected '(' after 'RECORD TYPE T', found 'a'.`]],
  ['RECORD TYPE T ( , a STRING );', [`"," Expected a field name or GRANT, found ','.`]],
  ['RECORD TYPE T ( a STRING b STRING );', [`"" Expected ',' or ')' after the previous member, found 'b'.`]],
  ['RECORD TYPE T ( "a" "b" );', [`"\\"b\\"" Expected a data type (STRING, INT64, DOUBLE, TIMESTAMP, BYTES, REFERENCE, ASSET, LOCATION, NUMBER, LIST<...> or ENCRYPTED ...) after field 'a', found "b".`]],
  ['CREATE ROLE Admin RECORD TYPE T ( a STRING );', [`"" Expected ';' after CREATE ROLE Admin, found 'RECORD'.`]],
  ['FOO; RECORD TYPE T ( a STRING );', [`"FOO" Expected 'RECORD TYPE' or 'CREATE ROLE', found 'FOO'.`]],
  // Empty statements are harmless.
  [';; RECORD TYPE T ( a STRING );;', []],
];

describe('ckdb parser: syntax errors, their spans and messages', () => {
  for (const [body, expected] of CASES) {
    it(body, () => assert.deepEqual(errors(body), expected));
  }

  it('reads what follows an error: the statement after a bad one, the fields after a bad one', () => {
    const r = parseCkdb('DEFINE SCHEMA\nFOO BAR; RECORD TYPE T ( a LIST STRING, b STRING ); CREATE ROLE R;');
    assert.deepEqual(r.schema.recordTypes.map((t) => [t.name, t.fields.map((f) => f.name)]), [['T', ['b']]]);
    assert.deepEqual(r.schema.roles.map((x) => x.name), ['R']);
  });

  it('keeps a grant\'s permissions in order and its extra roles (several roles are CKS003\'s finding, not a syntax error)', () => {
    const r = parseCkdb('DEFINE SCHEMA\nRECORD TYPE T ( a STRING, GRANT READ, WRITE TO Admin, Other, b STRING );');
    const t = r.schema.recordTypes[0];
    assert.deepEqual(r.findings, []);
    assert.deepEqual(t.fields.map((f) => f.name), ['a', 'b']);
    assert.deepEqual(t.grants.map((g) => [g.permissions, g.role, (g.extraRoles ?? []).map((x) => x.name)]), [[['READ', 'WRITE'], 'Admin', ['Other']]]);
  });

  it('keeps every option of a field, in order, past the ones it shares between fields', () => {
    const many = 'QUERYABLE '.repeat(9) + 'SORTABLE';
    const r = parseCkdb(`DEFINE SCHEMA\nRECORD TYPE T ( a STRING ${many}, b STRING SORTABLE QUERYABLE, c STRING SORTABLE QUERYABLE, d STRING );`);
    const [a, b, c, d] = r.schema.recordTypes[0].fields;
    assert.deepEqual(a.options, [...Array(9).fill('QUERYABLE'), 'SORTABLE']);
    assert.deepEqual(b.options, ['SORTABLE', 'QUERYABLE']);
    assert.deepEqual(c.options, ['SORTABLE', 'QUERYABLE']);
    assert.deepEqual(d.options, []);
  });
});
