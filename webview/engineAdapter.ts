/**
 * The thin layer between the panel UI and the sandbox engine (src/core/sandbox). The UI never calls the
 * engine directly: it goes through `EngineSession`, which
 *  - builds the engine config from the workspace model and production schema,
 *  - keeps a per-event cache the timeline needs (lane, category, lower-cased search text), appended as
 *    events arrive, so filtering 10,000 events is one pass over strings and never touches the engine,
 *  - turns engine exceptions into messages for the UI,
 *  - batches change notifications to one per animation frame.
 */
import type { ModelIR } from '../src/core/model/ir';
import type { SchemaIR } from '../src/core/cloudkit/schema-ir';
import type {
  DeviceConfig, SandboxApi, SandboxConfig, SandboxEvent, SandboxInput, SavedSession, ScenarioData,
} from '../src/core/sandbox/api';
import { categoryOf, errorOf, formatError, laneOf, summarize, type EventCategory } from './format';
import { modelSpecFromIR } from './modelSpec';

/** What the adapter needs from the engine module. */
export interface EngineModule {
  createSandbox(config: SandboxConfig): SandboxApi;
  loadSession(saved: SavedSession): SandboxApi;
  readonly scenarios: readonly ScenarioData[];
}

/** One event as the timeline shows it. */
export interface EventRow {
  readonly event: SandboxEvent;
  readonly lane: string;
  readonly category: EventCategory;
  readonly summary: string;
  /** The CloudKit-style error text, when the event carries an error. */
  readonly errorText: string | undefined;
  /** Lower-cased text the filter box searches. */
  readonly haystack: string;
}

export const DEVICE_NAMES = ['iPhone', 'Mac', 'iPad', 'Apple Watch', 'Apple TV', 'Vision Pro'];
export const DEVICE_IDS = ['A', 'B', 'C', 'D', 'E', 'F'];

export interface SessionSetup {
  readonly model: ModelIR;
  readonly productionSchema?: SchemaIR;
  readonly deviceCount: number;
  readonly seed: number;
}

/** The engine config for the workspace model: N devices signed in to one iCloud account, all online. */
export function configFor(setup: SessionSetup): SandboxConfig {
  const devices: DeviceConfig[] = [];
  const n = Math.min(6, Math.max(2, Math.floor(setup.deviceCount)));
  for (let i = 0; i < n; i++) {
    devices.push({ id: DEVICE_IDS[i], name: DEVICE_NAMES[i], user: 'user1', network: 'online', appState: 'foreground', pushPolicy: 'deliver' });
  }
  return {
    name: 'Workspace model',
    model: { kind: 'spec', spec: modelSpecFromIR(setup.model) },
    seed: setup.seed,
    devices,
    environment: 'development',
    developmentSchema: { kind: 'empty' },
    // Without a configured production schema, production holds what the model derives (fully deployed).
    productionSchema: setup.productionSchema ? { kind: 'ir', ir: setup.productionSchema } : { kind: 'derived' },
  };
}

export function rowOf(e: SandboxEvent): EventRow {
  const lane = laneOf(e);
  const err = errorOf(e);
  const summary = summarize(e);
  const errorText = err ? formatError(err) : undefined;
  return {
    event: e, lane, category: categoryOf(e), summary, errorText,
    haystack: `${lane} ${e.kind} ${summary} ${errorText ?? ''}`.toLowerCase(),
  };
}

export class EngineSession {
  readonly rows: EventRow[] = [];
  private listeners = new Set<() => void>();
  private frame: number | undefined;
  private unsubscribe: () => void;

  private constructor(readonly engine: SandboxApi, readonly scenario: ScenarioData | undefined) {
    for (const e of engine.events()) this.rows.push(rowOf(e));
    this.unsubscribe = engine.subscribe((e) => {
      this.rows.push(rowOf(e));
      this.changed();
    });
  }

  static create(module: EngineModule, config: SandboxConfig, scenario?: ScenarioData): EngineSession {
    return new EngineSession(module.createSandbox(config), scenario);
  }

  static load(module: EngineModule, saved: SavedSession): EngineSession {
    return new EngineSession(module.loadSession(saved), undefined);
  }

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Coalesces a burst of engine events (a run emits hundreds) into one UI update per frame. */
  changed(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      for (const l of this.listeners) l();
    });
  }

  /** Applies an input; returns an error message instead of throwing (invalid input, engine bug). */
  apply(input: SandboxInput): string | undefined {
    try {
      this.engine.apply(input);
      this.changed();
      return undefined;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }

  /** Runs a scenario's steps one by one (the scenario player calls this per tick). */
  save(): SavedSession {
    return this.engine.save();
  }
}
