/**
 * Plain data the panel derives from the engine, with no DOM: the session config for the workspace
 * model, and the timeline's per-event row (lane, category, summary, CloudKit-style error, search text).
 */
import type { ModelIR } from '../src/core/model/ir';
import type { DeviceConfig, SandboxConfig, SandboxEvent } from '../src/core/sandbox/api';
import { categoryOf, errorOf, formatError, laneOf, summarize, type EventCategory } from './format';
import { modelSpecFromIR } from './modelSpec';

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
  /** Text of the production `.ckdb` (cloudkit.schema.production). */
  readonly productionSchema?: string;
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
    productionSchema: setup.productionSchema !== undefined ? { kind: 'ckdb', text: setup.productionSchema } : { kind: 'derived' },
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

