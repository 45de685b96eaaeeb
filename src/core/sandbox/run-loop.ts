import type { CKErrorInfo, RunResult, SandboxEvent } from './api';
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

/** Bounds of one run-until-idle (sandbox.ts gives the defaults; the panel passes its own time bound). */
export interface IdleBounds {
  readonly maxMs: number;
  readonly maxSteps: number;
  /** Events one run may add to the log: a permanent retryable fault must not exhaust memory (issue 17). */
  readonly maxEvents: number;
}

/**
 * Runs until only background tasks remain or a bound is reached. A run that stops on a bound while work is
 * left says so in one warning naming what is still pending and the last retried error (issue 17 R1): never a
 * silent stop, never an unbounded log.
 */
export function runIdle(clock: TaskQueue, log: readonly SandboxEvent[], bounds: IdleBounds, warn: (message: string) => void): RunResult {
  const from = log.length;
  const startT = clock.now;
  const deadline = clock.now + bounds.maxMs;
  let steps = 0;
  let stoppedBecause: RunResult['stoppedBecause'] = 'idle';
  while (clock.busy()) {
    const next = clock.peek();
    if (!next) break;
    if (next.at > deadline) { clock.now = deadline; stoppedBecause = 'maxTime'; break; }
    if (steps >= bounds.maxSteps) { stoppedBecause = 'maxSteps'; break; }
    if (log.length - from >= bounds.maxEvents) { stoppedBecause = 'maxEvents'; break; }
    clock.take()!.run();
    steps++;
  }
  if (stoppedBecause !== 'idle') warn(giveUpMessage(clock, log, from, steps, clock.now - startT, stoppedBecause));
  return { steps, stoppedBecause, t: clock.now, events: log.slice(from) };
}

function giveUpMessage(clock: TaskQueue, log: readonly SandboxEvent[], from: number, steps: number, ms: number, why: string): string {
  const pending = [...new Set(clock.pending().filter((t) => !t.background).map((t) => t.label))];
  const retrying = new Map<string, string>();
  for (let i = from; i < log.length; i++) {
    const e = log[i];
    if (e.kind === 'scheduler.retry') retrying.set(`${e.device ?? '?'} ${e.activity}`, describe(e.error));
  }
  const still = retrying.size > 0
    ? `still retrying ${[...retrying].map(([what, err]) => `${what} after ${err}`).join('; ')}`
    : `still pending: ${pending.slice(0, 5).join(', ') || 'nothing'}`;
  return `Run gave up (${why}) after ${log.length - from} events / ${steps} steps / ${formatSpan(ms)} of virtual time: ${still}.`;
}

function describe(e: CKErrorInfo): string {
  const inner = e.partialErrors?.[0]?.error;
  return `"${e.description}" (${e.code})${inner ? ` with "${inner.description}" (${inner.code})` : ''}`;
}

function formatSpan(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
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
