import { corpus, hasChildren, isCocoa, t63, t64, type ErrorKind } from './error-kind';

/** NSCocoaErrorDomain codes of the mirroring delegate (reference/sync-logs.md §5 and §6). */
export const COCOA_KINDS: readonly ErrorKind[] = [
  {
    id: 'model-validation', title: 'Model not valid for CloudKit (134060)', classification: 'needs-action',
    matches: (e) => isCocoa(e, 134060),
    wrapper: (e) => e.underlying.some((u) => u.domain === 'CKErrorDomain'),
    meaning: 'Core Data refused to load the store with CloudKit: the model breaks a CloudKit rule (the validator lists `Entity: property` lines), or initializeCloudKitSchema failed (its CKErrors are in encounteredErrors).',
    action: 'Fix each listed property in the model (make it optional or give it a default, uncheck Ordered, add inverses…), add a model version, and relaunch. CloudKit DevTools\' model rules show the same problems in the editor.',
    sources: [t64('Mirror your Core Data model to CloudKit'), corpus('001-cubetime131-134060-validator-list.log')],
  },
  {
    id: 'history-expired', title: 'Persistent history token expired (134301)', classification: 'transient',
    matches: (e) => isCocoa(e, 134301),
    meaning: 'The history the exporter needed was purged; NSPersistentCloudKitContainer resets sync (HistoryExpired).',
    action: 'None for sync itself; do not purge persistent history that the mirroring delegate has not processed.',
    sources: [t63('Execute the export')],
  },
  {
    id: 'no-icloud-account', title: 'No usable iCloud account (134400)', classification: 'needs-action',
    matches: (e) => isCocoa(e, 134400),
    meaning: 'Setup needs a signed-in iCloud account; without one (a simulator without an Apple ID, a restricted account) the store stays local.',
    action: 'Sign in to iCloud on the device (Settings) and relaunch; apps should work local-only meanwhile.',
    sources: [t64('Configure iCloud on your devices'), corpus('003-visionboard-134400-no-account.log')],
  },
  {
    id: 'setup-never-initialized', title: 'Request aborted: setup never completed (134406)', classification: 'needs-action',
    matches: (e) => isCocoa(e, 134406),
    wrapper: (e) => hasChildren(e),
    meaning: 'Every request after a failed setup is aborted with 134406; the setup error it quotes is the cause.',
    action: 'Fix the quoted setup error.',
    sources: [t64('Mirror your Core Data model to CloudKit'), corpus('011-tn3164-134406-schema-not-deployed.log')],
  },
  {
    id: 'store-removed', title: 'Request cancelled: store removed (134407)', classification: 'benign',
    matches: (e) => isCocoa(e, 134407),
    meaning: 'The store was removed from its coordinator (or another import was running) while the request waited.',
    action: 'None, unless the store was removed by mistake.', sources: [t63('Execute the import')],
  },
  {
    id: 'multiple-containers', title: 'Store synced by two containers (134410/134422)', classification: 'needs-action',
    matches: (e) => isCocoa(e, 134410, 134422),
    meaning: 'Two NSPersistentCloudKitContainer instances load the same store in one process (an app and an extension sharing a container, or a leaked second container).',
    action: 'Sync the store from one container only; release the old container and its objects before creating a new one.',
    sources: [t64('Avoid synchronizing a store with multiple persistent containers'), corpus('007-tn3164-134410-two-instances.log')],
  },
  {
    id: 'identity-changed', title: 'iCloud account or identity changed (134405/134415/134416)', classification: 'transient',
    matches: (e) => isCocoa(e, 134405, 134415, 134416),
    meaning: 'The iCloud account changed; NSPersistentCloudKitContainer resets its sync state and starts again.',
    action: 'None: expected after signing out/in.', sources: [t64('Configure iCloud on your devices')],
  },
  {
    id: 'pending-request', title: 'Request cancelled: one already pending (134417)', classification: 'benign',
    matches: (e) => isCocoa(e, 134417),
    meaning: 'An automatic export or import was cancelled because a request of the same type was already queued.',
    action: 'None, if later exports or imports finish with success: 1.',
    sources: [t63('Execute the export'), corpus('032-tn3163-export-lifecycle-and-134417.log')],
  },
  {
    id: 'deferred-by-system', title: 'Deferred by the system (134419)', classification: 'transient',
    matches: (e) => isCocoa(e, 134419),
    meaning: 'dasd deferred the mirroring activity (battery, thermal, rate limits); it runs later.',
    action: 'None; avoid bursts of saves that exhaust the activity budget.',
    sources: [t63('Understand system throttles')],
  },
  {
    id: 'unhandled-exception', title: 'Exception during sync (134402/134420/134421)', classification: 'needs-action',
    matches: (e) => isCocoa(e, 134402, 134420, 134421),
    meaning: 'An exception was caught during setup, serialization or history analysis (see NSUnderlyingException).',
    action: 'Read the exception; a value that cannot be serialized (a transformer) is a common cause. Report to Apple with a sysdiagnose if it is not yours.',
    sources: [t63('Capture and analyze a sysdiagnose')],
  },
  {
    id: 'import-errors', title: 'Import errors (134404)', classification: 'needs-action',
    matches: (e) => isCocoa(e, 134404),
    wrapper: (e) => hasChildren(e),
    meaning: 'Several errors during an import, listed in NSDetailedErrors.', action: 'Read each detailed error.',
    sources: [t63('Execute the import')],
  },
];
