import assert from 'node:assert/strict';
import type { CKErrorInfo, SandboxEvent } from '../../../src/core/sandbox/api';
import { TaskQueue } from '../../../src/core/sandbox/clock';
import { runAdvance, runIdle, runSteps } from '../../../src/core/sandbox/run-loop';
import type { IdleBounds } from '../../../src/core/sandbox/run-loop';

/**
 * The run loop (run-loop.ts) on a bare task queue and event log: how many tasks one step, a run until idle and
 * an advance run, which bound stops a run, and the exact "Run gave up" warning. Tasks and events are written
 * by us; each task appends one note event so event counts are known.
 */
interface Rig {
  readonly q: TaskQueue;
  readonly log: SandboxEvent[];
  readonly warnings: string[];
  /** Schedules a task that logs a note with its label (and optionally reschedules itself). */
  task(delay: number, label: string, opts?: { background?: boolean; again?: number; device?: string }): void;
  idle(bounds: Partial<IdleBounds>): ReturnType<typeof runIdle>;
}

function rig(): Rig {
  const q = new TaskQueue();
  const log: SandboxEvent[] = [];
  const warnings: string[] = [];
  const r: Rig = {
    q, log, warnings,
    task(delay, label, opts = {}) {
      q.schedule(delay, label, () => {
        log.push({ seq: log.length, t: q.now, kind: 'note', text: label });
        if (opts.again !== undefined) r.task(opts.again, label, opts);
      }, opts.device ?? null, opts.background ?? false);
    },
    idle(bounds) {
      return runIdle(q, log, { maxMs: 1e12, maxSteps: 1e9, maxEvents: 1e9, ...bounds }, (m) => warnings.push(m));
    },
  };
  return r;
}

const texts = (events: readonly SandboxEvent[]): string[] => events.map((e) => (e.kind === 'note' ? e.text : e.kind));

function retryEvent(t: number, device: string | undefined, activity: 'import' | 'export', error: CKErrorInfo): SandboxEvent {
  return { seq: 0, t, ...(device ? { device } : {}), kind: 'scheduler.retry', activity, atT: t + 1000, afterMs: 1000, error };
}

const NET_LOST: CKErrorInfo = { domain: 'CKErrorDomain', name: 'networkFailure', code: 4, description: 'Network Failure' };
const PARTIAL: CKErrorInfo = {
  domain: 'CKErrorDomain', name: 'partialFailure', code: 2, description: 'Partial Failure',
  partialErrors: [{ itemId: 'r1', error: { domain: 'CKErrorDomain', name: 'zoneBusy', code: 23, description: 'Zone Busy' } }],
};

describe('sandbox: run loop, steps', () => {
  it('runs at most n tasks and says maxSteps when n ran', () => {
    const r = rig();
    for (const [d, l] of [[5, 'a'], [10, 'b'], [15, 'c']] as const) r.task(d, l);
    r.log.push({ seq: 0, t: 0, kind: 'note', text: 'before' });
    const res = runSteps(r.q, r.log, 2);
    assert.deepEqual({ ...res, events: texts(res.events) }, { steps: 2, stoppedBecause: 'maxSteps', t: 10, events: ['a', 'b'] });
  });

  it('says idle when fewer than n tasks were left', () => {
    const r = rig();
    r.task(5, 'a');
    const res = runSteps(r.q, r.log, 2);
    assert.deepEqual({ ...res, events: texts(res.events) }, { steps: 1, stoppedBecause: 'idle', t: 5, events: ['a'] });
    const none = runSteps(r.q, r.log, 1);
    assert.deepEqual({ ...none, events: texts(none.events) }, { steps: 0, stoppedBecause: 'idle', t: 5, events: [] });
  });

  it('runs background tasks too (a step is one task, whatever it is)', () => {
    const r = rig();
    r.task(5, 'poll', { background: true });
    const res = runSteps(r.q, r.log, 1);
    assert.deepEqual([res.steps, res.stoppedBecause, texts(res.events)], [1, 'maxSteps', ['poll']]);
  });
});

describe('sandbox: run loop, until idle', () => {
  it('runs every foreground task and stops with only background tasks left, without a warning', () => {
    const r = rig();
    r.task(100, 'poll', { background: true, again: 100 });
    r.task(50, 'a');
    r.task(250, 'b');
    const res = r.idle({});
    // The poll at 100 and 200 runs on the way (it is due before b); the one at 300 is left.
    assert.deepEqual({ ...res, events: texts(res.events) }, { steps: 4, stoppedBecause: 'idle', t: 250, events: ['a', 'poll', 'poll', 'b'] });
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(r.q.pending().map((t) => [t.label, t.at]), [['poll', 300]]);
  });

  it('runs a task due exactly at the deadline, stops before one past it and moves the clock to the deadline', () => {
    const r = rig();
    r.task(1_000, 'at deadline');
    r.task(1_001, 'past deadline');
    const res = r.idle({ maxMs: 1_000 });
    assert.deepEqual({ ...res, events: texts(res.events) }, { steps: 1, stoppedBecause: 'maxTime', t: 1_000, events: ['at deadline'] });
    assert.deepEqual(r.warnings, ['Run gave up (maxTime) after 1 events / 1 steps / 1.0 s of virtual time: still pending: past deadline.']);
  });

  it('measures the deadline from the clock at the start of the run', () => {
    const r = rig();
    r.q.now = 5_000;
    r.task(900, 'in time');
    r.task(1_100, 'too late');
    const res = r.idle({ maxMs: 1_000 });
    assert.deepEqual([res.steps, res.stoppedBecause, res.t], [1, 'maxTime', 6_000]);
    assert.deepEqual(r.warnings, ['Run gave up (maxTime) after 1 events / 1 steps / 1.0 s of virtual time: still pending: too late.']);
  });

  it('stops after maxSteps tasks and names up to five distinct pending labels', () => {
    const r = rig();
    r.task(10, 'loop', { again: 10 });
    for (const l of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']) r.task(1_000_000, l);
    r.task(1_000_001, 'p1');
    const res = r.idle({ maxSteps: 3 });
    assert.deepEqual([res.steps, res.stoppedBecause, res.t, res.events.length], [3, 'maxSteps', 30, 3]);
    assert.deepEqual(r.warnings, ['Run gave up (maxSteps) after 3 events / 3 steps / 0.0 s of virtual time: still pending: loop, p1, p2, p3, p4.']);
  });

  it('stops when the run has added maxEvents events (counting only its own)', () => {
    const r = rig();
    for (let i = 0; i < 5; i++) r.log.push({ seq: i, t: 0, kind: 'note', text: 'old' });
    r.task(60_000, 'loop', { again: 60_000 });
    const res = r.idle({ maxEvents: 2 });
    assert.deepEqual({ ...res, events: texts(res.events) }, { steps: 2, stoppedBecause: 'maxEvents', t: 120_000, events: ['loop', 'loop'] });
    assert.deepEqual(r.warnings, ['Run gave up (maxEvents) after 2 events / 2 steps / 2.0 min of virtual time: still pending: loop.']);
  });

  it('checks the step bound before the event bound', () => {
    const r = rig();
    r.task(1, 'loop', { again: 1 });
    const res = r.idle({ maxSteps: 2, maxEvents: 2 });
    assert.equal(res.stoppedBecause, 'maxSteps');
  });

  it('names the last retried error of each device and activity instead of the pending tasks', () => {
    const r = rig();
    r.log.push(retryEvent(0, 'A', 'export', NET_LOST)); // before the run: not reported
    r.q.schedule(10, 'A: export retry', () => {
      r.log.push(retryEvent(r.q.now, 'A', 'export', NET_LOST));
      r.log.push(retryEvent(r.q.now, undefined, 'import', NET_LOST));
      r.log.push(retryEvent(r.q.now, 'A', 'export', PARTIAL));
    });
    r.task(3_600_000, 'later');
    const res = r.idle({ maxSteps: 1 });
    assert.equal(res.stoppedBecause, 'maxSteps');
    assert.deepEqual(r.warnings, [
      'Run gave up (maxSteps) after 3 events / 1 steps / 0.0 s of virtual time: still retrying A export after "Partial Failure" (2) with "Zone Busy" (23); ? import after "Network Failure" (4).',
    ]);
  });

  it('prints the virtual time spent in s, min or h at the unit boundaries', () => {
    const span = (ms: number): string => {
      const r = rig();
      r.task(ms, 'a');
      r.task(ms + 1, 'b');
      r.idle({ maxSteps: 1 });
      return r.warnings[0].replace(/^.* steps \/ (.*) of virtual time.*$/, '$1');
    };
    assert.equal(span(59_999), '60.0 s');
    assert.equal(span(60_000), '1.0 min');
    assert.equal(span(3_599_999), '60.0 min');
    assert.equal(span(3_600_000), '1.0 h');
    assert.equal(span(5_400_000), '1.5 h');
  });

  it('a run with nothing to do is idle at once', () => {
    const r = rig();
    r.q.now = 42;
    const res = r.idle({ maxMs: 0, maxSteps: 0, maxEvents: 0 });
    assert.deepEqual(res, { steps: 0, stoppedBecause: 'idle', t: 42, events: [] });
    assert.deepEqual(r.warnings, []);
  });
});

describe('sandbox: run loop, advance', () => {
  it('runs every task due up to now + ms (background ones too) and ends exactly there', () => {
    const r = rig();
    r.q.now = 100;
    r.task(0, 'now');
    r.task(500, 'at end', { background: true });
    r.task(501, 'after');
    const res = runAdvance(r.q, r.log, 500);
    assert.deepEqual({ ...res, events: texts(res.events) }, { steps: 2, stoppedBecause: 'reachedTime', t: 600, events: ['now', 'at end'] });
    assert.deepEqual(r.q.pending().map((t) => t.label), ['after']);
  });

  it('runs tasks scheduled during the advance when they fall inside it', () => {
    const r = rig();
    r.task(100, 'tick', { again: 100 });
    const res = runAdvance(r.q, r.log, 350);
    assert.deepEqual([res.steps, res.t, texts(res.events)], [3, 350, ['tick', 'tick', 'tick']]);
  });

  it('moves the clock even with nothing to run', () => {
    const r = rig();
    const res = runAdvance(r.q, r.log, 1_234);
    assert.deepEqual(res, { steps: 0, stoppedBecause: 'reachedTime', t: 1_234, events: [] });
    assert.equal(r.q.now, 1_234);
  });
});
