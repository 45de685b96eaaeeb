/**
 * Binds the panel to the sandbox engine (src/core/sandbox). Kept in one file so the rest of the UI
 * depends only on the `EngineModule` shape of engineAdapter.ts.
 */
import { createSandbox, loadSession, type Sandbox } from '../src/core/sandbox';
import { findScenario, SCENARIOS } from '../src/core/sandbox/scenarios';
import type { EngineModule } from './engineAdapter';

export const engineModule: EngineModule = {
  createSandbox,
  loadSession: (saved) => loadSession(saved),
  scenarios: SCENARIOS,
  checkScenario(name, engine, player) {
    const scenario = findScenario(name);
    if (!scenario) return [];
    // The panel's engines come from createSandbox/loadSession, so they are Sandbox instances.
    return scenario.check(player.run(engine as Sandbox));
  },
};
