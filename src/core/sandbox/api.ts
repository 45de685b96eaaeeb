/**
 * The UI-facing API of the CloudKit mirroring sandbox: session configuration, inputs, events, snapshots and
 * errors, all plain JSON-serializable data, plus the surface of the `Sandbox` class (`SandboxApi`).
 *
 * The webview (issue 7), the CLI (`ckdev scenario`) and the tests code against this module only. It is kept
 * stable: changes are additive (new optional fields, new union members).
 *
 * Behaviour and codes come from reference/sync-semantics.md (cited as §n below). Time is virtual: every `t`
 * is milliseconds since the session started; `epochMs` maps it to wall-clock dates for display.
 */
import type { ModelIR } from '../model/ir';
import type { SchemaIR } from '../cloudkit/schema-ir';

// ---------------------------------------------------------------------------------------------------
// Plain data helpers

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [k: string]: JsonValue };

/** Binary data is simulated by its length (what limits and asset thresholds depend on) and an optional tag. */
export interface BytesValue {
  readonly kind: 'bytes';
  readonly length: number;
  /** Distinguishes two blobs of the same length (e.g. "photo-v2"); no content is stored. */
  readonly tag?: string;
}

/**
 * A Core Data attribute value in a device's store: strings (String, UUID, URI), numbers (integers, Double,
 * Float, Decimal, and Date as milliseconds since 1970), booleans, bytes (Binary, Transformable, Composite).
 */
export type AttrValue = null | boolean | number | string | BytesValue;

/** A CKAsset holding a value moved out of the record (reference §1.3: values > 700,000 bytes → `_ckAsset`). */
export interface AssetValue {
  readonly kind: 'asset';
  readonly length: number;
  /** Stable id of the asset file on the simulated server. */
  readonly ref: string;
  /** The tag of the bytes it holds, or a digest of the string it holds. */
  readonly tag?: string;
}

/** A CKRecord field value on the simulated server. */
export type FieldValue = null | boolean | number | string | BytesValue | AssetValue;

// ---------------------------------------------------------------------------------------------------
// Session configuration

export type Environment = 'development' | 'production';
export type DatabaseScope = 'private' | 'shared' | 'public';
/** §2.2: the three save policies of CKModifyRecordsOperation. */
export type SavePolicy = 'ifServerRecordUnchanged' | 'changedKeys' | 'allKeys';
export type NetworkMode = 'online' | 'offline' | 'flaky';
export type AppState = 'foreground' | 'background' | 'quit';
/**
 * Push delivery policy of one device (§2.5): `deliver` after the push latency, `delay` by `delayMs`,
 * `drop` every push, `coalesce` holds pushes (a newer replaces the older) until the coalescing window ends or
 * the app becomes active. Whatever the policy, an offline device holds one push per app (newest wins) and a
 * quit app discards held pushes.
 */
export type PushPolicy = 'deliver' | 'delay' | 'drop' | 'coalesce';
/** dasd policies that can defer an activity (§1.6, TN3163). */
export type DasdPolicy = 'ActivityGroupPolicy' | 'ActivityRateLimitPolicy' | 'LowPowerModePolicy' | 'NetworkPolicy';
export type ActivityType = 'setup' | 'import' | 'export';

/** A compact, hand-writable model description; the engine turns it into a ModelIR. */
export interface ModelSpec {
  readonly entities: readonly EntitySpec[];
  /** The configuration the store uses; absent = Default. */
  readonly configuration?: string;
}

export interface EntitySpec {
  readonly name: string;
  readonly parent?: string;
  readonly abstract?: boolean;
  readonly attributes?: readonly AttributeSpec[];
  readonly relationships?: readonly RelationshipSpec[];
  /** Each inner list is one uniqueness constraint (a CloudKit violation, §1.2). */
  readonly uniquenessConstraints?: readonly (readonly string[])[];
}

export interface AttributeSpec {
  readonly name: string;
  /** Core Data XML spelling: 'String', 'Integer 64', 'Date', 'Binary', ... (coredata-model.md §2.3). */
  readonly type: string;
  /** Default true (the CloudKit-compatible choice). */
  readonly optional?: boolean;
  readonly defaultValue?: string;
  readonly transient?: boolean;
  readonly allowsCloudEncryption?: boolean;
  readonly allowsExternalBinaryDataStorage?: boolean;
  /** NSCloudKitMirroringDelegateIgnoredPropertyKey = YES. */
  readonly ignored?: boolean;
}

export interface RelationshipSpec {
  readonly name: string;
  readonly destination: string;
  readonly inverse?: string;
  readonly toMany?: boolean;
  /** Default true. */
  readonly optional?: boolean;
  readonly ordered?: boolean;
  /** 'Nullify' (default), 'Cascade', 'Deny', 'No Action'. */
  readonly deletionRule?: string;
}

export type ModelSource =
  | { readonly kind: 'spec'; readonly spec: ModelSpec }
  | { readonly kind: 'ir'; readonly ir: ModelIR }
  /** The text of an `.xcdatamodel/contents` file. */
  | { readonly kind: 'xml'; readonly text: string };

/**
 * A schema for one environment. `derived` = what NSPersistentCloudKitContainer creates for the model
 * (i.e. a fully deployed schema), optionally without some types or fields (to simulate an incomplete deploy).
 */
export type SchemaSource =
  | { readonly kind: 'empty' }
  | { readonly kind: 'derived'; readonly omitTypes?: readonly string[]; /** `CD_Type.CD_field` */ readonly omitFields?: readonly string[] }
  | { readonly kind: 'ir'; readonly ir: SchemaIR }
  | { readonly kind: 'ckdb'; readonly text: string };

export interface DeviceConfig {
  /** Short id used in inputs and events ('A', 'B'...). */
  readonly id: string;
  /** Display name ("iPhone", "Mac"...). */
  readonly name?: string;
  /** The iCloud user signed in; null = no account. Default 'user1'. */
  readonly user?: string | null;
  readonly network?: NetworkMode;
  /** Round-trip latency in ms (default `options.networkLatencyMs`). */
  readonly latencyMs?: number;
  /** Default 'foreground': the app is launched at t = 0 ('quit' = installed, not running). */
  readonly appState?: AppState;
  readonly pushPolicy?: PushPolicy;
  /** The app refreshes its UI on NSPersistentStoreRemoteChange (default true; false = TN3164's "data appears only after relaunch"). */
  readonly observesRemoteChanges?: boolean;
}

/**
 * Switches and knobs. Where the reference says a behaviour is a modelling choice or unconfirmed, the
 * default follows the reference and the alternative is one switch away.
 */
export interface SandboxOptions {
  /** Export save policy. Default 'changedKeys' (RE: test_useLegacySavePolicy defaults to YES, §1.3). 'ifServerRecordUnchanged' = CKSyncEngine-style app. */
  readonly exportSavePolicy: SavePolicy;
  /** A changedKeys save reaching a deleted record: 'deleteWins' (the save fails unknownItem, the tombstone wins) or 'editResurrects' (the record is recreated). UNCONFIRMED, §5 #3: our default 'deleteWins'. */
  readonly deleteVsEdit: 'deleteWins' | 'editResurrects';
  /** With ifServerRecordUnchanged, how the app resolves serverRecordChanged (14): Apple's CKSyncEngine sample merges the server record (serverWins); clientWins re-saves local values on top. */
  readonly conflictResolution: 'serverWins' | 'clientWins';
  /** Delay between a local save and the export request (design; Apple: "within about a minute"). */
  readonly exportDebounceMs: number;
  /** Default network round-trip latency in ms (design). */
  readonly networkLatencyMs: number;
  /** Probability that a request fails with networkFailure (4) on a 'flaky' device. */
  readonly flakyFailureRate: number;
  /** Server → device push latency in ms (design). */
  readonly pushLatencyMs: number;
  /** How long a 'coalesce' device holds pushes before delivering the newest (design). */
  readonly coalesceWindowMs: number;
  /** `resultsLimit` of a record-zone-changes page (design; FRZC paging §2.3). */
  readonly importPageSize: number;
  /** Exporter batch limits (RE OCCloudKitExporterOptions: 400 objects, 1,572,864 bytes). */
  readonly exportMaxRecords: number;
  readonly exportMaxBytes: number;
  /** Values stay inline while record size + value length <= this (RE serializer: 700,000). */
  readonly assetThresholdBytes: number;
  /** Public database polling interval per environment (TN3163: 30 min in development, up to 24 h in production). */
  readonly publicPollIntervalMs: { readonly development: number; readonly production: number };
  /** Tombstones older than this are purged and change tokens issued before the purge expire (null = keep forever; §2.3 design knob). */
  readonly tombstoneRetentionMs: number | null;
  /** First retry delay after a retryable error without retry-after; doubles up to `retryMaxMs` (design). */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** After a setup failure the engine resets and retries setup (§1.6 "setup fails → reset → setup again"); at most this many times per launch (design). */
  readonly setupRetryLimit: number;
  /** Account sign-out/switch deletes the locally mirrored rows (UNCONFIRMED: observed reports; our default true). */
  readonly accountChangePurgesLocalData: boolean;
  /** After a ServerChangeTokenExpired reset, delete local objects the full refetch did not return (§5 #7; design default false = stale rows stay). */
  readonly diffOnFullRefetch: boolean;
  /** Import when the app becomes active (TN3163). */
  readonly importOnActivation: boolean;
  /** Per-user iCloud quota in bytes (null = unlimited). */
  readonly quotaBytes: number | null;
  /** Server-wide request rate limit: more requests than this in one virtual second → serviceUnavailable 6/2022 with retry-after (null = off). */
  readonly serverRequestsPerSecond: number | null;
  /** Retry-after (seconds) attached to throttling errors of the rate limit. */
  readonly throttleRetryAfterSeconds: number;
  /** Maximum number of record ids listed in one event (counts are always exact). */
  readonly eventDetailLimit: number;
}

export interface SandboxConfig {
  readonly name?: string;
  readonly model: ModelSource;
  /** The one seed of every random choice (flaky network, generated ids). */
  readonly seed: number;
  /** 2 to 6 devices. */
  readonly devices: readonly DeviceConfig[];
  /** The environment the app build talks to (Debug = development, TestFlight/App Store = production). */
  readonly environment: Environment;
  /** Database scope of the mirrored store (default 'private'; 'shared' is not simulated yet and is rejected). */
  readonly database?: DatabaseScope;
  /** Default `{ kind: 'empty' }`: development gets its schema just in time. */
  readonly developmentSchema?: SchemaSource;
  /** Default `{ kind: 'derived' }` (fully deployed). */
  readonly productionSchema?: SchemaSource;
  readonly containerId?: string;
  /** Wall-clock time of t = 0, for display only (default 2026-01-01T00:00:00Z). */
  readonly epochMs?: number;
  readonly options?: Partial<SandboxOptions>;
}

// ---------------------------------------------------------------------------------------------------
// Errors

/**
 * A CKError (CKErrorDomain) or a Core Data error (NSCocoaErrorDomain, e.g. 134406), as plain data.
 * `code/internalCode` print as `(2/1011)` the way CloudKit logs them (§2.7).
 */
export interface CKErrorInfo {
  readonly domain: 'CKErrorDomain' | 'NSCocoaErrorDomain';
  /** Swift case name: 'partialFailure', 'invalidArguments'...; for Core Data errors a descriptive name. */
  readonly name: string;
  readonly code: number;
  readonly internalCode?: number;
  /** CloudKit's short description: "Partial Failure", "Invalid Arguments"... */
  readonly description: string;
  /** The error's own message ("Failed to modify some records"), or the Core Data error text. */
  readonly message?: string;
  /** `server message = "..."`. */
  readonly serverMessage?: string;
  /** CKErrorRetryAfterKey. */
  readonly retryAfterSeconds?: number;
  /** CKPartialErrorsByItemIDKey: key = record name (or zone name) as CloudKit prints it. */
  readonly partialErrors?: readonly PartialError[];
  /** NSUnderlyingError (Core Data errors wrapping a CKError). */
  readonly underlying?: CKErrorInfo;
}

export interface PartialError {
  /** `recordName:(zoneName:owner)` as CloudKit prints a record ID, or a zone id. */
  readonly itemId: string;
  readonly error: CKErrorInfo;
}

/**
 * Prints an error the way CloudKit / Core Data log it, e.g.
 * `<CKError 0x0: "Partial Failure" (2/1011); "Failed to modify some records"; partial errors: {...}>`.
 */
export function formatCKError(e: CKErrorInfo, indent = ''): string {
  if (e.domain === 'NSCocoaErrorDomain') {
    const parts = [`Error Domain=NSCocoaErrorDomain Code=${e.code} "${e.message ?? e.description}"`];
    if (e.underlying) parts.push(`UserInfo={NSUnderlyingError=${formatCKError(e.underlying, indent)}}`);
    return parts.join(' ');
  }
  const code = e.internalCode !== undefined ? `${e.code}/${e.internalCode}` : `${e.code}`;
  const parts = [`<CKError 0x0: "${e.description}" (${code})`];
  if (e.message) parts.push(`"${e.message}"`);
  if (e.serverMessage) parts.push(`server message = "${e.serverMessage}"`);
  if (e.retryAfterSeconds !== undefined) parts.push(`Retry after ${e.retryAfterSeconds.toFixed(1)} seconds`);
  if (e.partialErrors && e.partialErrors.length > 0) {
    const inner = indent + '\t';
    const items = e.partialErrors.map((p) => `${inner}${p.itemId} = ${formatCKError(p.error, inner)}`);
    parts.push(`partial errors: {\n${items.join('\n')}\n${indent}}`);
  }
  return parts.join('; ') + '>';
}

// ---------------------------------------------------------------------------------------------------
// Inputs: everything that changes a session is an input; inputs are recorded and replayed.

/** Relationship values by name: a to-one holds an object id or null, a to-many a list of ids. */
export type RelationshipValues = Readonly<Record<string, string | null | readonly string[]>>;

export type ObjectChange =
  | { readonly op: 'insert'; readonly entity: string; /** Generated from the seed when absent. */ readonly id?: string; readonly values?: Readonly<Record<string, AttrValue>>; readonly relationships?: RelationshipValues }
  | { readonly op: 'update'; readonly id: string; readonly values?: Readonly<Record<string, AttrValue>>; readonly relationships?: RelationshipValues }
  | { readonly op: 'delete'; readonly id: string };

export type ServerOp =
  | 'modifyRecordZones' | 'modifySubscriptions' | 'modifyRecords' | 'fetchDatabaseChanges'
  | 'fetchRecordZoneChanges' | 'queryRecords' | 'fetchRecords';

/** A server fault rule: requests matching `match` fail with `error` (§5 knobs "server fault rules"). */
export interface ServerErrorRule {
  readonly id: string;
  readonly match: {
    readonly op?: ServerOp | readonly ServerOp[];
    readonly device?: string;
    readonly user?: string;
    readonly database?: DatabaseScope;
    readonly zone?: string;
    readonly recordName?: string;
    readonly recordType?: string;
  };
  /** Name/description default from the code table when only `code` is given. */
  readonly error: {
    readonly code: number;
    readonly internalCode?: number;
    readonly message?: string;
    readonly serverMessage?: string;
    readonly retryAfterSeconds?: number;
  };
  /** Successive retry-after values (the 2nd match gets the 2nd value...; the last one repeats). */
  readonly retryAfterSequence?: readonly number[];
  /** Wrap per-record in a partial failure (2/1011) instead of failing the whole operation. */
  readonly perRecord?: boolean;
  /** How many matching requests fail (default: unlimited). */
  readonly times?: number;
  /** Let this many matching requests through before the rule starts firing (e.g. fail the 2nd page of a fetch). */
  readonly afterMatches?: number;
  /** Active between these virtual times (ms). */
  readonly fromMs?: number;
  readonly untilMs?: number;
}

export type SandboxInput =
  /** One context save on a device = one history transaction. */
  | { readonly type: 'save'; readonly device: string; readonly changes: readonly ObjectChange[] }
  | { readonly type: 'setNetwork'; readonly device: string; readonly mode: NetworkMode; readonly latencyMs?: number; readonly failureRate?: number }
  | { readonly type: 'setAppState'; readonly device: string; readonly state: AppState }
  | { readonly type: 'setPushPolicy'; readonly device: string; readonly policy: PushPolicy; readonly delayMs?: number }
  /** dasd: approve everything, or defer activities with a policy until a time (null = until approved again). */
  | { readonly type: 'setScheduler'; readonly device: string; readonly policy: 'approve' | 'defer'; readonly reason?: DasdPolicy; readonly untilMs?: number | null }
  | { readonly type: 'addErrorRule'; readonly rule: ServerErrorRule }
  | { readonly type: 'removeErrorRule'; readonly id: string }
  | { readonly type: 'account'; readonly device: string; readonly action: 'signOut' | 'signIn' | 'switch'; readonly user?: string }
  | { readonly type: 'setQuota'; readonly user: string; readonly bytes: number | null }
  /** Deploy the development schema to production (dev → prod under the deploy rules). */
  | { readonly type: 'deploySchema' }
  /** Switch the environment the app build talks to (Debug ↔ TestFlight). */
  | { readonly type: 'setEnvironment'; readonly environment: Environment }
  /** "Reset Development Environment" in the Console: records and zones gone, dev schema := prod schema. */
  | { readonly type: 'resetDevelopmentEnvironment' }
  /** Delete a zone of a user's private database: `purge` = the user deleted iCloud data in Settings. `device` = who did it. */
  | { readonly type: 'deleteZone'; readonly user: string; readonly zone?: string; readonly purge?: boolean; readonly device?: string }
  /** Make every change token of a user (or everyone) expired (§2.3 changeTokenExpired). */
  | { readonly type: 'expireChangeTokens'; readonly user?: string }
  /** The app deletes persistent history older than `olderThanMs` (0 = all) (§1.1 HistoryExpired). */
  | { readonly type: 'purgeHistory'; readonly device: string; readonly olderThanMs?: number }
  /** Manual import / export, bypassing push (like CKSyncEngine fetchChanges/sendChanges). */
  | { readonly type: 'fetchChanges'; readonly device: string }
  | { readonly type: 'sendChanges'; readonly device: string }
  /** A second NSPCKC instance on the same store in the same process (134410, §1.2). */
  | { readonly type: 'launchSecondInstance'; readonly device: string }
  | { readonly type: 'setOption'; readonly option: keyof SandboxOptions; readonly value: JsonValue }
  /** Clock fast-forward: runs everything due in the next `ms`. */
  | { readonly type: 'advance'; readonly ms: number }
  | { readonly type: 'step' }
  | { readonly type: 'runUntilIdle'; readonly maxMs?: number; readonly maxSteps?: number }
  | { readonly type: 'note'; readonly text: string };

export type SandboxInputType = SandboxInput['type'];

// ---------------------------------------------------------------------------------------------------
// Events: one timeline for the whole session.

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
  | { readonly kind: 'push.dropped'; readonly pushId: string; readonly reason: 'policy' | 'appQuit' | 'noAccount' }
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
  | { readonly kind: 'warning'; readonly message: string };

export type SandboxEventKind = SandboxEventBody['kind'];

// ---------------------------------------------------------------------------------------------------
// Snapshots (plain data views for inspectors)

export interface InspectOptions {
  /** Only objects/records of this entity / record type. */
  readonly entity?: string;
  readonly offset?: number;
  /** Default 200. */
  readonly limit?: number;
}

export interface ObjectSnapshot {
  readonly id: string;
  readonly entity: string;
  readonly values: Readonly<Record<string, AttrValue>>;
  /** To-one: id or null; to-many: ids (derived from the inverse side). */
  readonly relationships: RelationshipValues;
  /** Keys saved locally but not yet exported ([] when in sync). */
  readonly pendingKeys: readonly string[];
  /** The server change tag last seen for its record (null = never exported or imported). */
  readonly changeTag: string | null;
}

export type SetupState = 'notStarted' | 'running' | 'succeeded' | 'failed';

export interface MirroringSnapshot {
  readonly setup: SetupState;
  readonly setupError: CKErrorInfo | null;
  readonly databaseToken: string | null;
  readonly zoneToken: string | null;
  /** Public database: the max modificationDate seen by the poller. */
  readonly publicHighWater: number | null;
  readonly pendingExportCount: number;
  /** History transaction the exporter has processed. */
  readonly exportedThroughTransaction: number;
  readonly running: ActivityType | null;
  readonly queued: readonly { readonly activity: ActivityType; readonly label: string; readonly requestId: string }[];
  /** When the engine is waiting for a retry-after / deferral to pass. */
  readonly waitingUntilT: number | null;
  readonly resetCount: number;
  readonly lastImportT: number | null;
  readonly lastExportT: number | null;
}

export interface DeviceSnapshot {
  readonly id: string;
  readonly name: string;
  readonly user: string | null;
  readonly network: { readonly mode: NetworkMode; readonly latencyMs: number; readonly failureRate: number };
  readonly appState: AppState;
  readonly pushPolicy: PushPolicy;
  readonly scheduler: { readonly policy: 'approve' | 'defer'; readonly reason: DasdPolicy | null; readonly untilT: number | null };
  readonly heldPush: { readonly pushId: string; readonly sinceT: number } | null;
  readonly mirroring: MirroringSnapshot;
  readonly objectCount: number;
  readonly objects: readonly ObjectSnapshot[];
  readonly historyCount: number;
  readonly firstHistoryTransaction: number | null;
  readonly lastHistoryTransaction: number | null;
  /** What the app's UI shows: the store transaction it last refreshed to (TN3164 "Present the latest data"). */
  readonly ui?: { readonly observesRemoteChanges: boolean; readonly refreshedThroughTransaction: number; readonly stale: boolean };
}

export interface RecordSnapshot {
  readonly recordName: string;
  readonly recordType: string;
  readonly changeTag: string;
  readonly fields: Readonly<Record<string, FieldValue>>;
  readonly createdT: number;
  readonly modifiedT: number;
  readonly modifiedBy: string | null;
  readonly sizeBytes: number;
}

export interface ZoneSnapshot {
  readonly name: string;
  readonly owner: string;
  /** Change counter of the zone (the newest zone token). */
  readonly changeCounter: number;
  readonly recordCount: number;
  readonly tombstoneCount: number;
  readonly records: readonly RecordSnapshot[];
  /** The zone's tombstones (deleted records a change fetch reports as deletions), newest first, up to the inspect limit. */
  readonly tombstones?: readonly TombstoneSnapshot[];
}

/** A deleted record the server remembers so change fetches can report its deletion (§2.3). */
export interface TombstoneSnapshot {
  readonly recordName: string;
  readonly recordType: string;
  /** Virtual time of the deletion. */
  readonly deletedT: number;
}

export interface DatabaseSnapshot {
  readonly scope: DatabaseScope;
  readonly user: string | null;
  readonly zones: readonly ZoneSnapshot[];
  readonly subscriptions: readonly string[];
  readonly changeCounter: number;
  readonly usedBytes: number;
}

export interface ServerSnapshot {
  readonly containerId: string;
  readonly environment: Environment;
  readonly schemas: { readonly development: SchemaIR; readonly production: SchemaIR };
  /** Databases of the active environment: each user's private (and shared) database, then the public one. */
  readonly databases: readonly DatabaseSnapshot[];
  readonly quota: Readonly<Record<string, number | null>>;
  readonly errorRules: readonly ServerErrorRule[];
}

export interface TaskSnapshot {
  readonly id: number;
  readonly atT: number;
  readonly label: string;
  readonly device: string | null;
  /** Background tasks (polls) do not keep the sandbox busy. */
  readonly background: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Running

export interface RunResult {
  readonly steps: number;
  /** 'idle' = nothing left but background tasks. */
  readonly stoppedBecause: 'idle' | 'maxSteps' | 'maxTime' | 'reachedTime';
  readonly t: number;
  /** Events emitted during the run. */
  readonly events: readonly SandboxEvent[];
}

export interface InputResult {
  /** Ids of inserted objects (in change order) for 'save'. */
  readonly ids: readonly string[];
  readonly run?: RunResult;
  readonly events: readonly SandboxEvent[];
}

/** A saved session: the config and every input; loading replays it to the identical event log. */
export interface SavedSession {
  readonly format: 'cloudkit-sandbox-session';
  readonly version: 1;
  readonly config: SandboxConfig;
  readonly inputs: readonly SandboxInput[];
  /** Number of events and a digest of the log at save time: a replay that differs is reported. */
  readonly eventCount: number;
  readonly eventDigest: string;
}

export const SESSION_FORMAT = 'cloudkit-sandbox-session';
export const SESSION_VERSION = 1;

/** The surface the UI codes against; `Sandbox` (sandbox.ts) implements it. */
export interface SandboxApi {
  readonly config: SandboxConfig;
  /** Current virtual time (ms since start). */
  now(): number;
  /** Called for every event, in order; returns an unsubscribe function. */
  subscribe(listener: (event: SandboxEvent) => void): () => void;
  /** The log from `fromSeq` (default 0). */
  events(fromSeq?: number): readonly SandboxEvent[];
  deviceIds(): readonly string[];
  inspectDevice(id: string, options?: InspectOptions): DeviceSnapshot;
  inspectServer(options?: InspectOptions & { readonly user?: string; readonly zone?: string }): ServerSnapshot;
  pendingTasks(): readonly TaskSnapshot[];
  /** Applies one input (recorded for save/replay). Throws SandboxInputError on an invalid input. */
  apply(input: SandboxInput): InputResult;
  /** Runs the next due task. */
  step(): RunResult;
  runUntilIdle(options?: { readonly maxMs?: number; readonly maxSteps?: number }): RunResult;
  /** Fast-forwards the clock by `ms`, running every task due on the way. */
  advance(ms: number): RunResult;
  // Conveniences (each is one `save` input)
  create(device: string, entity: string, values?: Readonly<Record<string, AttrValue>>, relationships?: RelationshipValues): string;
  update(device: string, id: string, values?: Readonly<Record<string, AttrValue>>, relationships?: RelationshipValues): void;
  delete(device: string, id: string): void;
  deploySchema(): InputResult;
  save(): SavedSession;
}

/** Thrown for an input the engine cannot apply (unknown device, entity, object...). Nothing is recorded. */
export class SandboxInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxInputError';
  }
}

/** Thrown when a session configuration is invalid (device count, unknown model source...). */
export class SandboxConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxConfigError';
  }
}

/** Thrown by `loadSession` for a damaged, foreign or newer-version session. */
export class SessionFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SessionFormatError';
  }
}

// ---------------------------------------------------------------------------------------------------
// Scenarios

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
