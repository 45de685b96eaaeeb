/** Session configuration: model, schemas, devices, engine options. */
import type { ModelIR } from '../../model/ir';
import type { SchemaIR } from '../../cloudkit/schema-ir';

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
  /**
   * The named configuration the mirrored store is opened with ("Used with CloudKit"); absent = Default (every
   * entity). It takes effect with `configurationEntities`.
   */
  readonly configuration?: string;
  /** The entities of `configuration`: the store holds only these (and their ancestors). */
  readonly configurationEntities?: readonly string[];
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
  /** Database scope of the main mirrored store (default 'private'; 'shared' is rejected: the shared store comes with the sharing inputs). */
  readonly database?: DatabaseScope;
  /** Default `{ kind: 'empty' }`: development gets its schema just in time. */
  readonly developmentSchema?: SchemaSource;
  /** Default `{ kind: 'derived' }` (fully deployed). */
  readonly productionSchema?: SchemaSource;
  readonly containerId?: string;
  /** Wall-clock time of t = 0, for display only (default 2026-01-01T00:00:00Z). */
  readonly epochMs?: number;
  readonly options?: Partial<SandboxOptions>;
  /** Display names of the session's Apple IDs (sharing, issue 15); users are also taken from the devices. */
  readonly users?: readonly { readonly id: string; readonly name?: string }[];
}
