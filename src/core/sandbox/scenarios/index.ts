import * as conflicts from './conflicts';
import * as divergence from './divergence';
import * as limits from './limits';
import * as partition from './partition';
import * as pub from './public';
import * as push from './push';
import * as resets from './resets';
import * as schema from './schema';
import * as sharing from './sharing';
import type { Scenario } from './types';

export type { Checkpoint, Scenario, ScenarioRun } from './types';
export { CHECKPOINT_PREFIX, ScenarioPlayer, takeCheckpoint } from './player';
export { runScenario } from './runner';

/** The scenario library (reference/sync-semantics.md §5), in reference order. */
export const SCENARIOS: readonly Scenario[] = [
  ...Object.values(conflicts), ...Object.values(push), ...Object.values(resets), ...Object.values(schema),
  ...Object.values(limits), ...Object.values(pub), ...Object.values(partition), ...Object.values(sharing),
  ...Object.values(divergence),
].sort((a, b) => a.referenceNumber - b.referenceNumber || a.name.localeCompare(b.name));

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
