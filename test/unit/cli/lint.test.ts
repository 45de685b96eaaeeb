import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintCommand } from '../../../src/cli/commands/lint';
import { entityXml, modelXml } from '../model/fixtures';
import { corpusPath } from '../../helpers/paths';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await lintCommand.run(args, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}

const bad = modelXml(entityXml('Item', '        <attribute name="name" attributeType="String"/>'));
const good = modelXml(entityXml('Item', '        <attribute name="name" optional="YES" attributeType="String"/>'));
const plist = (name: string) => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>_XCCurrentVersionName</key>
	<string>${name}</string>
</dict>
</plist>
`;

describe('ckdev lint', () => {
  let dir: string;
  let cwd: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-lint-'));
    const bundle = path.join(dir, 'App', 'App.xcdatamodeld');
    for (const [v, text] of [['App.xcdatamodel', bad], ['App 2.xcdatamodel', good]]) {
      fs.mkdirSync(path.join(bundle, v), { recursive: true });
      fs.writeFileSync(path.join(bundle, v, 'contents'), text);
    }
    fs.writeFileSync(path.join(bundle, '.xccurrentversion'), plist('App 2.xcdatamodel'));
    fs.mkdirSync(path.join(dir, 'Bad.xcdatamodel'));
    fs.writeFileSync(path.join(dir, 'Bad.xcdatamodel', 'contents'), bad);
    fs.mkdirSync(path.join(dir, 'node_modules', 'X.xcdatamodel'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'X.xcdatamodel', 'contents'), bad);
    cwd = process.cwd();
    process.chdir(dir);
  });
  after(() => {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('text: file:line:col severity rule message, 1-based, exit 1 on an error', async () => {
    const r = await run('Bad.xcdatamodel/contents');
    assert.equal(r.code, 1);
    const col = bad.split('\n')[3].indexOf('"name"') + 2;
    assert.equal(r.out, `Bad.xcdatamodel/contents:4:${col} error CK002 CloudKit integration requires that all attributes be optional, or have a default value set. The following attributes are marked non-optional but do not have a default value: Item: name\n`);
    assert.match(r.err, /^1 error, 0 warnings, 0 infos in 1 file\n$/);
  });

  it('folders are searched recursively; bundles lint every version, non-current ones lowered to info', async () => {
    const r = await run('App', '--format', 'json');
    assert.equal(r.code, 0, r.out);
    const json = JSON.parse(r.out);
    assert.deepEqual(json.map((x: { file: string; rule: string; severity: string }) => [x.file, x.rule, x.severity]),
      [[path.join('App', 'App.xcdatamodeld', 'App.xcdatamodel', 'contents'), 'CK002', 'info']]);
    const all = JSON.parse((await run('.', '--format=json')).out);
    assert.equal(all.length, 2, 'node_modules is skipped');
    assert.equal((await run('.', '--non-current-severity', 'error')).code, 1);
    assert.equal(JSON.parse((await run('App', '--format', 'json', '--non-current-severity', 'off')).out).length, 0);
  });

  it('a bundle without .xccurrentversion takes the last version by name', async () => {
    fs.renameSync(path.join(dir, 'App', 'App.xcdatamodeld', '.xccurrentversion'), path.join(dir, 'plist.bak'));
    try {
      const json = JSON.parse((await run('App/App.xcdatamodeld', '--format', 'json')).out);
      assert.equal(json[0].severity, 'info', '"App 2" is the last version, "App" is not current');
    } finally {
      fs.renameSync(path.join(dir, 'plist.bak'), path.join(dir, 'App', 'App.xcdatamodeld', '.xccurrentversion'));
    }
  });

  it('json: 0-based LSP ranges', async () => {
    const json = JSON.parse((await run('Bad.xcdatamodel', '--format', 'json')).out);
    const line = bad.split('\n')[3];
    assert.deepEqual(json[0].range, { start: { line: 3, character: line.indexOf('"name"') + 1 }, end: { line: 3, character: line.indexOf('"name"') + 5 } });
    assert.deepEqual(Object.keys(json[0]), ['file', 'rule', 'severity', 'message', 'range']);
  });

  it('sarif: a valid 2.1.0 log with rules, levels and 1-based regions', async () => {
    const r = await run('Bad.xcdatamodel', '--format', 'sarif');
    const s = JSON.parse(r.out);
    assert.equal(s.version, '2.1.0');
    const run0 = s.runs[0];
    assert.equal(run0.tool.driver.name, 'ckdev');
    assert.deepEqual(run0.tool.driver.rules.map((x: { id: string }) => x.id), ['CK002']);
    assert.match(run0.tool.driver.rules[0].helpUri, /docs\/rules\/CK002\.md$/);
    const res = run0.results[0];
    assert.equal(res.level, 'error');
    assert.equal(res.ruleIndex, 0);
    assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'Bad.xcdatamodel/contents');
    assert.equal(res.locations[0].physicalLocation.region.startLine, 4);
    assert.equal(r.code, 1);
  });

  it('--mode and --rule change what is reported', async () => {
    assert.equal((await run('Bad.xcdatamodel', '--rule', 'CK002=warning')).code, 0);
    assert.equal((await run('Bad.xcdatamodel', '--mode', 'never')).out, '');
    const unflagged = path.join(dir, 'Plain.xcdatamodel');
    fs.mkdirSync(unflagged);
    fs.writeFileSync(path.join(unflagged, 'contents'), bad.replace(' usedWithCloudKit="YES"', ''));
    try {
      assert.match((await run('Plain.xcdatamodel')).out, / info CK017 /);
      assert.equal((await run('Plain.xcdatamodel', '--mode', 'always')).code, 1);
    } finally { fs.rmSync(unflagged, { recursive: true }); }
  });

  it('bad usage exits 2 with a message', async () => {
    for (const args of [[], ['--format', 'xml', 'Bad.xcdatamodel'], ['missing-path'], ['Bad.xcdatamodel', '--bogus'], ['Bad.xcdatamodel', '--rule', 'CK002'], [path.join(dir, 'plist.txt')]]) {
      if (args[0]?.endsWith('plist.txt')) fs.writeFileSync(args[0], 'x');
      const r = await run(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /^ckdev lint: /);
    }
  });

  it('unreadable and oversized files are one diagnostic each, not a crash', async () => {
    const junk = path.join(dir, 'Junk.xcdatamodel');
    fs.mkdirSync(junk);
    fs.writeFileSync(path.join(junk, 'contents'), Buffer.from([0x3c, 0xff, 0xfe, 0x00, 0x01]));
    try {
      const r = await run('Junk.xcdatamodel', '--format', 'json');
      assert.equal(JSON.parse(r.out).length, 1);
      assert.equal(r.code, 1);
      const size = await run('Bad.xcdatamodel', '--max-file-size-mb', '0.0001', '--format', 'json');
      assert.match(JSON.parse(size.out)[0].message, /too large/);
      assert.equal(size.code, 0);
    } finally { fs.rmSync(junk, { recursive: true }); }
  });

  it('lints the whole corpus without a crash', async () => {
    const r = await run(corpusPath('xcdatamodel'), '--format', 'json');
    assert.equal(r.code, 0, 'no errors in auto mode');
    const json: { rule: string }[] = JSON.parse(r.out);
    assert.equal(json.filter((x) => x.rule === 'CK010').length, 2, 'the two Apple samples with valueTransformerName=""');
    assert.ok(json.filter((x) => x.rule === 'CK017').length >= 30, 'every unflagged model says why it was not linted');
  });
});
