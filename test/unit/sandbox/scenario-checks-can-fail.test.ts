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

function verdicts(scenario: Scenario, run: ScenarioRun): readonly ScenarioCheck[] | undefined {
  try {
    return scenario.check(run);
  } catch {
    return undefined; // no verdict on this run
  }
}

/** Plays a scenario; `atEachStep` reads the run before the first step and after every step but the last. */
function play(scenario: Scenario, atEachStep?: (run: ScenarioRun) => void): ScenarioRun {
  const sandbox = new Sandbox(scenario.config);
  const player = new ScenarioPlayer(scenario, () => sandbox);
  atEachStep?.(player.run(sandbox));
  while (!player.done) {
    player.step();
    if (!player.done) atEachStep?.(player.run(sandbox));
  }
  return player.run(sandbox);
}

/** Every scenario's finished run, played once (in the first test that asks, so each test reads only its own checks). */
let finals: ReadonlyMap<Scenario, ScenarioRun> | undefined;
const finishedRuns = (): ReadonlyMap<Scenario, ScenarioRun> => (finals ??= new Map(SCENARIOS.map((s) => [s, play(s)])));

describe('scenario library: every check can fail', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: each check has a description of its own and is false on a run where its outcome did not happen`, function () {
      this.timeout(60_000);
      const seenFalse = new Set<string>();
      const note = (checks: readonly ScenarioCheck[] | undefined) => {
        for (const c of checks ?? []) if (!c.ok) seenFalse.add(c.description);
      };
      play(scenario, (run) => note(verdicts(scenario, run)));
      for (const [other, run] of finishedRuns()) if (other !== scenario) note(verdicts(scenario, run));

      const own = verdicts(scenario, finishedRuns().get(scenario)!) ?? [];
      const names = own.map((c) => c.description);
      assert.ok(names.length > 0, 'no checks');
      for (const n of names) assert.ok(n.trim().length > 0, 'a check without a description');
      assert.equal(new Set(names).size, names.length, `two checks with one description: ${names.join(' | ')}`);
      assert.deepEqual(names.filter((n) => !seenFalse.has(n)), [], 'checks that were never false');
    });
  }
});
