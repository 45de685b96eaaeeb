// `npm run bench`: runs every benchmark case (bench/cases/*.bench.ts, compiled to out/bench/cases) in
// its own Node process, so its peak memory is its own, and prints each case's figures as JSON.
// A case compares itself with a baseline measured in the same run (same machine, same moment):
// figures are ratios, never absolute thresholds in a test.
//
//   npm run bench [-- name-filter]
//   node bench/run.mjs --quick     every case once with small inputs (part of `npm test`): proves the
//                                  benchmarks still run; figures are printed, not kept
//
// A case module exports `async function run(): Promise<object>`; use `measure()` from
// bench/measure.ts for timings and peak memory.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const casesDir = path.join(root, 'out/bench/cases');

if (process.argv[2] === '--case') {
  const mod = await import(path.resolve(process.argv[3]));
  const result = await (mod.run ?? mod.default.run)();
  process.stdout.write(JSON.stringify(result));
  process.exit(0);
}

const quick = process.argv[2] === '--quick';
const filter = quick ? undefined : process.argv[2];
const files = fs.existsSync(casesDir)
  ? fs.readdirSync(casesDir).filter((f) => f.endsWith('.bench.js') && (!filter || f.includes(filter))).sort()
  : [];
if (files.length === 0) {
  console.error('no benchmark cases found (did `node esbuild.mjs --tests` run?)');
  process.exit(1);
}
const resultsDir = path.join(root, 'bench/results');
fs.mkdirSync(resultsDir, { recursive: true });
const all = {};
let failed = 0;
for (const f of files) {
  const name = f.replace(/\.bench\.js$/, '');
  process.stderr.write(`[bench] ${name} ...\n`);
  try {
    const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192',
      fileURLToPath(import.meta.url), '--case', path.join(casesDir, f)],
      { encoding: 'utf8', maxBuffer: 64 << 20, env: quick ? { ...process.env, CKDEV_BENCH_QUICK: '1' } : process.env });
    all[name] = JSON.parse(out);
    console.log(quick ? `${name}: ran` : `${name}: ${JSON.stringify(all[name], null, 2)}`);
  } catch (e) {
    failed++;
    console.error(`[bench] ${name} failed: ${e.stderr || e.message}`);
  }
}
if (quick) {
  console.log(`bench: ${files.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
const summary = { date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, results: all };
fs.writeFileSync(path.join(resultsDir, 'latest.json'), JSON.stringify(summary, null, 2));
console.log(`[bench] wrote bench/results/latest.json`);
process.exit(failed ? 1 : 0);
