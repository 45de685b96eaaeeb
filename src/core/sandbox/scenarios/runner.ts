import type { DeviceSnapshot, ScenarioCheck, ScenarioResult, ServerSnapshot } from '../api';
import { Sandbox } from '../sandbox';
import type { Scenario, ScenarioRun } from './types';

/** Runs a scenario headless: config, then every step; a `note` whose text starts with `checkpoint ` snapshots all devices. */
export function runScenario(s: Scenario): ScenarioResult & { readonly run?: ScenarioRun } {
  let sandbox: Sandbox;
  const checkpoints = new Map<string, { devices: Record<string, DeviceSnapshot>; server: ServerSnapshot; t: number }>();
  try {
    sandbox = new Sandbox(s.config);
    for (const step of s.steps) {
      sandbox.apply(step);
      if (step.type === 'note' && step.text.startsWith('checkpoint ')) {
        const devices: Record<string, DeviceSnapshot> = {};
        for (const id of sandbox.deviceIds()) devices[id] = sandbox.inspectDevice(id, { limit: 100000 });
        checkpoints.set(step.text.slice('checkpoint '.length), { devices, server: sandbox.inspectServer(), t: sandbox.now() });
      }
    }
  } catch (e) {
    return { name: s.name, passed: false, checks: [], events: [], error: e instanceof Error ? e.message : String(e) };
  }
  const run: ScenarioRun = { events: sandbox.events(), sandbox, checkpoints };
  let checks: ScenarioCheck[];
  try {
    checks = s.check(run);
  } catch (e) {
    return { name: s.name, passed: false, checks: [], events: run.events, error: `check failed: ${e instanceof Error ? e.message : String(e)}`, run };
  }
  return { name: s.name, passed: checks.length > 0 && checks.every((c) => c.ok), checks, events: run.events, run };
}
