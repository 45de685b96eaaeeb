import type { ActivityType, AttrValue, ModelSpec, SandboxEventBody, SandboxOptions } from '../../../src/core/sandbox/api';
import type { Task } from '../../../src/core/sandbox/clock';
import { ModelInfo } from '../../../src/core/sandbox/device/model-info';
import { ImportedValues } from '../../../src/core/sandbox/device/imported-values';
import { LocalStore } from '../../../src/core/sandbox/device/store';
import { SharingState } from '../../../src/core/sandbox/device/sharing-state';
import type { DeviceContext, DeviceHost, Request, Running } from '../../../src/core/sandbox/device/device-context';
import { modelFromSpec } from '../../../src/core/sandbox/model-spec';
import { DEFAULT_OPTIONS } from '../../../src/core/sandbox/options';
import { Prng } from '../../../src/core/sandbox/prng';
import type { ServerRequest, ServerResponse } from '../../../src/core/sandbox/server/wire';

/**
 * A hand-made DeviceContext for the device's pure parts (saves, resets, snapshots, applying records): a fake
 * host that records emitted events, requests and scheduled tasks, over a real LocalStore and ModelInfo, so the
 * tests can assert exact store contents and exact event sequences without a whole sandbox. Written by us.
 */

/** A model with every relationship shape the device handles: one-to-many (Cascade), one-to-one, many-to-many, an abstract parent. */
export const DEVICE_MODEL: ModelSpec = {
  entities: [
    { name: 'Base', abstract: true, attributes: [{ name: 'createdAt', type: 'Date' }] },
    {
      name: 'Note', parent: 'Base',
      attributes: [
        { name: 'title', type: 'String' }, { name: 'count', type: 'Integer 64', defaultValue: '7' },
        { name: 'done', type: 'Boolean', defaultValue: 'YES' }, { name: 'body', type: 'String' }, { name: 'photo', type: 'Binary' },
      ],
      relationships: [
        { name: 'folder', destination: 'Folder', inverse: 'notes' },
        { name: 'tags', destination: 'Tag', inverse: 'notes', toMany: true },
        { name: 'cover', destination: 'Cover', inverse: 'note' },
      ],
    },
    { name: 'SpecialNote', parent: 'Note' },
    {
      name: 'Folder', attributes: [{ name: 'name', type: 'String' }],
      relationships: [{ name: 'notes', destination: 'Note', inverse: 'folder', toMany: true, deletionRule: 'Cascade' }],
    },
    { name: 'Tag', attributes: [{ name: 'label', type: 'String' }], relationships: [{ name: 'notes', destination: 'Note', inverse: 'tags', toMany: true }] },
    { name: 'Cover', attributes: [{ name: 'color', type: 'String' }], relationships: [{ name: 'note', destination: 'Note', inverse: 'cover' }] },
  ],
};

export interface FakeCtx extends DeviceContext {
  readonly events: SandboxEventBody[];
  readonly requests: { type: ActivityType; label: string; internal: boolean }[];
  readonly scheduled: { delayMs: number; label: string; background: boolean; run: () => void }[];
  readonly cancelled: (Task | null)[];
  t: number;
  options: SandboxOptions;
  queue: Request[];
  running: Running | null;
  waitUntil: number | null;
}

export function modelInfo(spec: ModelSpec = DEVICE_MODEL): ModelInfo {
  return new ModelInfo(modelFromSpec(spec));
}

export function fakeCtx(over: { spec?: ModelSpec; options?: Partial<SandboxOptions>; assets?: Record<string, AttrValue>; scope?: 'private' | 'public' } = {}): FakeCtx {
  const model = modelInfo(over.spec);
  const events: SandboxEventBody[] = [];
  const requests: FakeCtx['requests'] = [];
  const scheduled: FakeCtx['scheduled'] = [];
  const cancelled: (Task | null)[] = [];
  let taskId = 0;
  let assetN = 0;
  const ctx = {} as FakeCtx;
  const host: DeviceHost = {
    now: () => ctx.t,
    schedule(delayMs, label, run, background) {
      scheduled.push({ delayMs, label, background: background ?? false, run });
      return { id: ++taskId, at: ctx.t + delayMs, label, device: 'A', background: background ?? false, run, cancelled: false };
    },
    cancel(task) { cancelled.push(task); },
    emit: (body) => { events.push(body); },
    prng: new Prng(1),
    options: () => ctx.options,
    model,
    validation: { ok: true, reason: '' },
    scope: over.scope ?? 'private',
    publicPollMs: () => 1_800_000,
    send(_req: ServerRequest, _done: (res: ServerResponse) => void) { throw new Error('no server in the fake host'); },
    assetContent: (ref) => over.assets?.[ref],
    importedValues: new ImportedValues(),
    newAssetRef: () => `asset-${++assetN}`,
    releaseHeldPush() {},
    discardHeldPush() {},
    unsubscribe() {},
  };
  Object.assign(ctx, {
    id: 'A', name: 'Device A', host, options: { ...DEFAULT_OPTIONS, ...(over.options ?? {}) },
    store: new LocalStore(), sharing: new SharingState(), zone: 'com.apple.coredata.cloudkit.zone', storeIdentifier: 'STORE-A',
    user: 'alice', network: { mode: 'online', latencyMs: 100, failureRate: 0 }, appState: 'foreground', pushPolicy: 'deliver',
    scheduler: { policy: 'approve', reason: null, untilT: null }, heldPush: null, setup: 'succeeded', accountTemporarilyUnavailable: false,
    setupError: null, setupAttempts: 0, dbToken: null, zoneToken: null, publicHighWater: null, queue: [], running: null, waitUntil: null,
    exportTimer: null, pollTask: null, backoffMs: 0, inFlight: new Set<string>(), resetCount: 0, lastImportT: null, lastExportT: null,
    observesRemoteChanges: true, uiTransaction: 0, events, requests, scheduled, cancelled, t: 1000,
    emit: (body: SandboxEventBody) => { events.push(body); },
    request: (type: ActivityType, label: string, internal: boolean) => { requests.push({ type, label, internal }); },
  });
  Object.defineProperty(ctx, 'opts', { get: () => ctx.options });
  return ctx;
}
