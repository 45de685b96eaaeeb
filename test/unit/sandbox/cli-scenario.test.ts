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
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-scenario-'));
    const s = new Sandbox(config());
    s.create('A', 'Item', { title: 'Milk' });
    s.runUntilIdle();
    const good = path.join(dir, 'good.json');
    fs.writeFileSync(good, JSON.stringify(s.save()));
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
});
