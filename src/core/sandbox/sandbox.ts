import type { ModelIR } from '../model/ir';
import { COREDATA_ZONE } from '../cloudkit/mapping';
import type {
  AttrValue, DeviceSnapshot, ObjectChange, InputResult, InspectOptions, RelationshipValues, RunResult, SandboxApi, SandboxConfig,
  SandboxEvent, SandboxEventBody, SandboxInput, SandboxOptions, SavedSession, ServerSnapshot, TaskSnapshot,
} from './api';
import { SESSION_FORMAT, SESSION_VERSION, SandboxInputError } from './api';
import { TaskQueue } from './clock';
import { loadModel, loadSchema, validateConfig } from './config-check';
import { planDeploy, validateModelForCloudKit } from './deps';
import type { ModelValidation } from './deps';
import { Device } from './device/device';
import { ImportedValues } from './device/imported-values';
import { prepareSave as prepareSaveIn } from './device/local-saves';
import { ModelInfo } from './device/model-info';
import { ckError } from './errors';
import { SHARING_INPUT_TYPES, needsSharingVersion, validateInput } from './input-check';
import { newBudget } from './push-budget';
import { acceptShare, checkSharingInput, leaveShare, persistUpdatedShare, purgeZone, share, stopSharing } from './device/share-actions';
import { sharedView } from './device/store-view';
import { sharingSnapshot } from './sharing-snapshot';
import { storeModel } from './store-model';
import type { SharingSnapshot } from './api';
import { resolveOptions } from './options';
import { Prng } from './prng';
import { PushRouter } from './push-router';
import { runAdvance, runIdle, runSteps } from './run-loop';
import type { ServerRequest, ServerResponse } from './server/server';
import { CloudKitServer, failure } from './server/server';
import { serverSnapshot } from './server-snapshot';
import { digestEvents } from './session-file';

/**
 * The sandbox: one simulated CloudKit container and 2-6 devices on one virtual clock, driven by recorded
 * inputs. Everything random comes from one seeded PRNG and everything delayed is a task on the clock, so a
 * saved session (config + inputs) replays to the identical event log (FoundationDB-style simulation).
 */
const DEFAULT_RUN_MAX_MS = 7 * 24 * 3_600_000;
const DEFAULT_RUN_MAX_STEPS = 5_000_000;
/** Design (issue 17 R1): far above any scenario's run (the largest adds a few thousand events), far below memory trouble. */
const DEFAULT_RUN_MAX_EVENTS = 50_000;
const CONTROL_INPUTS = new Set(['step', 'runUntilIdle', 'advance']);

export class Sandbox implements SandboxApi {
  readonly config: SandboxConfig;
  private opts: SandboxOptions;
  private readonly clock = new TaskQueue();
  private readonly prng: Prng;
  private readonly log: SandboxEvent[] = [];
  private readonly listeners = new Set<(e: SandboxEvent) => void>();
  private readonly inputs: SandboxInput[] = [];
  /** The values of new objects made from fetched records, shared by the devices (device/apply-records.ts). */
  private readonly importedValues = new ImportedValues();
  private readonly deviceMap = new Map<string, Device>();
  private readonly server: CloudKitServer;
  private readonly model: ModelInfo;
  readonly modelIR: ModelIR;
  readonly validation: ModelValidation;
  private emitting: string | undefined;
  private requestCounter = 0;
  private readonly push: PushRouter;

  constructor(config: SandboxConfig) {
    validateConfig(config);
    this.config = config;
    this.opts = resolveOptions(config.options);
    this.prng = new Prng(config.seed);
    this.modelIR = loadModel(config);
    // The store holds the CloudKit configuration's entities only; the validator reads the whole model.
    const stored = storeModel(this.modelIR);
    this.model = new ModelInfo(stored);
    this.validation = validateModelForCloudKit(this.modelIR);
    const dev = loadSchema(config.developmentSchema ?? { kind: 'empty' }, stored);
    const prod = loadSchema(config.productionSchema ?? { kind: 'derived' }, stored);
    this.push = new PushRouter({
      clock: this.clock, devices: this.deviceMap, options: () => this.opts,
      emit: (body, device) => this.emit(body, device), withDevice: (id, fn) => this.withDevice(id, fn),
    });
    this.server = new CloudKitServer(config.environment, dev, prod, {
      emit: (body, device) => this.emit(body, device),
      now: () => this.clock.now,
      options: () => this.opts,
      notify: (_env, db, originator) => this.push.notify(db, originator),
    });
    for (const dc of config.devices) {
      const host = this.deviceHost(dc.id);
      const d = new Device(dc.id, dc.name ?? `Device ${dc.id}`, dc.user === undefined ? 'user1' : dc.user,
        { mode: dc.network ?? 'online', latencyMs: dc.latencyMs ?? this.opts.networkLatencyMs, failureRate: this.opts.flakyFailureRate },
        dc.pushPolicy ?? 'deliver', host);
      d.observesRemoteChanges = dc.observesRemoteChanges ?? true;
      this.deviceMap.set(dc.id, d);
    }
    this.emit({ kind: 'session.started', seed: config.seed, devices: config.devices.map((d) => d.id), environment: config.environment });
    for (const dc of config.devices) {
      const state = dc.appState ?? 'foreground';
      if (state !== 'quit') this.withDevice(dc.id, () => this.deviceMap.get(dc.id)!.setAppState(state));
    }
  }

  // -------------------------------------------------------------------------------------------------
  // Wiring

  private deviceHost(id: string): ConstructorParameters<typeof Device>[5] {
    return {
      now: () => this.clock.now,
      schedule: (delay, label, run, background) => this.clock.schedule(delay, label, () => this.withDevice(id, run), id, background ?? false),
      cancel: (t) => this.clock.cancel(t),
      emit: (body) => this.emit(body, id),
      prng: this.prng,
      options: () => this.opts,
      model: this.model,
      validation: this.validation,
      scope: this.config.database ?? 'private',
      publicPollMs: () => this.opts.publicPollIntervalMs[this.server.environment],
      send: (req, done) => this.send(id, req, done),
      assetContent: (ref) => this.server.assetContent(ref),
      importedValues: this.importedValues,
      newAssetRef: () => this.server.newAssetRef(),
      releaseHeldPush: () => this.push.releaseHeldPush(id),
      discardHeldPush: () => this.push.discardHeldPush(id),
      unsubscribe: (user) => {
        for (const env of Object.values(this.server.envs)) env.privateDbs.get(user)?.subscribers.delete(id);
      },
    };
  }

  private withDevice<T>(id: string, fn: () => T): T {
    const prev = this.emitting;
    this.emitting = id;
    try {
      return fn();
    } finally {
      this.emitting = prev;
    }
  }

  private emit(body: SandboxEventBody, device?: string): void {
    const dev = device ?? this.emitting;
    const e = (dev !== undefined ? { seq: this.log.length, t: this.clock.now, device: dev, ...body } : { seq: this.log.length, t: this.clock.now, ...body }) as SandboxEvent;
    this.log.push(e);
    for (const l of this.listeners) l(e);
  }

  /** The transport (cloudd + network): latency, offline and flaky failures (§1.1, §5 knobs). */
  private send(id: string, req: ServerRequest, done: (res: ServerResponse) => void): void {
    const d = this.deviceMap.get(id)!;
    const requestId = `R${++this.requestCounter}`;
    const fail = (code: number, message: string): void => {
      const error = ckError(code, { message });
      this.emit({ kind: 'transport.failed', op: req.op, requestId, error }, id);
      done(failure(req.op, error));
    };
    if (d.network.mode === 'offline') {
      this.clock.schedule(0, `${id}: ${req.op} (offline)`, () => this.withDevice(id, () => fail(3, 'The Internet connection appears to be offline.')), id);
      return;
    }
    const half = Math.max(1, Math.round(d.network.latencyMs / 2));
    const flaky = d.network.mode === 'flaky' && this.prng.next() < d.network.failureRate;
    const lostAfterServer = flaky && this.prng.next() < 0.5;
    this.clock.schedule(half, `server: ${req.op} from ${id}`, () => {
      if (flaky && !lostAfterServer) {
        this.clock.schedule(half, `${id}: ${req.op} failed`, () => this.withDevice(id, () => fail(4, 'The network connection was lost.')), id);
        return;
      }
      const res = this.server.handle(req, { device: id, user: d.user, requestId });
      this.clock.schedule(half, `${id}: ${req.op} response`, () => this.withDevice(id, () => {
        if (d.network.mode === 'offline' || lostAfterServer) fail(4, 'The network connection was lost.');
        else done(res);
      }), id);
    }, id);
  }

  // -------------------------------------------------------------------------------------------------
  // API

  now(): number {
    return this.clock.now;
  }

  subscribe(listener: (event: SandboxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  events(fromSeq = 0): readonly SandboxEvent[] {
    return fromSeq <= 0 ? this.log.slice() : this.log.slice(fromSeq);
  }

  get eventCount(): number {
    return this.log.length;
  }

  deviceIds(): readonly string[] {
    return [...this.deviceMap.keys()];
  }

  options(): SandboxOptions {
    return this.opts;
  }

  inspectDevice(id: string, options?: InspectOptions): DeviceSnapshot {
    return this.device(id).snapshot(options);
  }

  inspectServer(options: InspectOptions & { readonly user?: string; readonly zone?: string } = {}): ServerSnapshot {
    return serverSnapshot(this.server, this.config.containerId, this.opts, options);
  }

  pendingTasks(): readonly TaskSnapshot[] {
    return this.clock.pending().map((t) => ({ id: t.id, atT: t.at, label: t.label, device: t.device, background: t.background }));
  }

  apply(input: SandboxInput): InputResult {
    validateInput(input, (id) => this.device(id));
    // A save is validated completely before anything is recorded.
    // A refused save is not recorded, so the ids it drew are given back: a replay must see the same stream.
    const mark = this.prng.mark();
    const prepared = (() => {
      try {
        return input.type === 'save' ? this.withDevice(input.device, () => this.prepareSave(input.device, input.changes, input.store ?? 'private')) : null;
      } catch (e) {
        this.prng.rewind(mark);
        throw e;
      }
    })();
    if (SHARING_INPUT_TYPES.has(input.type)) {
      // A sharing input is checked completely before anything is recorded, like a save.
      const d = this.device((input as { device: string }).device);
      checkSharingInput(d, input);
    }
    const from = this.log.length;
    this.inputs.push(input);
    if (!CONTROL_INPUTS.has(input.type)) this.emit({ kind: 'input', input });
    let ids: string[] = [];
    let run: RunResult | undefined;
    switch (input.type) {
      case 'save': ids = prepared!.ids; this.withDevice(input.device, () => prepared!.commit()); break;
      case 'setNetwork': {
        const d = this.device(input.device);
        this.withDevice(d.id, () => d.setNetwork(input.mode, input.latencyMs ?? d.network.latencyMs, input.failureRate ?? d.network.failureRate));
        break;
      }
      case 'setAppState': { const d = this.device(input.device); this.withDevice(d.id, () => d.setAppState(input.state)); break; }
      case 'setPushPolicy': { const d = this.device(input.device); d.pushPolicy = input.policy; d.pushDelayMs = input.delayMs ?? d.pushDelayMs; break; }
      case 'setScheduler': { const d = this.device(input.device); this.withDevice(d.id, () => d.setScheduler(input.policy, input.reason ?? null, input.untilMs ?? null)); break; }
      case 'addErrorRule': this.server.rules.push({ rule: input.rule, fired: 0 }); break;
      case 'removeErrorRule': { const i = this.server.rules.findIndex((r) => r.rule.id === input.id); if (i >= 0) this.server.rules.splice(i, 1); break; }
      case 'account': { const d = this.device(input.device); this.withDevice(d.id, () => d.changeAccount(input.action, input.user ?? null)); break; }
      case 'setQuota': this.server.quota.set(input.user, input.bytes); break;
      case 'deploySchema': this.deploy(); break;
      case 'setEnvironment': this.setEnvironment(input.environment); break;
      case 'resetDevelopmentEnvironment': this.server.resetDevelopment(); break;
      case 'deleteZone': this.server.deleteZone(this.server.env.privateDb(input.user), input.zone ?? COREDATA_ZONE, input.purge ?? false, input.device ?? null); break;
      case 'expireChangeTokens': this.server.expireTokens(input.user ?? null); break;
      case 'purgeHistory': { const d = this.device(input.device); this.withDevice(d.id, () => d.purgeHistory(input.olderThanMs ?? 0)); break; }
      case 'fetchChanges': { const d = this.device(input.device); this.withDevice(d.id, () => d.fetchChanges()); break; }
      case 'sendChanges': { const d = this.device(input.device); this.withDevice(d.id, () => d.sendChanges()); break; }
      case 'launchSecondInstance': { const d = this.device(input.device); this.withDevice(d.id, () => d.launchSecondInstance()); break; }
      case 'setOption': {
        this.opts = { ...this.opts, [input.option]: input.value } as SandboxOptions;
        this.emit({ kind: 'option.changed', option: input.option, value: input.value });
        break;
      }
      case 'advance': run = runAdvance(this.clock, this.log, input.ms); break;
      case 'step': run = runSteps(this.clock, this.log, 1); break;
      case 'runUntilIdle': {
        const bounds = { maxMs: input.maxMs ?? DEFAULT_RUN_MAX_MS, maxSteps: input.maxSteps ?? DEFAULT_RUN_MAX_STEPS, maxEvents: input.maxEvents ?? DEFAULT_RUN_MAX_EVENTS };
        run = runIdle(this.clock, this.log, bounds, (message) => this.emit({ kind: 'warning', message }));
        break;
      }
      case 'note': this.emit({ kind: 'note', text: input.text }); break;
      default: this.applySharing(input); break;
    }
    return { ids, ...(run ? { run } : {}), events: this.log.slice(from) };
  }

  step(): RunResult {
    return this.apply({ type: 'step' }).run!;
  }

  runUntilIdle(options: { readonly maxMs?: number; readonly maxSteps?: number; readonly maxEvents?: number } = {}): RunResult {
    return this.apply({ type: 'runUntilIdle', ...options }).run!;
  }

  advance(ms: number): RunResult {
    return this.apply({ type: 'advance', ms }).run!;
  }

  create(device: string, entity: string, values?: Readonly<Record<string, AttrValue>>, relationships?: RelationshipValues): string {
    return this.apply({ type: 'save', device, changes: [{ op: 'insert', entity, ...(values ? { values } : {}), ...(relationships ? { relationships } : {}) }] }).ids[0];
  }

  update(device: string, id: string, values?: Readonly<Record<string, AttrValue>>, relationships?: RelationshipValues): void {
    this.apply({ type: 'save', device, changes: [{ op: 'update', id, ...(values ? { values } : {}), ...(relationships ? { relationships } : {}) }] });
  }

  delete(device: string, id: string): void {
    this.apply({ type: 'save', device, changes: [{ op: 'delete', id }] });
  }

  deploySchema(): InputResult {
    return this.apply({ type: 'deploySchema' });
  }

  inspectSharing(options: InspectOptions = {}): SharingSnapshot {
    return sharingSnapshot(this.server.env, this.config, [...this.deviceMap.values()], options);
  }

  save(): SavedSession {
    // Version 2 only when the session uses sharing, so sessions without it stay readable by older builds.
    return {
      format: SESSION_FORMAT, version: needsSharingVersion(this.inputs) ? SESSION_VERSION : 1, config: this.config, inputs: this.inputs.slice(),
      eventCount: this.log.length, eventDigest: digestEvents(this.log),
    };
  }

  // -------------------------------------------------------------------------------------------------
  // Sharing (issue 15)

  private prepareSave(id: string, changes: readonly ObjectChange[], store: 'private' | 'shared'): { ids: string[]; commit: () => void } {
    const d = this.device(id);
    if (store === 'private') return d.prepareSave(changes);
    if (!d.sharing.active) throw new SandboxInputError(`save: device ${id} has no shared store (accept a share first)`);
    return prepareSaveIn(sharedView(d), changes);
  }

  /** The first sharing input turns sharing on for every device: imports and exports then include share zones. */
  private activateSharing(): void {
    for (const d of this.deviceMap.values()) {
      if (d.sharing.active) continue;
      d.sharing.active = true;
      // The shared store's setup: its CKDatabaseSubscription and first fetch run with the next import.
      if (d.appState !== 'quit' && d.user !== null) this.withDevice(d.id, () => d.request('import', 'SharedStoreSetup', true));
    }
  }

  private applySharing(input: SandboxInput): void {
    if (!SHARING_INPUT_TYPES.has(input.type)) return;
    const d = this.device((input as { device: string }).device);
    this.withDevice(d.id, () => {
      switch (input.type) {
        case 'share': this.activateSharing(); share(d, input); break;
        case 'acceptShare': this.activateSharing(); acceptShare(d, input.share); break;
        case 'leaveShare': leaveShare(d, input.share); break;
        case 'stopSharing': stopSharing(d, input.share, input.purge ?? false); break;
        case 'purgeZone': purgeZone(d, input.share); break;
        case 'persistUpdatedShare': persistUpdatedShare(d, input.share, input.add, input.remove, input.title, input.thumbnailBytes); break;
        case 'setPushResponse': d.sharing.budget = newBudget(input.answer, input.handlerMs ?? 1_000); break;
        default: break;
      }
    });
  }

  private device(id: string): Device {
    const d = this.deviceMap.get(id);
    if (!d) throw new SandboxInputError(`unknown device '${id}' (devices: ${[...this.deviceMap.keys()].join(', ')})`);
    return d;
  }

  /** Deploy = development → production under the additive-only rules (ckdb.md §2). */
  private deploy(): void {
    const dev = this.server.envs.development.schema;
    const prodEnv = this.server.envs.production;
    const plan = planDeploy(dev.toIR(), prodEnv.schema.toIR());
    if (plan.blocked.length === 0) {
      const next = prodEnv.schema.clone();
      for (const [type, fields] of dev.types) {
        let f = next.types.get(type);
        if (!f) { f = new Map(); next.types.set(type, f); }
        for (const [name, t] of fields) if (!f.has(name)) f.set(name, t);
      }
      prodEnv.schema = next;
    }
    this.emit({ kind: 'server.deploy', ok: plan.blocked.length === 0, addedTypes: plan.addedTypes, addedFields: plan.addedFields, blocked: plan.blocked });
  }

  private setEnvironment(env: SandboxConfig['environment']): void {
    if (this.server.environment === env) return;
    this.server.environment = env;
    // Another environment is another container as far as the store is concerned: start over.
    for (const d of this.deviceMap.values()) {
      this.withDevice(d.id, () => {
        const state = d.appState;
        if (state === 'quit') return;
        d.setAppState('quit');
        d.dbToken = null;
        d.zoneToken = null;
        d.publicHighWater = null;
        for (const o of d.store.objects.values()) {
          o.changeTag = null;
          o.onServer = false;
          d.store.markDirty(o, this.model.entity(o.entity)!.recordType, null, d.store.lastTxn);
        }
        d.setAppState(state);
      });
    }
  }
}

export function createSandbox(config: SandboxConfig): Sandbox {
  return new Sandbox(config);
}

