import assert from 'node:assert/strict';
import type { SandboxEvent } from '../../../src/core/sandbox/api';
import { SandboxInputError } from '../../../src/core/sandbox/api';
import { Sandbox, createSandbox } from '../../../src/core/sandbox/sandbox';
import { DEFAULT_OPTIONS } from '../../../src/core/sandbox/options';
import { config } from './fixtures';

/**
 * The Sandbox class itself (sandbox.ts), apart from the sync behaviour the scenario tests cover: the event log
 * (sequence numbers, device attribution, listeners), which inputs are logged and recorded, device defaults,
 * the run bounds passed through, the transport's timing, and the saved session's version. Sessions are ours.
 */
describe('sandbox: the Sandbox class', () => {
  it('starts with session.started (no device) and numbers events from 0', () => {
    const s = createSandbox(config());
    const [first] = s.events();
    assert.deepEqual(first, { seq: 0, t: 0, kind: 'session.started', seed: 42, devices: ['A', 'B'], environment: 'development' });
    assert.equal('device' in first, false);
    s.events().forEach((e, i) => assert.equal(e.seq, i));
    assert.equal(s.eventCount, s.events().length);
  });

  it('events(from) is the log from a sequence number, the whole log from 0 or below', () => {
    const s = new Sandbox(config());
    const all = s.events();
    assert.deepEqual(s.events(0), all);
    assert.deepEqual(s.events(-3), all);
    assert.deepEqual(s.events(2), all.slice(2));
    assert.notEqual(s.events(), s.events()); // a copy each time
  });

  it('calls listeners for each new event until they unsubscribe', () => {
    const s = new Sandbox(config());
    const seen: SandboxEvent[] = [];
    const off = s.subscribe((e) => seen.push(e));
    s.apply({ type: 'note', text: 'one' });
    off();
    s.apply({ type: 'note', text: 'two' });
    assert.deepEqual(seen.map((e) => (e.kind === 'note' ? e.text : e.kind)), ['input', 'one']);
  });

  it('logs an input event for every input but step, runUntilIdle and advance, and records them all', () => {
    const s = new Sandbox(config());
    const inputs = [{ type: 'note', text: 'x' }, { type: 'step' }, { type: 'advance', ms: 10 }, { type: 'runUntilIdle' }] as const;
    const logged = inputs.map((i) => s.apply(i).events.filter((e) => e.kind === 'input').length);
    assert.deepEqual(logged, [1, 0, 0, 0]);
    assert.deepEqual(s.save().inputs, inputs);
  });

  it('returns the run only for the clock inputs, and the events of the input', () => {
    const s = new Sandbox(config());
    const note = s.apply({ type: 'note', text: 'x' });
    assert.deepEqual(note.ids, []);
    assert.equal(note.run, undefined);
    assert.deepEqual(note.events.map((e) => e.kind), ['input', 'note']);
    const adv = s.apply({ type: 'advance', ms: 0 });
    assert.deepEqual([adv.run?.stoppedBecause, adv.run?.t], ['reachedTime', 0]);
  });

  it('attributes device events to the device and server-wide events to none', () => {
    const s = new Sandbox(config());
    s.runUntilIdle();
    const saved = s.apply({ type: 'save', device: 'B', changes: [{ op: 'insert', entity: 'Item' }] }).events;
    assert.deepEqual(saved.map((e) => [e.kind, e.device ?? '-']), [['input', '-'], ['store.saved', 'B']]);
  });

  it('gives devices their defaults: name, user1, the option latency, deliver, foreground', () => {
    const s = new Sandbox(config({ devices: [{ id: 'A' }, { id: 'B', name: 'Mac', user: null, latencyMs: 40, pushPolicy: 'drop', network: 'flaky' }] }));
    const a = s.inspectDevice('A');
    assert.deepEqual([a.name, a.user, a.network, a.pushPolicy, a.appState], ['Device A', 'user1', { mode: 'online', latencyMs: 100, failureRate: 0.3 }, 'deliver', 'foreground']);
    const b = s.inspectDevice('B');
    assert.deepEqual([b.name, b.user, b.network, b.pushPolicy], ['Mac', null, { mode: 'flaky', latencyMs: 40, failureRate: 0.3 }, 'drop']);
    assert.deepEqual(s.deviceIds(), ['A', 'B']);
  });

  it('a device configured as quit is not launched', () => {
    const s = new Sandbox(config({ devices: [{ id: 'A' }, { id: 'B', appState: 'quit' }] }));
    assert.equal(s.inspectDevice('B').appState, 'quit');
    assert.deepEqual(s.events().filter((e) => e.device === 'B'), []);
  });

  it('refuses an unknown device listing the known ones, and records nothing', () => {
    const s = new Sandbox(config());
    assert.throws(() => s.apply({ type: 'fetchChanges', device: 'Z' }), (e: unknown) => e instanceof SandboxInputError && e.message === "unknown device 'Z' (devices: A, B)");
    assert.throws(() => s.inspectDevice('Q'), /unknown device 'Q' \(devices: A, B\)/);
    assert.deepEqual(s.save().inputs, []);
  });

  it('a refused save gives back the ids it drew', () => {
    const a = new Sandbox(config());
    assert.throws(() => a.apply({ type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item' }, { op: 'insert', entity: 'Nope' }] }), SandboxInputError);
    const b = new Sandbox(config());
    assert.equal(a.create('A', 'Item'), b.create('A', 'Item'));
  });

  it('setOption changes the options and says so', () => {
    const s = new Sandbox(config());
    assert.deepEqual(s.options(), DEFAULT_OPTIONS);
    const r = s.apply({ type: 'setOption', option: 'pushLatencyMs', value: 9 });
    assert.equal(s.options().pushLatencyMs, 9);
    assert.deepEqual(r.events.map((e) => e.kind), ['input', 'option.changed']);
    assert.deepEqual(r.events[1], { seq: r.events[0].seq + 1, t: 0, kind: 'option.changed', option: 'pushLatencyMs', value: 9 });
  });

  it('passes the run bounds on: a run that hits maxEvents warns', () => {
    const s = new Sandbox(config());
    const r = s.runUntilIdle({ maxEvents: 3 });
    assert.equal(r.stoppedBecause, 'maxEvents');
    const last = s.events().at(-1)!;
    assert.equal(last.kind, 'warning');
    assert.match(last.kind === 'warning' ? last.message : '', /^Run gave up \(maxEvents\) after 3 events \/ \d+ steps \//);
    assert.equal(s.runUntilIdle({ maxSteps: 1 }).stoppedBecause, 'maxSteps');
    assert.equal(s.runUntilIdle({ maxMs: 0 }).stoppedBecause, 'maxTime');
    assert.equal(s.runUntilIdle().stoppedBecause, 'idle');
  });

  it('a step runs one task', () => {
    const s = new Sandbox(config());
    const first = s.pendingTasks()[0];
    assert.deepEqual(first, { id: 1, atT: 50, label: 'server: modifyRecordZones from A', device: 'A', background: false });
    const r = s.step();
    assert.deepEqual([r.steps, r.t], [1, 50]);
    assert.equal(s.pendingTasks().some((t) => t.id === 1), false);
  });

  it('a request reaches the server after half the latency and answers after the other half', () => {
    const s = new Sandbox(config({ devices: [{ id: 'A', latencyMs: 300 }, { id: 'B', appState: 'quit' }] }));
    assert.deepEqual(s.pendingTasks().map((t) => [t.atT, t.label]), [[150, 'server: modifyRecordZones from A']]);
    s.step();
    assert.deepEqual(s.pendingTasks().map((t) => [t.atT, t.label]), [[300, 'A: modifyRecordZones response']]);
  });

  it('a flaky network that always fails loses the request with networkFailure (4)', () => {
    const s = new Sandbox(config());
    s.runUntilIdle();
    s.apply({ type: 'setNetwork', device: 'A', mode: 'flaky', failureRate: 1 });
    const t0 = s.now();
    s.apply({ type: 'fetchChanges', device: 'A' });
    s.runUntilIdle({ maxMs: 1_000 });
    const failed = s.events().find((e) => e.kind === 'transport.failed');
    assert.ok(failed && failed.kind === 'transport.failed');
    assert.equal(failed.t, t0 + 100);
    assert.equal(failed.device, 'A');
    assert.deepEqual(failed.error, { domain: 'CKErrorDomain', name: 'networkFailure', code: 4, description: 'Network Failure', message: 'The network connection was lost.' });
  });

  it('removeErrorRule removes the rule of that id only; an unknown id changes nothing', () => {
    const s = new Sandbox(config());
    s.apply({ type: 'addErrorRule', rule: { id: 'r1', match: {}, error: { code: 23 }, times: 0 } });
    s.apply({ type: 'addErrorRule', rule: { id: 'r2', match: {}, error: { code: 4 }, times: 0 } });
    s.apply({ type: 'removeErrorRule', id: 'nope' });
    assert.deepEqual(s.inspectServer().errorRules.map((r) => r.id), ['r1', 'r2']);
    s.apply({ type: 'removeErrorRule', id: 'r1' });
    assert.deepEqual(s.inspectServer().errorRules.map((r) => r.id), ['r2']);
  });

  it('deploySchema reports what it added to production', () => {
    const s = new Sandbox(config({ productionSchema: { kind: 'empty' } }));
    s.runUntilIdle();
    s.create('A', 'Item', { title: 'x' });
    s.runUntilIdle();
    const e = s.deploySchema().events.find((x) => x.kind === 'server.deploy');
    assert.ok(e && e.kind === 'server.deploy');
    assert.deepEqual([e.ok, e.addedTypes, e.blocked], [true, ['CD_Item'], []]);
    assert.deepEqual(s.inspectServer().schemas.production, s.inspectServer().schemas.development);
  });

  it('setEnvironment to the current environment does nothing', () => {
    const s = new Sandbox(config());
    s.runUntilIdle();
    const r = s.apply({ type: 'setEnvironment', environment: 'development' });
    assert.deepEqual(r.events.map((e) => e.kind), ['input']);
  });

  it('saves version 1 without sharing and version 2 with a sharing input', () => {
    const s = new Sandbox(config());
    s.apply({ type: 'note', text: 'x' });
    const v1 = s.save();
    assert.deepEqual([v1.format, v1.version, v1.config, v1.eventCount], ['cloudkit-sandbox-session', 1, s.config, s.eventCount]);
    assert.match(v1.eventDigest, /^[0-9a-f]{8}$/);
    s.apply({ type: 'setPushResponse', device: 'A', answer: 'newData' });
    assert.equal(s.save().version, 2);
  });

  it('a save into the shared store without an accepted share is refused', () => {
    const s = new Sandbox(config());
    assert.throws(() => s.apply({ type: 'save', device: 'A', store: 'shared', changes: [{ op: 'insert', entity: 'Item' }] }),
      (e: unknown) => e instanceof SandboxInputError && e.message === 'save: device A has no shared store (accept a share first)');
  });
});
