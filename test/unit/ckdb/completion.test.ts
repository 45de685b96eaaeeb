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
});
