/**
 * Sharing (issue 15): the plain-data types of CKShare sharing as NSPersistentCloudKitContainer does it,
 * between several iCloud users (reference/sharing.md, cited as S§n). Inputs, events and the sharing snapshot
 * the panel reads; all JSON-serializable.
 */
import type { CKErrorInfo } from './errors';
import type { ObjectSnapshot } from './snapshots';

/** NSPCKC share zones: `com.apple.coredata.cloudkit.share.<UUID>` [doc TN3164 log; S§2]. */
export const SHARE_ZONE_PREFIX = 'com.apple.coredata.cloudkit.share.';
/** A zone-wide share record is always named `cloudkit.zoneshare` (CKRecordNameZoneWideShare) [doc; S§3]. */
export const ZONE_WIDE_SHARE_NAME = 'cloudkit.zoneshare';
/** The built-in record type of a share (CKRecordTypeShare) [doc; S§3]. */
export const SHARE_RECORD_TYPE = 'cloudkit.share';
/** The shared database's subscription id [RE OCD PFSharedDatabaseSubscriptionID; string unverified, S§9]. */
export const SHARED_SUBSCRIPTION_ID = 'com.apple.coredata.cloudkit.shared.subscription';

export type { PushAnswer, ShareAcceptance, ShareParticipantInput, SharePermission, ShareRole, SharingInput, SharingInputType } from './sharing-inputs';
import type { PushAnswer, ShareAcceptance, SharePermission, ShareRole } from './sharing-inputs';

export interface ShareParticipantSnapshot {
  readonly user: string;
  readonly role: ShareRole;
  readonly permission: SharePermission;
  readonly status: ShareAcceptance;
}

export type ShareAction = 'share' | 'accept' | 'leave' | 'stop' | 'purge' | 'persistUpdatedShare' | 'export';

/** Sharing events on the timeline. */
export type SharingEventBody =
  | { readonly kind: 'share.created'; readonly zone: string; readonly owner: string; readonly objectCount: number; readonly ids: readonly string[]; readonly reused: boolean }
  /** The `cloudkit.share` record's participant list changed, as a device saw it ("Charlie joined, Bob left"). */
  | {
    readonly kind: 'share.participantsChanged'; readonly zone: string; readonly joined: readonly string[]; readonly left: readonly string[];
    readonly participants: readonly ShareParticipantSnapshot[];
  }
  | { readonly kind: 'share.accepted'; readonly zone: string; readonly user: string; readonly owner: string }
  | { readonly kind: 'share.left'; readonly zone: string; readonly user: string }
  | { readonly kind: 'share.stopped'; readonly zone: string; readonly owner: string }
  /** A share zone's objects were removed from a local store (stop, leave, purge, zone deleted). */
  | { readonly kind: 'share.zoneRemoved'; readonly zone: string; readonly store: 'private' | 'shared'; readonly objectsRemoved: number; readonly reason: 'stopped' | 'left' | 'purged' | 'deleted' }
  | { readonly kind: 'share.failed'; readonly action: ShareAction; readonly zone: string | null; readonly message: string; readonly error: CKErrorInfo | null }
  /** The push budget's decision for one push (OBSERVED behaviour, modelled; see docs/sandbox.md). */
  | {
    readonly kind: 'push.budget'; readonly pushId: string; readonly decision: 'delivered' | 'delayed' | 'coalesced' | 'dropped';
    readonly answer: PushAnswer; readonly credit: number;
  };

export interface ShareSnapshot {
  readonly zone: string;
  readonly owner: string;
  readonly recordName: string;
  readonly title: string | null;
  readonly participants: readonly ShareParticipantSnapshot[];
  /** Records in the zone, the share record excluded. */
  readonly recordCount: number;
  readonly shareRecordBytes: number;
  readonly changeTag: string | null;
}

export interface DeviceSharingSnapshot {
  readonly device: string;
  readonly user: string | null;
  /** Share zones this device knows: as owner (private store) or participant (shared store). */
  readonly zones: readonly {
    readonly zone: string; readonly store: 'private' | 'shared'; readonly owner: string; readonly objectCount: number;
    readonly participants: readonly ShareParticipantSnapshot[];
    /** This device's user's permission in the share (owner = readWrite). */
    readonly permission: SharePermission;
  }[];
  /** The shared store (objects of zones others share with this user). */
  readonly sharedStoreCount: number;
  readonly sharedStore: readonly ObjectSnapshot[];
  /** Local changes a share zone refused (read-only participant), kept unsynced. */
  readonly rejectedIds: readonly string[];
  readonly pushBudget: { readonly answer: PushAnswer; readonly handlerMs: number; readonly credit: number; readonly suppressedUntilT: number | null } | null;
}

/** The sharing view the panel reads (plain data). */
export interface SharingSnapshot {
  /** Every Apple ID of the session and the devices signed in to it. */
  readonly users: readonly { readonly id: string; readonly name: string; readonly devices: readonly string[] }[];
  /** Shares on the server (current environment). */
  readonly shares: readonly ShareSnapshot[];
  /** Per user: the zones their shared database shows. */
  readonly sharedDatabases: readonly { readonly user: string; readonly zones: readonly string[] }[];
  readonly devices: readonly DeviceSharingSnapshot[];
}

/** The full zone name of a share given its zone name or its UUID. */
export function shareZoneName(share: string): string {
  return share.startsWith(SHARE_ZONE_PREFIX) ? share : `${SHARE_ZONE_PREFIX}${share}`;
}

export function isShareZone(zone: string): boolean {
  return zone.startsWith(SHARE_ZONE_PREFIX);
}
