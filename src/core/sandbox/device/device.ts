import { COREDATA_ZONE, MANY_TO_MANY_RECORD_TYPE } from '../../cloudkit/mapping';
import type {
  ActivityType, AppState, AttrValue, CKErrorInfo, DasdPolicy, DatabaseScope, DeviceSnapshot, InspectOptions, NetworkMode,
  ObjectChange, ObjectSnapshot, PushPolicy, RecordRef, ResetReason, SandboxEventBody, SandboxOptions, SetupState,
} from '../api';
import { RESET_REASON_CODES, SandboxInputError } from '../api';
import type { Task } from '../clock';
import type { ModelValidation } from '../deps';
import {
  CD_CODES, RETRYABLE_CODES, ckError, cocoaError, hasCode, retryAfterOf, rootPartialError,
} from '../errors';
import type { Prng } from '../prng';
import type { RecordSave, ServerRecord, ServerRequest, ServerResponse } from '../server/server';
import { PUBLIC_DEFAULT_ZONE } from '../server/server';
import { buildRecordFields, ENTITY_NAME_FIELD, readRecordFields } from './codec';
import type { EntityInfo, ModelInfo } from './model-info';
import { valueFits } from './model-info';
import type { LinkRecord, LocalObject } from './store';
import { LocalStore, TxnBuilder, makeLink } from './store';

/**
 * One simulated device: an app with a Core Data store mirrored by an NSPersistentCloudKitContainer-like
 * engine (reference/sync-semantics.md §1): setup (model validation → 134060, zone, database subscription),
 * export (history-driven, batches of ≤400 objects / 1.5 MiB, changedKeys), import (database then zone
 * changes, paged, on push / activation / manual), a serial activity queue gated by a dasd-like scheduler,
 * retries honouring retry-after on the virtual clock, and resets with their reasons.
 *
 * Activities are generators yielding server requests; the host's transport resumes them after the
 * virtual network latency, so a whole sync is a deterministic sequence of tasks.
 */

/** §1.2 [doc TN3163 log; RE OCD SetupAssistant]. */
export const PRIVATE_SUBSCRIPTION_ID = 'com.apple.coredata.cloudkit.private.subscription';

export interface DeviceHost {
  now(): number;
  schedule(delayMs: number, label: string, run: () => void, background?: boolean): Task;
  cancel(task: Task | null): void;
  emit(body: SandboxEventBody): void;
  readonly prng: Prng;
  options(): SandboxOptions;
  readonly model: ModelInfo;
  readonly validation: ModelValidation;
  readonly scope: DatabaseScope;
  readonly publicPollMs: () => number;
  send(req: ServerRequest, done: (res: ServerResponse) => void): void;
  assetContent(ref: string): AttrValue | undefined;
  newAssetRef(): string;
  /** The app became active / came online: deliver a held push. */
  releaseHeldPush(): void;
  /** The app quit: discard the held push. */
  discardHeldPush(): void;
  unsubscribe(user: string): void;
}

type Effect = { readonly req: ServerRequest } | { readonly sleepMs: number };
type Act = Generator<Effect, Outcome, ServerResponse | undefined>;

interface Outcome {
  readonly error: CKErrorInfo | null;
  readonly retryAfterMs?: number;
  /** Don't post an end event (used when the activity was superseded). */
  readonly silent?: boolean;
}

interface Request {
  readonly requestId: string;
  readonly type: ActivityType;
  readonly label: string;
  deferLogged?: boolean;
}

interface Running extends Request {
  readonly eventId: string;
  readonly startT: number;
}

function* call(req: ServerRequest): Generator<Effect, ServerResponse, ServerResponse | undefined> {
  const res = yield { req };
  return res!;
}

export class Device {
  readonly store = new LocalStore();
  user: string | null;
  network: { mode: NetworkMode; latencyMs: number; failureRate: number };
  appState: AppState = 'quit';
  pushPolicy: PushPolicy;
  pushDelayMs = 0;
  scheduler: { policy: 'approve' | 'defer'; reason: DasdPolicy | null; untilT: number | null } = { policy: 'approve', reason: null, untilT: null };
  heldPush: { pushId: string; sinceT: number } | null = null;

  setup: SetupState = 'notStarted';
  setupError: CKErrorInfo | null = null;
  private setupAttempts = 0;
  dbToken: number | null = null;
  zoneToken: number | null = null;
  publicHighWater: number | null = null;
  private queue: Request[] = [];
  private running: Running | null = null;
  private generation = 0;
  private waitUntil: number | null = null;
  private waitTask: Task | null = null;
  private exportTimer: Task | null = null;
  private pollTask: Task | null = null;
  private backoffMs = 0;
  private dormantWarned = false;
  private readonly inFlight = new Set<string>();
  resetCount = 0;
  lastImportT: number | null = null;
  lastExportT: number | null = null;
  secondInstance = false;
  /** The app's UI: refreshed on its own saves, at launch, and on remote-change notifications if it observes them. */
  observesRemoteChanges = true;
  uiTransaction = 0;
  readonly storeIdentifier: string;

  constructor(
    readonly id: string,
    readonly name: string,
    user: string | null,
    network: { mode: NetworkMode; latencyMs: number; failureRate: number },
    pushPolicy: PushPolicy,
    private readonly host: DeviceHost,
  ) {
    this.user = user;
    this.network = network;
    this.pushPolicy = pushPolicy;
    this.storeIdentifier = host.prng.uuid();
  }

  private get opts(): SandboxOptions {
    return this.host.options();
  }

  private emit(body: SandboxEventBody): void {
    this.host.emit(body);
  }

  get zone(): string {
    return this.host.scope === 'public' ? PUBLIC_DEFAULT_ZONE : COREDATA_ZONE;
  }

  // -------------------------------------------------------------------------------------------------
  // App lifecycle

  setAppState(state: AppState): void {
    const previous = this.appState;
    if (previous === state) return;
    this.appState = state;
    this.emit({ kind: 'device.appState', state, previous });
    if (state === 'quit') {
      // Force-quit: in-flight work is abandoned; a held background push is discarded [doc BGPUSH].
      this.abortAll();
      this.host.discardHeldPush();
      return;
    }
    if (previous === 'quit') {
      this.launch();
      if (state === 'foreground') this.host.releaseHeldPush();
      return;
    }
    if (state === 'foreground') {
      // "some points, like when the app is activated" [doc TN3163].
      if (this.opts.importOnActivation) this.request('import', 'ApplicationDidBecomeActive', true);
      this.host.releaseHeldPush();
    } else if (state === 'background' && this.store.dirty.size > 0) {
      // TN3164 log label "AppDeactivationExport".
      this.request('export', 'AppDeactivationExport', true);
    }
  }

  /** App launch: the store loads and the mirroring delegate runs setup, then the initial import [doc TN3163]. */
  private launch(): void {
    this.uiTransaction = this.store.lastTxn;
    this.setup = 'notStarted';
    this.setupError = null;
    this.setupAttempts = 0;
    this.backoffMs = 0;
    this.request('setup', 'StoreLoad', true);
    if (this.store.dirty.size > 0) this.request('export', 'Launch', true);
  }

  private abortAll(): void {
    this.generation++;
    this.running = null;
    this.queue = [];
    this.inFlight.clear();
    this.host.cancel(this.waitTask);
    this.host.cancel(this.exportTimer);
    this.host.cancel(this.pollTask);
    this.waitTask = this.exportTimer = this.pollTask = null;
    this.waitUntil = null;
  }

  setNetwork(mode: NetworkMode, latencyMs: number, failureRate: number): void {
    this.network = { mode, latencyMs, failureRate };
    this.emit({ kind: 'device.network', mode, latencyMs });
    if (mode !== 'offline') {
      this.host.releaseHeldPush();
      this.pump();
    }
  }

  setScheduler(policy: 'approve' | 'defer', reason: DasdPolicy | null, untilT: number | null): void {
    this.scheduler = { policy, reason: policy === 'defer' ? reason ?? 'ActivityRateLimitPolicy' : null, untilT: policy === 'defer' ? untilT : null };
    for (const q of this.queue) q.deferLogged = false;
    this.pump();
  }

  /** A second NSPCKC instance on the same store in this process (§1.2, 134410). */
  launchSecondInstance(): void {
    this.secondInstance = true;
    const id = this.host.prng.uuid();
    const t = this.host.now();
    const error = cocoaError(CD_CODES.duplicateInstance, 'duplicateInstance',
      'CloudKit setup failed because there is another instance of this persistent store actively syncing with CloudKit in this process.',
      ckError(1, { message: `Illegal attempt to register a second handler for activity identifier com.apple.coredata.cloudkit.activity.setup.${this.storeIdentifier}` }));
    this.emit({ kind: 'cloudkit.event', eventType: 'setup', identifier: id, storeIdentifier: this.storeIdentifier, startDate: t, endDate: null, succeeded: false, error: null });
    this.emit({ kind: 'cloudkit.event', eventType: 'setup', identifier: id, storeIdentifier: this.storeIdentifier, startDate: t, endDate: t, succeeded: false, error });
  }

  // -------------------------------------------------------------------------------------------------
  // Account

  changeAccount(action: 'signOut' | 'signIn' | 'switch', user: string | null): void {
    const previous = this.user;
    const next = action === 'signOut' ? null : user;
    if (previous === next) return;
    if (previous !== null) this.host.unsubscribe(previous);
    this.user = next;
    this.emit({ kind: 'device.account', user: next, previousUser: previous });
    const changeType = action === 'signOut' ? 'signOut' : previous === null ? 'signIn' : 'switchAccounts';
    this.emit({ kind: 'engine.accountChange', changeType, previousUser: previous, currentUser: next });
    const reason: ResetReason = changeType === 'signOut' ? 'AccountLogout' : changeType === 'signIn' ? 'AccountLogin' : 'AccountChange';
    const running = this.appState !== 'quit';
    this.abortAll();
    this.reset(reason, cocoaError(CD_CODES.accountChange, 'accountChange', 'The mirroring delegate reset because the iCloud account changed.'));
    this.dormantWarned = false;
    if (running) this.launch();
  }

  // -------------------------------------------------------------------------------------------------
  // Local saves (the app's context save → store + history → export request)

  /** Validates every change first: an invalid input changes nothing. Returns the ids of inserted objects. */
  save(changes: readonly ObjectChange[]): string[] {
    const p = this.prepareSave(changes);
    p.commit();
    return p.ids;
  }

  /** Validation only (ids are drawn from the seed); `commit` applies the save. */
  prepareSave(changes: readonly ObjectChange[]): { ids: string[]; commit: () => void } {
    if (this.appState === 'quit') throw new SandboxInputError(`device ${this.id}: the app is not running (set its app state to foreground first)`);
    const model = this.host.model;
    const pendingIds = new Set<string>();
    const deleted = new Set<string>();
    const ids: string[] = [];
    const resolved: ObjectChange[] = [];
    const pendingEntity = new Map<string, string>();
    const exists = (id: string): boolean => (this.store.objects.has(id) || pendingIds.has(id)) && !deleted.has(id);
    const entityOf = (id: string): string | undefined => this.store.objects.get(id)?.entity ?? pendingEntity.get(id);
    for (const c of changes) {
      if (c.op === 'insert') {
        const info = model.entity(c.entity);
        if (!info) throw new SandboxInputError(`unknown entity '${c.entity}'`);
        if (info.abstract) throw new SandboxInputError(`entity '${c.entity}' is abstract`);
        const id = c.id ?? this.host.prng.uuid();
        if (exists(id)) throw new SandboxInputError(`an object with id '${id}' already exists on ${this.id}`);
        this.checkValues(info, c.values, c.relationships);
        pendingIds.add(id);
        pendingEntity.set(id, c.entity);
        ids.push(id);
        resolved.push({ ...c, id });
      } else {
        if (!exists(c.id)) throw new SandboxInputError(`no object '${c.id}' on device ${this.id}`);
        if (c.op === 'update') {
          const entity = entityOf(c.id);
          const info = entity ? model.entity(entity) : undefined;
          if (info) this.checkValues(info, c.values, c.relationships);
        } else {
          deleted.add(c.id);
        }
        resolved.push(c);
      }
    }
    return { ids, commit: () => this.commitSave(resolved) };
  }

  private commitSave(resolved: readonly ObjectChange[]): void {
    const model = this.host.model;
    const txn = new TxnBuilder('app');
    const txnSeq = this.store.peekTxn();
    for (const c of resolved) {
      if (c.op === 'insert') {
        const info = model.entity(c.entity)!;
        const values: Record<string, AttrValue> = {};
        for (const a of info.attributes.values()) values[a.name] = a.defaultValue;
        if (c.values) Object.assign(values, c.values);
        const o = this.store.insert(txn, c.id!, c.entity, values);
        this.store.markDirty(o, info.recordType, null, txnSeq);
        for (const [rel, v] of Object.entries(c.relationships ?? {})) this.setRelationship(txn, o, info, rel, v, txnSeq);
      } else if (c.op === 'update') {
        const o = this.store.objects.get(c.id);
        if (!o) continue;
        const info = model.entity(o.entity)!;
        const keys: string[] = [];
        for (const [k, v] of Object.entries(c.values ?? {})) {
          this.store.setValue(txn, o, k, v);
          keys.push(k);
        }
        if (keys.length > 0) this.store.markDirty(o, info.recordType, keys, txnSeq);
        for (const [rel, v] of Object.entries(c.relationships ?? {})) this.setRelationship(txn, o, info, rel, v, txnSeq);
      } else {
        this.deleteLocal(txn, c.id, txnSeq, true, new Set());
      }
    }
    const h = this.store.commit(txn, this.host.now());
    if (h) {
      this.emitSaved(h.seq, 'app', h.inserted, h.updated, h.deleted);
      this.uiTransaction = h.seq;
      // "Observed context save" → export request after the debounce [doc TN3163].
      if (!this.exportTimer) {
        this.exportTimer = this.host.schedule(this.opts.exportDebounceMs, `${this.id}: export debounce`, () => {
          this.exportTimer = null;
          this.request('export', 'ContextSave', false);
        });
      }
    }
  }

  private checkValues(info: EntityInfo, values: Readonly<Record<string, AttrValue>> | undefined, rels: Readonly<Record<string, unknown>> | undefined): void {
    for (const [k, v] of Object.entries(values ?? {})) {
      const a = info.attributes.get(k);
      if (!a) throw new SandboxInputError(`entity '${info.name}' has no attribute '${k}'`);
      if (!valueFits(a.type, v)) throw new SandboxInputError(`value ${JSON.stringify(v)} does not fit attribute ${info.name}.${k} (${a.type})`);
    }
    for (const [k, v] of Object.entries(rels ?? {})) {
      const r = info.relationships.get(k);
      if (!r) throw new SandboxInputError(`entity '${info.name}' has no relationship '${k}'`);
      if (r.toMany !== Array.isArray(v)) throw new SandboxInputError(`relationship ${info.name}.${k} is ${r.toMany ? 'to-many (give a list of ids)' : 'to-one (give an id or null)'}`);
    }
  }

  private setRelationship(txn: TxnBuilder, o: LocalObject, info: EntityInfo, rel: string, v: unknown, txnSeq: number): void {
    const r = info.relationships.get(rel)!;
    const model = this.host.model;
    if (!r.toMany) {
      const target = (v as string | null) ?? null;
      const old = o.toOne[rel] ?? null;
      this.store.setToOne(txn, o, rel, target);
      this.store.markDirty(o, info.recordType, [rel], txnSeq);
      // One-to-one: Core Data maintains the inverse, and both records carry the foreign key (§4.4).
      if (r.inverse) {
        const destInfo = model.entity(r.destination);
        const inv = destInfo?.relationships.get(r.inverse);
        if (inv && !inv.toMany) {
          const oldT = old ? this.store.objects.get(old) : undefined;
          if (oldT) { this.store.setToOne(txn, oldT, r.inverse, null); this.store.markDirty(oldT, destInfo!.recordType, [r.inverse], txnSeq); }
          const t = target ? this.store.objects.get(target) : undefined;
          if (t) { this.store.setToOne(txn, t, r.inverse, o.id); this.store.markDirty(t, destInfo!.recordType, [r.inverse], txnSeq); }
        }
      }
      return;
    }
    if (r.manyToMany && r.inverse) {
      // Many-to-many: CDMR join records, nothing on either entity record (§4.4).
      const wanted = new Set(v as string[]);
      for (const { id, link } of this.store.linked(o.id, rel)) {
        if (wanted.has(id)) { wanted.delete(id); continue; }
        this.store.removeLink(txn, link);
        this.store.markDeleted(link, MANY_TO_MANY_RECORD_TYPE, MANY_TO_MANY_RECORD_TYPE, txnSeq);
      }
      for (const id of wanted) {
        const other = this.store.objects.get(id);
        if (!other) continue;
        const l = makeLink({ id: o.id, entity: o.entity, rel }, { id, entity: other.entity, rel: r.inverse });
        if (this.store.addLink(txn, l)) this.store.markDirty({ id: l.name, entity: MANY_TO_MANY_RECORD_TYPE }, MANY_TO_MANY_RECORD_TYPE, null, txnSeq);
      }
      return;
    }
    // To-many with a to-one inverse: only the children store the key (§4.4 "Post records don't contain a reference").
    if (!r.inverse) return;
    const wanted = new Set(v as string[]);
    for (const { id } of this.store.referrers(o.id, r.inverse)) {
      if (wanted.has(id)) { wanted.delete(id); continue; }
      const child = this.store.objects.get(id)!;
      this.store.setToOne(txn, child, r.inverse, null);
      this.store.markDirty(child, model.entity(child.entity)!.recordType, [r.inverse], txnSeq);
    }
    for (const id of wanted) {
      const child = this.store.objects.get(id);
      if (!child) continue;
      this.store.setToOne(txn, child, r.inverse, o.id);
      this.store.markDirty(child, model.entity(child.entity)!.recordType, [r.inverse], txnSeq);
    }
  }

  /** Deletes an object applying its relationships' delete rules (Nullify / Cascade). */
  private deleteLocal(txn: TxnBuilder, id: string, txnSeq: number, export_: boolean, seen: Set<string>): void {
    if (seen.has(id)) return;
    seen.add(id);
    const o = this.store.objects.get(id);
    if (!o) return;
    const model = this.host.model;
    const info = model.entity(o.entity)!;
    for (const r of info.relationships.values()) {
      if (!r.inverse) continue;
      const related: string[] = r.toMany
        ? this.store.referrers(o.id, r.inverse).map((x) => x.id)
        : (() => { const t = o.toOne[r.name]; const dest = model.entity(r.destination); return t && dest && !dest.relationships.get(r.inverse!)?.toMany ? [t] : []; })();
      for (const rid of related) {
        const ro = this.store.objects.get(rid);
        if (!ro) continue;
        if (r.deletionRule === 'Cascade') { this.deleteLocal(txn, rid, txnSeq, export_, seen); continue; }
        if (ro.toOne[r.inverse] === o.id) {
          this.store.setToOne(txn, ro, r.inverse, null);
          if (export_) this.store.markDirty(ro, model.entity(ro.entity)!.recordType, [r.inverse], txnSeq);
        }
      }
    }
    for (const link of this.store.linkNamesOf(id)) {
      this.store.removeLink(txn, link);
      if (export_) this.store.markDeleted(link, MANY_TO_MANY_RECORD_TYPE, MANY_TO_MANY_RECORD_TYPE, txnSeq);
      else this.store.dirty.delete(link);
    }
    this.store.remove(txn, id);
    if (!export_) { this.store.dirty.delete(id); return; }
    if (o.onServer || this.inFlight.has(id)) this.store.markDeleted(id, o.entity, info.recordType, txnSeq);
    else this.store.dirty.delete(id);
  }

  private emitSaved(seq: number, author: 'app' | 'NSCloudKitMirroringDelegate.import' | 'NSCloudKitMirroringDelegate.reset', ins: readonly string[], upd: readonly string[], del: readonly string[]): void {
    const limit = this.opts.eventDetailLimit;
    const ids: string[] = [];
    for (const list of [ins, upd, del]) for (const id of list) { if (ids.length >= limit) break; ids.push(id); }
    this.emit({ kind: 'store.saved', author, transaction: seq, inserted: ins.length, updated: upd.length, deleted: del.length, ids });
  }

  /** The app purges persistent history (§1.1: purging unexported history resets sync, HistoryExpired). */
  purgeHistory(olderThanMs: number): void {
    const oldestUnexported = this.store.oldestUnexportedTxn();
    const last = this.store.purgeHistory(this.host.now() - olderThanMs);
    if (last === 0) return;
    this.emit({ kind: 'store.historyPurged', throughTransaction: last });
    if (last >= oldestUnexported) {
      this.reset('HistoryExpired', null);
      if (this.appState !== 'quit') this.request('export', 'HistoryExpired', true);
    }
  }

  // -------------------------------------------------------------------------------------------------
  // Push and manual requests

  onPush(): void {
    this.request('import', 'Push', false);
  }

  fetchChanges(): void {
    this.request('import', 'Manual', false);
  }

  sendChanges(): void {
    this.request('export', 'Manual', false);
  }

  // -------------------------------------------------------------------------------------------------
  // Activity queue and dasd

  request(type: ActivityType, label: string, internal: boolean): void {
    if (this.appState === 'quit') return;
    if (this.host.scope !== 'public' && this.user === null) {
      // Without an account the engine stays dormant (CKSyncEngine does too, §3); it resumes on sign-in.
      if (!this.dormantWarned) this.emit({ kind: 'warning', message: `${this.id}: no iCloud account: mirroring is dormant until the user signs in` });
      this.dormantWarned = true;
      return;
    }
    if (type === 'setup' && (this.queue.some((q) => q.type === 'setup') || this.running?.type === 'setup')) return;
    const pending = this.queue.find((q) => q.type === type);
    if (pending) {
      if (internal) return;
      // TN3163: "Request '<id>' was cancelled because there is already a pending request of type 'NSCloudKitMirroringExportRequest'" (134417, benign).
      const requestId = this.host.prng.uuid();
      const kind = type === 'export' ? 'NSCloudKitMirroringExportRequest' : type === 'import' ? 'NSCloudKitMirroringImportRequest' : 'NSCloudKitMirroringDelegateSetupRequest';
      this.emit({ kind: 'scheduler.requested', activity: type, requestId, label });
      this.emit({ kind: 'scheduler.cancelled', activity: type, requestId, error: cocoaError(CD_CODES.pendingRequest, 'pendingRequest', `Request '${requestId}' was cancelled because there is already a pending request of type '${kind}'.`) });
      return;
    }
    const r: Request = { requestId: this.host.prng.uuid(), type, label };
    if (type === 'setup') this.queue.unshift(r); else this.queue.push(r);
    this.emit({ kind: 'scheduler.requested', activity: type, requestId: r.requestId, label });
    this.pump();
  }

  private pump(): void {
    if (this.running || this.appState === 'quit' || this.queue.length === 0) return;
    const now = this.host.now();
    if (this.waitUntil !== null && now < this.waitUntil) {
      if (!this.waitTask) this.waitTask = this.host.schedule(this.waitUntil - now, `${this.id}: retry-after`, () => { this.waitTask = null; this.pump(); });
      return;
    }
    this.waitUntil = null;
    if (this.queue[0].type !== 'setup' && (this.setup === 'notStarted' || this.setup === 'running') && !this.queue.some((q) => q.type === 'setup')) {
      // Imports and exports wait for the mirroring delegate's setup (a reset re-runs it).
      const r: Request = { requestId: this.host.prng.uuid(), type: 'setup', label: 'Reset' };
      this.queue.unshift(r);
      this.emit({ kind: 'scheduler.requested', activity: 'setup', requestId: r.requestId, label: r.label });
    }
    let head = this.queue[0];
    if (head.type !== 'setup' && this.setup !== 'succeeded' && this.setup !== 'failed') {
      const i = this.queue.findIndex((q) => q.type === 'setup');
      if (i > 0) { this.queue.unshift(...this.queue.splice(i, 1)); head = this.queue[0]; }
    }
    // dasd "Must Not Proceed" cases (§1.6, TN3163): no network, or a policy deferral.
    if (this.network.mode === 'offline') {
      if (!head.deferLogged) this.emit({ kind: 'scheduler.decision', activity: head.type, requestId: head.requestId, decision: 'defer', policy: 'NetworkPolicy', untilT: null });
      head.deferLogged = true;
      return;
    }
    const s = this.scheduler;
    if (s.policy === 'defer' && (s.untilT === null || now < s.untilT)) {
      if (!head.deferLogged) {
        this.emit({ kind: 'scheduler.decision', activity: head.type, requestId: head.requestId, decision: 'defer', policy: s.reason, untilT: s.untilT });
        if (s.untilT !== null && !this.waitTask) this.waitTask = this.host.schedule(s.untilT - now, `${this.id}: dasd deferral ends`, () => { this.waitTask = null; this.pump(); });
      }
      head.deferLogged = true;
      return;
    }
    if (s.policy === 'defer') this.scheduler = { policy: 'approve', reason: null, untilT: null };
    this.queue.shift();
    this.emit({ kind: 'scheduler.decision', activity: head.type, requestId: head.requestId, decision: 'proceed', policy: null, untilT: null });
    this.start(head);
  }

  private start(req: Request): void {
    const eventId = this.host.prng.uuid();
    const running: Running = { ...req, eventId, startT: this.host.now() };
    this.running = running;
    this.emit({ kind: 'cloudkit.event', eventType: req.type, identifier: eventId, storeIdentifier: this.storeIdentifier, startDate: running.startT, endDate: null, succeeded: false, error: null });
    const act: Act = req.type === 'setup' ? this.setupAct() : req.type === 'import' ? this.importAct(req.label) : this.exportAct(req.label);
    const gen = this.generation;
    const resume = (value: ServerResponse | undefined): void => {
      if (gen !== this.generation) return;
      let r: IteratorResult<Effect, Outcome>;
      try {
        r = act.next(value);
      } catch (e) {
        r = { done: true, value: { error: cocoaError(134421, 'unhandledException', `Unhandled exception during ${req.type}: ${e instanceof Error ? e.message : String(e)}`) } };
      }
      if (r.done) { this.finish(running, r.value); return; }
      const eff = r.value;
      if ('req' in eff) this.host.send(eff.req, resume);
      else this.host.schedule(eff.sleepMs, `${this.id}: ${req.type} wait`, () => resume(undefined));
    };
    resume(undefined);
  }

  private finish(run: Running, out: Outcome): void {
    if (this.running !== run) return;
    this.running = null;
    const now = this.host.now();
    if (!out.silent) {
      this.emit({ kind: 'cloudkit.event', eventType: run.type, identifier: run.eventId, storeIdentifier: this.storeIdentifier, startDate: run.startT, endDate: now, succeeded: out.error === null, error: out.error });
    }
    if (out.error === null) this.backoffMs = 0;
    if (out.retryAfterMs !== undefined && out.error) {
      this.waitUntil = now + out.retryAfterMs;
      this.emit({ kind: 'scheduler.retry', activity: run.type, atT: this.waitUntil, afterMs: out.retryAfterMs, error: out.error });
      const again: Request = { requestId: this.host.prng.uuid(), type: run.type, label: `Retry-${run.label}` };
      if (run.type === 'setup') this.queue.unshift(again);
      else if (!this.queue.some((q) => q.type === run.type)) this.queue.push(again);
    }
    this.pump();
  }

  /** Retry delay: the error's retry-after, else exponential backoff (CKSyncEngine honours retry-after, §3). */
  private retryDelay(e: CKErrorInfo): number {
    const ra = retryAfterOf(e);
    if (ra !== undefined) return Math.round(ra * 1000);
    this.backoffMs = this.backoffMs === 0 ? this.opts.retryBaseMs : Math.min(this.backoffMs * 2, this.opts.retryMaxMs);
    return this.backoffMs;
  }

  private isRetryable(e: CKErrorInfo): boolean {
    if (e.domain !== 'CKErrorDomain') return false;
    if (RETRYABLE_CODES.has(e.code)) return true;
    if (e.code === 2) {
      const root = rootPartialError(e);
      return root !== undefined && RETRYABLE_CODES.has(root.code);
    }
    return false;
  }

  private neverInitialized(): Outcome {
    // TN3164: "Request ... was aborted because the mirroring delegate never successfully initialized due to error: ...".
    const requestId = this.running?.requestId ?? '';
    return {
      error: cocoaError(CD_CODES.neverInitialized, 'neverInitialized',
        `Request '${requestId}' was aborted because the mirroring delegate never successfully initialized due to error: ${this.setupError ? describeShort(this.setupError) : 'unknown'}`,
        this.setupError ?? undefined),
    };
  }

  // -------------------------------------------------------------------------------------------------
  // Setup

  private *setupAct(): Act {
    this.setup = 'running';
    this.setupAttempts++;
    if (!this.host.validation.ok) {
      // coredata-model.md §3.1: the store fails to load with 134060 and the validator's reasons.
      const error = cocoaError(CD_CODES.modelValidation, 'modelValidation', `A Core Data error occurred. ${this.host.validation.reason}`);
      this.setup = 'failed';
      this.setupError = error;
      return { error };
    }
    if (this.host.scope !== 'public') {
      this.emit({ kind: 'engine.willSendChanges', label: 'Setup' });
      const z = yield* call({ op: 'modifyRecordZones', database: this.host.scope, saveZones: [COREDATA_ZONE], deleteZones: [] });
      let error = z.error;
      if (!error) {
        const s = yield* call({ op: 'modifySubscriptions', database: this.host.scope, save: [PRIVATE_SUBSCRIPTION_ID] });
        error = s.error;
      }
      this.emit({ kind: 'engine.sentDatabaseChanges', savedZones: error ? [] : [COREDATA_ZONE], deletedZones: [], savedSubscriptions: error ? [] : [PRIVATE_SUBSCRIPTION_ID], error });
      if (error) return this.setupFailed(error);
    }
    // Design: objects already in the store when mirroring starts are exported as part of setup, so a
    // schema rejection surfaces as a setup failure (TN3164's "never successfully initialized due to <CKError Partial Failure>").
    if (this.store.dirty.size > 0) {
      const r = yield* this.exportBody();
      if (r.error) return this.setupFailed(r.error);
    }
    this.setup = 'succeeded';
    this.setupError = null;
    this.request('import', 'Setup', true);
    if (this.host.scope === 'public') this.schedulePoll();
    return { error: null };
  }

  private setupFailed(error: CKErrorInfo): Outcome {
    if (this.isRetryable(error)) {
      this.setup = 'notStarted';
      return { error, retryAfterMs: this.retryDelay(error) };
    }
    const root = rootPartialError(error) ?? error;
    // §1.6 [obs]: a type missing in production makes setup fail → reset → setup again (a loop); bounded by setupRetryLimit.
    if (root.serverMessage?.startsWith('Cannot create new type') && this.setupAttempts < this.opts.setupRetryLimit) {
      this.setup = 'notStarted';
      return { error, retryAfterMs: this.retryDelay(error) };
    }
    this.setup = 'failed';
    this.setupError = error;
    return { error };
  }

  private schedulePoll(): void {
    this.host.cancel(this.pollTask);
    // TN3163: the public database is polled (30 min in development, up to 24 h in production).
    this.pollTask = this.host.schedule(this.host.publicPollMs(), `${this.id}: public database poll`, () => {
      this.pollTask = null;
      this.request('import', 'PublicDatabasePoll', true);
      this.schedulePoll();
    }, true);
  }

  // -------------------------------------------------------------------------------------------------
  // Export

  private *exportAct(label: string): Act {
    if (this.setup === 'failed') return this.neverInitialized();
    if (this.setup !== 'succeeded') {
      // Requests wait for setup; re-queue behind it.
      this.request('export', label, true);
      return { error: null, silent: true };
    }
    this.emit({ kind: 'engine.willSendChanges', label });
    const r = yield* this.exportBody();
    this.emit({ kind: 'engine.didSendChanges', error: r.error });
    if (r.error === null) this.lastExportT = this.host.now();
    return r;
  }

  /** Sends every dirty object in batches; resolves conflicts per the save policy. */
  private *exportBody(): Generator<Effect, Outcome, ServerResponse | undefined> {
    const opts = this.opts;
    const model = this.host.model;
    let guard = 0;
    let maxRecords = opts.exportMaxRecords;
    const skip = new Set<string>();
    while (this.store.dirty.size > skip.size) {
      if (++guard > 100000) break;
      const saves: RecordSave[] = [];
      const deletes: RecordRef[] = [];
      const versions = new Map<string, number>();
      const assets = new Map<string, AttrValue>();
      let bytes = 0;
      for (const [id, d] of this.store.dirty) {
        if (skip.has(id)) continue;
        if (saves.length + deletes.length >= maxRecords) break;
        if (d.deleted) {
          deletes.push({ recordName: id, recordType: d.recordType });
        } else if (d.recordType === MANY_TO_MANY_RECORD_TYPE) {
          const l = this.store.links.get(id);
          if (!l) { this.store.dirty.delete(id); continue; }
          saves.push({ recordName: id, recordType: MANY_TO_MANY_RECORD_TYPE, fields: linkFields(l), changeTag: null, types: LINK_TYPES });
          bytes += 3 * 64;
        } else {
          const o = this.store.objects.get(id);
          if (!o) { this.store.dirty.delete(id); continue; }
          const info = model.entity(o.entity)!;
          const keys = opts.exportSavePolicy === 'changedKeys' ? d.keys : null;
          const built = buildRecordFields(o, info, keys, opts.assetThresholdBytes, () => this.host.newAssetRef());
          // RE OCCloudKitExporterOptions: 1,572,864 bytes per operation.
          if (saves.length > 0 && bytes + built.size > opts.exportMaxBytes) break;
          bytes += built.size;
          for (const [ref, v] of built.assets) assets.set(ref, v);
          saves.push({ recordName: id, recordType: info.recordType, fields: built.fields, changeTag: o.changeTag, types: built.types });
        }
        versions.set(id, d.version);
        this.inFlight.add(id);
      }
      if (saves.length + deletes.length === 0) break;
      const res = yield* call({
        op: 'modifyRecords', database: this.host.scope, zone: this.zone, saves, deletes,
        savePolicy: opts.exportSavePolicy, atomic: this.host.scope !== 'public', assets,
      });
      for (const id of versions.keys()) this.inFlight.delete(id);
      if (res.op !== 'modifyRecords') return { error: ckError(1) };
      const result = res.result;
      const failedSaves: { record: RecordRef; error: CKErrorInfo }[] = [];
      const failedDeletes: { recordName: string; error: CKErrorInfo }[] = [];
      const savedRefs: RecordRef[] = [];
      if (result) {
        for (const s of result.saved) {
          const o = this.store.objects.get(s.recordName);
          if (o) { o.changeTag = s.changeTag; o.onServer = true; }
          const d = this.store.dirty.get(s.recordName);
          if (d && d.version === versions.get(s.recordName)) this.store.dirty.delete(s.recordName);
          else if (!o && !d) this.store.markDeleted(s.recordName, '', saves.find((x) => x.recordName === s.recordName)!.recordType, this.store.lastTxn);
          if (savedRefs.length < opts.eventDetailLimit) savedRefs.push({ recordName: s.recordName, recordType: s.recordType });
        }
        for (const name of result.deleted) {
          const d = this.store.dirty.get(name);
          if (d && d.version === versions.get(name)) this.store.dirty.delete(name);
        }
        for (const [name, e] of result.itemErrors) {
          const save = saves.find((s) => s.recordName === name);
          if (save) failedSaves.push({ record: { recordName: name, recordType: save.recordType }, error: e });
          else failedDeletes.push({ recordName: name, error: e });
        }
      }
      this.emit({
        kind: 'engine.sentRecordZoneChanges', zone: this.zone, saved: savedRefs, savedCount: result?.saved.length ?? 0,
        failedSaves: failedSaves.slice(0, opts.eventDetailLimit), deleted: (result?.deleted ?? []).slice(0, opts.eventDetailLimit),
        deletedCount: result?.deleted.length ?? 0, failedDeletes: failedDeletes.slice(0, opts.eventDetailLimit),
      });
      if (!res.error) continue;
      const e = res.error;
      const sent = saves.length + deletes.length;
      if (e.code === 27 && !result && sent > 1) {
        // LIMIT doc: "split the operation in half and retry".
        maxRecords = Math.ceil(sent / 2);
        this.emit({ kind: 'warning', message: `${this.id}: limitExceeded for ${sent} items; retrying in batches of ${maxRecords}` });
        continue;
      }
      if (e.code === 26) { this.reset('ZoneDeleted', e); this.requeueSetup(); return { error: e }; }
      if (e.code === 28) { this.reset('UserPurgedZone', e); this.requeueSetup(); return { error: e }; }
      if (e.code !== 2 || !result) return this.failOrRetry(e);
      // Partial failure: resolve what the engine resolves itself, fail on the rest.
      let unresolved: CKErrorInfo | null = null;
      for (const [name, ie] of result.itemErrors) {
        if (ie.code === 22) continue;
        if (ie.code === 14) {
          this.resolveConflict(name, result.serverRecords.get(name));
        } else if (ie.code === 11) {
          this.resolveUnknownItem(name);
        } else {
          unresolved = unresolved ?? ie;
          skip.add(name);
        }
      }
      if (unresolved) return this.failOrRetry(e);
    }
    return { error: null };
  }

  private failOrRetry(e: CKErrorInfo): Outcome {
    if (this.isRetryable(e) || hasCode(e, 25)) return { error: e, retryAfterMs: this.retryDelay(e) };
    return { error: e };
  }

  /**
   * serverRecordChanged (only with ifServerRecordUnchanged, §2.2): Apple's CKSyncEngine sample merges the
   * server record into the local object and re-queues the save; `serverWins` keeps the server values.
   */
  private resolveConflict(name: string, server: ServerRecord | undefined): void {
    const o = this.store.objects.get(name);
    if (!o || !server) return;
    o.changeTag = server.changeTag;
    o.onServer = true;
    if (this.opts.conflictResolution === 'clientWins') return;
    const txn = new TxnBuilder('NSCloudKitMirroringDelegate.import');
    this.applyRecord(txn, server);
    this.store.dirty.delete(name);
    const h = this.store.commit(txn, this.host.now());
    if (h) this.emitSaved(h.seq, 'NSCloudKitMirroringDelegate.import', h.inserted, h.updated, h.deleted);
  }

  /** unknownItem on save: the record was deleted elsewhere (§5 #3 switch). */
  private resolveUnknownItem(name: string): void {
    const o = this.store.objects.get(name);
    if (this.opts.deleteVsEdit === 'editResurrects' && o) {
      // Apple's sample re-uploads the record as new.
      o.changeTag = null;
      o.onServer = false;
      this.store.markDirty(o, this.host.model.entity(o.entity)!.recordType, null, this.store.lastTxn);
      return;
    }
    // deleteWins: drop the pending edit; the tombstone deletes the object at the next import.
    this.store.dirty.delete(name);
  }

  private requeueSetup(): void {
    this.setup = 'notStarted';
    this.request('setup', 'Reset', true);
  }

  // -------------------------------------------------------------------------------------------------
  // Import

  private *importAct(label: string): Act {
    if (this.setup === 'failed') return this.neverInitialized();
    if (this.setup !== 'succeeded') {
      this.request('import', label, true);
      return { error: null, silent: true };
    }
    this.emit({ kind: 'engine.willFetchChanges', label });
    const r = this.host.scope === 'public' ? yield* this.pollPublic() : yield* this.fetchPrivate();
    this.emit({ kind: 'engine.didFetchChanges', error: r.error });
    if (r.error === null) this.lastImportT = this.host.now();
    return r;
  }

  private *fetchPrivate(): Generator<Effect, Outcome, ServerResponse | undefined> {
    let db = yield* call({ op: 'fetchDatabaseChanges', database: this.host.scope, token: this.dbToken });
    if (db.error && db.error.code === 21) {
      // §1.6: ServerChangeTokenExpired → reset, refetch from a nil token.
      this.reset('ServerChangeTokenExpired', db.error);
      db = yield* call({ op: 'fetchDatabaseChanges', database: this.host.scope, token: null });
    }
    if (db.op !== 'fetchDatabaseChanges') return { error: ckError(1) };
    if (db.error) return this.failOrRetry(db.error);
    const deletions = db.deletedZones.map((d) => ({ zone: d.zone, reason: d.purged ? 'purged' as const : 'deleted' as const }));
    this.emit({ kind: 'engine.fetchedDatabaseChanges', modifications: db.changedZones, deletions, moreComing: false });
    const mine = db.deletedZones.filter((d) => d.zone === COREDATA_ZONE);
    if (mine.length > 0 && !db.changedZones.includes(COREDATA_ZONE)) {
      const purged = mine.some((d) => d.purged);
      this.reset(purged ? 'UserPurgedZone' : 'ZoneDeleted', null);
      this.requeueSetup();
      return { error: null };
    }
    if (mine.length > 0) {
      // Deleted and recreated since our token: our state is stale either way.
      this.reset(mine.some((d) => d.purged) ? 'UserPurgedZone' : 'ZoneDeleted', null);
      this.requeueSetup();
      return { error: null };
    }
    if (!db.changedZones.includes(COREDATA_ZONE) && this.zoneToken !== null) {
      this.dbToken = db.token;
      this.emit({ kind: 'engine.stateUpdate', databaseToken: tokenString('D', this.dbToken), zoneToken: tokenString('Z', this.zoneToken) });
      return { error: null };
    }
    const out = yield* this.fetchZone();
    // The database token only advances once the changed zone was fetched completely; otherwise the next
    // fetch would no longer report the zone as changed.
    if (out.error === null && this.setup === 'succeeded' && this.zoneToken !== null) this.dbToken = db.token;
    return out;
  }

  private *fetchZone(): Generator<Effect, Outcome, ServerResponse | undefined> {
    const zone = COREDATA_ZONE;
    this.emit({ kind: 'engine.willFetchRecordZoneChanges', zone });
    let fullRefetch = this.zoneToken === null;
    const seen = new Set<string>();
    let expiredOnce = false;
    for (;;) {
      const r = yield* call({ op: 'fetchRecordZoneChanges', database: this.host.scope, zone, token: this.zoneToken, limit: this.opts.importPageSize });
      if (r.op !== 'fetchRecordZoneChanges') return { error: ckError(1) };
      if (r.error) {
        this.emit({ kind: 'engine.didFetchRecordZoneChanges', zone, error: r.error });
        if (r.error.code === 21 && !expiredOnce) {
          expiredOnce = true;
          this.reset('ServerChangeTokenExpired', r.error);
          fullRefetch = true;
          this.emit({ kind: 'engine.willFetchRecordZoneChanges', zone });
          continue;
        }
        if (r.error.code === 26) { this.reset('ZoneDeleted', r.error); this.requeueSetup(); return { error: null }; }
        if (r.error.code === 28) { this.reset('UserPurgedZone', r.error); this.requeueSetup(); return { error: null }; }
        return this.failOrRetry(r.error);
      }
      this.applyPage(r.modified, r.deleted, fullRefetch ? seen : null);
      // FRZC: the token advances per successful batch, so an interrupted catch-up resumes where it stopped (§5 #28).
      this.zoneToken = r.token;
      const limit = this.opts.eventDetailLimit;
      this.emit({
        kind: 'engine.fetchedRecordZoneChanges', zone,
        modifications: r.modified.slice(0, limit).map((m) => ({ recordName: m.recordName, recordType: m.recordType })), modificationCount: r.modified.length,
        deletions: r.deleted.slice(0, limit), deletionCount: r.deleted.length, moreComing: r.moreComing,
      });
      this.emit({ kind: 'engine.stateUpdate', databaseToken: tokenString('D', this.dbToken), zoneToken: tokenString('Z', this.zoneToken) });
      if (!r.moreComing) break;
    }
    if (fullRefetch && this.opts.diffOnFullRefetch) {
      // Design switch (§5 #7): a nil-token refetch cannot see deletions; diffing removes what the server no longer has.
      const txn = new TxnBuilder('NSCloudKitMirroringDelegate.import');
      for (const [id, o] of [...this.store.objects]) {
        if (!seen.has(id) && o.onServer && !this.store.dirty.has(id)) this.deleteLocal(txn, id, 0, false, new Set());
      }
      this.commitImport(txn);
    }
    this.emit({ kind: 'engine.didFetchRecordZoneChanges', zone, error: null });
    return { error: null };
  }

  /** Public database: a query per record type, `modificationDate > max seen` [RE OCCKRecordZoneQuery]; deletions are invisible (§2.4). */
  private *pollPublic(): Generator<Effect, Outcome, ServerResponse | undefined> {
    let high = this.publicHighWater;
    for (const recordType of this.host.model.recordTypes()) {
      for (;;) {
        const r = yield* call({ op: 'queryRecords', database: 'public', recordType, modifiedAfter: this.publicHighWater, limit: this.opts.importPageSize });
        if (r.op !== 'queryRecords') return { error: ckError(1) };
        if (r.error) {
          if (r.error.code === 11) break; // RE: unknown type = schema not initialised, not fatal.
          return this.failOrRetry(r.error);
        }
        this.applyPage(r.records, [], null);
        for (const rec of r.records) if (high === null || rec.modifiedT > high) high = rec.modifiedT;
        const limit = this.opts.eventDetailLimit;
        this.emit({
          kind: 'engine.fetchedRecordZoneChanges', zone: PUBLIC_DEFAULT_ZONE,
          modifications: r.records.slice(0, limit).map((m) => ({ recordName: m.recordName, recordType: m.recordType })), modificationCount: r.records.length,
          deletions: [], deletionCount: 0, moreComing: r.moreComing,
        });
        if (!r.moreComing || r.records.length === 0) break;
        // Page on: the next query starts after the newest record of this page.
        this.publicHighWater = r.records[r.records.length - 1].modifiedT - 1;
      }
    }
    this.publicHighWater = high;
    return { error: null };
  }

  private applyPage(modified: readonly ServerRecord[], deleted: readonly RecordRef[], seen: Set<string> | null): void {
    const txn = new TxnBuilder('NSCloudKitMirroringDelegate.import');
    for (const rec of modified) {
      if (seen) seen.add(rec.recordName);
      this.applyRecord(txn, rec);
    }
    for (const d of deleted) {
      if (this.store.links.has(d.recordName)) { this.store.removeLink(txn, d.recordName); this.store.dirty.delete(d.recordName); continue; }
      if (!this.store.objects.has(d.recordName)) { this.store.dirty.delete(d.recordName); continue; }
      this.deleteLocal(txn, d.recordName, 0, false, new Set());
    }
    this.commitImport(txn);
  }

  private commitImport(txn: TxnBuilder): void {
    const h = this.store.commit(txn, this.host.now());
    if (!h) return;
    this.emitSaved(h.seq, 'NSCloudKitMirroringDelegate.import', h.inserted, h.updated, h.deleted);
    // NSPersistentStoreRemoteChange [doc TN3164 "Present the latest data"].
    this.emit({ kind: 'store.remoteChange', transaction: h.seq });
    if (this.observesRemoteChanges) this.uiTransaction = h.seq;
  }

  /** Writes a fetched record into the store (import context, NSMergeByPropertyObjectTrumpMergePolicy: the import's values win). */
  private applyRecord(txn: TxnBuilder, rec: ServerRecord): void {
    const d = this.store.dirty.get(rec.recordName);
    if (d?.deleted) return; // our pending delete will be exported
    if (rec.recordType === MANY_TO_MANY_RECORD_TYPE) { this.applyLink(txn, rec); return; }
    const entityName = rec.fields[ENTITY_NAME_FIELD];
    const info = typeof entityName === 'string' ? this.host.model.entity(entityName) : undefined;
    if (!info) {
      this.emit({ kind: 'warning', message: `${this.id}: record ${rec.recordName} (${rec.recordType}) has unknown CD_entityName ${JSON.stringify(entityName)}; skipped` });
      return;
    }
    const { values, toOne } = readRecordFields(rec.fields, info, (ref) => this.host.assetContent(ref));
    let o = this.store.objects.get(rec.recordName);
    if (!o) {
      const init: Record<string, AttrValue> = {};
      for (const a of info.attributes.values()) init[a.name] = a.defaultValue;
      o = this.store.insert(txn, rec.recordName, info.name, Object.assign(init, values));
    } else {
      for (const k in values) if (!sameValue(o.values[k], values[k])) this.store.setValue(txn, o, k, values[k]);
    }
    for (const k in toOne) this.store.setToOne(txn, o, k, toOne[k]);
    o.changeTag = rec.changeTag;
    o.onServer = true;
  }

  private applyLink(txn: TxnBuilder, rec: ServerRecord): void {
    const split = (k: string): string[] => (typeof rec.fields[k] === 'string' ? (rec.fields[k] as string).split(':') : []);
    const [ea, eb] = split('CD_entityNames');
    const [ia, ib] = split('CD_recordNames');
    const [ra, rb] = split('CD_relationships');
    if (!ea || !eb || !ia || !ib || !ra || !rb) return;
    this.store.addLink(txn, { name: rec.recordName, a: ia, entityA: ea, relA: ra, b: ib, entityB: eb, relB: rb });
  }

  // -------------------------------------------------------------------------------------------------
  // Resets (§1.6 reset reasons)

  reset(reason: ResetReason, error: CKErrorInfo | null): void {
    const code = RESET_REASON_CODES[reason];
    this.emit({ kind: 'engine.reset', phase: 'will', reason, reasonCode: code, error });
    this.resetCount++;
    this.dbToken = null;
    this.zoneToken = null;
    this.publicHighWater = null;
    const purge = reason === 'UserPurgedZone'
      || ((reason === 'AccountLogout' || reason === 'AccountChange' || reason === 'AccountLogin') && this.opts.accountChangePurgesLocalData);
    if (purge) {
      // Purged zones must not be re-uploaded (CKSyncEngine `.purged`: "delete any locally cached data and not resend it").
      const txn = new TxnBuilder('NSCloudKitMirroringDelegate.reset');
      for (const id of [...this.store.objects.keys()]) this.deleteLocal(txn, id, 0, false, new Set());
      for (const name of [...this.store.links.keys()]) this.store.removeLink(txn, name);
      this.store.dirty.clear();
      const h = this.store.commit(txn, this.host.now());
      if (h) this.emitSaved(h.seq, 'NSCloudKitMirroringDelegate.reset', h.inserted, h.updated, h.deleted);
    } else if (reason === 'ZoneDeleted' || reason === 'HistoryExpired' || reason.startsWith('Account')) {
      // Metadata purged: every object is exported again from scratch (RE OCCloudKitMetadataPurger; obs LAB22).
      for (const o of this.store.objects.values()) {
        if (reason === 'ZoneDeleted' || reason.startsWith('Account')) { o.changeTag = null; o.onServer = false; }
        this.store.markDirty(o, this.host.model.entity(o.entity)!.recordType, null, this.store.lastTxn);
      }
      for (const name of this.store.links.keys()) this.store.markDirty({ id: name, entity: MANY_TO_MANY_RECORD_TYPE }, MANY_TO_MANY_RECORD_TYPE, null, this.store.lastTxn);
      if (reason === 'ZoneDeleted') for (const [id, d] of [...this.store.dirty]) if (d.deleted) this.store.dirty.delete(id);
    }
    this.emit({ kind: 'engine.reset', phase: 'did', reason, reasonCode: code, error });
    this.emit({ kind: 'engine.stateUpdate', databaseToken: null, zoneToken: null });
  }

  // -------------------------------------------------------------------------------------------------
  // Inspection

  snapshot(options: InspectOptions = {}): DeviceSnapshot {
    const model = this.host.model;
    const offset = options.offset ?? 0;
    const limit = options.limit ?? 200;
    const objects: ObjectSnapshot[] = [];
    let matched = 0;
    for (const o of this.store.objects.values()) {
      if (options.entity !== undefined && o.entity !== options.entity) continue;
      matched++;
      if (matched <= offset || objects.length >= limit) continue;
      objects.push(this.objectSnapshot(o, model.entity(o.entity)!));
    }
    const h = this.store.history;
    return {
      id: this.id, name: this.name, user: this.user, network: { ...this.network }, appState: this.appState, pushPolicy: this.pushPolicy,
      scheduler: { ...this.scheduler }, heldPush: this.heldPush ? { ...this.heldPush } : null,
      mirroring: {
        setup: this.setup, setupError: this.setupError, databaseToken: tokenString('D', this.dbToken), zoneToken: tokenString('Z', this.zoneToken),
        publicHighWater: this.publicHighWater, pendingExportCount: this.store.dirty.size,
        exportedThroughTransaction: Math.min(this.store.lastTxn, this.store.oldestUnexportedTxn() - 1),
        running: this.running?.type ?? null, queued: this.queue.map((q) => ({ activity: q.type, label: q.label, requestId: q.requestId })),
        waitingUntilT: this.waitUntil, resetCount: this.resetCount, lastImportT: this.lastImportT, lastExportT: this.lastExportT,
      },
      objectCount: this.store.objects.size, objects, historyCount: h.length,
      firstHistoryTransaction: h.length > 0 ? h[0].seq : null, lastHistoryTransaction: h.length > 0 ? h[h.length - 1].seq : null,
      ui: { observesRemoteChanges: this.observesRemoteChanges, refreshedThroughTransaction: this.uiTransaction, stale: this.uiTransaction < this.store.lastTxn },
    };
  }

  objectSnapshot(o: LocalObject, info: EntityInfo): ObjectSnapshot {
    const relationships: Record<string, string | null | string[]> = {};
    for (const r of info.relationships.values()) {
      if (!r.toMany) {
        const t = o.toOne[r.name] ?? null;
        // A key whose object has not arrived yet reads as nil in the app (§5 #23).
        relationships[r.name] = t !== null && this.store.objects.has(t) ? t : null;
      } else if (r.manyToMany) {
        relationships[r.name] = this.store.linked(o.id, r.name).map((x) => x.id).filter((id) => this.store.objects.has(id)).sort();
      } else if (r.inverse) {
        relationships[r.name] = this.store.referrers(o.id, r.inverse).map((x) => x.id).filter((id) => this.store.objects.has(id)).sort();
      } else {
        relationships[r.name] = [];
      }
    }
    const d = this.store.dirty.get(o.id);
    const pendingKeys = !d ? [] : d.keys === null ? ['*'] : [...d.keys].sort();
    return { id: o.id, entity: o.entity, values: { ...o.values }, relationships, pendingKeys, changeTag: o.changeTag };
  }
}

const STRING_TYPE = { kind: 'primitive', base: 'STRING', encrypted: false } as const;
/** CDMR fields are all strings [DOC Reading CloudKit Records for Core Data]. */
const LINK_TYPES = { CD_entityNames: STRING_TYPE, CD_recordNames: STRING_TYPE, CD_relationships: STRING_TYPE };

function linkFields(l: LinkRecord): Record<string, string> {
  return { CD_entityNames: `${l.entityA}:${l.entityB}`, CD_recordNames: `${l.a}:${l.b}`, CD_relationships: `${l.relA}:${l.relB}` };
}

function sameValue(a: AttrValue | undefined, b: AttrValue): boolean {
  if (a === b) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object') return a.length === b.length && a.tag === b.tag;
  return false;
}

export function tokenString(prefix: string, t: number | null): string | null {
  return t === null ? null : `${prefix}${t}`;
}

function describeShort(e: CKErrorInfo): string {
  const code = e.internalCode !== undefined ? `${e.code}/${e.internalCode}` : `${e.code}`;
  return `<CKError 0x0: "${e.description}" (${code})>`;
}
