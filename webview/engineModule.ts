/**
 * Binds the panel to the sandbox engine (src/core/sandbox). Kept in one file so the rest of the UI
 * depends only on the `EngineModule` shape of engineAdapter.ts.
 */
import { createSandbox, loadSession } from '../src/core/sandbox';
import { SCENARIOS } from '../src/core/sandbox/scenarios';
import type { EngineModule } from './engineAdapter';

export const engineModule: EngineModule = {
  createSandbox,
  loadSession: (saved) => loadSession(saved),
  scenarios: SCENARIOS,
};
