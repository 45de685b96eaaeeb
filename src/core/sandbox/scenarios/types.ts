import type { DeviceSnapshot, SandboxEvent, ScenarioCheck, ScenarioData, ServerSnapshot } from '../api';
import type { Sandbox } from '../sandbox';

/** What a scenario's assertion sees: the log, the final sandbox, and device snapshots taken at `checkpoint <name>` notes. */
export interface ScenarioRun {
  readonly events: readonly SandboxEvent[];
  readonly sandbox: Sandbox;
  readonly checkpoints: ReadonlyMap<string, { readonly devices: Readonly<Record<string, DeviceSnapshot>>; readonly server: ServerSnapshot; readonly t: number }>;
}

/** A library scenario: data (config + steps) plus the observable outcome it demonstrates. */
export interface Scenario extends ScenarioData {
  check(run: ScenarioRun): ScenarioCheck[];
}
