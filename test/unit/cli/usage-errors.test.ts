import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkCommand } from '../../../src/cli/commands/check';
import { lintCommand } from '../../../src/cli/commands/lint';
import { projectCommand } from '../../../src/cli/commands/project';
import { schemaCommand } from '../../../src/cli/commands/schema';
import type { CliCommand } from '../../../src/cli/main';
import { EXAMPLES_DIR } from '../../helpers/paths';

/** Usage errors exit 2 with one line saying what is wrong, then the usage, on stderr (src/cli/main.ts). */
async function run(cmd: CliCommand, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await cmd.run(args, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}

const MODEL = path.join(EXAMPLES_DIR, 'ShoppingList', 'ShoppingList.xcdatamodeld');

describe('ckdev schema and check: usage errors', () => {
  const schemaCases: Array<[string[], string]> = [
    [[], 'no model given'],
    [[MODEL, MODEL], 'one model at a time'],
    [['--profile', 'full', MODEL], '--profile takes export or minimal'],
    [['--profile=', MODEL], '--profile takes export or minimal'],
    [[MODEL, '--profile'], '--profile takes export or minimal'],
    [['--mode', 'sometimes', MODEL], '--mode takes auto, always or never'],
    [[MODEL, '--mode'], '--mode takes auto, always or never'],
    [['--configuration', '  ', MODEL], '--configuration takes a configuration name'],
    [['--configuration=', MODEL], '--configuration takes a configuration name'],
    [['-p', MODEL], `unknown option '-p'`],
    [['--frobnicate=1', MODEL], `unknown option '--frobnicate=1'`],
  ];
  for (const [args, message] of schemaCases) {
    it(`ckdev schema ${args.map((a) => (a === MODEL ? 'MODEL' : JSON.stringify(a))).join(' ')}: ${message}`, async () => {
      assert.deepEqual(await run(schemaCommand, ...args), { code: 2, out: '', err: `ckdev schema: ${message}\n\n${schemaCommand.usage}` });
    });
  }

  it('ckdev schema: options take a value inline or as the next argument; --mode never and an unknown configuration exit 2 without the usage', async () => {
    const spaced = await run(schemaCommand, '--profile', 'minimal', MODEL);
    const inline = await run(schemaCommand, `--profile=minimal`, MODEL);
    assert.equal(spaced.code, 0, spaced.err);
    assert.deepEqual(inline, spaced);
    const exported = await run(schemaCommand, MODEL);
    assert.equal(exported.code, 0);
    assert.notEqual(exported.out, spaced.out, 'minimal and export profiles differ');
    assert.deepEqual(await run(schemaCommand, MODEL, '--mode', 'never'), { code: 2, out: '', err: 'ckdev schema: --mode never mirrors no entity\n' });
    const config = await run(schemaCommand, MODEL, '--configuration', 'Nope');
    assert.equal(config.code, 2);
    assert.equal(config.out, '');
    // Named by the current version's contents file (the file read).
    assert.equal(config.err, `ckdev schema: ${path.join(MODEL, 'ShoppingList 2.xcdatamodel', 'contents')}: the model has no configuration "Nope" (it has "Default")\n`);
  });

  const checkCases: Array<[string[], string]> = [
    [[], 'missing --dev'],
    [['--prod', 'p.ckdb'], 'missing --dev'],
    [['--dev', 'd.ckdb'], 'missing --prod'],
    [['--dev=d.ckdb', '--prod=p.ckdb', '--format', 'xml'], `unknown format 'xml' (text, json or sarif)`],
    [['--dev', 'd.ckdb', '--prod', 'p.ckdb', '--format'], `unknown format '' (text, json or sarif)`],
    [['--dev', 'd.ckdb', '--prod', 'p.ckdb', 'extra'], `unexpected argument 'extra'`],
    [['d.ckdb', 'p.ckdb'], `unexpected argument 'd.ckdb'`],
  ];
  for (const [args, message] of checkCases) {
    it(`ckdev check ${args.join(' ')}: ${message}`, async () => {
      assert.deepEqual(await run(checkCommand, ...args), { code: 2, out: '', err: `ckdev check: ${message}\n\n${checkCommand.usage}` });
    });
  }

  const lintCases: Array<[string[], string]> = [
    [[], 'no paths given'],
    [['--format'], '--format needs a value'],
    [['--format', 'xml', MODEL], `unknown format 'xml' (text, json or sarif)`],
    [['--mode=sometimes', MODEL], `unknown mode 'sometimes' (auto, always or never)`],
    [['--configuration', ' ', MODEL], '--configuration takes a configuration name'],
    [['--rule', 'CK001', MODEL], '--rule takes ID=error|warning|info|hint|off (CKnnn or CKSnnn)'],
    [['--rule', 'CK001=errors', MODEL], '--rule takes ID=error|warning|info|hint|off (CKnnn or CKSnnn)'],
    [['--rule', 'x.CK001=error', MODEL], '--rule takes ID=error|warning|info|hint|off (CKnnn or CKSnnn)'],
    [['--non-current-severity', 'loud', MODEL], `unknown severity 'loud'`],
    [['--bogus', MODEL], `unknown option '--bogus'`],
    [['-', '-q', MODEL], `unknown option '-q'`],
    [['/no/such/model.xcdatamodeld'], `no such file or folder: '/no/such/model.xcdatamodeld'`],
  ];
  for (const [args, message] of lintCases) {
    it(`ckdev lint ${args.map((a) => (a === MODEL ? 'MODEL' : a)).join(' ')}: ${message}`, async () => {
      assert.deepEqual(await run(lintCommand, ...args), { code: 2, out: '', err: `ckdev lint: ${message}\n\n${lintCommand.usage}` });
    });
  }

  it('ckdev lint: an unknown rule and nothing to lint are one-line usage errors (as ESLint says them)', async () => {
    const unknown = await run(lintCommand, '--rule', 'CK999=error', MODEL);
    assert.deepEqual(unknown, { code: 2, out: '', err: `ckdev lint: unknown rule 'CK999' in --rule (known: CK001-CK019, CKS checks, PC01-PC12, syntax)\n` });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-lint-usage-'));
    try {
      // A model only inside a dot-folder or a build folder is not looked at.
      for (const hidden of ['.hidden', 'DerivedData', 'node_modules']) {
        fs.cpSync(MODEL, path.join(dir, hidden, 'ShoppingList.xcdatamodeld'), { recursive: true });
      }
      assert.deepEqual(await run(lintCommand, dir), {
        code: 2, out: '', err: `ckdev lint: nothing to lint in '${dir}' (no model, .ckdb, Swift @Model or project file found)\n`,
      });
      fs.cpSync(MODEL, path.join(dir, 'App', 'ShoppingList.xcdatamodeld'), { recursive: true });
      const found = await run(lintCommand, dir, '--format', 'json');
      assert.notEqual(found.code, 2, found.err);
      const files = new Set((JSON.parse(found.out) as { file: string }[]).map((f) => f.file));
      assert.ok([...files].length > 0 && [...files].every((f) => f.includes(`${path.sep}App${path.sep}`)), [...files].join(', '));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ckdev lint: a file given twice is linted once; the summary goes to stderr for text only', async () => {
    const contents = path.join(MODEL, 'ShoppingList 2.xcdatamodel', 'contents');
    const once = await run(lintCommand, contents, '--format', 'json');
    const twice = await run(lintCommand, contents, contents, '--format', 'json');
    assert.deepEqual(twice, once);
    assert.equal(once.err, '');
    const text = await run(lintCommand, contents);
    assert.match(text.err, /^\d+ errors?, \d+ warnings?, \d+ infos? in 1 file\n$/);
    assert.equal(text.code, once.code);
  });

  it('ckdev project: usage errors, with the usage only where the option itself is unknown or malformed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-project-usage-'));
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'not a folder');
    try {
      const cases: Array<[string[], string]> = [
        [['--format', 'xml', dir], `ckdev project: unknown format 'xml'\n\n${projectCommand.usage}`],
        [[dir, '--format'], `ckdev project: unknown format ''\n\n${projectCommand.usage}`],
        [['--verbose', dir], `ckdev project: unknown option '--verbose'\n\n${projectCommand.usage}`],
        [['--rule', 'PC08', dir], 'ckdev project: --rule takes PCnn=error|warning|info|hint|off\n'],
        [['--rule=PC08=errors', dir], 'ckdev project: --rule takes PCnn=error|warning|info|hint|off\n'],
        [['--rule', 'xPC08=error', dir], 'ckdev project: --rule takes PCnn=error|warning|info|hint|off\n'],
        [['--rule', 'PC99=error', dir], `ckdev project: unknown rule 'PC99' in --rule (known: PC01-PC12)\n`],
        [[dir, dir], 'ckdev project: only one folder\n'],
        [['/no/such/folder'], `ckdev project: not a folder: '/no/such/folder'\n`],
        [[file], `ckdev project: not a folder: '${file}'\n`],
      ];
      for (const [args, err] of cases) assert.deepEqual(await run(projectCommand, ...args), { code: 2, out: '', err }, args.join(' '));
      // A folder without a project: the summary says so on stderr and is still printed; not an error.
      const summary = await run(projectCommand, dir, '--summary', '--format', 'json');
      assert.equal(summary.code, 0);
      assert.equal(summary.err, 'ckdev project: no Xcode project, project.yml or Project.swift found\n');
      assert.deepEqual(JSON.parse(summary.out).projects, []);
      // `--rule project=off` names the rule family, not a check: accepted.
      assert.equal((await run(projectCommand, dir, '--rule', 'project=off', '--format', 'json')).code, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
