/**
 * CKError codes (CKErrorDomain) with their Swift names and the short descriptions CloudKit prints in
 * `<CKError 0x…: "…" (code/…)>` (reference/sync-semantics.md §2.7: CKError.h; values confirmed by several
 * bindings). Every description is CloudKit's own string: CloudKit.framework's `stringForCKErrorCode`
 * (decompiled iOS 18 CloudKit framework), matching reference sync-logs.md §4 for the codes seen in real logs;
 * 24 is "Invalid Database For Operation" and 35 "Asset File Not Available" (issue 13 #8).
 * The one table: the sandbox prints these names, the log reader reads them back.
 */
export const CK_CODES: Readonly<Record<number, readonly [name: string, description: string]>> = {
  1: ['internalError', 'Internal Error'],
  2: ['partialFailure', 'Partial Failure'],
  3: ['networkUnavailable', 'Network Unavailable'],
  4: ['networkFailure', 'Network Failure'],
  5: ['badContainer', 'Bad Container'],
  6: ['serviceUnavailable', 'Service Unavailable'],
  7: ['requestRateLimited', 'Request Rate Limited'],
  8: ['missingEntitlement', 'Missing Entitlement'],
  9: ['notAuthenticated', 'Not Authenticated'],
  10: ['permissionFailure', 'Permission Failure'],
  11: ['unknownItem', 'Unknown Item'],
  12: ['invalidArguments', 'Invalid Arguments'],
  13: ['resultsTruncated', 'Results Truncated'],
  14: ['serverRecordChanged', 'Server Record Changed'],
  15: ['serverRejectedRequest', 'Server Rejected Request'],
  16: ['assetFileNotFound', 'Asset File Not Found'],
  17: ['assetFileModified', 'Asset File Modified'],
  18: ['incompatibleVersion', 'Incompatible Version'],
  19: ['constraintViolation', 'Constraint Violation'],
  20: ['operationCancelled', 'Operation Cancelled'],
  21: ['changeTokenExpired', 'Change Token Expired'],
  22: ['batchRequestFailed', 'Batch Request Failed'],
  23: ['zoneBusy', 'Zone Busy'],
  24: ['badDatabase', 'Invalid Database For Operation'],
  25: ['quotaExceeded', 'Quota Exceeded'],
  26: ['zoneNotFound', 'Zone Not Found'],
  27: ['limitExceeded', 'Limit Exceeded'],
  28: ['userDeletedZone', 'User Deleted Zone'],
  29: ['tooManyParticipants', 'Too Many Participants'],
  30: ['alreadyShared', 'Already Shared'],
  31: ['referenceViolation', 'Reference Violation'],
  32: ['managedAccountRestricted', 'Managed Account Restricted'],
  33: ['participantMayNeedVerification', 'Participant May Need Verification'],
  34: ['serverResponseLost', 'Server Response Lost'],
  35: ['assetNotAvailable', 'Asset File Not Available'],
  36: ['accountTemporarilyUnavailable', 'Account Temporarily Unavailable'],
  37: ['participantAlreadyInvited', 'Participant Already Invited'],
};
