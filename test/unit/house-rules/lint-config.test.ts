import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';
import { REPO_ROOT } from '../../helpers/paths';
import { removeFixtureTree, writeFixtureTree } from './fixture-tree';

/**
 * The repository's eslint.config.mjs on a throw-away project: each rule fires on a broken file and
 * stays silent on the same code written the way the rule asks.
 */
const TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, lib: ['ES2022'], types: [], noEmit: true },
  include: ['src/**/*.ts'],
});

const TYPES = "export interface Shape { name: string }\nexport async function load(): Promise<Shape> { return { name: 'x' }; }\n";

const BROKEN = [
  "import { Shape, load } from './types';",
  'export function describe(shape: Shape, unused: number): string {',
  '  load();',
  '  return shape.name;',
  '}',
  '// eslint-disable-next-line @typescript-eslint/no-floating-promises',
  'load();',
  '// eslint-disable-next-line @typescript-eslint/no-floating-promises -- stale: nothing below floats',
  'export const n = 1;',
  '',
].join('\n');

const CLEAN = [
  "import { type Shape, load } from './types';",
  'export function describe(_unused: number, shape: Shape): string {',
  '  void load();',
  '  return shape.name;',
  '}',
  'export const [_first, second] = [1, 2];',
  '// eslint-disable-next-line @typescript-eslint/no-floating-promises -- fire and forget: the test says why',
  'load();',
  '',
].join('\n');

describe('house rules: ESLint config (eslint.config.mjs)', function () {
  this.timeout(30_000);
  let root = '';
  let results: ESLint.LintResult[] = [];

  before(async () => {
    root = writeFixtureTree('ckdev-eslint-', {
      'tsconfig.json': TSCONFIG,
      'src/types.ts': TYPES,
      'src/broken.ts': BROKEN,
      'src/clean.ts': CLEAN,
    });
    const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(REPO_ROOT, 'eslint.config.mjs') });
    results = await eslint.lintFiles(['src/broken.ts', 'src/clean.ts']);
  });
  after(() => removeFixtureTree(root));

  const messagesOf = (file: string) => {
    const r = results.find((x) => path.basename(x.filePath) === file);
    assert.ok(r, `${file} was not linted`);
    return r.messages.map((m) => `${m.line} ${m.ruleId ?? 'directive'}`).sort();
  };

  it('flags a floating promise, a value import of a type, an unused parameter, an undescribed and an unused disable', () => {
    assert.deepEqual(messagesOf('broken.ts'), [
      '1 @typescript-eslint/consistent-type-imports',
      '2 @typescript-eslint/no-unused-vars',
      '3 @typescript-eslint/no-floating-promises',
      '6 @eslint-community/eslint-comments/require-description',
      '8 directive',
    ].sort());
  });

  it('every finding is an error (npm run lint fails on it)', () => {
    const broken = results.find((x) => path.basename(x.filePath) === 'broken.ts')!;
    assert.equal(broken.errorCount, 5);
    assert.equal(broken.warningCount, 0);
  });

  it('is silent on the same code written as the rules ask (type import, void, _ names, described disable)', () => {
    assert.deepEqual(messagesOf('clean.ts'), []);
  });
});
