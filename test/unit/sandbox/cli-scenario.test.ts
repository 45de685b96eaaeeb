import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scenarioCommand } from '../../../src/cli/commands/scenario';
import { SCENARIOS } from '../../../src/core/sandbox/scenarios';
import { Sandbox } from '../../../src/core/sandbox';
import { config } from './fixtures';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await scenarioCommand.run(args.slice(1), { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}

/** A session of two devices after one synced save, written to a fresh temporary folder. */
function savedSession(): { dir: string; file: string; sandbox: Sandbox } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-scenario-'));
  const sandbox = new Sandbox(config());
  sandbox.create('A', 'Item', { title: 'Milk' });
  sandbox.runUntilIdle();
  const file = path.join(dir, 'session.json');
  fs.writeFileSync(file, JSON.stringify(sandbox.save()));
  return { dir, file, sandbox };
}

describe('ckdev scenario', () => {
  it('--list prints one name and title per scenario', async () => {
    const r = await run(['scenario', '--list']);
    assert.equal(r.code, 0);
    const lines = r.out.trim().split('\n');
    assert.equal(lines.length, SCENARIOS.length);
    assert.match(lines.find((l) => l.startsWith('push-dropped'))!, /^push-dropped\s{2,}Push dropped/);
  });

  it('runs one scenario and prints its timeline; json format parses', async () => {
    const r = await run(['scenario', 'push-dropped']);
    assert.equal(r.code, 0);
    assert.match(r.out, /push P\d+ dropped \(policy\)/);
    const j = await run(['scenario', 'push-dropped', '--format', 'json']);
    const parsed = JSON.parse(j.out);
    assert.equal(parsed.passed, true);
    assert.ok(parsed.events.length > 10);
  });

  it('--all ends with the summary line', async () => {
    const r = await run(['scenario', '--all']);
    assert.equal(r.code, 0);
    assert.equal(r.out.trim().split('\n').pop(), `${SCENARIOS.length} passed, 0 failed`);
  });

  it('replays a saved session file; a damaged file exits 2 with a message', async () => {
    const { dir, file: good } = savedSession();
    const r = await run(['scenario', good]);
    assert.equal(r.code, 0);
    assert.match(r.out, /store saved by NSCloudKitMirroringDelegate.import/);
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"format":"cloudkit-sandbox-session","version":9}');
    const b = await run(['scenario', bad]);
    assert.equal(b.code, 2);
    assert.match(b.err, /newer than this build/);
    assert.equal((await run(['scenario', 'no-such-scenario'])).code, 2);
  });

  it('text output of one scenario: header with title and source, the timeline, each check, the verdict', async () => {
    const scenario = SCENARIOS.find((s) => s.name === 'push-dropped')!;
    const r = await run(['scenario', 'push-dropped']);
    assert.equal(r.err, '');
    const lines = r.out.split('\n');
    assert.deepEqual(lines.slice(0, 4), [`# push-dropped: ${scenario.title}`, `# ${scenario.explanation}`, `# Source: ${scenario.source}`, '']);
    const checks = lines.filter((l) => /^ {2}(ok {2}|FAIL) /.test(l));
    assert.ok(checks.length > 0 && checks.every((l) => l.startsWith('  ok   ')), checks.join('\n'));
    assert.equal(lines[lines.length - 2], 'expected outcome holds');
    assert.equal(lines[lines.length - 1], '');
  });

  it('--all --format json: one result per scenario with its checks, and the counts; --format=json is the same', async () => {
    const r = await run(['scenario', '--all', '--format', 'json']);
    assert.equal(r.code, 0);
    const j = JSON.parse(r.out) as { results: { name: string; passed: boolean; checks: unknown[] }[]; passed: number; failed: number };
    assert.deepEqual(j.results.map((x) => x.name), SCENARIOS.map((s) => s.name));
    assert.ok(j.results.every((x) => x.passed && x.checks.length > 0));
    assert.deepEqual([j.passed, j.failed], [SCENARIOS.length, 0]);
    assert.deepEqual(JSON.parse((await run(['scenario', '--all', '--format=json'])).out), j);
  });

  it('usage errors exit 2 with a message on stderr: unknown or missing format, no target, two targets', async () => {
    assert.deepEqual(await run(['scenario', 'push-dropped', '--format', 'xml']), { code: 2, out: '', err: `ckdev scenario: unknown format 'xml' (text or json)\n` });
    assert.deepEqual(await run(['scenario', 'push-dropped', '--format']), { code: 2, out: '', err: `ckdev scenario: unknown format '' (text or json)\n` });
    assert.deepEqual(await run(['scenario', '--format=yaml', '--all']), { code: 2, out: '', err: `ckdev scenario: unknown format 'yaml' (text or json)\n` });
    for (const args of [['scenario'], ['scenario', 'push-dropped', 'push-dropped']]) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.out, '');
      assert.equal(r.err, `${scenarioCommand.usage}\n`);
    }
    const unknown = await run(['scenario', 'no-such-scenario']);
    assert.deepEqual(unknown, { code: 2, out: '', err: `ckdev scenario: no scenario or file named 'no-such-scenario' (run \`ckdev scenario --list\`)\n` });
  });

  it('a replayed session prints its timeline as text, or its events as JSON with the file name', async () => {
    const { file, sandbox: s } = savedSession();
    const j = await run(['scenario', file, '--format', 'json']);
    assert.equal(j.code, 0);
    const parsed = JSON.parse(j.out) as { file: string; events: unknown[] };
    assert.equal(parsed.file, file);
    assert.deepEqual(parsed.events, JSON.parse(JSON.stringify(s.events())));
  });
});
