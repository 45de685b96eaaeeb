import type { ModelIR } from '../model/ir';
import { COREDATA_ZONE } from '../cloudkit/mapping';
import type {
  AttrValue, DatabaseSnapshot, DeviceSnapshot, InputResult, InspectOptions, JsonValue, RelationshipValues, RunResult,
  SandboxApi, SandboxConfig, SandboxEvent, SandboxEventBody, SandboxInput, SandboxOptions, SavedSession, SchemaSource,
  ServerSnapshot, TaskSnapshot, ZoneSnapshot,
} from './api';
import { SESSION_FORMAT, SESSION_VERSION, SandboxConfigError, SandboxInputError, SessionFormatError } from './api';
import { parseSessionFile, parseSessionText } from './session-file';
import { TaskQueue } from './clock';
import { deriveSchema, parseCkdb, planDeploy, readModelXml, validateModelForCloudKit } from './deps';
import type { ModelValidation } from './deps';
import { Device } from './device/device';
import { ModelInfo } from './device/model-info';
import { ckError } from './errors';
import { modelFromSpec } from './model-spec';
import { DEFAULT_OPTIONS, resolveOptions } from './options';
import { Prng, fnv1a } from './prng';
import { RuntimeSchema } from './server/schema';
import type { Database, ServerRequest, ServerResponse } from './server/server';
import { CloudKitServer, failure } from './server/server';

/**
 * The sandbox: one simulated CloudKit container and 2-6 devices on one virtual clock, driven by recorded
 * inputs. Everything random comes from one seeded PRNG and everything delayed is a task on the clock, so a
 * saved session (config + inputs) replays to the identical event log (FoundationDB-style simulation).
 */
const DEFAULT_RUN_MAX_MS = 7 * 24 * 3_600_000;
const DEFAULT_RUN_MAX_STEPS = 5_000_000;
const CONTROL_INPUTS = new Set(['step', 'runUntilIdle', 'advance']);

export class Sandbox implements SandboxApi {
  readonly config: SandboxConfig;
  private opts: SandboxOptions;
  private readonly clock = new TaskQueue();
  private readonly prng: Prng;
  private readonly log: SandboxEvent[] = [];
  private readonly listeners = new Set<(e: SandboxEvent) => void>();
  private readonly inputs: SandboxInput[] = [];
  private readonly deviceMap = new Map<string, Device>();
  private readonly server: CloudKitServer;
  private readonly model: ModelInfo;
  readonly modelIR: ModelIR;
  readonly validation: ModelValidation;
  private emitting: string | undefined;
  private pushCounter = 0;
  private requestCounter = 0;
  private readonly coalesceTasks = new Map<string, ReturnType<TaskQueue['schedule']>>();

  constructor(config: SandboxConfig) {
    validateConfig(config);
    this.config = config;
    this.opts = resolveOptions(config.options);
    this.prng = new Prng(config.seed);
    this.modelIR = loadModel(config);
    this.model = new ModelInfo(this.modelIR);
    this.validation = validateModelForCloudKit(this.modelIR);
    const dev = loadSchema(config.developmentSchema ?? { kind: 'empty' }, this.modelIR);
    const prod = loadSchema(config.productionSchema ?? { kind: 'derived' }, this.modelIR);
    this.server = new CloudKitServer(config.environment, dev, prod, {
      emit: (body, device) => this.emit(body, device),
      now: () => this.clock.now,
      options: () => this.opts,
      notify: (_env, db, originator) => this.notify(db, originator),
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
      newAssetRef: () => this.server.newAssetRef(),
      releaseHeldPush: () => this.releaseHeldPush(id),
      discardHeldPush: () => this.discardHeldPush(id),
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
  // Push (APNs + apsd, §2.5)

  private notify(db: Database, originator: string | null): void {
    if (db.scope === 'public') return; // no push for the public database: it is polled (TN3163)
    for (const [id, d] of this.deviceMap) {
      if (!db.subscribers.has(id) || d.user !== db.user) continue;
      // "When appropriate, the server excludes the device where the change originates" [doc CKSubscription].
      if (id === originator) continue;
      const pushId = `P${++this.pushCounter}`;
      this.emit({ kind: 'push.sent', pushId, subscriptionId: [...db.subscriptions][0] ?? '', originator }, id);
      this.route(d, pushId);
    }
  }

  private route(d: Device, pushId: string): void {
    const id = d.id;
    if (d.appState === 'quit') { this.emit({ kind: 'push.dropped', pushId, reason: 'appQuit' }, id); return; }
    if (d.pushPolicy === 'drop') { this.emit({ kind: 'push.dropped', pushId, reason: 'policy' }, id); return; }
    if (d.network.mode === 'offline') { this.hold(d, pushId, 'offline'); return; }
    if (d.pushPolicy === 'coalesce') {
      this.hold(d, pushId, 'coalesce');
      if (!this.coalesceTasks.has(id)) {
        this.coalesceTasks.set(id, this.clock.schedule(this.opts.coalesceWindowMs, `${id}: coalesced push window ends`, () => {
          this.coalesceTasks.delete(id);
          this.flushHeld(d);
        }, id));
      }
      return;
    }
    const delay = d.pushPolicy === 'delay' ? d.pushDelayMs : this.opts.pushLatencyMs;
    if (d.pushPolicy === 'delay') this.emit({ kind: 'push.held', pushId, reason: 'delay' }, id);
    this.clock.schedule(delay, `${id}: push ${pushId} arrives`, () => this.deliver(d, pushId), id);
  }

  /** APNs / iOS keep one pending background push per app; a newer one replaces it [doc APNS, BGPUSH]. */
  private hold(d: Device, pushId: string, reason: 'offline' | 'coalesce'): void {
    if (d.heldPush) this.emit({ kind: 'push.coalesced', pushId, replacedPushId: d.heldPush.pushId }, d.id);
    d.heldPush = { pushId, sinceT: this.clock.now };
    this.emit({ kind: 'push.held', pushId, reason }, d.id);
  }

  private deliver(d: Device, pushId: string): void {
    if (d.appState === 'quit') { this.emit({ kind: 'push.dropped', pushId, reason: 'appQuit' }, d.id); return; }
    if (d.pushPolicy === 'drop') { this.emit({ kind: 'push.dropped', pushId, reason: 'policy' }, d.id); return; }
    if (d.network.mode === 'offline') { this.hold(d, pushId, 'offline'); return; }
    this.emit({ kind: 'push.delivered', pushId }, d.id);
    this.withDevice(d.id, () => d.onPush());
  }

  private flushHeld(d: Device): void {
    const held = d.heldPush;
    if (!held || d.network.mode === 'offline') return;
    d.heldPush = null;
    this.deliver(d, held.pushId);
  }

  private releaseHeldPush(id: string): void {
    const d = this.deviceMap.get(id)!;
    if (!d.heldPush || d.network.mode === 'offline' || d.appState === 'quit') return;
    const t = this.coalesceTasks.get(id);
    if (t) { this.clock.cancel(t); this.coalesceTasks.delete(id); }
    const held = d.heldPush;
    d.heldPush = null;
    this.clock.schedule(this.opts.pushLatencyMs, `${id}: held push ${held.pushId} arrives`, () => this.deliver(d, held.pushId), id);
  }

  private discardHeldPush(id: string): void {
    const d = this.deviceMap.get(id)!;
    if (!d.heldPush) return;
    this.emit({ kind: 'push.dropped', pushId: d.heldPush.pushId, reason: 'appQuit' }, id);
    d.heldPush = null;
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
    const env = this.server.env;
    const dbs: DatabaseSnapshot[] = [];
    const users = [...env.privateDbs.keys()].sort();
    for (const u of users) if (options.user === undefined || options.user === u) dbs.push(dbSnapshot(env.privateDbs.get(u)!, options));
    if (options.user === undefined) dbs.push(dbSnapshot(env.publicDb, options));
    const quota: Record<string, number | null> = {};
    for (const u of users) quota[u] = this.server.quota.get(u) ?? this.opts.quotaBytes;
    return {
      containerId: this.config.containerId ?? 'iCloud.com.example.sandbox', environment: this.server.environment,
      schemas: { development: this.server.envs.development.schema.toIR(), production: this.server.envs.production.schema.toIR() },
      databases: dbs, quota, errorRules: this.server.rules.map((r) => r.rule),
    };
  }

  pendingTasks(): readonly TaskSnapshot[] {
    return this.clock.pending().map((t) => ({ id: t.id, atT: t.at, label: t.label, device: t.device, background: t.background }));
  }

  apply(input: SandboxInput): InputResult {
    this.validateInput(input);
    // A save is validated completely before anything is recorded.
    const prepared = input.type === 'save' ? this.withDevice(input.device, () => this.device(input.device).prepareSave(input.changes)) : null;
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
      case 'advance': run = this.runAdvance(input.ms); break;
      case 'step': run = this.runSteps(1); break;
      case 'runUntilIdle': run = this.runIdle(input.maxMs ?? DEFAULT_RUN_MAX_MS, input.maxSteps ?? DEFAULT_RUN_MAX_STEPS); break;
      case 'note': this.emit({ kind: 'note', text: input.text }); break;
    }
    return { ids, ...(run ? { run } : {}), events: this.log.slice(from) };
  }

  step(): RunResult {
    return this.apply({ type: 'step' }).run!;
  }

  runUntilIdle(options: { readonly maxMs?: number; readonly maxSteps?: number } = {}): RunResult {
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

  save(): SavedSession {
    return {
      format: SESSION_FORMAT, version: SESSION_VERSION, config: this.config, inputs: this.inputs.slice(),
      eventCount: this.log.length, eventDigest: digestEvents(this.log),
    };
  }

  // -------------------------------------------------------------------------------------------------
  // Running

  private runSteps(n: number): RunResult {
    const from = this.log.length;
    let steps = 0;
    while (steps < n) {
      const t = this.clock.take();
      if (!t) break;
      t.run();
      steps++;
    }
    return { steps, stoppedBecause: steps < n ? 'idle' : 'maxSteps', t: this.clock.now, events: this.log.slice(from) };
  }

  private runIdle(maxMs: number, maxSteps: number): RunResult {
    const from = this.log.length;
    const deadline = this.clock.now + maxMs;
    let steps = 0;
    let stoppedBecause: RunResult['stoppedBecause'] = 'idle';
    while (this.clock.busy()) {
      const next = this.clock.peek();
      if (!next) break;
      if (next.at > deadline) { this.clock.now = deadline; stoppedBecause = 'maxTime'; break; }
      if (steps >= maxSteps) { stoppedBecause = 'maxSteps'; break; }
      this.clock.take()!.run();
      steps++;
    }
    return { steps, stoppedBecause, t: this.clock.now, events: this.log.slice(from) };
  }

  private runAdvance(ms: number): RunResult {
    const from = this.log.length;
    const target = this.clock.now + ms;
    let steps = 0;
    for (;;) {
      const next = this.clock.peek();
      if (!next || next.at > target) break;
      this.clock.take()!.run();
      steps++;
    }
    this.clock.now = target;
    return { steps, stoppedBecause: 'reachedTime', t: this.clock.now, events: this.log.slice(from) };
  }

  // -------------------------------------------------------------------------------------------------

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

  private validateInput(input: SandboxInput): void {
    if (input === null || typeof input !== 'object' || typeof (input as { type?: unknown }).type !== 'string') {
      throw new SandboxInputError('an input must be an object with a string `type`');
    }
    const needsDevice = ['save', 'setNetwork', 'setAppState', 'setPushPolicy', 'setScheduler', 'account', 'purgeHistory', 'fetchChanges', 'sendChanges', 'launchSecondInstance'];
    if (needsDevice.includes(input.type)) this.device((input as { device: string }).device);
    switch (input.type) {
      case 'save': if (!Array.isArray(input.changes)) throw new SandboxInputError('save: `changes` must be a list'); break;
      case 'account':
        if (input.action !== 'signOut' && typeof input.user !== 'string') throw new SandboxInputError(`account ${input.action}: a user is required`);
        break;
      case 'setOption': {
        if (!(input.option in DEFAULT_OPTIONS)) throw new SandboxInputError(`unknown option '${String(input.option)}'`);
        const def = DEFAULT_OPTIONS[input.option] as unknown as JsonValue;
        if (input.value !== null && def !== null && typeof def !== typeof input.value) throw new SandboxInputError(`option '${input.option}' expects a ${typeof def}`);
        break;
      }
      case 'advance': if (!(Number.isFinite(input.ms) && input.ms >= 0)) throw new SandboxInputError('advance: `ms` must be a non-negative number'); break;
      case 'deleteZone': case 'setQuota': if (typeof input.user !== 'string') throw new SandboxInputError(`${input.type}: a user is required`); break;
      case 'addErrorRule': if (!input.rule || typeof input.rule.id !== 'string' || typeof input.rule.error?.code !== 'number') throw new SandboxInputError('addErrorRule: a rule needs an id and error.code'); break;
      case 'step': case 'runUntilIdle': case 'note': case 'deploySchema': case 'setEnvironment': case 'resetDevelopmentEnvironment':
      case 'expireChangeTokens': case 'removeErrorRule': case 'setNetwork': case 'setAppState': case 'setPushPolicy': case 'setScheduler':
      case 'purgeHistory': case 'fetchChanges': case 'sendChanges': case 'launchSecondInstance':
        break;
      default: throw new SandboxInputError(`unknown input type '${(input as { type: string }).type}'`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------

function validateConfig(c: SandboxConfig): void {
  if (!c || typeof c !== 'object') throw new SandboxConfigError('the session config must be an object');
  if (!Number.isInteger(c.seed)) throw new SandboxConfigError('`seed` must be an integer');
  if (!Array.isArray(c.devices) || c.devices.length < 2 || c.devices.length > 6) throw new SandboxConfigError('a session has 2 to 6 devices');
  const ids = new Set<string>();
  for (const d of c.devices) {
    if (!d || typeof d.id !== 'string' || d.id === '') throw new SandboxConfigError('every device needs a non-empty `id`');
    if (ids.has(d.id)) throw new SandboxConfigError(`duplicate device id '${d.id}'`);
    ids.add(d.id);
  }
  if (c.environment !== 'development' && c.environment !== 'production') throw new SandboxConfigError('`environment` must be development or production');
  if (!c.model || typeof c.model !== 'object') throw new SandboxConfigError('`model` is required');
  if (c.database === 'shared') throw new SandboxConfigError('the shared database (CKShare zones) is not simulated yet; use private or public');
}

function loadModel(c: SandboxConfig): ModelIR {
  try {
    switch (c.model.kind) {
      case 'spec': return modelFromSpec(c.model.spec);
      case 'ir': return c.model.ir;
      case 'xml': return readModelXml(c.model.text);
      default: throw new Error(`unknown model kind '${(c.model as { kind: string }).kind}'`);
    }
  } catch (e) {
    throw new SandboxConfigError(`model: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function loadSchema(s: SchemaSource, model: ModelIR): RuntimeSchema {
  try {
    switch (s.kind) {
      case 'empty': return new RuntimeSchema();
      case 'ir': return RuntimeSchema.from(s.ir);
      case 'ckdb': return RuntimeSchema.from(parseCkdb(s.text));
      case 'derived': {
        const schema = RuntimeSchema.from(deriveSchema(model));
        for (const t of s.omitTypes ?? []) schema.types.delete(t);
        for (const f of s.omitFields ?? []) {
          const [type, field] = f.split('.');
          schema.types.get(type)?.delete(field);
        }
        return schema;
      }
      default: throw new Error(`unknown schema kind '${(s as { kind: string }).kind}'`);
    }
  } catch (e) {
    throw new SandboxConfigError(`schema: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function dbSnapshot(db: Database, options: InspectOptions & { readonly zone?: string }): DatabaseSnapshot {
  const zones: ZoneSnapshot[] = [];
  const offset = options.offset ?? 0;
  const limit = options.limit ?? 200;
  for (const z of db.zones.values()) {
    if (options.zone !== undefined && options.zone !== z.name) continue;
    const records = [];
    let matched = 0;
    for (const r of z.records.values()) {
      if (options.entity !== undefined && r.recordType !== options.entity && r.fields['CD_entityName'] !== options.entity) continue;
      matched++;
      if (matched <= offset || records.length >= limit) continue;
      records.push({ recordName: r.recordName, recordType: r.recordType, changeTag: r.changeTag, fields: { ...r.fields }, createdT: r.createdT, modifiedT: r.modifiedT, modifiedBy: r.modifiedBy, sizeBytes: r.size });
    }
    const tombstones = [];
    for (const t of z.tombstones.values()) tombstones.push({ recordName: t.recordName, recordType: t.recordType, deletedT: t.t, seq: t.seq });
    // Newest first (by the zone's change sequence), then cut to the inspect limit.
    tombstones.sort((a, b) => b.seq - a.seq);
    zones.push({
      name: z.name, owner: z.owner, changeCounter: z.counter, recordCount: z.records.size, tombstoneCount: z.tombstones.size, records,
      tombstones: tombstones.slice(0, limit).map(({ recordName, recordType, deletedT }) => ({ recordName, recordType, deletedT })),
    });
  }
  return { scope: db.scope, user: db.user, zones, subscriptions: [...db.subscriptions], changeCounter: db.counter, usedBytes: db.usedBytes };
}

export function digestEvents(events: readonly SandboxEvent[]): string {
  let h = 0x811c9dc5;
  for (const e of events) h = fnv1a(JSON.stringify(e), h);
  return h.toString(16).padStart(8, '0');
}

export function createSandbox(config: SandboxConfig): Sandbox {
  return new Sandbox(config);
}

const INPUT_TYPES = new Set(['save', 'setNetwork', 'setAppState', 'setPushPolicy', 'setScheduler', 'addErrorRule', 'removeErrorRule', 'account',
  'setQuota', 'deploySchema', 'setEnvironment', 'resetDevelopmentEnvironment', 'deleteZone', 'expireChangeTokens', 'purgeHistory', 'fetchChanges',
  'sendChanges', 'launchSecondInstance', 'setOption', 'advance', 'step', 'runUntilIdle', 'note']);

/**
 * Loads a saved session (JSON text or parsed) and replays it. Throws SessionFormatError for damaged,
 * foreign or newer-version data, and (with `verify`, the default) when the replay's log differs.
 */
export function loadSession(data: string | unknown, options: { readonly verify?: boolean } = {}): Sandbox {
  // One codec for the file (session-file.ts); a hand-written session may leave out the saved log's digest.
  const parsed = typeof data === 'string' ? parseSessionText(data, { requireDigest: false }) : parseSessionFile(data, { requireDigest: false });
  if (!parsed.ok) throw new SessionFormatError(parsed.error);
  const s = parsed.session;
  let sandbox: Sandbox;
  try {
    sandbox = new Sandbox(s.config);
  } catch (e) {
    throw new SessionFormatError(`the session config is damaged: ${e instanceof Error ? e.message : String(e)}`);
  }
  s.inputs.forEach((input, i) => {
    if (!input || typeof input !== 'object' || !INPUT_TYPES.has((input as { type?: string }).type ?? '')) {
      throw new SessionFormatError(`input #${i + 1} is damaged (${JSON.stringify(input)?.slice(0, 80)})`);
    }
    try {
      sandbox.apply(input);
    } catch (e) {
      throw new SessionFormatError(`input #${i + 1} (${input.type}) cannot be replayed: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  if (options.verify ?? true) {
    if (typeof s.eventCount === 'number' && typeof s.eventDigest === 'string') {
      const digest = digestEvents(sandbox.events());
      if (sandbox.eventCount !== s.eventCount || digest !== s.eventDigest) {
        throw new SessionFormatError(`the replay produced a different event log (${sandbox.eventCount} events, digest ${digest}; saved: ${s.eventCount} events, digest ${s.eventDigest}); the session was saved by a different engine version`);
      }
    }
  }
  return sandbox;
}
