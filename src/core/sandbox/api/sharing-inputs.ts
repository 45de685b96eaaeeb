/** Sharing inputs (issue 15; reference/sharing.md, cited S§n): plain data, recorded and replayed. */

/** CKShare.ParticipantPermission (readOnly is the default for a new participant) [doc; S§4]. */
export type SharePermission = 'readOnly' | 'readWrite';
/** CKShare.ParticipantRole (privateUser is the default for an added participant) [doc; S§4]. */
export type ShareRole = 'owner' | 'administrator' | 'privateUser' | 'publicUser';
/** CKShare.ParticipantAcceptanceStatus [doc; S§4]. */
export type ShareAcceptance = 'pending' | 'accepted' | 'removed';
/** The app's answer to a silent push (`UIBackgroundFetchResult`), or `none` when it never calls the handler [obs SUK6]. */
export type PushAnswer = 'newData' | 'noData' | 'failed' | 'none';

export interface ShareParticipantInput {
  /** The invitee's Apple ID (a user id of the session). */
  readonly user: string;
  /** Default readOnly [doc CKShare.Participant; S§4]. */
  readonly permission?: SharePermission;
}

/** Sharing inputs (each recorded; they make a session a version-2 session). */
export type SharingInput =
  /**
   * `share(_:to:)` on the owner's device: the objects and everything they relate to move into a new share zone
   * (or into `toShare`'s zone), with a zone-wide `cloudkit.share` record and the given participants invited.
   */
  | {
    readonly type: 'share'; readonly device: string; readonly objects: readonly string[];
    /** An existing share (its zone name or its UUID) to add the objects to (TN3164: reuse shares). */
    readonly toShare?: string;
    /** The `<UUID>` of the new zone (generated from the seed when absent). */
    readonly shareId?: string;
    readonly participants?: readonly ShareParticipantInput[];
    /** `cloudkit.title` of the share. */
    readonly title?: string;
    /** Size of `cloudkit.thumbnailImageData` (what makes a share record too large). */
    readonly thumbnailBytes?: number;
  }
  /** `acceptShareInvitations(from:into:)` on an invitee's device (into its shared store). */
  | { readonly type: 'acceptShare'; readonly device: string; readonly share: string }
  /** The participant removes themselves ("Remove Me": deletes the share from their shared database). */
  | { readonly type: 'leaveShare'; readonly device: string; readonly share: string }
  /** The owner stops sharing (deletes the share); `purge` also runs `purgeObjectsAndRecordsInZone`. */
  | { readonly type: 'stopSharing'; readonly device: string; readonly share: string; readonly purge?: boolean }
  /** `purgeObjectsAndRecordsInZone(with:in:)`: deletes the zone in CloudKit and its local objects (owner or participant). */
  | { readonly type: 'purgeZone'; readonly device: string; readonly share: string }
  /** The owner edits the share with CloudKit APIs, then `persistUpdatedShare(_:in:)`. */
  | {
    readonly type: 'persistUpdatedShare'; readonly device: string; readonly share: string;
    readonly add?: readonly ShareParticipantInput[]; readonly remove?: readonly string[];
    readonly title?: string; readonly thumbnailBytes?: number;
  }
  /**
   * Opt-in push budget for a device (OBSERVED by the Shopping UK series, not documented): how the app answers
   * silent pushes and how long its handler takes.
   */
  | { readonly type: 'setPushResponse'; readonly device: string; readonly answer: PushAnswer; readonly handlerMs?: number };

export type SharingInputType = SharingInput['type'];

