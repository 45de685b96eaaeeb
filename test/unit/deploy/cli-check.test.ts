import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkCommand } from '../../../src/cli/commands/check';
import { EXAMPLES_DIR } from '../../helpers/paths';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await checkCommand.run(argv, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}

const dev = path.join(EXAMPLES_DIR, 'cloudkit', 'development.ckdb');
const prod = path.join(EXAMPLES_DIR, 'cloudkit', 'production.ckdb');
const bundle = path.join(EXAMPLES_DIR, 'ShoppingList', 'ShoppingList.xcdatamodeld');
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('cli: ckdev check', () => {
  let tmp: string;
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-check-')); });
  after(() => { fs.rmSync(tmp, { recursive: true, force: true }); });
  const write = (name: string, text: string) => { const p = path.join(tmp, name); fs.writeFileSync(p, text); return p; };

  it('text: one file:line:col line per change (the lint format), blocked first; summary on stderr; exit 1 when blocked', async () => {
    const r = await run('--dev', dev, '--prod', prod);
    assert.equal(r.code, 1);
    const lines = r.out.trim().split('\n');
    assert.equal(lines.length, 13);
    assert.match(lines[0], new RegExp(`^${esc(prod)}:4:9 error field-deleted Field 'CD_Item\\.CD_checked' \\(INT64\\) is in production`));
    assert.match(lines[1], new RegExp(`^${esc(dev)}:29:\\d+ error field-type-changed Field 'CD_Item\\.CD_quantity' changes type from INT64 to DOUBLE`));
    assert.match(lines[2], / warning index-removed /);
    assert.ok(lines.slice(3).every((l) => / info (record-type-added|field-added) /.test(l)));
    assert.equal(r.err, 'CloudKit deploy: 2 blocked, 1 warning, 10 safe: NOT deployable (the Console would reject it)\n');
    // Every line matches the $ckdev problem pattern of package.json, which also reads `ckdev lint`.
    const pkg = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, '..', 'package.json'), 'utf8'));
    const pattern = pkg.contributes.problemPatterns.find((p: { name: string }) => p.name === 'ckdev');
    const re = new RegExp(pattern.regexp);
    for (const l of lines) {
      const m = re.exec(l);
      assert.ok(m, l);
      assert.ok([prod, dev].includes(m[pattern.file]), m[pattern.file]);
      assert.match(m[pattern.code], /^[a-z-]+$/);
    }
    const m = re.exec(lines[0])!;
    assert.deepEqual([m[pattern.line], m[pattern.column], m[pattern.severity], m[pattern.code]], ['4', '9', 'error', 'field-deleted']);
  });

  it('json: the documented shape; exit 0 when deployable', async () => {
    const r = await run('--dev', dev, '--prod', prod, '--format', 'json');
    const j = JSON.parse(r.out);
    assert.equal(j.deployable, false);
    assert.deepEqual(Object.keys(j.changes[0]).sort(), ['field', 'kind', 'message', 'recordType', 'verdict']);
    assert.deepEqual(j.changes.slice(0, 3).map((c: { verdict: string; kind: string }) => `${c.verdict} ${c.kind}`),
      ['blocked field-deleted', 'blocked field-type-changed', 'warning index-removed']);
    assert.equal(j.changes.find((c: { kind: string }) => c.kind === 'record-type-added').field, undefined);
    const ok = await run('--dev', dev, '--prod', dev, '--format=json');
    assert.equal(ok.code, 0);
    assert.deepEqual(JSON.parse(ok.out), { deployable: true, changes: [] });
  });

  it('sarif: 2.1.0 with a rule per kind and 1-based regions', async () => {
    const r = await run('--dev', dev, '--prod', prod, '--format', 'sarif');
    assert.equal(r.code, 1);
    const s = JSON.parse(r.out);
    assert.equal(s.version, '2.1.0');
    const res = s.runs[0].results[0];
    assert.equal(res.ruleId, 'field-deleted');
    assert.equal(res.level, 'error');
    assert.equal(s.runs[0].tool.driver.rules[res.ruleIndex].id, 'field-deleted');
    assert.deepEqual(res.locations[0].physicalLocation.region.startLine, 4);
    assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, prod.split('/').map(encodeURIComponent).join('/'));
    assert.equal(res.relatedLocations[0].message.text, 'in development');
    assert.ok(s.runs[0].results.some((x: { level: string }) => x.level === 'note'));
    assert.match(s.runs[0].tool.driver.version, /^\d+\.\d+\.\d+/);
  });

  it('a model as --dev: the current version of the bundle against production, with the server messages', async () => {
    const r = await run('--dev', bundle, '--prod', prod, '--format', 'json');
    assert.equal(r.code, 1);
    const j = JSON.parse(r.out);
    assert.ok(j.changes.some((c: { message: string }) => c.message.includes(`"Cannot create or modify field 'CD_isChecked' in record 'CD_Item' in production schema"`)));
    const v1 = await run('--dev', path.join(bundle, 'ShoppingList.xcdatamodel'), '--prod', prod);
    assert.equal(v1.code, 0, v1.out + v1.err);
    assert.equal(v1.out, '');
    assert.equal(v1.err, 'CloudKit deploy: no changes: deployable\n');
    const text = await run('--dev', path.join(bundle, 'ShoppingList 2.xcdatamodel', 'contents'), '--prod', prod);
    assert.match(text.out, /ShoppingList 2\.xcdatamodel\/contents:5:\d+ error field-missing-in-production .*CD_isChecked/);
  });

  it('exit 2: missing options, unknown options or format, unreadable or broken files', async () => {
    assert.equal((await run('--dev', dev)).code, 2);
    assert.equal((await run('--prod', prod)).code, 2);
    assert.equal((await run('--dev', dev, '--prod', prod, '--format', 'xml')).code, 2);
    assert.equal((await run('--dev', dev, '--prod', prod, '--verbose')).code, 2);
    const missing = await run('--dev', path.join(tmp, 'nope.ckdb'), '--prod', prod);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read .*nope\.ckdb: ENOENT/);
    // Found in QA: the bare errno code was all a CI user got; it now says what it means.
    assert.match(missing.err, /ENOENT \(no such file or folder\)/);
    const folder = await run('--dev', dev, '--prod', tmp);
    assert.equal(folder.code, 2);
    assert.match(folder.err, /cannot read .*: a folder, not a regular file\n$/);
    const broken = write('broken.ckdb', 'DEFINE SCHEMA\n  RECORD TYPE A (\n    x STRNG\n  );\n');
    const b = await run('--dev', broken, '--prod', prod);
    assert.equal(b.code, 2);
    assert.match(b.err, /broken\.ckdb:3:\d+: error: /);
    const notSchema = write('notes.txt', 'hello');
    assert.equal((await run('--dev', notSchema, '--prod', prod)).code, 2);
    const badModel = write('contents', '<model><entity name="A"');
    const m = await run('--dev', badModel, '--prod', prod);
    assert.equal(m.code, 2, m.out + m.err);
    assert.equal(m.out, '');
  });

  it('the usage documents the exit codes (main prints it for --help)', () => {
    assert.match(checkCommand.usage, /Exit status: 0 deployable, 1 blocked, 2 bad usage/);
  });
});
