/**
 * CKError codes and the names CloudKit prints for them (reference/sync-logs.md §4; the full list is
 * reference/sync-semantics.md §2.7, from Apple's CKError.Code documentation).
 */
export const CKERROR_NAMES: Readonly<Record<number, string>> = {
  1: 'Internal Error', 2: 'Partial Failure', 3: 'Network Unavailable', 4: 'Network Failure', 5: 'Bad Container',
  6: 'Service Unavailable', 7: 'Request Rate Limited', 8: 'Missing Entitlement', 9: 'Not Authenticated',
  10: 'Permission Failure', 11: 'Unknown Item', 12: 'Invalid Arguments', 13: 'Result Limit Exceeded',
  14: 'Server Record Changed', 15: 'Server Rejected Request', 16: 'Asset File Not Found', 17: 'Asset File Modified',
  18: 'Incompatible Version', 19: 'Constraint Violation', 20: 'Operation Cancelled', 21: 'Change Token Expired',
  22: 'Batch Request Failed', 23: 'Zone Busy', 24: 'Bad Database', 25: 'Quota Exceeded', 26: 'Zone Not Found',
  27: 'Limit Exceeded', 28: 'User Deleted Zone', 29: 'Too Many Participants', 30: 'Already Shared',
  31: 'Reference Violation', 32: 'Managed Account Restricted', 33: 'Participant May Need Verification',
  34: 'Server Response Lost', 35: 'Asset Not Available', 36: 'Account Temporarily Unavailable',
};

/**
 * The client code a server code (CKInternalErrorDomain) was seen with, for descriptions that print only
 * the server code, e.g. `"Service Unavailable" (2022)` [T62] [L016] [L019]. Only server codes seen with
 * one client code are listed (1020 was seen with 12 and 27 [L022] [L023], so it is not).
 */
export const CLIENT_CODE_OF_SERVER_CODE: Readonly<Record<number, number>> = {
  1000: 1, 4000: 1, 1011: 2, 1014: 5, 2022: 6, 2008: 7, 2061: 7, 1002: 9, 2007: 10, 2006: 12, 2015: 12,
  2004: 14, 2001: 15, 2026: 21, 2035: 25, 2036: 26, 2023: 27, 2042: 28,
};

/** A single number in parentheses above this is a server code (`(2001)`), at or below a client code (`(12)`). */
export const LARGEST_CLIENT_CODE = 999;

export function clientCodeFromName(name: string | undefined): number | undefined {
  if (!name) return undefined;
  for (const [code, n] of Object.entries(CKERROR_NAMES)) if (n === name) return Number(code);
  return undefined;
}
