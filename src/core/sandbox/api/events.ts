/** Events: one timeline for the whole session. */
import type { ActivityType, AppState, DasdPolicy, DatabaseScope, Environment, NetworkMode } from './config';
import type { CKErrorInfo } from './errors';
import type { SandboxInput, ServerOp } from './inputs';
import type { SharingEventBody } from './sharing';
import type { JsonValue } from './values';

/** A record as events name it. */
export interface RecordRef {
  readonly recordName: string;
  readonly recordType: string;
}

/** §1.6 reset reasons (+[NSCloudKitMirroringDelegate stringForResetReason:]). */
export type ResetReason =
  | 'AccountLogin' | 'AccountLogout' | 'AccountChange' | 'UserPurgedZone' | 'ZoneDeleted' | 'HistoryExpired'
  | 'ServerChangeTokenExpired';
export const RESET_REASON_CODES: Readonly<Record<ResetReason, number>> = {
  AccountLogin: 1, AccountLogout: 2, AccountChange: 3, UserPurgedZone: 4, ZoneDeleted: 5, HistoryExpired: 6,
  ServerChangeTokenExpired: 7,
};

/** NSPersistentCloudKitContainer.EventType raw values (§1.5). */
export const EVENT_TYPE_RAW: Readonly<Record<ActivityType, number>> = { setup: 0, import: 1, export: 2 };

interface EventBase {
  /** Position in the log, from 0. */
  readonly seq: number;
  /** Virtual time in ms since the session started. */
  readonly t: number;
  /** The device it happened on (absent for server-wide events). */
  readonly device?: string;
}

export type SandboxEvent = EventBase & SandboxEventBody;

export type SandboxEventBody =
  | { readonly kind: 'session.started'; readonly seed: number; readonly devices: readonly string[]; readonly environment: Environment }
  | { readonly kind: 'input'; readonly input: SandboxInput }
  /** `NSPersistentCloudKitContainer.eventChangedNotification`: a start (endDate null) and an end for each activity (§1.5). */
  | {
    readonly kind: 'cloudkit.event'; readonly eventType: ActivityType; readonly identifier: string; readonly storeIdentifier: string;
    readonly startDate: number; readonly endDate: number | null; readonly succeeded: boolean; readonly error: CKErrorInfo | null;
  }
  // CKSyncEngine-style finer events (§3)
  | { readonly kind: 'engine.willFetchChanges'; readonly label: string }
  | { readonly kind: 'engine.fetchedDatabaseChanges'; readonly modifications: readonly string[]; readonly deletions: readonly { readonly zone: string; readonly reason: 'deleted' | 'purged' | 'encryptedDataReset' }[]; readonly moreComing: boolean }
  | { readonly kind: 'engine.willFetchRecordZoneChanges'; readonly zone: string }
  | {
    readonly kind: 'engine.fetchedRecordZoneChanges'; readonly zone: string;
    readonly modifications: readonly RecordRef[]; readonly modificationCount: number;
    readonly deletions: readonly RecordRef[]; readonly deletionCount: number; readonly moreComing: boolean;
  }
  | { readonly kind: 'engine.didFetchRecordZoneChanges'; readonly zone: string; readonly error: CKErrorInfo | null }
  | { readonly kind: 'engine.didFetchChanges'; readonly error: CKErrorInfo | null }
  | { readonly kind: 'engine.willSendChanges'; readonly label: string }
  | { readonly kind: 'engine.sentDatabaseChanges'; readonly savedZones: readonly string[]; readonly deletedZones: readonly string[]; readonly savedSubscriptions: readonly string[]; readonly error: CKErrorInfo | null }
  | {
    readonly kind: 'engine.sentRecordZoneChanges'; readonly zone: string;
    readonly saved: readonly RecordRef[]; readonly savedCount: number;
    readonly failedSaves: readonly { readonly record: RecordRef; readonly error: CKErrorInfo }[];
    readonly deleted: readonly string[]; readonly deletedCount: number;
    readonly failedDeletes: readonly { readonly recordName: string; readonly error: CKErrorInfo }[];
  }
  | { readonly kind: 'engine.didSendChanges'; readonly error: CKErrorInfo | null }
  | { readonly kind: 'engine.stateUpdate'; readonly databaseToken: string | null; readonly zoneToken: string | null }
  | { readonly kind: 'engine.accountChange'; readonly changeType: 'signIn' | 'signOut' | 'switchAccounts'; readonly previousUser: string | null; readonly currentUser: string | null }
  /** Will/did reset sync (§1.6). */
  | { readonly kind: 'engine.reset'; readonly phase: 'will' | 'did'; readonly reason: ResetReason; readonly reasonCode: number; readonly error: CKErrorInfo | null }
  // dasd
  | { readonly kind: 'scheduler.requested'; readonly activity: ActivityType; readonly requestId: string; readonly label: string }
  | { readonly kind: 'scheduler.decision'; readonly activity: ActivityType; readonly requestId: string; readonly decision: 'proceed' | 'defer'; readonly policy: DasdPolicy | null; readonly untilT: number | null }
  /** A request that never ran: 134417 (pending request), 134419 (deferred), 134406 (never initialized)... */
  | { readonly kind: 'scheduler.cancelled'; readonly activity: ActivityType; readonly requestId: string; readonly error: CKErrorInfo }
  /** A retry scheduled after a retryable error (retry-after honoured on the virtual clock). */
  | { readonly kind: 'scheduler.retry'; readonly activity: ActivityType; readonly atT: number; readonly afterMs: number; readonly error: CKErrorInfo }
  // transport and server
  | {
    readonly kind: 'server.op'; readonly op: ServerOp; readonly requestId: string; readonly user: string | null;
    readonly database: DatabaseScope; readonly zone: string | null; readonly itemCount: number; readonly bytes: number;
    readonly result: 'ok' | 'partialFailure' | 'error'; readonly error: CKErrorInfo | null;
  }
  | { readonly kind: 'transport.failed'; readonly op: ServerOp; readonly requestId: string; readonly error: CKErrorInfo }
  | { readonly kind: 'server.schemaChanged'; readonly environment: Environment; readonly addedTypes: readonly string[]; readonly addedFields: readonly string[] }
  | { readonly kind: 'server.deploy'; readonly ok: boolean; readonly addedTypes: readonly string[]; readonly addedFields: readonly string[]; readonly blocked: readonly string[] }
  | { readonly kind: 'server.zoneDeleted'; readonly user: string; readonly zone: string; readonly purged: boolean }
  | { readonly kind: 'server.tokensExpired'; readonly user: string | null }
  | { readonly kind: 'server.errorRuleFired'; readonly ruleId: string; readonly op: ServerOp }
  // push (APNs + apsd)
  | { readonly kind: 'push.sent'; readonly pushId: string; readonly subscriptionId: string; readonly originator: string | null }
  | { readonly kind: 'push.held'; readonly pushId: string; readonly reason: 'offline' | 'coalesce' | 'delay' }
  | { readonly kind: 'push.coalesced'; readonly pushId: string; readonly replacedPushId: string }
  | { readonly kind: 'push.delivered'; readonly pushId: string }
  | { readonly kind: 'push.dropped'; readonly pushId: string; readonly reason: 'policy' | 'appQuit' | 'noAccount' | 'budget' }
  // device
  | {
    readonly kind: 'store.saved'; readonly author: 'app' | 'NSCloudKitMirroringDelegate.import' | 'NSCloudKitMirroringDelegate.reset';
    readonly transaction: number; readonly inserted: number; readonly updated: number; readonly deleted: number; readonly ids: readonly string[];
  }
  /** NSPersistentStoreRemoteChange posted after an import changed the store. */
  | { readonly kind: 'store.remoteChange'; readonly transaction: number }
  | { readonly kind: 'store.historyPurged'; readonly throughTransaction: number }
  | { readonly kind: 'device.network'; readonly mode: NetworkMode; readonly latencyMs: number }
  | { readonly kind: 'device.appState'; readonly state: AppState; readonly previous: AppState }
  | { readonly kind: 'device.account'; readonly user: string | null; readonly previousUser: string | null }
  | { readonly kind: 'option.changed'; readonly option: string; readonly value: JsonValue }
  | { readonly kind: 'note'; readonly text: string }
  /** `divergence`: the devices or the server will keep different objects because of this behaviour (issue 17: announced, with its source). */
  | { readonly kind: 'warning'; readonly message: string; readonly divergence?: Divergence }
  | SharingEventBody;

/** An announced, lasting difference between a device and the server (issue 17 D1, D2, D4). */
export interface Divergence {
  readonly cause: 'importCascadeNotExported' | 'fullFetchMissesDeletions' | 'unknownItemDropsEdit';
  /** Where the behaviour comes from (source file and line, technote, or "modelling choice"). */
  readonly source: string;
  /** The objects concerned (record names), at most eventDetailLimit; `count` is exact. */
  readonly objects: readonly string[];
  readonly count: number;
}

export type SandboxEventKind = SandboxEventBody['kind'];
