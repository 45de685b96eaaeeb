/** Scenarios: the data part of a library scenario and its result. */
import type { SandboxConfig } from './config';
import type { SandboxEvent } from './events';
import type { SandboxInput } from './inputs';

/** The data part of a library scenario (JSON): what runs. */
export interface ScenarioData {
  /** kebab-case, unique: `push-dropped`. */
  readonly name: string;
  readonly title: string;
  /** Number in reference/sync-semantics.md §5. */
  readonly referenceNumber: number;
  /** What it demonstrates and why, in two or three sentences. */
  readonly explanation: string;
  /** Where the behaviour comes from (technote, doc, RE, observed). */
  readonly source: string;
  readonly config: SandboxConfig;
  readonly steps: readonly SandboxInput[];
}

export interface ScenarioCheck {
  readonly description: string;
  readonly ok: boolean;
  readonly detail?: string;
}

export interface ScenarioResult {
  readonly name: string;
  readonly passed: boolean;
  readonly checks: readonly ScenarioCheck[];
  readonly events: readonly SandboxEvent[];
  /** Error thrown while running, if any. */
  readonly error?: string;
}
