/**
 * Timing and memory helpers for benchmark cases. Timings are the median of several runs after a
 * warm-up; peak memory is sampled heap + external + array buffers while the work runs.
 */
export interface Timing {
  readonly medianMs: number;
  readonly minMs: number;
  readonly runs: number;
}

/**
 * `npm test` runs every case once, with small inputs (`node bench/run.mjs --quick` sets
 * CKDEV_BENCH_QUICK=1): it proves each benchmark still runs; its figures mean nothing and are not kept.
 */
export const QUICK = process.env.CKDEV_BENCH_QUICK === '1';

/** A size or a count of rounds: the full one for `npm run bench`, the small one in quick mode. */
export function sized(full: number, quick: number): number {
  return QUICK ? quick : full;
}

export async function time(fn: () => unknown | Promise<unknown>, runs = 5, warmup = 1): Promise<Timing> {
  if (QUICK) { runs = 1; warmup = 0; }
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await elapsedMs(fn));
  return { medianMs: round(median(samples)), minMs: round(Math.min(...samples)), runs };
}

/** The median over rounds of subject / baseline, each round timing both back to back, and the lowest and highest ratio. */
export interface Comparison {
  readonly ratio: number;
  /** How much the machine moved during the run. */
  readonly ratioRange: readonly [number, number];
}

/**
 * Times `subject` and `baseline` in alternating rounds, the order swapped every round, and gives the median of
 * the per-round ratios. Timing all runs of one and then all runs of the other lets a busy phase of the machine
 * (another process, a frequency change) fall on one side only: on this 2-core host the .ckdb ratio moved from
 * 2.0x to 3.5x between runs of the same code. Back-to-back pairs share the machine's state.
 *
 * Each side pays for its own garbage only: before each timed run, a collection, then one untimed run of the same
 * side, whose garbage the timed run may then have to collect (without the collection, the baseline paid for the
 * subject's: 1.6x instead of 3x for the .ckdb parse). The untimed run is there because after a forced collection
 * (`gc()`) V8 threw away the optimised code of the side that ran before (`node --trace-deopt` printed "reason:
 * weak objects" for every parser function, every round), so a timed run straight after it measured V8 compiling
 * the parser again: a 4 MB .ckdb parse took 80-120 ms instead of 40, a 50 MB log read 37 ms instead of 17.
 * Collections V8 started by itself did not do that: between lints of a 4.5 MB model, 12 mark-compacts brought on by
 * other allocation threw away 2 functions in all, and the three memory-reducing ones after 12 s idle none.
 */
export async function compare(subject: () => unknown | Promise<unknown>, baseline: () => unknown | Promise<unknown>, rounds = 9, warmup = 2): Promise<Comparison> {
  if (QUICK) { rounds = 1; warmup = 0; }
  for (let i = 0; i < warmup; i++) { await baseline(); await subject(); }
  const gc = (globalThis as { gc?: () => void }).gc;
  const once = async (fn: () => unknown | Promise<unknown>): Promise<number> => {
    gc?.();
    await fn();
    return elapsedMs(fn);
  };
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Even rounds time the baseline first, odd rounds the subject first.
    const subjectFirst = r % 2 === 1;
    const first = await once(subjectFirst ? subject : baseline);
    const second = await once(subjectFirst ? baseline : subject);
    ratios.push(subjectFirst ? first / second : second / first);
  }
  return { ratio: round(median(ratios)), ratioRange: [round(Math.min(...ratios)), round(Math.max(...ratios))] };
}

async function elapsedMs(fn: () => unknown | Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** CPU milliseconds (user + system, all threads) of one run of `fn`: steadier than wall time on a busy machine. */
export function cpuMs(fn: () => unknown): number {
  const t = process.cpuUsage();
  fn();
  const u = process.cpuUsage(t);
  return (u.user + u.system) / 1000;
}

/** The middle value (the upper one of an even count). */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[xs.length >> 1];
}

/** Runs `fn` once and reports the wall time and the peak memory above the starting point. */
export async function peak(fn: () => unknown | Promise<unknown>): Promise<{ ms: number; peakMB: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const used = () => { const m = process.memoryUsage(); return m.heapUsed + m.external + m.arrayBuffers; };
  const base = used();
  let max = base;
  const timer = setInterval(() => { max = Math.max(max, used()); }, 5);
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  clearInterval(timer);
  max = Math.max(max, used());
  return { ms: round(ms), peakMB: round((max - base) / (1 << 20)) };
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function ratio(a: number, b: number): number {
  return round(a / b, 2);
}
