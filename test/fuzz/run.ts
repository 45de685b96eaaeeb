/**
 * `npm run fuzz`: the long fuzz campaign (issue 17). Loads every module of test/fuzz/targets/ that exports
 * `target = { name, defaultCount, check(seed) }` (see test/fuzz/support.ts), runs `defaultCount` seeded
 * inputs through each, and prints per target: inputs, exceptions, bad ranges, hangs (an input over the
 * target's time budget, or one that never returns: its worker is stopped and the run goes on), other.
 * Exit 1 on any failure. Each target runs in a worker thread, so a real infinite loop is caught too.
 *
 *   npm run fuzz                                        every target, its default count
 *   npm run fuzz -- --target ckdb,sync-log --count 500 --seed 1000
 *   node out/test/fuzz/run.js --target xcdatamodel --seed 4242 --count 1      replay one failure
 *   FUZZ_DUMP=/tmp/fuzz npm run fuzz       also write each failing input to /tmp/fuzz/<target>-<seed>.txt
 */
import fs from 'node:fs';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { lastNotedInput, type FuzzResult, type FuzzTarget } from './support';

const TARGETS_DIR = path.join(__dirname, 'targets');
const DEFAULT_BUDGET_MS = 2000;
/** An input that has not returned after this long is a hang for sure: its worker is stopped. */
const STUCK_MS = 20000;

interface Job { file: string; first: number; end: number }
type Message = { seed: number; result: FuzzResult; ms: number } | { ready: true; name: string; budgetMs?: number } | { done: true };

export function isFuzzTarget(x: unknown): x is FuzzTarget {
  const t = x as FuzzTarget | undefined;
  return !!t && typeof t.name === 'string' && typeof t.defaultCount === 'number' && typeof t.check === 'function';
}

/** The target files: compiled modules of test/fuzz/targets (any module exporting a `target`). */
export function targetFiles(dir = TARGETS_DIR): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort().map((f) => path.join(dir, f));
}

export function loadTarget(file: string): FuzzTarget {
  const mod = require(file) as { target?: unknown; default?: { target?: unknown } };
  const t = mod.target ?? mod.default?.target;
  if (!isFuzzTarget(t)) throw new Error(`${path.basename(file)}: no \`target = { name, defaultCount, check(seed) }\` export`);
  return t;
}

/** Runs `check(seed)` once, turning a throw into an exception result. */
export async function runOne(target: FuzzTarget, seed: number): Promise<FuzzResult> {
  try {
    return await target.check(seed);
  } catch (e) {
    return { ok: false, kind: 'exception', detail: e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 4).join(' | ') : String(e) };
  }
}

async function worker(job: Job): Promise<void> {
  const target = loadTarget(job.file);
  parentPort!.postMessage({ ready: true, name: target.name, budgetMs: target.budgetMs } satisfies Message);
  for (let seed = job.first; seed < job.end; seed++) {
    const t0 = performance.now();
    const result = await runOne(target, seed);
    // FUZZ_DUMP=<folder>: each failing input as the target made it, to reproduce by hand.
    if (!result.ok && process.env.FUZZ_DUMP) {
      fs.mkdirSync(process.env.FUZZ_DUMP, { recursive: true });
      fs.writeFileSync(path.join(process.env.FUZZ_DUMP, `${target.name}-${seed}.txt`), lastNotedInput());
    }
    parentPort!.postMessage({ seed, result, ms: performance.now() - t0 } satisfies Message);
  }
  parentPort!.postMessage({ done: true } satisfies Message);
}

interface Tally {
  name: string; inputs: number; exceptions: number; badRanges: number; hangs: number; other: number;
  slowestMs: number; seconds: number; failures: { seed: number; kind: string; detail: string }[];
}

const KIND_KEYS: Record<string, keyof Pick<Tally, 'exceptions' | 'badRanges' | 'hangs'>> = { exception: 'exceptions', 'bad-range': 'badRanges', hang: 'hangs' };

function record(t: Tally, seed: number, kind: string, detail: string): void {
  const key = KIND_KEYS[kind];
  if (key) t[key]++; else t.other++;
  if (t.failures.length < 8) t.failures.push({ seed, kind, detail: detail.slice(0, 400) });
}

/** Runs seeds [first, first + count) of one target file in worker threads; restarts past a stuck input. */
function runFile(file: string, first: number, count: number | undefined, budgetOverride: number | undefined): Promise<Tally> {
  const target = loadTarget(file);
  const tally: Tally = { name: target.name, inputs: 0, exceptions: 0, badRanges: 0, hangs: 0, other: 0, slowestMs: 0, seconds: 0, failures: [] };
  const end = first + (count ?? target.defaultCount);
  const budget = budgetOverride ?? target.budgetMs ?? DEFAULT_BUDGET_MS;
  const started = performance.now();
  return new Promise((resolve) => {
    const finish = (): void => {
      tally.seconds = (performance.now() - started) / 1000;
      resolve(tally);
    };
    const start = (from: number): void => {
      if (from >= end) { finish(); return; }
      let next = from;
      let timer: NodeJS.Timeout | undefined;
      const w = new Worker(__filename, { workerData: { file, first: from, end } satisfies Job, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
      const arm = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          // Never returned: a hang; stop the worker and go on after it.
          record(tally, next, 'hang', `no result after ${Math.max(STUCK_MS, budget * 5)} ms (worker stopped)`);
          tally.inputs++;
          void w.terminate().then(() => start(next + 1));
        }, Math.max(STUCK_MS, budget * 5));
      };
      w.on('message', (m: Message) => {
        if ('ready' in m) { arm(); return; }
        if ('done' in m) { clearTimeout(timer); void w.terminate().then(finish); return; }
        tally.inputs++;
        tally.slowestMs = Math.max(tally.slowestMs, m.ms);
        if (!m.result.ok) record(tally, m.seed, m.result.kind, m.result.detail);
        else if (m.ms > budget) record(tally, m.seed, 'hang', `${m.ms.toFixed(0)} ms, over the budget of ${budget} ms`);
        next = m.seed + 1;
        if ((tally.inputs % 1000) === 0) process.stderr.write(`[fuzz] ${tally.name}: ${tally.inputs}\n`);
        arm();
      });
      w.on('error', (e) => {
        // Out of memory or a crash outside check(): counted against the input, and the run goes on.
        clearTimeout(timer);
        record(tally, next, 'exception', `worker died: ${e.message}`);
        tally.inputs++;
        start(next + 1);
      });
      arm();
    };
    start(first);
  });
}

function parseArgs(argv: string[]): { targets?: string[]; count?: number; seed: number; budgetMs?: number } {
  const out: { targets?: string[]; count?: number; seed: number; budgetMs?: number } = { seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const value = (): string => inline ?? argv[++i] ?? '';
    if (flag === '--target') out.targets = value().split(',');
    else if (flag === '--count') out.count = Number(value());
    else if (flag === '--seed') out.seed = Number(value());
    else if (flag === '--budget-ms') out.budgetMs = Number(value());
    else throw new Error(`unknown option ${argv[i]} (--target a,b --count n --seed n --budget-ms n)`);
  }
  return out;
}

async function mainThread(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const files = targetFiles().filter((f) => !args.targets || args.targets.some((t) => path.basename(f, '.js') === t || loadTarget(f).name === t));
  if (files.length === 0) { console.error('fuzz: no target matched (did `node esbuild.mjs --tests` run?)'); return 1; }
  const tallies: Tally[] = [];
  for (const f of files) {
    const t = await runFile(f, args.seed, args.count, args.budgetMs);
    tallies.push(t);
    console.log(`${t.name.padEnd(16)} inputs ${String(t.inputs).padStart(6)}  exceptions ${t.exceptions}  bad ranges ${t.badRanges}  hangs ${t.hangs}  other ${t.other}  (${t.seconds.toFixed(1)} s, slowest ${t.slowestMs.toFixed(0)} ms)`);
    for (const x of t.failures) console.log(`  seed ${x.seed} ${x.kind}: ${x.detail}`);
  }
  const failed = tallies.reduce((n, t) => n + t.exceptions + t.badRanges + t.hangs + t.other, 0);
  console.log(`fuzz ${new Date().toISOString().slice(0, 10)}: ${tallies.reduce((n, t) => n + t.inputs, 0)} inputs over ${tallies.length} targets (seeds from ${args.seed}), ${failed} failures`);
  return failed ? 1 : 0;
}

if (!isMainThread && workerData) {
  void worker(workerData as Job);
} else if (require.main === module) {
  mainThread().then((code) => { process.exitCode = code; }, (e: unknown) => { console.error(e); process.exitCode = 2; });
}
