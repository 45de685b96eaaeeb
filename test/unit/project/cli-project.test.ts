import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintCommand } from '../../../src/cli/commands/lint';
import { projectCommand } from '../../../src/cli/commands/project';
import type { CliCommand } from '../../../src/cli/main';
import { appAndWidgetSharingOneStore } from './fixtures';

async function run(cmd: CliCommand, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await cmd.run(args, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}

describe('ckdev project and ckdev lint on a project folder', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-project-'));
    for (const f of appAndWidgetSharingOneStore()) {
      const p = path.join(dir, f.path);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, f.text ?? f.bytes!);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the PC08 findings of app and widget (text), exit 0 on warnings', async () => {
    const r = await run(projectCommand, dir);
    assert.equal(r.code, 0);
    const lines = r.out.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0], /NotesStore\.swift:5:22 warning PC08 /);
    assert.match(lines[1], /WidgetStore\.swift:4:18 warning PC08 /);
    assert.match(r.err, /0 errors, 2 warnings/);
  });

  it('--summary --format json lists both targets and their stores', async () => {
    const r = await run(projectCommand, dir, '--summary', '--format', 'json');
    const s = JSON.parse(r.out);
    assert.deepEqual(s.targets.map((t: { name: string }) => t.name), ['Notes', 'NotesWidget']);
    assert.equal(s.targets[1].configurations[0].stores[0].group, 'group.com.example.notes');
  });

  it('--rule PC08=error makes it fail; bad usage exits 2', async () => {
    assert.equal((await run(projectCommand, dir, '--rule', 'PC08=error')).code, 1);
    assert.equal((await run(projectCommand, dir, '--format', 'xml')).code, 2);
    assert.equal((await run(projectCommand, path.join(dir, 'nope'))).code, 2);
  });

  it('ckdev lint <folder> --format sarif carries the PC findings with their rule and related location', async () => {
    const r = await run(lintCommand, dir, '--format', 'sarif');
    const sarif = JSON.parse(r.out);
    const results = sarif.runs[0].results;
    assert.deepEqual(results.map((x: { ruleId: string }) => x.ruleId), ['PC08', 'PC08']);
    assert.equal(sarif.runs[0].tool.driver.rules[0].helpUri.endsWith('docs/rules/PC08.md'), true);
    assert.match(results[0].relatedLocations[0].physicalLocation.artifactLocation.uri, /WidgetStore\.swift$/);
  });
});
