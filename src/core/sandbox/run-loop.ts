import type { RunResult, SandboxEvent } from './api';
import type { TaskQueue } from './clock';

/** Running the virtual clock: one step, until idle (within bounds), or up to a point in time. */

export function runSteps(clock: TaskQueue, log: readonly SandboxEvent[], n: number): RunResult {
  const from = log.length;
  let steps = 0;
  while (steps < n) {
    const t = clock.take();
    if (!t) break;
    t.run();
    steps++;
  }
  return { steps, stoppedBecause: steps < n ? 'idle' : 'maxSteps', t: clock.now, events: log.slice(from) };
}

export function runIdle(clock: TaskQueue, log: readonly SandboxEvent[], maxMs: number, maxSteps: number): RunResult {
  const from = log.length;
  const deadline = clock.now + maxMs;
  let steps = 0;
  let stoppedBecause: RunResult['stoppedBecause'] = 'idle';
  while (clock.busy()) {
    const next = clock.peek();
    if (!next) break;
    if (next.at > deadline) { clock.now = deadline; stoppedBecause = 'maxTime'; break; }
    if (steps >= maxSteps) { stoppedBecause = 'maxSteps'; break; }
    clock.take()!.run();
    steps++;
  }
  return { steps, stoppedBecause, t: clock.now, events: log.slice(from) };
}

export function runAdvance(clock: TaskQueue, log: readonly SandboxEvent[], ms: number): RunResult {
  const from = log.length;
  const target = clock.now + ms;
  let steps = 0;
  for (;;) {
    const next = clock.peek();
    if (!next || next.at > target) break;
    clock.take()!.run();
    steps++;
  }
  clock.now = target;
  return { steps, stoppedBecause: 'reachedTime', t: clock.now, events: log.slice(from) };
}
