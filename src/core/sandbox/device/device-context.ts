import type {
  ActivityType, AppState, AttrValue, CKErrorInfo, DasdPolicy, DatabaseScope, NetworkMode, PushPolicy, SandboxEventBody,
  SandboxOptions, SetupState,
} from '../api';
import type { Task } from '../clock';
import type { ModelValidation } from '../deps';
import type { Prng } from '../prng';
import type { ServerRequest, ServerResponse } from '../server/wire';
import type { ImportedValues } from './imported-values';
import type { ModelInfo } from './model-info';
import type { LocalStore } from './store';
import type { SharingState } from './sharing-state';

/**
 * What a device's parts share: the host (clock, transport, model) and the device's state. The Device class
 * (device.ts: lifecycle, account, activity queue) is the one implementation; local saves, resets, snapshots
 * and the activities (activities/: setup, export, import, public-database poll) are functions over it.
 *
 * Activities are generators yielding server requests (or sleeps); the device's queue resumes them with the
 * response after the virtual network latency, so a whole sync is a deterministic sequence of tasks.
 */

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
  /** The values of new objects made from fetched records, shared by the sandbox's devices (apply-records.ts). */
  readonly importedValues: ImportedValues;
  newAssetRef(): string;
  /** The app became active / came online: deliver a held push. */
  releaseHeldPush(): void;
  /** The app quit: discard the held push. */
  discardHeldPush(): void;
  unsubscribe(user: string): void;
}

export type Effect = { readonly req: ServerRequest } | { readonly sleepMs: number };
export type Act = Generator<Effect, Outcome, ServerResponse | undefined>;

export interface Outcome {
  readonly error: CKErrorInfo | null;
  readonly retryAfterMs?: number;
  /** Don't post an end event (used when the activity was superseded). */
  readonly silent?: boolean;
}

export interface Request {
  readonly requestId: string;
  readonly type: ActivityType;
  readonly label: string;
  deferLogged?: boolean;
}

export interface Running extends Request {
  readonly eventId: string;
  readonly startT: number;
}

export interface DeviceContext {
  readonly id: string;
  readonly name: string;
  readonly host: DeviceHost;
  /** The session's current options. */
  readonly opts: SandboxOptions;
  readonly store: LocalStore;
  /** Share zones, the shared store and pending share actions (sharing-state.ts). */
  readonly sharing: SharingState;
  /** The zone the device mirrors into (the Core Data zone, or the public default zone). */
  readonly zone: string;
  readonly storeIdentifier: string;
  user: string | null;
  network: { mode: NetworkMode; latencyMs: number; failureRate: number };
  appState: AppState;
  pushPolicy: PushPolicy;
  scheduler: { policy: 'approve' | 'defer'; reason: DasdPolicy | null; untilT: number | null };
  heldPush: { pushId: string; sinceT: number } | null;
  setup: SetupState;
  /** CKAccountStatusTemporarilyUnavailable (the account needs attention; setup fails with 134400). */
  readonly accountTemporarilyUnavailable: boolean;
  setupError: CKErrorInfo | null;
  setupAttempts: number;
  dbToken: number | null;
  zoneToken: number | null;
  publicHighWater: number | null;
  readonly queue: readonly Request[];
  readonly running: Running | null;
  readonly waitUntil: number | null;
  exportTimer: Task | null;
  pollTask: Task | null;
  backoffMs: number;
  /** Records sent in a modifyRecords that has not answered yet. */
  readonly inFlight: Set<string>;
  resetCount: number;
  lastImportT: number | null;
  lastExportT: number | null;
  observesRemoteChanges: boolean;
  uiTransaction: number;
  emit(body: SandboxEventBody): void;
  /** Queues an activity (activity queue, device.ts). */
  request(type: ActivityType, label: string, internal: boolean): void;
}

/** One server round trip inside an activity. */
export function* call(req: ServerRequest): Generator<Effect, ServerResponse, ServerResponse | undefined> {
  const res = yield { req };
  return res!;
}

export function tokenString(prefix: string, t: number | null): string | null {
  return t === null ? null : `${prefix}${t}`;
}
