import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../helpers/paths';
import { removeFixtureTree, writeFixtureTree } from './fixture-tree';

interface Violation { rule: { name: string }; from: string; to: string; cycle?: { name: string }[] }

/**
 * One tree holds a violation of each rule in .dependency-cruiser.cjs and, beside it, the allowed form
 * of the same import, so a rule that never fires and a rule that fires on everything both fail here.
 */
const FILES: Record<string, string> = {
  // core-is-pure: vscode, a node: builtin and a package off the allow-list; saxes is allowed.
  'src/core/uses-vscode.ts': "import type * as vscode from 'vscode';\nexport type U = vscode.Uri;\n",
  'src/core/uses-node.ts': "import fs from 'node:fs';\nexport const read = fs.readFileSync;\n",
  'src/core/uses-ts-morph.ts': "import { Project } from 'ts-morph';\nexport const p = Project;\n",
  'src/core/uses-adapter.ts': "import { z } from '../protocol/wire';\nexport const y = z;\n",
  'src/core/uses-saxes.ts': "import { SaxesParser } from 'saxes';\nimport { z } from './leaf';\nexport const s = [SaxesParser, z];\n",
  'src/core/leaf.ts': 'export const z = 1;\n',
  'src/protocol/wire.ts': "import { z as core } from '../core/leaf';\nexport const z = core;\n",
  // no-cycle: a -> b -> a.
  'src/core/cycle-a.ts': "import { b } from './cycle-b';\nexport const a = () => b;\n",
  'src/core/cycle-b.ts': "import { a } from './cycle-a';\nexport const b = () => a;\n",
  // no-folder-cycle (scripts/check-folder-cycles.mjs): alpha -> beta -> alpha without a module cycle.
  'src/core/alpha/a.ts': "import { b } from '../beta/b';\nexport const a = b;\n",
  'src/core/beta/b.ts': "import { c } from '../alpha/c';\nexport const b = c;\n",
  'src/core/alpha/c.ts': 'export const c = 1;\n',
  // webview-not-extension (webview -> core is fine).
  'webview/panel.ts': "import { lint } from '../src/extension/lint/service';\nimport { z } from '../src/core/leaf';\nexport const w = [lint, z];\n",
  // no-cross-feature: lint -> deploy is not allowed; lint -> common and lint -> lint are.
  'src/extension/lint/service.ts': "import { plan } from '../deploy/plan';\nimport { debounce } from '../common/debounce';\nimport { helper } from './helper';\nexport const lint = [plan, debounce, helper];\n",
  // A feature may use a file of the folder above it, whose entry file imports the feature: not a folder cycle.
  'src/extension/lint/helper.ts': "import { z } from '../../core/leaf';\nimport { files } from '../workspace-files';\nexport const helper = [z, files];\n",
  'src/extension/workspace-files.ts': 'export const files = 2;\n',
  'src/extension/deploy/plan.ts': "import { debounce } from '../common/debounce';\nexport const plan = debounce;\n",
  'src/extension/common/debounce.ts': 'export const debounce = 1;\n',
  'src/extension/extension.ts': "import { lint } from './lint/service';\nimport { plan } from './deploy/plan';\nexport const all = [lint, plan];\n",
  // cli-not-extension (cli -> core is fine).
  'src/cli/main.ts': "import { plan } from '../extension/deploy/plan';\nimport { z } from '../core/leaf';\nexport const c = [plan, z];\n",
};

/** Runs depcruise in `root` as `npm run depcheck` does, with the given output type. */
function depcruise(root: string, outputType: 'json' | 'err') {
  const bin = path.join(REPO_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const config = path.join(REPO_ROOT, '.dependency-cruiser.cjs');
  return spawnSync(process.execPath, [bin, '--config', config, '--output-type', outputType, 'src', 'webview'],
    { cwd: root, encoding: 'utf8', timeout: 30_000 });
}

describe('house rules: dependency-cruiser layer rules (.dependency-cruiser.cjs)', function () {
  this.timeout(30_000);
  let root = '';
  let violations: Violation[] = [];

  before(() => {
    root = writeFixtureTree('ckdev-depcruise-', FILES);
    const r = depcruise(root, 'json');
    assert.equal(r.status, 0, r.stderr);
    violations = (JSON.parse(r.stdout) as { summary: { violations: Violation[] } }).summary.violations;
    fs.writeFileSync(path.join(root, 'cruise.json'), r.stdout);
  });
  after(() => removeFixtureTree(root));

  const pairs = (rule: string) => violations.filter((v) => v.rule.name === rule).map((v) => `${v.from} -> ${v.to}`).sort();

  it('the depcheck command (err output) exits non-zero and names each broken rule', () => {
    const r = depcruise(root, 'err');
    assert.notEqual(r.status, 0, r.stdout);
    for (const rule of ['core-is-pure', 'webview-not-extension', 'cli-not-extension', 'no-cross-feature', 'no-cycle']) {
      assert.match(r.stdout, new RegExp(`error ${rule}:`));
    }
  });

  it('core-is-pure: vscode, node: builtins, unlisted packages and adapter code, but not saxes or core', () => {
    assert.deepEqual(pairs('core-is-pure'), [
      'src/core/uses-adapter.ts -> src/protocol/wire.ts',
      'src/core/uses-node.ts -> fs',
      'src/core/uses-ts-morph.ts -> ts-morph',
      'src/core/uses-vscode.ts -> vscode',
    ].sort());
  });

  it('webview-not-extension: the webview importing src/extension, not src/core', () => {
    assert.deepEqual(pairs('webview-not-extension'), ['webview/panel.ts -> src/extension/lint/service.ts']);
  });

  it('no-cross-feature: one feature folder importing another, not common/, itself or the entry file', () => {
    assert.deepEqual(pairs('no-cross-feature'), ['src/extension/lint/service.ts -> src/extension/deploy/plan.ts']);
  });

  it('cli-not-extension: the CLI importing src/extension', () => {
    assert.deepEqual(pairs('cli-not-extension'), ['src/cli/main.ts -> src/extension/deploy/plan.ts']);
  });

  it('no-cycle: a -> b -> a, and nothing else', () => {
    const cycles = violations.filter((v) => v.rule.name === 'no-cycle');
    assert.equal(cycles.length, 1, JSON.stringify(cycles));
    assert.deepEqual([cycles[0].from, ...(cycles[0].cycle ?? []).map((c) => c.name)],
      ['src/core/cycle-a.ts', 'src/core/cycle-b.ts', 'src/core/cycle-a.ts']);
  });

  it('no-folder-cycle: sibling folders importing each other round a loop, not a folder and its subfolder', () => {
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'check-folder-cycles.mjs'), '--from-json', path.join(root, 'cruise.json')],
      { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 1, r.stderr);
    const loops = r.stderr.split('\n').filter((l) => l.includes('no-folder-cycle:')).map((l) => l.split('no-folder-cycle: ')[1]);
    assert.deepEqual(loops, ['src/core <-> src/protocol', 'src/core/alpha <-> src/core/beta']);
    assert.match(r.stderr, /src\/core\/beta\/b\.ts -> src\/core\/alpha\/c\.ts/);
  });

  it('reports no rule this config does not define (every violation is one of the five)', () => {
    const names = new Set(violations.map((v) => v.rule.name));
    assert.deepEqual([...names].sort(), ['cli-not-extension', 'core-is-pure', 'no-cross-feature', 'no-cycle', 'webview-not-extension']);
  });
});
