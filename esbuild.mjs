// Builds every artefact of the extension with esbuild.
//
//   node esbuild.mjs               extension, CLI and webview bundles into dist/
//   node esbuild.mjs --production  the same, minified, without source maps (used by `npm run package`)
//   node esbuild.mjs --watch       rebuild the bundles on change
//   node esbuild.mjs --production --metafile   also write dist/extension.meta.json (what each source file
//                                   adds to the activation bundle: `bytesInOutput` per input)
//   node esbuild.mjs --tests       transpile src/, test/ and bench/ one file per file into out/ (what
//                                   mocha, the in-VS-Code suite and the benchmarks run)
//
// Bundles (see ARCHITECTURE.md): the extension runs in VS Code's Node extension host (cjs, `vscode`
// external); the CLI is a plain Node program; the webview is browser code. Heavy, rarely used
// features are separate bundles that the extension `require`s only when the feature is used, so
// activation stays light (ts-morph with TypeScript is one of them).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import modeldefText from './scripts/esbuild-modeldef-text.cjs';
import lazyBundles from './scripts/lazy-bundles.cjs';

const { lazyNodeBundles, lazyRequires } = lazyBundles;

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const metafile = args.has('--metafile');
const root = path.dirname(new URL(import.meta.url).pathname);
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
/** Compile-time constants of every build (see src/cli/version.ts). */
const define = { __CKDEV_VERSION__: JSON.stringify(version) };

/** Prints errors in the `$esbuild-watch` problem-matcher format (from the esbuild extension sample). */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => { if (watch) console.log('[watch] build started'); });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [problemMatcher, modeldefText],
  define,
};

/**
 * WebAssembly files copied into dist/ (the Swift parser reads them from there; see
 * src/swift-parser/create-parser.ts for why these packages).
 */
const wasmAssets = [
  ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'dist/web-tree-sitter.wasm'],
  ['node_modules/@repomix/tree-sitter-wasms/out/tree-sitter-swift.wasm', 'dist/tree-sitter-swift.wasm'],
];

function copyWasmAssets() {
  for (const [from, to] of wasmAssets) {
    fs.mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
    fs.copyFileSync(path.join(root, from), path.join(root, to));
  }
}

function nodeBundles() {
  const list = [
    { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js',
      platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', ...lazyRequires] },
    { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js',
      platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' },
      external: lazyRequires },
  ];
  for (const [entry, outfile, extra = {}] of lazyNodeBundles) {
    if (fs.existsSync(path.join(root, entry))) {
      list.push({ ...common, entryPoints: [entry], outfile, platform: 'node', format: 'cjs', target: 'node20',
        external: ['vscode', ...lazyRequires], ...extra });
    }
  }
  return list;
}

function webviewBundles() {
  if (!fs.existsSync(path.join(root, 'webview/main.ts'))) return [];
  return [{ ...common, entryPoints: ['webview/main.ts'], outfile: 'dist/webview/main.js',
    platform: 'browser', format: 'iife', target: ['chrome114'], loader: { '.css': 'text' } }];
}

function listTs(dir) {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f));
}

async function buildTests() {
  // One output file per source file (no bundling), so mocha reports real paths and each test
  // imports the same module instances the extension would.
  const entryPoints = [...listTs('src'), ...listTs('test'), ...listTs('bench'), ...listTs('webview')];
  fs.rmSync(path.join(root, 'out'), { recursive: true, force: true });
  await esbuild.build({
    entryPoints, outdir: 'out', outbase: '.', bundle: false, platform: 'node', format: 'cjs',
    target: 'node20', sourcemap: 'inline', logLevel: 'warning', loader: { '.css': 'text' }, define,
  });
  // The one module that inlines another file's text needs a bundler pass (the helper's text, see
  // scripts/esbuild-modeldef-text.cjs); everything else stays one file per file.
  await esbuild.build({
    entryPoints: ['src/modeldef/source.ts'], outfile: 'out/src/modeldef/source.js', bundle: true, platform: 'node', format: 'cjs',
    target: 'node20', sourcemap: 'inline', logLevel: 'warning', plugins: [modeldefText], define,
  });
}

async function main() {
  process.chdir(root);
  if (args.has('--tests')) { await buildTests(); return; }
  const configs = [...nodeBundles(), ...webviewBundles()];
  // A full build starts from an empty dist/ so no stale file (an old source map, a removed bundle)
  // can end up in the .vsix.
  if (!watch) fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  if (watch) {
    const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
    copyWasmAssets();
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  const results = await Promise.all(configs.map((c) => esbuild.build(metafile && c.outfile === 'dist/extension.js' ? { ...c, metafile: true } : c)));
  const meta = results.find((r) => r.metafile)?.metafile;
  if (meta) fs.writeFileSync(path.join(root, 'dist/extension.meta.json'), JSON.stringify(meta));
  copyWasmAssets();
  if (fs.existsSync('dist/cli.js')) fs.chmodSync('dist/cli.js', 0o755);
}

main().catch((e) => { console.error(e.message ?? e); process.exit(1); });
