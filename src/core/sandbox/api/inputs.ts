/** Inputs: everything that changes a session is an input; inputs are recorded and replayed. */
import type { AppState, DasdPolicy, DatabaseScope, Environment, NetworkMode, PushPolicy, SandboxOptions } from './config';
import type { SharingInput } from './sharing-inputs';
import type { AttrValue, JsonValue } from './values';

/** Relationship values by name: a to-one holds an object id or null, a to-many a list of ids. */
export type RelationshipValues = Readonly<Record<string, string | null | readonly string[]>>;

export type ObjectChange =
  | { readonly op: 'insert'; readonly entity: string; /** Generated from the seed when absent. */ readonly id?: string; readonly values?: Readonly<Record<string, AttrValue>>; readonly relationships?: RelationshipValues }
  | { readonly op: 'update'; readonly id: string; readonly values?: Readonly<Record<string, AttrValue>>; readonly relationships?: RelationshipValues }
  | { readonly op: 'delete'; readonly id: string };

export type ServerOp =
  | 'modifyRecordZones' | 'modifySubscriptions' | 'modifyRecords' | 'fetchDatabaseChanges'
  | 'fetchRecordZoneChanges' | 'queryRecords' | 'fetchRecords'
  /** CKAcceptSharesOperation (sharing, issue 15). */
  | 'acceptShares';

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
  | {
    readonly type: 'save'; readonly device: string; readonly changes: readonly ObjectChange[];
    /** The store the context saves into: the private store (default) or the shared store (sharing, issue 15). */
    readonly store?: 'private' | 'shared';
  }
  | { readonly type: 'setNetwork'; readonly device: string; readonly mode: NetworkMode; readonly latencyMs?: number; readonly failureRate?: number }
  | { readonly type: 'setAppState'; readonly device: string; readonly state: AppState }
  | { readonly type: 'setPushPolicy'; readonly device: string; readonly policy: PushPolicy; readonly delayMs?: number }
  /** dasd: approve everything, or defer activities with a policy until a time (null = until approved again). */
  | { readonly type: 'setScheduler'; readonly device: string; readonly policy: 'approve' | 'defer'; readonly reason?: DasdPolicy; readonly untilMs?: number | null }
  | { readonly type: 'addErrorRule'; readonly rule: ServerErrorRule }
  | { readonly type: 'removeErrorRule'; readonly id: string }
  /** `temporarilyUnavailable`: CKAccountStatusTemporarilyUnavailable for the signed-in user until `signIn` with that user again. */
  | { readonly type: 'account'; readonly device: string; readonly action: 'signOut' | 'signIn' | 'switch' | 'temporarilyUnavailable'; readonly user?: string }
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
  | { readonly type: 'runUntilIdle'; readonly maxMs?: number; readonly maxSteps?: number; readonly maxEvents?: number }
  | { readonly type: 'note'; readonly text: string }
  | SharingInput;

export type SandboxInputType = SandboxInput['type'];
