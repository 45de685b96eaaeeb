import assert from 'node:assert/strict';
import type { ScenarioCheck } from '../../../src/core/sandbox/api';
import { Sandbox } from '../../../src/core/sandbox/sandbox';
import { SCENARIOS, ScenarioPlayer, type Scenario, type ScenarioRun } from '../../../src/core/sandbox/scenarios';

/**
 * The library's checks (src/core/sandbox/scenarios) say what each scenario demonstrates; a check that is true
 * whatever happened demonstrates nothing, and the panel would show a green tick for a broken engine. So every
 * check of every scenario must come out false on some run where its outcome did not (yet) happen:
 * - the scenario itself stopped after each step (before its outcome: nothing synced yet, the conflict not
 *   yet met, the checkpoint not yet taken);
 * - every other scenario's finished run (a different outcome on a similar model: a check that some error is
 *   absent is false where that error occurs).
 * A check that throws on a run gives no verdict there. `scenarios.test.ts` holds the other half: every
 * check is true on its own finished run.
 */

interface Played {
  readonly scenario: Scenario;
  /** The run after each step (the same sandbox, read at that moment). */
  readonly partial: ((s: Scenario) => readonly ScenarioCheck[] | undefined)[];
  readonly final: ScenarioRun;
}

function verdicts(scenario: Scenario, run: ScenarioRun): readonly ScenarioCheck[] | undefined {
  try {
    return scenario.check(run);
  } catch {
    return undefined; // no verdict on this run
  }
}

function play(scenario: Scenario): Played {
  const sandbox = new Sandbox(scenario.config);
  const player = new ScenarioPlayer(scenario, () => sandbox);
  const partial: Played['partial'] = [];
  const record = () => {
    const run = player.run(sandbox);
    // The checks read the sandbox as it is now, so evaluate them now for every scenario that will ask.
    const byName = new Map(SCENARIOS.map((s) => [s.name, verdicts(s, run)] as const));
    partial.push((s) => byName.get(s.name));
  };
  record();
  while (!player.done) {
    player.step();
    if (!player.done) record();
  }
  return { scenario, partial, final: player.run(sandbox) };
}

describe('scenario library: every check can fail', () => {
  let played: Played[];
  before(function () {
    this.timeout(120_000);
    played = SCENARIOS.map(play);
  });

  it('every check has a description of its own within its scenario', () => {
    for (const p of played) {
      const names = verdicts(p.scenario, p.final)?.map((c) => c.description) ?? [];
      assert.ok(names.length > 0, `${p.scenario.name}: no checks`);
      for (const n of names) assert.ok(n.trim().length > 0, `${p.scenario.name}: a check without a description`);
      assert.equal(new Set(names).size, names.length, `${p.scenario.name}: two checks with one description: ${names.join(' | ')}`);
    }
  });

  it('every check is false on a run of its scenario stopped early or on another scenario\'s run', () => {
    const neverFalse: string[] = [];
    for (const p of played) {
      const own = verdicts(p.scenario, p.final) ?? [];
      const seenFalse = new Set<string>();
      const note = (checks: readonly ScenarioCheck[] | undefined) => {
        for (const c of checks ?? []) if (!c.ok) seenFalse.add(c.description);
      };
      for (const at of p.partial) note(at(p.scenario));
      for (const other of played) if (other !== p) note(verdicts(p.scenario, other.final));
      for (const c of own) if (!seenFalse.has(c.description)) neverFalse.push(`${p.scenario.name}: ${c.description}`);
    }
    assert.deepEqual(neverFalse, []);
  });
});
