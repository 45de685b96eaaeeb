// The lazily loaded Node bundles, in one place for esbuild.mjs and the typescript-lazy bench: each is
// [entry, outfile, extra esbuild options?], and its loader `require`s './<outfile name>' by that literal
// path (src/lazy-bundle.ts), which every other bundle keeps external.
const lazyNodeBundles = [
  ['src/typescript/support-bundle.ts', 'dist/typescript-support.js'],
  ['src/extension/model-linting/lint-worker.ts', 'dist/model-lint-worker.js'],
  // Project configuration checks (src/project-host/load.ts requires it when a workspace has a project).
  ['src/project-host/checks-bundle.ts', 'dist/project-checks.js'],
  // The sync-log reader and explainer (src/logs-host/load.ts requires it when a log is opened or explained).
  ['src/logs-host/reader-bundle.ts', 'dist/log-reader.js'],
  // web-tree-sitter for Swift sources (src/swift-parser/load-node.ts requires it on first use).
  // Its CommonJS build (aliased): the ESM one calls createRequire(import.meta.url), undefined in cjs.
  ['src/swift-parser/node-entry.ts', 'dist/swift-parser.js', { alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' } }],
];

/** The literal paths the other bundles `require` at run time (the worker is started by path, not required). */
const lazyRequires = lazyNodeBundles
  .map(([, outfile]) => `./${outfile.slice('dist/'.length)}`)
  .filter((p) => p !== './model-lint-worker.js');

module.exports = { lazyNodeBundles, lazyRequires };
