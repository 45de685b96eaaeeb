import fs from 'node:fs';
import path from 'node:path';
import type { SwiftModelReader } from '../core/model/swift/source';
import type { SyncPlan } from '../core/model/sync-plan';
import type { SwiftParser } from '../core/swift/syntax-node';
import { requireLazyBundle } from '../lazy-bundle';
import type * as NodeEntry from './node-entry';

/**
 * Loads the Swift parser in Node (extension host, CLI, tests) on first use and caches it.
 *
 * Bundled, the literal `require('./swift-parser.js')` is external in the extension and CLI bundles
 * (esbuild.mjs), so it resolves next to dist/extension.js and dist/cli.js and the .wasm files are read
 * from the same dist/ folder. Unbundled (tests run from out/), the module is reached by a computed
 * path and the .wasm files come from node_modules.
 */
type ParserBundle = typeof NodeEntry;

let cached: Promise<SwiftParser> | undefined;

export function loadSwiftParser(): Promise<SwiftParser> {
  cached ??= load().catch((e: unknown) => {
    cached = undefined; // a failed load (missing file) may be retried after a rebuild
    throw e;
  });
  return cached;
}

async function load(): Promise<SwiftParser> {
  const bundle = requireBundle();
  const { runtime, grammar } = bundle.SWIFT_PARSER_ASSETS;
  const [runtimeWasm, grammarWasm] = await Promise.all([
    fs.promises.readFile(assetPath(runtime, 'web-tree-sitter/web-tree-sitter.wasm')),
    fs.promises.readFile(assetPath(grammar, '@repomix/tree-sitter-wasms/out/tree-sitter-swift.wasm')),
  ]);
  return bundle.createSwiftParser(runtimeWasm, grammarWasm);
}

/**
 * The SwiftData model reader (src/core/model/swift/model-read.ts) with the parser, for the model source
 * registered in src/model-sources.ts: the reader's code comes from the same lazy bundle.
 */
export async function loadSwiftModelReader(): Promise<SwiftModelReader> {
  const parser = await loadSwiftParser();
  const bundle = requireBundle();
  return { read: (files) => bundle.readSwiftSources(files, parser) };
}

/** "Which models sync": parses setup files into a sync plan (src/core/model/sync-read.ts) with the parser, from the same lazy bundle. */
export async function loadSyncPlanReader(): Promise<(files: readonly { readonly path: string; readonly text: string }[]) => SyncPlan> {
  const parser = await loadSwiftParser();
  const bundle = requireBundle();
  return (files) => bundle.syncPlanFromSwift(files, parser);
}

function requireBundle(): ParserBundle {
  return requireLazyBundle<ParserBundle>(() => require('./swift-parser.js'), path.join(__dirname, 'node-entry.js'));
}

/** dist/<name> next to the running bundle, else the file inside its npm package. */
function assetPath(name: string, packagePath: string): string {
  const beside = path.join(__dirname, name);
  if (fs.existsSync(beside)) return beside;
  return require.resolve(packagePath);
}
