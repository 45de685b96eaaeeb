import assert from 'node:assert/strict';
import { formatCkdb } from '../../../src/core/ckdb/formatter';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { printSchema } from '../../../src/core/ckdb/printer';
import { applyEdits } from '../../../src/core/text/span';

const format = (text: string): string => applyEdits(text, formatCkdb(text));

describe('ckdb printer and formatter', () => {
  it('prints in the cktool export layout', () => {
    const schema = parseCkdb(`DEFINE SCHEMA RECORD TYPE Item ( "___recordID" REFERENCE QUERYABLE, title STRING SEARCHABLE, GRANT READ TO "_world" ); CREATE ROLE Admin;`).schema;
    assert.equal(printSchema(schema), [
      'DEFINE SCHEMA',
      '',
      '    CREATE ROLE Admin;',
      '',
      '    RECORD TYPE Item (',
      '        "___recordID" REFERENCE QUERYABLE,',
      '        title         STRING SEARCHABLE,',
      '        GRANT READ TO "_world"',
      '    );',
      '',
    ].join('\n'));
  });

  it('quotes names that must be quoted even if the IR says bare', () => {
    const printed = printSchema({ roles: [], recordTypes: [{ name: 'T', quoted: false, grants: [], fields: [
      { name: 'grant', quoted: false, type: { kind: 'primitive', base: 'STRING', encrypted: false }, options: [] },
      { name: '___etag', quoted: false, type: { kind: 'primitive', base: 'STRING', encrypted: false }, options: [] },
    ] }] });
    assert.match(printed, /"grant"   STRING,\n        "___etag" STRING\n/);
  });

  it('formats to the same layout as the printer, keeping every comment', () => {
    const text = `-- my schema\ndefine schema\nrecord type Item(\n// system\n"___recordID" reference queryable, -- keep the index\n  title string,\n\n\n  /* grants */ grant read to "_world");\nCREATE ROLE   Admin ;`;
    const out = format(text);
    assert.equal(out, [
      '-- my schema',
      'DEFINE SCHEMA',
      '',
      '    RECORD TYPE Item (',
      '        // system',
      '        "___recordID" REFERENCE QUERYABLE, -- keep the index',
      '        title         STRING,',
      '',
      '        /* grants */ GRANT READ TO "_world"',
      '    );',
      '',
      '    CREATE ROLE Admin;',
      '',
    ].join('\n'));
    assert.deepEqual(formatCkdb(out), []);
  });

  it('indents a comment on its own line like the code after it: 8 spaces before `)`, 4 before a statement (after its blank line), none at the top', () => {
    const text = 'define schema\n  -- roles\nCREATE ROLE Admin;\nrecord type A (\nx string\n  // after the last field\n    /* and a block */\n);\n-- the end\n';
    assert.equal(format(text), [
      'DEFINE SCHEMA',
      '',
      '    -- roles',
      '    CREATE ROLE Admin;',
      '',
      '    RECORD TYPE A (',
      '        x STRING',
      '        // after the last field',
      '        /* and a block */',
      '    );',
      '',
      '    -- the end',
      '',
    ].join('\n'));
    assert.equal(format('  // top\nDEFINE SCHEMA RECORD TYPE A ( x STRING );'), '// top\nDEFINE SCHEMA\n\n    RECORD TYPE A (\n        x STRING\n    );\n');
  });

  it('returns minimal edits: a formatted file gets none, one misaligned field gets one edit', () => {
    const good = printSchema(parseCkdb(`DEFINE SCHEMA RECORD TYPE A ( abc STRING, d INT64 );`).schema);
    assert.deepEqual(formatCkdb(good), []);
    const bad = good.replace('d   INT64', 'd INT64');
    const edits = formatCkdb(bad);
    assert.equal(edits.length, 1);
    assert.equal(applyEdits(bad, edits), good);
  });

  it('leaves a file with syntax errors alone', () => {
    assert.deepEqual(formatCkdb(`DEFINE SCHEMA RECORD TYPE A ( x STRNG );`), []);
    assert.deepEqual(formatCkdb('import Foundation'), []);
    assert.deepEqual(formatCkdb(''), []);
  });

  it('keeps CRLF line ends', () => {
    const text = 'DEFINE SCHEMA\r\nRECORD TYPE A ( x STRING );\r\n';
    const out = format(text);
    assert.equal(out, 'DEFINE SCHEMA\r\n\r\n    RECORD TYPE A (\r\n        x STRING\r\n    );\r\n');
  });

  it('formats NUMBER PREFERRED AS, LIST<...> and extra grant roles', () => {
    const out = format(`DEFINE SCHEMA RECORD TYPE A ( n number preferred as int64, l LIST < encrypted STRING >, GRANT READ,WRITE TO "_creator","_icloud" );`);
    assert.match(out, /n NUMBER PREFERRED AS INT64,\n        l LIST<ENCRYPTED STRING>,\n        GRANT READ, WRITE TO "_creator", "_icloud"\n/);
  });

  it('keeps a BOM and CRLF, upper-cases lower-case keywords, aligns a field named grant, keeps a grant\'s extra roles', () => {
    const text = '\uFEFFdefine schema\r\ncreate role Admin;\r\ncreate role Other;\r\n\r\nrecord type "Item" (\r\n"grant" string, grant list<encrypted string> queryable sortable, n number preferred as int64,\r\ngrant read, write to Admin, Other,\r\nGRANT create to "_world"\r\n) ;\r\n';
    const out = format(text);
    assert.equal(out, '\uFEFF' + [
      'DEFINE SCHEMA',
      '',
      '    CREATE ROLE Admin;',
      '    CREATE ROLE Other;',
      '',
      '    RECORD TYPE "Item" (',
      '        "grant" STRING,',
      '        grant   LIST<ENCRYPTED STRING> QUERYABLE SORTABLE,',
      '        n       NUMBER PREFERRED AS INT64,',
      '        GRANT READ, WRITE TO Admin, Other,',
      '        GRANT CREATE TO "_world"',
      '    );',
      '',
    ].join('\r\n'));
    assert.equal(format(out), out);
  });

  it('keeps trailing and inner comments with their member, and puts a blank line between record types', () => {
    const out = format('DEFINE SCHEMA\nRECORD TYPE T ( a STRING, -- why\n  bb INT64 /* keep */, c TIMESTAMP ); RECORD TYPE U ( x STRING );\n');
    assert.equal(out, [
      'DEFINE SCHEMA',
      '',
      '    RECORD TYPE T (',
      '        a  STRING, -- why',
      '        bb INT64 /* keep */ ,',
      '        c  TIMESTAMP',
      '    );',
      '',
      '    RECORD TYPE U (',
      '        x STRING',
      '    );',
      '',
    ].join('\n'));
    assert.equal(format(out), out);
  });
});
