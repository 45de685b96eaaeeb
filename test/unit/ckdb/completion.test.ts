import assert from 'node:assert/strict';
import { completionContext, completionEntries } from '../../../src/core/ckdb/completion';
import { parseCkdb } from '../../../src/core/ckdb/parser';

/** The context at the `|` in `src`. */
function ctx(src: string): string {
  const at = src.indexOf('|');
  return completionContext(src.slice(0, at) + src.slice(at + 1), at);
}

describe('ckdb completion', () => {
  /** Where the cursor `|` is and the context it is in: each case runs as written and in lower case. */
  const CASES: Array<[string, string]> = [
    ['|', 'header'],
    ['DEFINE SCHEMA\n    |', 'statement'],
    ['DEFINE SCHEMA\n    RECORD TYPE A ( x STRING );\n    REC|', 'statement'],
    ['DEFINE SCHEMA RECORD TYPE A (\n    |', 'member'],
    ['DEFINE SCHEMA RECORD TYPE A ( x STRING, |', 'member'],
    ['DEFINE SCHEMA RECORD TYPE A ( x STRING, y |', 'type'],
    ['DEFINE SCHEMA RECORD TYPE A ( x STRING, y ST|', 'type'],
    ['DEFINE SCHEMA RECORD TYPE A ( x ENCRYPTED |', 'encryptedType'],
    ['DEFINE SCHEMA RECORD TYPE A ( x LIST<|', 'listElement'],
    ['DEFINE SCHEMA RECORD TYPE A ( x NUMBER PREFERRED AS |', 'preferredAs'],
    ['DEFINE SCHEMA RECORD TYPE A ( x STRING |', 'afterType'],
    ['DEFINE SCHEMA RECORD TYPE A ( x STRING SORTABLE |', 'afterType'],
    ['DEFINE SCHEMA RECORD TYPE A ( x LIST<STRING> QUERYABLE |', 'afterType'],
    ['DEFINE SCHEMA RECORD TYPE A ( x STRING, GRANT |', 'permission'],
    ['DEFINE SCHEMA RECORD TYPE A ( x STRING, GRANT READ, |', 'permission'],
    ['DEFINE SCHEMA RECORD TYPE A ( x STRING, GRANT READ, WRITE |', 'afterPermission'],
    ['DEFINE SCHEMA RECORD TYPE A ( x STRING, GRANT READ, WRITE TO |', 'role'],
    ['DEFINE SCHEMA RECORD TYPE A ( GRANT READ TO "_world", |', 'member'],
    ['DEFINE SCHEMA RECORD TYPE A ( x STRING ) |', 'none'],
    ['DEFINE SCHEMA RECORD TYPE |', 'none'],
    ['DEFINE SCHEMA RECORD TYPE A ( x LIST |', 'none'],
    ['DEFINE SCHEMA RECORD TYPE A ( x LIST<STRING |', 'none'],
  ];

  it('knows where it is in the grammar', () => {
    for (const [src, want] of CASES) assert.equal(ctx(src), want, src);
  });

  it('knows where it is when the keywords are written in lower case', () => {
    for (const [src, want] of CASES) assert.equal(ctx(src.toLowerCase()), want, src.toLowerCase());
  });

  it('offers types, options, permissions and roles (declared ones too)', () => {
    const labels = (c: Parameters<typeof completionEntries>[0], text = '') => completionEntries(c, parseCkdb(text).schema).map((e) => e.label);
    assert.ok(labels('type').includes('STRING'));
    assert.ok(labels('type').includes('LIST<...>'));
    assert.ok(labels('type').includes('NUMBER PREFERRED AS INT64'));
    assert.ok(!labels('encryptedType').includes('ASSET'));
    assert.deepEqual(labels('afterType'), ['QUERYABLE', 'SORTABLE', 'SEARCHABLE']);
    assert.deepEqual(labels('permission'), ['READ', 'CREATE', 'WRITE']);
    assert.deepEqual(labels('role', 'DEFINE SCHEMA CREATE ROLE Admin;'), ['"_creator"', '"_world"', '"_icloud"', 'Admin']);
    assert.ok(labels('member').includes('"___recordID"'));
  });

  it('offers exactly these entries in each context', () => {
    const entries = (c: Parameters<typeof completionEntries>[0]) =>
      completionEntries(c, parseCkdb('DEFINE SCHEMA CREATE ROLE Admin;').schema).map((e) => `${e.label}:${e.kind}`);
    const types = (names: string[]) => names.map((n) => `${n}:type`);
    const bases = ['ASSET', 'BYTES', 'DOUBLE', 'INT64', 'LOCATION', 'REFERENCE', 'STRING', 'TIMESTAMP'];
    assert.deepEqual(entries('header'), ['DEFINE SCHEMA:keyword']);
    assert.deepEqual(entries('statement'), ['RECORD TYPE:snippet', 'CREATE ROLE:snippet']);
    assert.deepEqual(entries('member'), ['GRANT:keyword', ...['___createTime', '___createdBy', '___etag', '___modTime', '___modifiedBy', '___recordID'].map((n) => `"${n}":field`)]);
    assert.deepEqual(entries('type'), [...types(bases), 'LIST<...>:type', 'ENCRYPTED:keyword', ...types(['NUMBER PREFERRED AS INT64', 'NUMBER PREFERRED AS DOUBLE'])]);
    // Encryption: BYTES, STRING, DOUBLE, INT64, LOCATION and TIMESTAMP only (the parser's CKS rule text, reference §1).
    assert.deepEqual(entries('encryptedType'), types(['BYTES', 'STRING', 'DOUBLE', 'INT64', 'LOCATION', 'TIMESTAMP']));
    assert.deepEqual(entries('listElement'), [...types(bases), 'ENCRYPTED:keyword']);
    assert.deepEqual(entries('preferredAs'), types(['INT64', 'DOUBLE']));
    assert.deepEqual(entries('afterPermission'), ['TO:keyword']);
    assert.deepEqual(entries('role'), ['"_creator":role', '"_world":role', '"_icloud":role', 'Admin:role']);
    assert.deepEqual(entries('none'), []);
    const snippets = completionEntries('statement');
    assert.equal(snippets[1].insertText, 'CREATE ROLE ${1:Name};');
    for (const f of ['"___createTime" TIMESTAMP', '"___createdBy" REFERENCE', '"___etag" STRING', '"___modTime" TIMESTAMP', '"___modifiedBy" REFERENCE', '"___recordID" REFERENCE QUERYABLE']) {
      assert.ok(snippets[0].insertText?.includes(f), `the RECORD TYPE snippet declares ${f}`);
    }
    const system = completionEntries('member').find((e) => e.label === '"___recordID"');
    assert.equal(system?.insertText, '"___recordID" REFERENCE QUERYABLE');
    assert.equal(system?.detail, 'system field, REFERENCE');
  });
});
