import type { ScenarioCheck, ScenarioResult } from '../api';
import { Sandbox } from '../sandbox';
import { ScenarioPlayer } from './player';
import type { Scenario, ScenarioRun } from './types';

/** Runs a scenario headless: config, then every step through the scenario player (player.ts). */
export function runScenario(s: Scenario): ScenarioResult & { readonly run?: ScenarioRun } {
  let sandbox: Sandbox;
  let player: ScenarioPlayer;
  try {
    const created = new Sandbox(s.config);
    sandbox = created;
    player = new ScenarioPlayer(s, () => created);
    while (!player.done) player.step();
  } catch (e) {
    return { name: s.name, passed: false, checks: [], events: [], error: e instanceof Error ? e.message : String(e) };
  }
  const run = player.run(sandbox);
  let checks: ScenarioCheck[];
  try {
    checks = s.check(run);
  } catch (e) {
    return { name: s.name, passed: false, checks: [], events: run.events, error: `check failed: ${e instanceof Error ? e.message : String(e)}`, run };
  }
  return { name: s.name, passed: checks.length > 0 && checks.every((c) => c.ok), checks, events: run.events, run };
}
