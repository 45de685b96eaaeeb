import type { DeviceSnapshot, SandboxEvent, ScenarioCheck, ScenarioData, ServerSnapshot } from '../api';
import type { Sandbox } from '../sandbox';

/** Snapshots taken when a scenario step is a `checkpoint <name>` note (what the library's checks read). */
export interface Checkpoint {
  readonly devices: Readonly<Record<string, DeviceSnapshot>>;
  readonly server: ServerSnapshot;
  readonly t: number;
}

/** What a scenario's assertion sees: the log, the final sandbox, and device snapshots taken at `checkpoint <name>` notes. */
export interface ScenarioRun {
  readonly events: readonly SandboxEvent[];
  readonly sandbox: Sandbox;
  readonly checkpoints: ReadonlyMap<string, Checkpoint>;
}

/** A library scenario: data (config + steps) plus the observable outcome it demonstrates. */
export interface Scenario extends ScenarioData {
  check(run: ScenarioRun): ScenarioCheck[];
}
