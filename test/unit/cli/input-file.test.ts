import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inputLimits, InputError, readInputBytes, takeSizeOption } from '../../../src/cli/input-file';
import { main } from '../../../src/cli/main';
import { EXAMPLES_DIR } from '../../helpers/paths';

/**
 * Issue 17, command line: every `ckdev` command reads its inputs through src/cli/input-file.ts (regular
 * files only, a size cap, a non-blocking open), and "unknown rule" / "nothing to lint" are usage errors.
 * Hostile inputs run in a child process with a timeout: before the fix a FIFO blocked the event loop
 * (readFileSync) and /dev/zero filled memory, which no in-process test could survive.
 */
const CLI = path.resolve(__dirname, '../../../src/cli/main.js');
const dev = path.join(EXAMPLES_DIR, 'cloudkit', 'development.ckdb');
const prod = path.join(EXAMPLES_DIR, 'cloudkit', 'production.ckdb');

function ckdev(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; out: string; err: string; timedOut: boolean } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8', timeout: 15000, env: { ...process.env, CKDEV_MAX_FILE_SIZE_MB: '', ...env },
    // Nothing on stdin: `-` inputs end at once.
    input: '',
  });
  return { code: r.status, out: r.stdout, err: r.stderr, timedOut: r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' };
}

async function inProcess(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}

/** Exit 2 with exactly one line on stderr, naming the command. */
function assertOneLine(r: { code: number | null; err: string; timedOut?: boolean }, command: string, pattern: RegExp): void {
  assert.equal(r.timedOut ?? false, false, 'hung');
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, new RegExp(`^ckdev ${command}: [^\\n]*\\n$`), JSON.stringify(r.err));
  assert.match(r.err, pattern);
}

describe('cli: the one input reader (regular files, size cap, non-blocking open)', function () {
  this.timeout(60000);
  let tmp: string;
  let fifo: string;
  let zero: string;
  let bundleFifo: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-input-'));
    fifo = path.join(tmp, 'pipe.ckdb');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    zero = path.join(tmp, 'x.ckdb');
    fs.symlinkSync('/dev/zero', zero);
    fs.mkdirSync(path.join(tmp, 'F.xcdatamodel'));
    bundleFifo = path.join(tmp, 'F.xcdatamodel', 'contents');
    assert.equal(spawnSync('mkfifo', [bundleFifo]).status, 0, 'mkfifo');
  });
  after(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

  it('a FIFO or /dev/zero behind a symlink named x.ckdb: every command exits 2 with one line, never hangs', () => {
    for (const bad of [fifo, zero]) {
      const kind = bad === fifo ? /a FIFO/ : /a device/;
      assertOneLine(ckdev(['lint', bad]), 'lint', /not a regular file/);
      assertOneLine(ckdev(['check', '--dev', dev, '--prod', bad]), 'check', kind);
      assertOneLine(ckdev(['check', '--dev', bad, '--prod', prod]), 'check', kind);
      assertOneLine(ckdev(['types', bad]), 'types', kind);
      assertOneLine(ckdev(['explain', bad]), 'explain', kind);
      const session = `${bad}.cksandbox.json`;
      fs.symlinkSync(bad, session);
      assertOneLine(ckdev(['scenario', session]), 'scenario', kind);
      fs.unlinkSync(session);
    }
    // A model folder whose contents is a FIFO: no model file there.
    assertOneLine(ckdev(['schema', path.join(tmp, 'F.xcdatamodel')]), 'schema', /has no contents file/);
    assertOneLine(ckdev(['schema', bundleFifo]), 'schema', /contents/);
    assertOneLine(ckdev(['check', '--dev', path.join(tmp, 'F.xcdatamodel'), '--prod', prod]), 'check', /has no contents file/);
    assertOneLine(ckdev(['lint', path.join(tmp, 'F.xcdatamodel')]), 'lint', /nothing to lint/);
    assertOneLine(ckdev(['lint', bundleFifo]), 'lint', /not a regular file/);
  });

  it('a folder where a file is expected: exit 2, one line', async () => {
    assertOneLine(await inProcess('check', '--dev', dev, '--prod', tmp), 'check', /a folder, not a regular file/);
    const folderSession = path.join(tmp, 'dir.cksandbox.json');
    fs.mkdirSync(folderSession, { recursive: true });
    assertOneLine(await inProcess('scenario', folderSession), 'scenario', /a folder, not a regular file/);
    assertOneLine(await inProcess('explain', tmp), 'explain', /a folder, not a regular file/);
  });

  it('the size cap: 10 MB by default, CKDEV_MAX_FILE_SIZE_MB, else --max-file-size-mb (the option wins)', async () => {
    assert.equal(inputLimits(undefined, {}).maxBytes, 10 * 1048576);
    assert.equal(inputLimits(undefined, { CKDEV_MAX_FILE_SIZE_MB: '2' }).maxBytes, 2 * 1048576);
    assert.equal(inputLimits(3, { CKDEV_MAX_FILE_SIZE_MB: '2' }).maxBytes, 3 * 1048576);
    assert.throws(() => inputLimits(undefined, { CKDEV_MAX_FILE_SIZE_MB: 'lots' }), InputError);
    assert.deepEqual(takeSizeOption(['a', '--max-file-size-mb', '4', 'b'], {}), { args: ['a', 'b'], limits: { maxBytes: 4 * 1048576 }, optionMB: 4 });
    assert.deepEqual(takeSizeOption(['--max-file-size-mb=0.5'], {}).limits, { maxBytes: 524288 });
    assert.throws(() => takeSizeOption(['--max-file-size-mb', '0'], {}), /positive number/);
    const big = path.join(tmp, 'big.ckdb');
    fs.writeFileSync(big, `DEFINE SCHEMA\n${'// padding\n'.repeat(20000)}`);
    // 215 KB: over a 0.1 MB cap, given either way.
    assertOneLine(ckdev(['check', '--dev', big, '--prod', prod], { CKDEV_MAX_FILE_SIZE_MB: '0.1' }), 'check', /over the limit of 0\.1 MB \(--max-file-size-mb or CKDEV_MAX_FILE_SIZE_MB\)/);
    assertOneLine(await inProcess('check', '--dev', big, '--prod', prod, '--max-file-size-mb', '0.1'), 'check', /over the limit of 0\.1 MB/);
    assertOneLine(await inProcess('types', big, '--max-file-size-mb=0.1'), 'types', /over the limit/);
    assert.equal((await inProcess('check', '--dev', big, '--prod', big, '--max-file-size-mb', '1')).code, 0, 'under the cap it is read');
    assertOneLine(ckdev(['explain', big], { CKDEV_MAX_FILE_SIZE_MB: '0.1' }), 'explain', /over the limit of 0\.1 MB/);
    assertOneLine(ckdev(['types', dev], { CKDEV_MAX_FILE_SIZE_MB: 'lots' }), 'types', /CKDEV_MAX_FILE_SIZE_MB must be a positive number/);
    // The read itself never goes past the cap, whatever the size said.
    assert.throws(() => readInputBytes(big, { maxBytes: 1000 }), /over the limit/);
    assert.equal(readInputBytes(big, { maxBytes: 1 << 20 }).length, fs.statSync(big).size);
  });

  it('--rule with an unknown rule id is a usage error (exit 2, one line), as in ESLint', async () => {
    assertOneLine(await inProcess('lint', dev, '--rule', 'CK999=error'), 'lint', /unknown rule 'CK999'/);
    assertOneLine(await inProcess('project', tmp, '--rule', 'PC99=off'), 'project', /unknown rule 'PC99'/);
    // Known ids of every family still work.
    for (const id of ['CK001', 'CKS010', 'PC05', 'syntax']) assert.notEqual((await inProcess('lint', dev, '--rule', `${id}=off`)).code, 2, id);
  });

  it('nothing to lint (an empty folder, an .xcdatamodel without contents) is a usage error: exit 2, one line', async () => {
    const empty = path.join(tmp, 'empty');
    fs.mkdirSync(empty);
    assertOneLine(await inProcess('lint', empty), 'lint', /nothing to lint in '.*empty'/);
    const hollow = path.join(tmp, 'Hollow.xcdatamodel');
    fs.mkdirSync(hollow);
    assertOneLine(await inProcess('lint', hollow), 'lint', /nothing to lint in '.*Hollow\.xcdatamodel'/);
    // A folder with something to lint is not affected.
    assert.notEqual((await inProcess('lint', path.join(EXAMPLES_DIR, 'cloudkit'))).code, 2);
  });
});
