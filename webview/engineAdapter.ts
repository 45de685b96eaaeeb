/**
 * The thin layer between the panel UI and the sandbox engine (src/core/sandbox). The UI never calls the
 * engine directly: it goes through `EngineSession`, which
 *  - builds the engine config from the workspace model and production schema,
 *  - keeps a per-event cache the timeline needs (lane, category, lower-cased search text), appended as
 *    events arrive, so filtering 10,000 events is one pass over strings and never touches the engine,
 *  - turns engine exceptions into messages for the UI,
 *  - batches change notifications to one per animation frame.
 */
import type { SandboxApi, SandboxConfig, SandboxInput, SavedSession, ScenarioCheck, ScenarioData } from '../src/core/sandbox/api';
import type { ScenarioPlayer } from '../src/core/sandbox/scenarios/player';
import { rowOf, type EventRow } from './sessionData';

export { configFor, rowOf, type EventRow } from './sessionData';

/** What the adapter needs from the engine module. */
export interface EngineModule {
  createSandbox(config: SandboxConfig): SandboxApi;
  loadSession(saved: SavedSession): SandboxApi;
  readonly scenarios: readonly ScenarioData[];
  /** The library's expected outcome of a scenario, checked against the session the panel played. */
  checkScenario?(name: string, engine: SandboxApi, player: ScenarioPlayer): readonly ScenarioCheck[];
}

export class EngineSession {
  readonly rows: EventRow[] = [];
  private listeners = new Set<() => void>();
  private frame: number | undefined;
  private unsubscribe: () => void;

  /** Inputs recorded so far (the engine records every applied input; a loaded session starts with its own). */
  inputCount = 0;

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
    const session = new EngineSession(module.loadSession(saved), undefined);
    session.inputCount = saved.inputs.length;
    return session;
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
      this.inputCount++;
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
