import type { PushAnswer, ShareParticipantSnapshot } from '../api';
import { LocalStore } from './store';

/**
 * A device's sharing state (reference/sharing.md, S§n), the part of NSPCKC's metadata sharing needs: which
 * share zone each private-store object lives in (the owner's side), the shared store (S§1: a second store
 * with `databaseScope = .shared`) with the zone of each of its objects, the share metadata kept per zone
 * (RE OCD `OCCKRecordZoneMetadata`: encodedShareData, needsShareUpdate, needsShareDelete), the change
 * tokens of share zones, and the share actions waiting for the next export or import.
 */
export interface LocalShare {
  readonly zone: string;
  readonly owner: string;
  /** Where this device keeps the zone's objects: the owner's private store or a participant's shared store. */
  readonly store: 'private' | 'shared';
  participants: ShareParticipantSnapshot[];
  title: string | null;
  thumbnailBytes: number;
  /** The share record's change tag (shares are saved with ifServerRecordUnchanged, S§3). */
  changeTag: string | null;
  /** The zone still has to be created (modifyRecordZones). */
  needsZone: boolean;
  needsUpdate: boolean;
  needsDelete: boolean;
  /** After the share is deleted, purge the zone too (purgeObjectsAndRecordsInZone). */
  purgeAfterDelete: boolean;
}

export class SharingState {
  /** Sharing is in use in this session (set by the first sharing input): off, nothing changes for existing sessions. */
  active = false;
  readonly shares = new Map<string, LocalShare>();
  /** Private-store object (or CDMR link) id → share zone, for the owner's shared objects. */
  readonly zoneOf = new Map<string, string>();
  readonly sharedStore = new LocalStore();
  /** Shared-store object id → zone. */
  readonly sharedZoneOf = new Map<string, string>();
  /** Records moved into a share zone that must still be deleted from the Core Data zone. */
  readonly movedOut = new Map<string, string>();
  /** Database tokens for share zones: the private database (owner) and the shared database (participant). */
  privateDbToken: number | null = null;
  sharedDbToken: number | null = null;
  /** Zone tokens by `<scope>:<zone>`. */
  readonly zoneTokens = new Map<string, number>();
  /** The user whose shared database this device subscribed to (CKDatabaseSubscription, S§9). */
  sharedSubscribedFor: string | null = null;
  readonly pendingAccepts: string[] = [];
  readonly pendingLeaves: { zone: string; purge: boolean }[] = [];
  readonly pendingPurges: string[] = [];
  /** Shared-store changes the server refused (read-only participant): kept locally, unsynced (design, S§6). */
  readonly rejected = new Set<string>();
  /** The opt-in push budget (OBSERVED behaviour, push-budget.ts). */
  budget: { answer: PushAnswer; handlerMs: number; credit: number; suppressedUntilT: number | null } | null = null;

  /** Account change: every share zone, token and the shared store belong to the previous Apple ID. */
  clearForAccount(): void {
    this.shares.clear();
    this.zoneOf.clear();
    this.sharedZoneOf.clear();
    this.movedOut.clear();
    this.privateDbToken = this.sharedDbToken = null;
    this.zoneTokens.clear();
    this.sharedSubscribedFor = null;
    this.pendingAccepts.length = 0;
    this.pendingLeaves.length = 0;
    this.pendingPurges.length = 0;
    this.rejected.clear();
    this.sharedStore.objects.clear();
    this.sharedStore.dirty.clear();
    this.sharedStore.links.clear();
  }
}
