import type {
  ActivityType, AppState, CKErrorInfo, DasdPolicy, DeviceSnapshot, InspectOptions, NetworkMode, ObjectChange, PushPolicy,
  ResetReason, SandboxEventBody, SandboxOptions, SetupState,
} from '../api';
import type { Task } from '../clock';
import { CD_CODES, ckError, cocoaError } from '../errors';
import { PUBLIC_DEFAULT_ZONE } from '../server/storage';
import type { ServerResponse } from '../server/wire';
import { COREDATA_ZONE } from '../../cloudkit/mapping';
import { exportAct } from './activities/export';
import { importAct } from './activities/import';
import { setupAct } from './activities/setup';
import { shareExportAct } from './activities/share-export';
import { shareImportAct } from './activities/share-import';
import { SharingState } from './sharing-state';
import type { Act, DeviceContext, DeviceHost, Effect, Outcome, Request, Running } from './device-context';
import { prepareSave } from './local-saves';
import { purgeHistory, reset } from './resets';
import { snapshot } from './snapshot';
import { LocalStore } from './store';
import { errorMessage } from '../../error-message';

export type { DeviceHost } from './device-context';
export { tokenString } from './device-context';
export { PRIVATE_SUBSCRIPTION_ID } from './activities/setup';

/**
 * One simulated device: an app with a Core Data store mirrored by an NSPersistentCloudKitContainer-like
 * engine (reference/sync-semantics.md §1): setup (model validation → 134060, zone, database subscription),
 * export (history-driven, batches of ≤400 objects / 1.5 MiB, changedKeys), import (database then zone
 * changes, paged, on push / activation / manual), a serial activity queue gated by a dasd-like scheduler,
 * retries honouring retry-after on the virtual clock, and resets with their reasons.
 *
 * Activities are generators yielding server requests; the host's transport resumes them after the
 * virtual network latency, so a whole sync is a deterministic sequence of tasks.
 *
 * This class holds the device's state, its lifecycle, account changes and the serial activity queue; the
 * parts it drives are functions over it as a DeviceContext (device-context.ts): local-saves.ts, resets.ts,
 * snapshot.ts, apply-records.ts and activities/ (setup, export, import, public-poll, outcome).
 */

export class Device implements DeviceContext {
  readonly store = new LocalStore();
  readonly sharing = new SharingState();
  user: string | null;
  network: { mode: NetworkMode; latencyMs: number; failureRate: number };
  appState: AppState = 'quit';
  pushPolicy: PushPolicy;
  pushDelayMs = 0;
  scheduler: { policy: 'approve' | 'defer'; reason: DasdPolicy | null; untilT: number | null } = { policy: 'approve', reason: null, untilT: null };
  heldPush: { pushId: string; sinceT: number } | null = null;

  setup: SetupState = 'notStarted';
  setupError: CKErrorInfo | null = null;
  setupAttempts = 0;
  dbToken: number | null = null;
  zoneToken: number | null = null;
  publicHighWater: number | null = null;
  queue: Request[] = [];
  running: Running | null = null;
  private generation = 0;
  waitUntil: number | null = null;
  private waitTask: Task | null = null;
  exportTimer: Task | null = null;
  pollTask: Task | null = null;
  backoffMs = 0;
  accountTemporarilyUnavailable = false;
  readonly inFlight = new Set<string>();
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
    readonly host: DeviceHost,
  ) {
    this.user = user;
    this.network = network;
    this.pushPolicy = pushPolicy;
    this.storeIdentifier = host.prng.uuid();
  }

  get opts(): SandboxOptions {
    return this.host.options();
  }

  emit(body: SandboxEventBody): void {
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

  changeAccount(action: 'signOut' | 'signIn' | 'switch' | 'temporarilyUnavailable', user: string | null): void {
    if (action === 'temporarilyUnavailable' || this.accountTemporarilyUnavailable) {
      if (this.accountStatusChanged(action, user)) return;
    }
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
    this.sharing.clearForAccount();
    reset(this, reason, cocoaError(CD_CODES.accountChange, 'accountChange', 'The mirroring delegate reset because the iCloud account changed.'));
    if (running) this.launch();
  }

  /**
   * CKAccountStatusTemporarilyUnavailable and back, for the same user: no identity change, so no reset; the
   * account-changed notification makes the delegate set up again (modelling choice, docs/sandbox.md). Returns
   * whether the action was handled here.
   */
  private accountStatusChanged(action: 'signOut' | 'signIn' | 'switch' | 'temporarilyUnavailable', user: string | null): boolean {
    if (action === 'temporarilyUnavailable') {
      if (this.user === null || this.accountTemporarilyUnavailable) return true;
      this.accountTemporarilyUnavailable = true;
    } else {
      this.accountTemporarilyUnavailable = false;
      if (action !== 'signIn' || user !== this.user) return false;
    }
    this.emit({ kind: 'device.account', user: this.user, previousUser: this.user });
    if (this.appState !== 'quit') { this.abortAll(); this.launch(); }
    return true;
  }

  // -------------------------------------------------------------------------------------------------
  // Local saves (the app's context save → store + history → export request)

  /** Validates every change first: an invalid input changes nothing. Returns the ids of inserted objects. */
  save(changes: readonly ObjectChange[]): string[] {
    const p = prepareSave(this, changes);
    p.commit();
    return p.ids;
  }

  /** Validation only (ids are drawn from the seed); `commit` applies the save (local-saves.ts). */
  prepareSave(changes: readonly ObjectChange[]): { ids: string[]; commit: () => void } {
    return prepareSave(this, changes);
  }

  /** The app purges persistent history (resets.ts). */
  purgeHistory(olderThanMs: number): void {
    purgeHistory(this, olderThanMs);
  }

  reset(reason: ResetReason, error: CKErrorInfo | null): void {
    reset(this, reason, error);
  }

  snapshot(options: InspectOptions = {}): DeviceSnapshot {
    return snapshot(this, options);
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
    // With sharing in use, imports and exports also mirror share zones (activities/share-import.ts, share-export.ts).
    const sharing = this.sharing.active;
    const act: Act = req.type === 'setup' ? setupAct(this)
      : req.type === 'import' ? (sharing ? shareImportAct(this, req.label) : importAct(this, req.label))
        : sharing ? shareExportAct(this, req.label) : exportAct(this, req.label);
    const gen = this.generation;
    const resume = (value: ServerResponse | undefined): void => {
      if (gen !== this.generation) return;
      let r: IteratorResult<Effect, Outcome>;
      try {
        r = act.next(value);
      } catch (e) {
        r = { done: true, value: { error: cocoaError(134421, 'unhandledException', `Unhandled exception during ${req.type}: ${errorMessage(e)}`) } };
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
      const again: Request = { requestId: this.host.prng.uuid(), type: run.type, label: retryLabel(run.label) };
      if (run.type === 'setup') this.queue.unshift(again);
      else if (!this.queue.some((q) => q.type === run.type)) this.queue.push(again);
    }
    this.pump();
  }
}

/** A retried request keeps one `Retry-` prefix: nesting it per retry grew the label without bound (issue 17 R1). */
function retryLabel(label: string): string {
  return label.startsWith('Retry-') ? label : `Retry-${label}`;
}
