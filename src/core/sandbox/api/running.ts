/** Running a session: run results and the surface of the `Sandbox` class. */
import type { SandboxConfig } from './config';
import type { SandboxEvent } from './events';
import type { RelationshipValues, SandboxInput } from './inputs';
import type { SavedSession } from './session';
import type { SharingSnapshot } from './sharing';
import type { DeviceSnapshot, InspectOptions, ServerSnapshot, TaskSnapshot } from './snapshots';
import type { AttrValue } from './values';

export interface RunResult {
  readonly steps: number;
  /** 'idle' = nothing left but background tasks. */
  readonly stoppedBecause: 'idle' | 'maxSteps' | 'maxTime' | 'maxEvents' | 'reachedTime';
  readonly t: number;
  /** Events emitted during the run. */
  readonly events: readonly SandboxEvent[];
}

export interface InputResult {
  /** Ids of inserted objects (in change order) for 'save'. */
  readonly ids: readonly string[];
  readonly run?: RunResult;
  readonly events: readonly SandboxEvent[];
}

/** The surface the UI codes against; `Sandbox` (sandbox.ts) implements it. */
export interface SandboxApi {
  readonly config: SandboxConfig;
  /** Current virtual time (ms since start). */
  now(): number;
  /** Called for every event, in order; returns an unsubscribe function. */
  subscribe(listener: (event: SandboxEvent) => void): () => void;
  /** The log from `fromSeq` (default 0). */
  events(fromSeq?: number): readonly SandboxEvent[];
  deviceIds(): readonly string[];
  inspectDevice(id: string, options?: InspectOptions): DeviceSnapshot;
  inspectServer(options?: InspectOptions & { readonly user?: string; readonly zone?: string }): ServerSnapshot;
  pendingTasks(): readonly TaskSnapshot[];
  /** Users, shares, shared databases and each device's share zones and shared store (issue 15). */
  inspectSharing(options?: InspectOptions): SharingSnapshot;
  /** Applies one input (recorded for save/replay). Throws SandboxInputError on an invalid input. */
  apply(input: SandboxInput): InputResult;
  /** Runs the next due task. */
  step(): RunResult;
  runUntilIdle(options?: { readonly maxMs?: number; readonly maxSteps?: number; readonly maxEvents?: number }): RunResult;
  /** Fast-forwards the clock by `ms`, running every task due on the way. */
  advance(ms: number): RunResult;
  // Conveniences (each is one `save` input)
  create(device: string, entity: string, values?: Readonly<Record<string, AttrValue>>, relationships?: RelationshipValues): string;
  update(device: string, id: string, values?: Readonly<Record<string, AttrValue>>, relationships?: RelationshipValues): void;
  delete(device: string, id: string): void;
  deploySchema(): InputResult;
  save(): SavedSession;
}
