import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { main, usage } from '../../../src/cli/main';
import { checkCommand } from '../../../src/cli/commands/check';
import { explainCommand } from '../../../src/cli/commands/explain';
import { lintCommand } from '../../../src/cli/commands/lint';
import { projectCommand } from '../../../src/cli/commands/project';
import { scenarioCommand } from '../../../src/cli/commands/scenario';
import { schemaCommand } from '../../../src/cli/commands/schema';
import { typesCommand } from '../../../src/cli/commands/types';
import { REPO_ROOT } from '../../helpers/paths';

/** The ckdev dispatcher: which stream, which text, which exit code (0 ok, 2 bad usage: src/cli/main.ts). */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}

const COMMANDS = [lintCommand, schemaCommand, checkCommand, typesCommand, scenarioCommand, explainCommand, projectCommand];
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('ckdev (the dispatcher)', () => {
  it('usage names the version, every command with its summary in a column, and how to get a command\'s options', () => {
    assert.deepEqual(usage().split('\n'), [
      `ckdev ${VERSION}: CloudKit DevTools command line`,
      '',
      'Usage: ckdev <command> [options]',
      '',
      'Commands:',
      ...COMMANDS.map((c) => `  ${c.name}${' '.repeat(10 - c.name.length)} ${c.summary}`),
      '',
      'Run `ckdev <command> --help` for the options of a command.',
      '',
    ]);
  });

  it('no command: usage on stderr, exit 2 (a usage error)', async () => {
    assert.deepEqual(await run(), { code: 2, out: '', err: usage() });
  });

  for (const help of ['--help', '-h', 'help']) {
    it(`${help}: usage on stdout, exit 0`, async () => {
      assert.deepEqual(await run(help), { code: 0, out: usage(), err: '' });
    });
  }

  for (const flag of ['--version', '-v']) {
    it(`${flag}: the package version alone, exit 0`, async () => {
      assert.deepEqual(await run(flag), { code: 0, out: `${VERSION}\n`, err: '' });
    });
  }

  it('an unknown command: says which, then the usage, on stderr; exit 2', async () => {
    assert.deepEqual(await run('frobnicate', 'x.ckdb'), { code: 2, out: '', err: `ckdev: unknown command 'frobnicate'\n\n${usage()}` });
    // Options are not commands.
    assert.equal((await run('--format', 'json')).code, 2);
  });

  for (const c of COMMANDS) {
    it(`${c.name} --help and -h: the command's usage on stdout, one final newline, exit 0, nothing run`, async () => {
      const want = c.usage.endsWith('\n') ? c.usage : `${c.usage}\n`;
      assert.deepEqual(await run(c.name, '--help'), { code: 0, out: want, err: '' });
      // Anywhere among the arguments, even next to ones that would fail.
      assert.deepEqual(await run(c.name, '/no/such/file', '-h'), { code: 0, out: want, err: '' });
      assert.ok(!want.endsWith('\n\n'), 'exactly one final newline');
    });
  }

  it('a command runs with the arguments after its name, and its exit code is ckdev\'s', async () => {
    const listed = await run('scenario', '--list');
    assert.equal(listed.code, 0);
    assert.match(listed.out, /^push-dropped\s{2,}/m);
    const missing = await run('lint', '/no/such/dir/model.xcdatamodeld');
    assert.equal(missing.code, 2);
    assert.equal(missing.out, '');
    assert.match(missing.err, /no\/such\/dir/);
  });
});
