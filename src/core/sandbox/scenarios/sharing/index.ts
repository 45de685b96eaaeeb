/** The sharing scenarios (issue 15; reference/sharing.md): one file per scenario. */
export { pushBudgetMisreported } from './push-budget-misreported';
export { shareAcceptEdit } from './share-accept-edit';
export { shareConflict } from './share-conflict';
export { shareParticipantsChange } from './share-participants-change';
export { shareReadOnlyEdit } from './share-read-only-edit';
export { shareRecordTooLarge } from './share-record-too-large';
export { shareReuse } from './share-reuse';
export { shareStopSharing } from './share-stop-sharing';
export { shareZoneDeletedOffline } from './share-zone-deleted-offline';
export { shareZoneLimit } from './share-zone-limit';
