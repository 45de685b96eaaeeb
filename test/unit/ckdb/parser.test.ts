import assert from 'node:assert/strict';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { ENCRYPTABLE, formatFieldType } from '../../../src/core/cloudkit/schema-ir';
import { PRIMITIVE_BASES } from '../../../src/core/ckdb/keywords';

function errorsOf(text: string): string[] {
  return parseCkdb(text).findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);
}

describe('ckdb parser', () => {
  it("parses Apple's example schema", () => {
    const text = `DEFINE SCHEMA
    CREATE ROLE DeptManager;

    RECORD TYPE Department (
        "___createTime" TIMESTAMP QUERYABLE SORTABLE,
        "___recordID" REFERENCE QUERYABLE,
        name STRING,
        address STRING,
        phone LIST<STRING>,
        employees LIST<REFERENCE>,
        GRANT WRITE TO "_creator",
        GRANT CREATE TO "_icloud",
        GRANT READ TO "_world",
        GRANT WRITE, CREATE, READ TO DeptManager
    );
`;
    const r = parseCkdb(text);
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.schema.roles.map((x) => x.name), ['DeptManager']);
    const [dept] = r.schema.recordTypes;
    assert.equal(dept.name, 'Department');
    assert.deepEqual(dept.fields.map((f) => [f.name, f.quoted, formatFieldType(f.type), f.options.join(' ')]), [
      ['___createTime', true, 'TIMESTAMP', 'QUERYABLE SORTABLE'],
      ['___recordID', true, 'REFERENCE', 'QUERYABLE'],
      ['name', false, 'STRING', ''],
      ['address', false, 'STRING', ''],
      ['phone', false, 'LIST<STRING>', ''],
      ['employees', false, 'LIST<REFERENCE>', ''],
    ]);
    assert.deepEqual(dept.grants.map((g) => `${g.permissions.join(',')}>${g.role}`), [
      'WRITE>_creator', 'CREATE>_icloud', 'READ>_world', 'WRITE,CREATE,READ>DeptManager',
    ]);
    const name = dept.fields[2];
    assert.equal(text.slice(name.span!.start, name.span!.end), 'name STRING');
    assert.equal(text.slice(dept.nameSpan!.start, dept.nameSpan!.end), 'Department');
    assert.ok(text.slice(dept.span!.start, dept.span!.end).startsWith('RECORD TYPE Department ('));
    assert.ok(text.slice(dept.span!.start, dept.span!.end).endsWith(');'));
  });

  it('treats keywords as case-insensitive and contextual (type, location, role as field names)', () => {
    const r = parseCkdb(`define schema record type T ( type STRING queryable, location LOCATION, role string, timestamp Timestamp, asset ASSET, grant read to "_world" );`);
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.schema.recordTypes[0].fields.map((f) => `${f.name}:${formatFieldType(f.type)}`),
      ['type:STRING', 'location:LOCATION', 'role:STRING', 'timestamp:TIMESTAMP', 'asset:ASSET']);
    assert.deepEqual(r.schema.recordTypes[0].fields[0].options, ['QUERYABLE']);
    assert.equal(r.schema.recordTypes[0].grants[0].permissions[0], 'READ');
  });

  it('reads all three comment styles and keeps them', () => {
    const text = `-- header\nDEFINE SCHEMA /* block\n comment */\n RECORD TYPE A ( // trailing\n x INT64 -- why\n );\n`;
    const r = parseCkdb(text);
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.comments.map((c) => c.style), ['--', '/*', '//', '--']);
    assert.equal(r.schema.recordTypes[0].fields[0].name, 'x');
  });

  it('parses ENCRYPTED, LIST, NUMBER PREFERRED AS and quoted names with dots', () => {
    const r = parseCkdb(`DEFINE SCHEMA RECORD TYPE "cloudkit.share" ( a ENCRYPTED STRING, b LIST<ENCRYPTED INT64>, c NUMBER PREFERRED AS DOUBLE, d NUMBER, "cloudkit.title" STRING );`);
    assert.deepEqual(r.findings, []);
    const t = r.schema.recordTypes[0];
    assert.equal(t.name, 'cloudkit.share');
    assert.deepEqual(t.fields.map((f) => formatFieldType(f.type)),
      ['ENCRYPTED STRING', 'LIST<ENCRYPTED INT64>', 'NUMBER PREFERRED AS DOUBLE', 'NUMBER', 'STRING']);
  });

  it('reports a missing type with what was expected and where, then recovers', () => {
    const errs = errorsOf(`DEFINE SCHEMA\n RECORD TYPE A (\n  x STRNG,\n  y INT64\n );\n RECORD TYPE B ( z STRING );`);
    assert.equal(errs.length, 1);
    assert.match(errs[0], /^3:5 Expected a data type .* after field 'x', found 'STRNG'\./);
    const r = parseCkdb(`DEFINE SCHEMA\n RECORD TYPE A (\n  x STRNG,\n  y INT64\n );\n RECORD TYPE B ( z STRING );`);
    assert.deepEqual(r.schema.recordTypes.map((t) => `${t.name}:${t.fields.map((f) => f.name).join(',')}`), ['A:y', 'B:z']);
  });

  it('reports a missing comma, a missing semicolon and a missing parenthesis', () => {
    assert.deepEqual(errorsOf(`DEFINE SCHEMA RECORD TYPE A ( x STRING y INT64 );`).length, 1);
    assert.match(errorsOf(`DEFINE SCHEMA RECORD TYPE A ( x STRING y INT64 );`)[0], /Expected ',' or '\)'/);
    const semi = errorsOf(`DEFINE SCHEMA\nRECORD TYPE A ( x STRING )\nRECORD TYPE B ( y STRING );`);
    assert.equal(semi.length, 1);
    assert.match(semi[0], /^2:27 Expected ';' after 'RECORD TYPE A \(\.\.\.\)', found 'RECORD'/);
    const paren = parseCkdb(`DEFINE SCHEMA\nRECORD TYPE A ( x STRING,\nRECORD TYPE B ( y STRING );`);
    assert.equal(paren.findings.length, 1);
    assert.match(paren.findings[0].message, /Expected '\)' to close 'RECORD TYPE A \('/);
    assert.deepEqual(paren.schema.recordTypes.map((t) => t.name), ['A', 'B']);
  });

  it('reports a trailing comma, a missing header and an unterminated quote or comment', () => {
    assert.match(errorsOf(`DEFINE SCHEMA RECORD TYPE A ( x STRING, );`)[0], /trailing comma/);
    assert.match(errorsOf(`RECORD TYPE A ( x STRING );`)[0], /^1:1 Expected 'DEFINE SCHEMA'/);
    assert.match(errorsOf(`DEFINE SCHEMA RECORD TYPE A ( "x STRING );`).join('\n'), /Unterminated quoted identifier/);
    assert.match(errorsOf(`DEFINE SCHEMA /* RECORD TYPE A ( x STRING );`).join('\n'), /Unterminated comment/);
  });

  it('keeps extra roles of a GRANT for the CKS003 check instead of a syntax error', () => {
    const r = parseCkdb(`DEFINE SCHEMA RECORD TYPE A ( x STRING, GRANT CREATE TO "_creator", "_icloud", GRANT READ TO "_world" );`);
    assert.deepEqual(r.findings, []);
    const g = r.schema.recordTypes[0].grants;
    assert.equal(g.length, 2);
    assert.deepEqual(g[0].extraRoles?.map((x) => x.name), ['_icloud']);
  });

  it('rejects ENCRYPTED on ASSET and REFERENCE, and a bad PREFERRED AS', () => {
    assert.match(errorsOf(`DEFINE SCHEMA RECORD TYPE A ( x ENCRYPTED REFERENCE );`)[0], /REFERENCE cannot be ENCRYPTED/);
    assert.match(errorsOf(`DEFINE SCHEMA RECORD TYPE A ( x NUMBER PREFERRED AS STRING );`)[0], /Expected 'INT64' or 'DOUBLE'/);
  });

  it('caps syntax findings on text that is not a schema', () => {
    const r = parseCkdb('DEFINE SCHEMA ' + 'x; '.repeat(5000));
    assert.equal(r.findings.length, 100);
    assert.match(r.findings[99].message, /only the first 100 are reported/);
  });

  it('never throws on arbitrary input: each broken text gets its one error, inside the text', () => {
    // [text, the first finding's message, its start and end]
    const samples: [string, RegExp, number, number][] = [
      ['', /^Expected 'DEFINE SCHEMA' at the start of the schema, found end of file/, 0, 0],
      ['(', /^Expected 'DEFINE SCHEMA' at the start of the schema, found '\('/, 0, 1],
      [')))', /^Expected 'DEFINE SCHEMA' at the start of the schema, found '\)'/, 0, 1],
      ['DEFINE', /^Expected 'SCHEMA' after 'DEFINE', found end of file/, 6, 6],
      ['"', /^Expected 'DEFINE SCHEMA' at the start of the schema/, 0, 1],
      ['/*', /^Unterminated comment: add the closing '\*\/'/, 0, 2],
      ['DEFINE SCHEMA RECORD TYPE', /^Expected a record type name after 'RECORD TYPE', found end of file/, 25, 25],
      ['DEFINE SCHEMA CREATE ROLE ;', /^Expected a role name after 'CREATE ROLE', found ';'/, 26, 27],
      ['\u0000\uffff\ud800', /^Expected 'DEFINE SCHEMA' at the start of the schema/, 0, 1],
      ['DEFINE SCHEMA RECORD TYPE A ( x LIST<LIST<STRING>> );', /^A LIST cannot contain a LIST: use a primitive type/, 37, 41],
    ];
    for (const [text, message, start, end] of samples) {
      const r = parseCkdb(text);
      assert.ok(r.findings.length >= 1, JSON.stringify(text));
      assert.match(r.findings[0].message, message, JSON.stringify(text));
      assert.deepEqual([r.findings[0].span.start, r.findings[0].span.end], [start, end], JSON.stringify(text));
      for (const f of r.findings) {
        assert.equal(f.severity, 'error');
        assert.ok(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length, `${JSON.stringify(text)}: span inside the text`);
      }
    }
  });
});

describe('ckdb parser: spans kept as offsets (issue 17, parse allocation)', () => {
  const slice = (text: string, s: { start: number; end: number } | undefined): string => (s ? text.slice(s.start, s.end) : '<none>');

  it('gives every field its span, name span and type span, short and long parts alike', () => {
    const longName = `f${'x'.repeat(140)}`;
    const gap = ' '.repeat(130);
    const text = `DEFINE SCHEMA
RECORD TYPE T (
    "___recordID" REFERENCE QUERYABLE,
    tags LIST<STRING> QUERYABLE SORTABLE,
    n NUMBER PREFERRED AS INT64,
    ${longName} STRING SEARCHABLE,
    spaced${gap}ENCRYPTED STRING,
    GRANT READ TO "_world"
);`;
    const r = parseCkdb(text);
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.schema.recordTypes[0].fields.map((f) => [slice(text, f.span), slice(text, f.nameSpan), slice(text, f.typeSpan)]), [
      ['"___recordID" REFERENCE QUERYABLE', '"___recordID"', 'REFERENCE'],
      ['tags LIST<STRING> QUERYABLE SORTABLE', 'tags', 'LIST<STRING>'],
      ['n NUMBER PREFERRED AS INT64', 'n', 'NUMBER PREFERRED AS INT64'],
      [`${longName} STRING SEARCHABLE`, longName, 'STRING'],
      [`spaced${gap}ENCRYPTED STRING`, 'spaced', 'ENCRYPTED STRING'],
    ]);
  });

  it('a field serializes with its spans, and its own keys are the FieldIR data only', () => {
    const text = 'DEFINE SCHEMA RECORD TYPE T ( title STRING QUERYABLE );';
    const [f] = parseCkdb(text).schema.recordTypes[0].fields;
    // Type, options and quoted are read through a shape shared by many fields (parsed-field.ts): the name is the only own key.
    assert.deepEqual(Object.keys(f), ['name']);
    assert.deepEqual(JSON.parse(JSON.stringify(f)), {
      name: 'title', quoted: false, type: { kind: 'primitive', base: 'STRING', encrypted: false }, options: ['QUERYABLE'],
      span: { start: 30, end: 52 }, nameSpan: { start: 30, end: 35 }, typeSpan: { start: 36, end: 42 },
    });
  });

  it('every primitive base of the grammar is a field type, alone, encrypted where allowed, in a list, in any case', () => {
    for (const base of PRIMITIVE_BASES) {
      const enc = ENCRYPTABLE.includes(base);
      const text = `define schema record type T ( a ${base}, b ${base.toLowerCase()}, c LIST<${base}>${enc ? `, d ENCRYPTED ${base}` : ''} );`;
      const { schema, findings } = parseCkdb(text);
      assert.deepEqual(findings, [], base);
      const [a, b, c, d] = schema.recordTypes[0].fields;
      assert.deepEqual([a.type, b.type], [{ kind: 'primitive', base, encrypted: false }, { kind: 'primitive', base, encrypted: false }], base);
      assert.deepEqual(c.type, { kind: 'list', element: { kind: 'primitive', base, encrypted: false } }, base);
      if (enc) assert.deepEqual(d.type, { kind: 'primitive', base, encrypted: true }, base);
    }
  });

  it('names that agree in length, ends and middle (one spelling slot) are still read as written', () => {
    const names = ['abcdefghijk', 'abXdefgZijk', 'abcdefghijk', '"abXdefgZijk"', 'a', 'A', 'ab'];
    const text = `DEFINE SCHEMA RECORD TYPE T ( ${names.map((n) => `${n} STRING`).join(', ')} );`;
    const { schema, findings } = parseCkdb(text);
    assert.deepEqual(findings, []);
    assert.deepEqual(schema.recordTypes[0].fields.map((f) => [f.name, f.quoted]), [
      ['abcdefghijk', false], ['abXdefgZijk', false], ['abcdefghijk', false], ['abXdefgZijk', true], ['a', false], ['A', false], ['ab', false],
    ]);
  });

  it('fields of the same type, options and quoting share one shape; others do not', () => {
    const text = 'DEFINE SCHEMA RECORD TYPE T ( a STRING QUERYABLE, b STRING QUERYABLE, "c" STRING QUERYABLE, d STRING, e LIST<STRING> QUERYABLE, f INT64 QUERYABLE SORTABLE SEARCHABLE QUERYABLE SORTABLE SEARCHABLE QUERYABLE SORTABLE SEARCHABLE );';
    const fields = parseCkdb(text).schema.recordTypes[0].fields;
    const [a, b, c, d, e, f] = fields;
    assert.equal(a.type, b.type);
    assert.equal(a.options, b.options);
    assert.deepEqual([c.quoted, c.type, c.options], [true, a.type, a.options]);
    assert.deepEqual([a.quoted, d.options, e.type.kind, e.options], [false, [], 'list', ['QUERYABLE']]);
    assert.notEqual(d.options, a.options);
    // Nine options are more than the shared lists are keyed by: read as written.
    assert.deepEqual(f.options, ['QUERYABLE', 'SORTABLE', 'SEARCHABLE', 'QUERYABLE', 'SORTABLE', 'SEARCHABLE', 'QUERYABLE', 'SORTABLE', 'SEARCHABLE']);
    assert.deepEqual(fields.map((x) => x.name), ['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('matches keywords case-insensitively without taking a longer word or a quoted name for one', () => {
    const r = parseCkdb('define schema record type T ( a string queryable, b list<int64>, c int64s, "STRING" STRING );');
    assert.deepEqual(r.schema.recordTypes[0].fields.map((f) => [f.name, formatFieldType(f.type), f.options.join(' ')]), [
      ['a', 'STRING', 'QUERYABLE'], ['b', 'LIST<INT64>', ''], ['STRING', 'STRING', ''],
    ]);
    assert.deepEqual(r.findings.map((f) => f.message), [`Expected a data type (STRING, INT64, DOUBLE, TIMESTAMP, BYTES, REFERENCE, ASSET, LOCATION, NUMBER, LIST<...> or ENCRYPTED ...) after field 'c', found 'int64s'.`]);
  });
});
