import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { fakeContext, fakeDocument, installFakeVscode } from '../fakeVscode';
import { sized } from '../measure';

/**
 * Issue 8: ts-morph (with TypeScript) loads only when a TypeScript-model feature is used. Builds the
 * production extension bundle twice, as shipped (ts-morph in the lazy typescript-support.js) and with
 * ts-morph inlined (the baseline), then times, each in fresh Node processes with a fake `vscode`:
 * require + activate(), and the time from opening a .cdmodel.ts document to its first diagnostics.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const RUNS = sized(5, 1);

interface ChildResult { activateMs: number; tsLoadedAtActivation: boolean; firstLintMs: number; diagnostics: number }

async function child(bundle: string): Promise<void> {
  const fake = installFakeVscode();
  const t0 = performance.now();
  const ext = require(bundle) as { activate(ctx: unknown): unknown };
  ext.activate(fakeContext());
  const activateMs = performance.now() - t0;
  const tsLoadedAtActivation = Object.keys(require.cache).some((k) => k.endsWith('typescript-support.js'));
  const file = path.join(ROOT, 'examples/web/ShoppingList.cdmodel.ts');
  const doc = fakeDocument(file, fs.readFileSync(file, 'utf8'));
  const done = new Promise<number>((resolve) => fake.onDiagnostics((_u, n) => resolve(n)));
  const t1 = performance.now();
  fake.openDocument(doc);
  const diagnostics = await done;
  const firstLintMs = performance.now() - t1;
  const r: ChildResult = { activateMs, tsLoadedAtActivation, firstLintMs, diagnostics };
  process.stdout.write(JSON.stringify(r));
}

if (process.env.CKDEV_BENCH_CHILD) {
  child(process.env.CKDEV_BENCH_CHILD).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
}

/** Inlines the lazy module: the literal `require('./typescript-support.js')` resolves to its source. */
const inlineTypeScriptSupport: esbuild.Plugin = {
  name: 'inline-typescript-support',
  setup(build) {
    build.onResolve({ filter: /^\.\/typescript-support\.js$/ }, () => ({ path: path.join(ROOT, 'src/typescript/support-bundle.ts') }));
  },
};

async function buildVariants(dir: string): Promise<{ lazy: string; eager: string; support: string }> {
  const common: esbuild.BuildOptions = {
    bundle: true, minify: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent', absWorkingDir: ROOT,
    // The defineModel helper's text is inlined at build time, as in esbuild.mjs.
    plugins: [require(path.join(ROOT, 'scripts/esbuild-modeldef-text.cjs')) as esbuild.Plugin],
  };
  const lazy = path.join(dir, 'lazy', 'extension.js');
  const eager = path.join(dir, 'eager', 'extension.js');
  const support = path.join(dir, 'lazy', 'typescript-support.js');
  // The other lazy bundles stay external in both variants, as esbuild.mjs builds them (scripts/lazy-bundles.cjs).
  const { lazyRequires } = require(path.join(ROOT, 'scripts/lazy-bundles.cjs')) as { lazyRequires: string[] };
  const others = lazyRequires.filter((p) => p !== './typescript-support.js');
  await esbuild.build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: lazy, external: ['vscode', ...lazyRequires] });
  await esbuild.build({ ...common, entryPoints: ['src/typescript/support-bundle.ts'], outfile: support, external: ['vscode', ...others] });
  await esbuild.build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: eager, external: ['vscode', ...others], plugins: [...common.plugins!, inlineTypeScriptSupport] });
  return { lazy, eager, support };
}

function measure(bundle: string): ChildResult[] {
  const out: ChildResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    const json = execFileSync(process.execPath, [__filename], { env: { ...process.env, CKDEV_BENCH_CHILD: bundle }, encoding: 'utf8' });
    out.push(JSON.parse(json) as ChildResult);
  }
  return out;
}

const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return Math.round(s[s.length >> 1] * 10) / 10; };
const kb = (f: string): number => Math.round(fs.statSync(f).size / 102.4) / 10;

export async function run(): Promise<object> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-ts-lazy-'));
  try {
    const b = await buildVariants(dir);
    const lazy = measure(b.lazy);
    const eager = measure(b.eager);
    return {
      bundleKB: { extensionLazy: kb(b.lazy), extensionWithTsMorphInlined: kb(b.eager), typescriptSupport: kb(b.support) },
      activateMs: { lazy: median(lazy.map((r) => r.activateMs)), tsMorphInlined: median(eager.map((r) => r.activateMs)) },
      tsMorphLoadedByActivation: { lazy: lazy.some((r) => r.tsLoadedAtActivation) },
      firstLintOfCdmodelTsMs: { lazy: median(lazy.map((r) => r.firstLintMs)), tsMorphInlined: median(eager.map((r) => r.firstLintMs)) },
      diagnosticsOnExample: lazy[0].diagnostics,
      runs: RUNS,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
