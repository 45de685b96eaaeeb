/** Snapshots: plain data views for inspectors. */
import type { SchemaIR } from '../../cloudkit/schema-ir';
import type { ActivityType, AppState, DasdPolicy, DatabaseScope, Environment, NetworkMode, PushPolicy } from './config';
import type { CKErrorInfo } from './errors';
import type { RelationshipValues, ServerErrorRule } from './inputs';
import type { AttrValue, FieldValue } from './values';

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
