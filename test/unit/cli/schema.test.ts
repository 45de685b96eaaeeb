import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { corpusPath, EXAMPLES_DIR, REPO_ROOT } from '../../helpers/paths';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}

const BUNDLE = path.join(EXAMPLES_DIR, 'ShoppingList/ShoppingList.xcdatamodeld');
const fieldNames = (text: string, type: string): string[] =>
  parseCkdb(text).schema.recordTypes.find((t) => t.name === type)?.fields.map((f) => f.name) ?? [];

describe('ckdev schema', () => {
  it('reads a model through the registered model sources: a .cdmodel.ts gives the schema of its entities', async () => {
    const r = await run('schema', path.join(EXAMPLES_DIR, 'web/ShoppingList.cdmodel.ts'));
    assert.equal(r.code, 0, r.err);
    assert.ok(fieldNames(r.out, 'CD_Item').includes('CD_isChecked'), r.out);
    assert.deepEqual(parseCkdb(r.out).findings, []);
    const broken = path.join(os.tmpdir(), `ckdev-schema-${process.pid}.cdmodel.ts`);
    fs.writeFileSync(broken, 'export default 1;\n');
    try {
      const b = await run('schema', broken);
      assert.equal(b.code, 2);
      assert.match(b.err, /ckdev schema: .*cdmodel\.ts: /);
    } finally {
      fs.rmSync(broken, { force: true });
    }
  });

  it('prints the schema of a bundle\'s current version (.xccurrentversion)', async () => {
    const r = await run('schema', BUNDLE);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.startsWith('DEFINE SCHEMA\n\n    RECORD TYPE CDMR ('));
    // Version 2 renamed `checked` to `isChecked` and added JournalEntry.
    assert.ok(fieldNames(r.out, 'CD_Item').includes('CD_isChecked'));
    assert.ok(parseCkdb(r.out).schema.recordTypes.some((t) => t.name === 'CD_JournalEntry'));
    assert.deepEqual(parseCkdb(r.out).findings, []);
  });

  it('accepts an .xcdatamodel folder and a contents file', async () => {
    const v1 = path.join(BUNDLE, 'ShoppingList.xcdatamodel');
    const a = await run('schema', v1);
    const b = await run('schema', path.join(v1, 'contents'));
    assert.equal(a.code, 0, a.err);
    assert.equal(a.out, b.out);
    assert.ok(fieldNames(a.out, 'CD_Item').includes('CD_checked'));
  });

  it('prints the minimal profile without indexes, grants or Users', async () => {
    const r = await run('schema', BUNDLE, '--profile', 'minimal');
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.out, /QUERYABLE|GRANT|RECORD TYPE Users/);
    const fixture = path.join(REPO_ROOT, 'test/fixtures/derive');
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-schema-'));
    fs.mkdirSync(path.join(d, 'R.xcdatamodel'));
    fs.copyFileSync(path.join(fixture, 'relationships.contents.xml'), path.join(d, 'R.xcdatamodel', 'contents'));
    const rel = await run('schema', path.join(d, 'R.xcdatamodel'), '--profile=minimal');
    assert.equal(rel.out, fs.readFileSync(path.join(fixture, 'relationships.expected.ckdb'), 'utf8'));
  });

  it('reports bad usage and unreadable models with exit status 2', async () => {
    assert.equal((await run('schema')).code, 2);
    assert.equal((await run('schema', BUNDLE, '--profile', 'max')).code, 2);
    const missing = await run('schema', '/no/such/Model.xcdatamodeld');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no such file or folder/);
    const notModel = await run('schema', path.join(EXAMPLES_DIR, 'cloudkit/development.ckdb'));
    assert.equal(notModel.code, 2);
    assert.match(notModel.err, /is not a model/);
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-schema-'));
    fs.mkdirSync(path.join(d, 'Broken.xcdatamodel'));
    fs.writeFileSync(path.join(d, 'Broken.xcdatamodel', 'contents'), 'not xml at all');
    const broken = await run('schema', path.join(d, 'Broken.xcdatamodel'));
    assert.equal(broken.code, 2);
    assert.match(broken.err, /Broken\.xcdatamodel/);
  });
});

describe('ckdev lint on .ckdb files', () => {
  it('reports syntax and CKS findings with exit status 1, in text and JSON', async () => {
    const invalid = corpusPath('ckdb', 'brightdigit__CelestraCloud__schema__v04-87e758d6.ckdb');
    const r = await run('lint', invalid);
    assert.equal(r.code, 1);
    assert.match(r.out, /:49:5 error CKS003 GRANT names 2 roles/);
    const json = await run('lint', '--format', 'json', corpusPath('ckdb', 'ivan-wize__Plenty__CloudKitSchema.ckdb'));
    assert.equal(json.code, 1);
    assert.match(json.out, /"rule": ?"syntax"/);
  });

  it('passes a valid schema, walks folders for .ckdb and honours --rule overrides', async () => {
    const ok = await run('lint', path.join(EXAMPLES_DIR, 'cloudkit'));
    assert.equal(ok.code, 0, ok.out + ok.err);
    const invalid = corpusPath('ckdb', 'brightdigit__CelestraCloud__schema__v04-87e758d6.ckdb');
    const off = await run('lint', invalid, '--rule', 'CKS003=off', '--rule', 'CKS010=off');
    assert.equal(off.code, 0, off.out);
    assert.equal(off.out, '');
    const sarif = await run('lint', '--format', 'sarif', invalid);
    assert.match(sarif.out, /"id": ?"CKS003"/);
  });
});
