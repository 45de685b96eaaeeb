// Mutation testing (StrykerJS), `npm run mutate`: not part of `npm test` (far too slow for CI).
// See docs/testing.md "Mutation testing" for how to run it one folder at a time and the scores so far.
//
//   npm run mutate                                         every file of src/core and src/cli
//   npm run mutate -- --mutate 'src/core/rules/**/*.ts'   one folder (what the scores are given per)
//
// How it runs: Stryker copies the repository into .stryker-tmp/, writes every mutant into src/ at once
// (switched on one at a time at run time), rebuilds out/ and dist/ there with esbuild (`buildCommand`),
// and runs the mocha unit tests that cover each mutant (`coverageAnalysis: perTest`). The TypeScript
// checker drops mutants that do not compile before any test runs. `incremental` keeps the results in
// reports/stryker-incremental.json, so a second run only tests mutants in changed code or under changed
// tests.
import path from 'node:path';

const root = path.dirname(new URL(import.meta.url).pathname);

// The tests find the shared corpus at ../shared/corpus next to the clone; from the sandbox in
// .stryker-tmp/ that relative path is wrong, so point CKDEV_CORPUS at the clone's (the test runners are
// child processes and inherit it). An explicit CKDEV_CORPUS wins.
process.env.CKDEV_CORPUS ??= path.resolve(root, '..', 'shared', 'corpus');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'mocha',
  mutate: ['src/core/**/*.ts', 'src/cli/**/*.ts', '!**/*.d.ts'],
  buildCommand: 'node esbuild.mjs && node esbuild.mjs --tests',
  mochaOptions: {
    config: '.mocharc.json',
    // STRYKER_TESTS (comma-separated globs of out/test/unit/...test.js) narrows the tests to those of the
    // folder being mutated: a run over the whole suite takes hours on a small machine.
    ...(process.env.STRYKER_TESTS ? { spec: process.env.STRYKER_TESTS.split(',') } : {}),
    ignore: [
      // The house-rule tests lint and size-check source files, which hold every mutant at once in the
      // sandbox; they are not about the code's behaviour.
      'out/test/unit/house-rules/**',
      // Checks the dist/ bundle of the Swift parser, which the sandbox build does not leave in place
      // (src/swift-parser is not mutated; the Swift readers' own tests still run).
      'out/test/unit/swift/swift-parser.test.js',
    ],
  },
  // STRYKER_NO_CHECKER=1 skips the checker: on a loaded machine it, not the tests, is the bottleneck (a
  // mutant that does not compile then fails its tests at run time, or survives when nothing covers it).
  checkers: process.env.STRYKER_NO_CHECKER ? [] : ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // Mutants that only run while a module loads (constant tables) need a fresh process and the whole suite
  // each; they are left out to keep a run within hours.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  ignorePatterns: ['out', 'dist', '.cache', 'test-results', 'bench/results', '.vscode-test', 'reports'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 2,
  timeoutMS: 10_000,
  dryRunTimeoutMinutes: 20,
  thresholds: { high: 80, low: 70, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
