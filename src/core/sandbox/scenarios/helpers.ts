import type { DeviceSnapshot, ModelSpec, ObjectSnapshot, SandboxConfig, SandboxEvent, SandboxEventKind, ScenarioCheck } from '../api';
import type { ScenarioRun } from './types';

/** The model most scenarios use: a list with items (CloudKit-compatible: optional, inverses, defaults). */
export const SHOPPING_MODEL: ModelSpec = {
  entities: [
    {
      name: 'ShoppingList',
      attributes: [{ name: 'name', type: 'String' }, { name: 'createdAt', type: 'Date' }],
      relationships: [{ name: 'items', destination: 'Item', inverse: 'list', toMany: true, deletionRule: 'Cascade' }],
    },
    {
      name: 'Item',
      attributes: [
        { name: 'title', type: 'String' },
        { name: 'quantity', type: 'Integer 64', optional: false, defaultValue: '1' },
        { name: 'done', type: 'Boolean', optional: false, defaultValue: 'NO' },
        { name: 'note', type: 'String' },
        { name: 'photo', type: 'Binary' },
        { name: 'removedAt', type: 'Date' },
      ],
      relationships: [{ name: 'list', destination: 'ShoppingList', inverse: 'items' }],
    },
  ],
};

export function baseConfig(over: Partial<SandboxConfig> = {}): SandboxConfig {
  return {
    model: { kind: 'spec', spec: SHOPPING_MODEL }, seed: 7, environment: 'development',
    devices: [{ id: 'A', name: 'iPhone' }, { id: 'B', name: 'iPad' }], ...over,
  };
}

export type Ev<K extends SandboxEventKind> = Extract<SandboxEvent, { kind: K }>;

export function eventsOf<K extends SandboxEventKind>(run: ScenarioRun, kind: K, device?: string, pred?: (e: Ev<K>) => boolean): Ev<K>[] {
  return run.events.filter((e): e is Ev<K> => e.kind === kind && (device === undefined || e.device === device) && (!pred || pred(e as Ev<K>)));
}

/** NSPCKC end events (eventChangedNotification with endDate). */
export function ends(run: ScenarioRun, device: string, type: 'setup' | 'import' | 'export'): Ev<'cloudkit.event'>[] {
  return eventsOf(run, 'cloudkit.event', device, (e) => e.eventType === type && e.endDate !== null);
}

export function check(description: string, ok: boolean, detail?: string): ScenarioCheck {
  return detail !== undefined && !ok ? { description, ok, detail } : { description, ok };
}

export function titles(run: ScenarioRun, device: string): string[] {
  return run.sandbox.inspectDevice(device, { limit: 100000 }).objects.filter((o) => o.entity === 'Item').map((o) => String(o.values.title)).sort();
}

export function valueOf(run: ScenarioRun, device: string, id: string, key: string): unknown {
  return run.sandbox.inspectDevice(device, { limit: 100000 }).objects.find((o) => o.id === id)?.values[key];
}

/**
 * The objects `device` held at the `checkpoint <name>` step, or undefined when the run has not reached it
 * (a check that reads a checkpoint is then false, never a throw: test/unit/sandbox/scenario-checks-can-fail).
 */
export function objectsAt(run: ScenarioRun, name: string, device: string): readonly ObjectSnapshot[] | undefined {
  return deviceAt(run, name, device)?.objects;
}

/** What `device` looked like at the `checkpoint <name>` step; undefined when the run has not reached it. */
export function deviceAt(run: ScenarioRun, name: string, device: string): DeviceSnapshot | undefined {
  return run.checkpoints.get(name)?.devices[device];
}

/** The virtual time of the `checkpoint <name>` step; undefined when the run has not reached it. */
export function timeAt(run: ScenarioRun, name: string): number | undefined {
  return run.checkpoints.get(name)?.t;
}

/** Whether `device` held object `id` at checkpoint `name`; undefined when the run has not reached it. */
export function hadObjectAt(run: ScenarioRun, name: string, device: string, id: string): boolean | undefined {
  return objectsAt(run, name, device)?.some((o) => o.id === id);
}

export function hasObject(run: ScenarioRun, device: string, id: string): boolean {
  return run.sandbox.inspectDevice(device, { limit: 100000 }).objects.some((o) => o.id === id);
}

export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
