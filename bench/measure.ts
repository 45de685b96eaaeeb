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
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: round(samples[samples.length >> 1]), minMs: round(samples[0]), runs };
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
