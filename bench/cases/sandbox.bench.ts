/**
 * Sandbox engine: N objects created on one device and synced to four others (export in batches of 400,
 * server change log, pushes, paged imports), against a baseline that only deep-copies the same objects
 * into four maps. Goals (issue 6): sandbox ≤ 10x the baseline at 100,000 objects; ≤ 12x time for 10x work.
 * Memory is sampled from an event listener (every 256 events) because the run is synchronous and
 * `peak()`'s timer would not fire during it.
 */
import { Sandbox } from '../../src/core/sandbox';
import type { ObjectChange } from '../../src/core/sandbox';
import { ratio, round, sized } from '../measure';

const MODEL = {
  kind: 'spec' as const,
  spec: { entities: [{ name: 'Item', attributes: [{ name: 'title', type: 'String' }, { name: 'quantity', type: 'Integer 64' }, { name: 'done', type: 'Boolean' }] }] },
};

function objects(n: number): { title: string; quantity: number; done: boolean }[] {
  return Array.from({ length: n }, (_, i) => ({ title: `Item ${i}`, quantity: i, done: i % 2 === 0 }));
}

const used = (): number => { const m = process.memoryUsage(); return m.heapUsed + m.external + m.arrayBuffers; };
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

function measure(fn: (sample: () => void) => void): { ms: number; peakMB: number } {
  gc();
  const base = used();
  let max = base;
  const sample = (): void => { const u = used(); if (u > max) max = u; };
  const t0 = performance.now();
  fn(sample);
  const ms = performance.now() - t0;
  sample();
  return { ms: round(ms), peakMB: round((max - base) / (1 << 20)) };
}

function sandboxRun(n: number): { ms: number; peakMB: number; synced: boolean } {
  const data = objects(n);
  let synced = false;
  const r = measure((sample) => {
    const s = new Sandbox({ model: MODEL, seed: 1, environment: 'development', devices: ['A', 'B', 'C', 'D', 'E'].map((id) => ({ id })), options: { eventDetailLimit: 5 } });
    let k = 0;
    s.subscribe(() => { if ((++k & 255) === 0) sample(); });
    s.runUntilIdle();
    const changes: ObjectChange[] = data.map((values) => ({ op: 'insert', entity: 'Item', values }));
    s.apply({ type: 'save', device: 'A', changes });
    sample();
    s.runUntilIdle();
    synced = ['B', 'C', 'D', 'E'].every((d) => s.inspectDevice(d, { limit: 0 }).objectCount === n);
  });
  return { ...r, synced };
}

function baselineRun(n: number): { ms: number; peakMB: number } {
  const data = objects(n);
  return measure((sample) => {
    const maps: Map<number, { title: string; quantity: number; done: boolean }>[] = [];
    for (let d = 0; d < 4; d++) {
      const m = new Map<number, { title: string; quantity: number; done: boolean }>();
      for (let i = 0; i < data.length; i++) {
        m.set(i, JSON.parse(JSON.stringify(data[i])) as { title: string; quantity: number; done: boolean });
        if ((i & 4095) === 0) sample();
      }
      maps.push(m);
    }
    sample();
    if (maps[3].size !== n) throw new Error('baseline lost objects');
  });
}

/** Median (by time) of `runs` measurements: the machine is shared, single runs are noisy. */
function median<T extends { ms: number }>(runs: number, fn: () => T): T {
  const all = Array.from({ length: runs }, fn).sort((a, b) => a.ms - b.ms);
  return all[all.length >> 1];
}

export async function run(): Promise<object> {
  const [big, small, runs] = [sized(100_000, 200), sized(10_000, 20), sized(3, 1)];
  sandboxRun(sized(2_000, 20)); // warm-up
  baselineRun(sized(2_000, 20));
  const base100k = median(runs, () => baselineRun(big));
  const sb100k = median(runs, () => sandboxRun(big));
  const sb10k = median(runs, () => sandboxRun(small));
  const base10k = median(runs, () => baselineRun(small));
  return {
    runs: 'median of 3',
    objects100k: { sandbox: sb100k, baseline: base100k, timeVsBaseline: ratio(sb100k.ms, base100k.ms), memoryVsBaseline: ratio(sb100k.peakMB, base100k.peakMB), goal: '<= 10x' },
    objects10k: { sandbox: sb10k, baseline: base10k, timeVsBaseline: ratio(sb10k.ms, base10k.ms) },
    scaling: { timeGrowthFor10xWork: ratio(sb100k.ms, sb10k.ms), goal: '<= 12x' },
  };
}
