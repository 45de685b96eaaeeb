import assert from 'node:assert/strict';
import { completionContext, completionEntries } from '../../../src/core/ckdb/completion';
import { parseCkdb } from '../../../src/core/ckdb/parser';

/** The context at the `|` in `src`. */
function ctx(src: string): string {
  const at = src.indexOf('|');
  return completionContext(src.slice(0, at) + src.slice(at + 1), at);
}

describe('ckdb completion', () => {
  it('knows where it is in the grammar', () => {
    assert.equal(ctx('|'), 'header');
    assert.equal(ctx('DEFINE SCHEMA\n    |'), 'statement');
    assert.equal(ctx('DEFINE SCHEMA\n    RECORD TYPE A ( x STRING );\n    REC|'), 'statement');
    assert.equal(ctx('DEFINE SCHEMA RECORD TYPE A (\n    |'), 'member');
    assert.equal(ctx('DEFINE SCHEMA RECORD TYPE A ( x STRING, |'), 'member');
    assert.equal(ctx('DEFINE SCHEMA RECORD TYPE A ( x STRING, y |'), 'type');
    assert.equal(ctx('DEFINE SCHEMA RECORD TYPE A ( x STRING, y ST|'), 'type');
    assert.equal(ctx('DEFINE SCHEMA RECORD TYPE A ( x ENCRYPTED |'), 'encryptedType');
    assert.equal(ctx('DEFINE SCHEMA RECORD TYPE A ( x LIST<|'), 'listElement');
    assert.equal(ctx('DEFINE SCHEMA RECORD TYPE A ( x NUMBER PREFERRED AS |'), 'preferredAs');
    assert.equal(ctx('DEFINE SCHEMA RECORD TYPE A ( x STRING |'), 'afterType');
    assert.equal(ctx('DEFINE SCHEMA RECORD TYPE A ( x LIST<STRING> QUERYABLE |'), 'afterType');
    assert.equal(ctx('DEFINE SCHEMA RECORD TYPE A ( x STRING, GRANT |'), 'permission');
    assert.equal(ctx('DEFINE SCHEMA RECORD TYPE A ( x STRING, GRANT READ, |'), 'permission');
    assert.equal(ctx('DEFINE SCHEMA RECORD TYPE A ( x STRING, GRANT READ, WRITE |'), 'afterPermission');
    assert.equal(ctx('DEFINE SCHEMA RECORD TYPE A ( x STRING, GRANT READ, WRITE TO |'), 'role');
    assert.equal(ctx('DEFINE SCHEMA RECORD TYPE A ( GRANT READ TO "_world", |'), 'member');
    assert.equal(ctx('DEFINE SCHEMA RECORD TYPE A ( x STRING ) |'), 'none');
    assert.equal(ctx('DEFINE SCHEMA RECORD TYPE |'), 'none');
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

  it('knows where it is when the keywords are written in lower case', () => {
    assert.equal(ctx('define schema\n    |'), 'statement');
    assert.equal(ctx('define schema record type A ( x encrypted |'), 'encryptedType');
    assert.equal(ctx('define schema record type A ( x number preferred as |'), 'preferredAs');
    assert.equal(ctx('define schema record type A ( x list<|'), 'listElement');
    assert.equal(ctx('define schema record type A ( x list<string> queryable |'), 'afterType');
    assert.equal(ctx('define schema record type A ( x string sortable |'), 'afterType');
    assert.equal(ctx('define schema record type A ( x string, grant read, |'), 'permission');
    assert.equal(ctx('define schema record type A ( x string, grant read, write |'), 'afterPermission');
    assert.equal(ctx('define schema record type A ( x string, grant read, write to |'), 'role');
    assert.equal(ctx('define schema record type A ( grant read to "_world", |'), 'member');
    assert.equal(ctx('define schema record type A ( x list |'), 'none');
    assert.equal(ctx('define schema record type A ( x list<string |'), 'none');
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
