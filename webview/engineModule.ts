/**
 * Binds the panel to the sandbox engine (src/core/sandbox). Kept in one file so the rest of the UI
 * depends only on the `EngineModule` shape of engineAdapter.ts.
 */
import type { EngineModule } from './engineAdapter';

/** Set once the engine's `Sandbox` class and scenario library are merged (branch `sandbox`). */
export const engineModule: EngineModule | undefined = undefined;
