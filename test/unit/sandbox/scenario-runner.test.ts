import assert from 'node:assert/strict';
import type { SandboxInput } from '../../../src/core/sandbox/api';
import { Sandbox } from '../../../src/core/sandbox/sandbox';
import { findScenario, runScenario, ScenarioPlayer, SCENARIOS, takeCheckpoint, type Scenario } from '../../../src/core/sandbox/scenarios';
import { baseConfig, check } from '../../../src/core/sandbox/scenarios/helpers';

/** A hand-made scenario: one insert on A, synced; `check` as given. */
function scenario(over: Partial<Scenario>): Scenario {
  return {
    name: 'hand-made', title: 'Hand-made', referenceNumber: 0, explanation: 'test', source: 'test', config: baseConfig(),
    steps: [
      { type: 'runUntilIdle' },
      { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: 'I', values: { title: 'x' } }] },
      { type: 'runUntilIdle' },
    ],
    check: () => [check('always', true)],
    ...over,
  };
}

describe('scenario runner and player (scenarios/runner.ts, player.ts, index.ts)', () => {
  it('passes when every check holds, with the run, its events and the checks', () => {
    const r = runScenario(scenario({ check: (run) => [check('A has I', run.sandbox.inspectDevice('A').objects.some((o) => o.id === 'I'))] }));
    assert.equal(r.passed, true);
    assert.equal(r.error, undefined);
    assert.deepEqual(r.checks, [{ description: 'A has I', ok: true }]);
    assert.ok(r.events.length > 0 && r.run !== undefined && r.run.events === r.events);
  });

  it('fails on one false check, and on no checks at all', () => {
    const one = runScenario(scenario({ check: () => [check('yes', true), check('no', false, 'why')] }));
    assert.equal(one.passed, false);
    assert.deepEqual(one.checks.map((c) => [c.ok, c.detail]), [[true, undefined], [false, 'why']]);
    assert.equal(runScenario(scenario({ check: () => [] })).passed, false, 'a scenario that checks nothing proves nothing');
  });

  it('a config the sandbox refuses or a step that throws: not passed, the error, no checks or events', () => {
    const badConfig = runScenario(scenario({ config: { ...baseConfig(), devices: [] } }));
    assert.equal(badConfig.passed, false);
    assert.ok(badConfig.error && badConfig.error.length > 0);
    assert.deepEqual([badConfig.checks, badConfig.events, badConfig.run], [[], [], undefined]);
    const badStep = runScenario(scenario({ steps: [{ type: 'save', device: 'Z', changes: [] } as SandboxInput] }));
    assert.equal(badStep.passed, false);
    assert.match(badStep.error ?? '', /Z/);
    assert.deepEqual([badStep.checks, badStep.events], [[], []]);
  });

  it('a check that throws: not passed, "check failed: <message>", the run kept', () => {
    const r = runScenario(scenario({ check: () => { throw new Error('boom'); } }));
    assert.equal(r.passed, false);
    assert.equal(r.error, 'check failed: boom');
    assert.deepEqual(r.checks, []);
    assert.ok(r.events.length > 0 && r.run);
  });

  it('findScenario finds a library scenario by name, and nothing for an unknown name', () => {
    assert.equal(findScenario('push-dropped'), SCENARIOS.find((s) => s.name === 'push-dropped'));
    assert.ok(findScenario('push-dropped'));
    assert.equal(findScenario('no-such-scenario'), undefined);
  });

  it('a checkpoint holds every object of every device, beyond the panel\'s default page of 200', () => {
    const sandbox = new Sandbox(baseConfig());
    const changes = Array.from({ length: 250 }, (_, i) => ({ op: 'insert' as const, entity: 'Item', id: `I${i}`, values: { title: String(i) } }));
    sandbox.apply({ type: 'save', device: 'A', changes });
    const cp = takeCheckpoint(sandbox);
    assert.equal(cp.devices.A.objects.length, 250);
    assert.deepEqual(Object.keys(cp.devices).sort(), ['A', 'B']);
    assert.equal(cp.t, sandbox.now());
  });

  it('the player plays through a replaced or missing session, and reports done', () => {
    let session: Sandbox | undefined;
    const player = new ScenarioPlayer(scenario({ steps: [{ type: 'note', text: 'checkpoint x' }, { type: 'runUntilIdle' }] }), () => session);
    assert.deepEqual(player.step(), { type: 'note', text: 'checkpoint x' }, 'no session: the step counts, nothing is applied');
    assert.equal(player.checkpoints.size, 0, 'no checkpoint without a session');
    session = new Sandbox(baseConfig());
    assert.equal(session.now(), 0);
    assert.deepEqual(player.step(), { type: 'runUntilIdle' });
    assert.equal(player.done, true);
    assert.equal(player.step(), undefined);
    assert.ok(session.now() > 0, 'the step reached the session (setup ran, virtual time moved)');
  });
});
