import type { CKErrorInfo, PartialError } from './api';
import { CK_CODES } from '../cloudkit/ckerror-codes';
import { COREDATA_ZONE } from '../cloudkit/mapping';

/**
 * The Core Data (NSCocoaErrorDomain) codes NSPersistentCloudKitContainer reports are below (§2.7,
 * TN3163/TN3164, RE OCD); the CKError table is core/cloudkit/ckerror-codes.ts, shared with the log reader.
 */
export { CK_CODES };

/**
 * Appended to a server or client message the project wrote because CloudKit's own text is not known, so it
 * is never presented as CloudKit's words (issue 13: "label them as paraphrases or use the real text").
 */
export const PARAPHRASE_MARK = ' [sandbox wording: CloudKit\'s text not known]';

export function paraphrase(text: string): string {
  return text + PARAPHRASE_MARK;
}

export function ckError(
  code: number,
  extra: { internalCode?: number; message?: string; serverMessage?: string; retryAfterSeconds?: number; partialErrors?: PartialError[] } = {},
): CKErrorInfo {
  const [name, description] = CK_CODES[code] ?? ['unknown', `Unknown Error ${code}`];
  const e: { -readonly [K in keyof CKErrorInfo]: CKErrorInfo[K] } = { domain: 'CKErrorDomain', name, code, description };
  if (extra.internalCode !== undefined) e.internalCode = extra.internalCode;
  if (extra.message !== undefined) e.message = extra.message;
  if (extra.serverMessage !== undefined) e.serverMessage = extra.serverMessage;
  if (extra.retryAfterSeconds !== undefined) e.retryAfterSeconds = extra.retryAfterSeconds;
  if (extra.partialErrors !== undefined) e.partialErrors = extra.partialErrors;
  return e;
}

/** How CloudKit prints a record ID in partial-error keys (TN3164: `<uuid>:(com.apple.coredata.cloudkit.zone:__defaultOwner__)`). */
export function recordItemId(recordName: string, zone: string = COREDATA_ZONE): string {
  return `${recordName}:(${zone}:__defaultOwner__)`;
}

/** 2/1011 wrapper (TN3164). */
export function partialFailure(partialErrors: PartialError[], message = 'Failed to modify some records'): CKErrorInfo {
  return ckError(2, { internalCode: 1011, message, partialErrors });
}

/** Core Data errors of NSPersistentCloudKitContainer (§2.7; reference sync-logs.md §5). */
export const CD_CODES = {
  modelValidation: 134060,
  /** Setup without a usable iCloud account (OpenCloudData OCCloudKitSetupAssistant.m:695-756; corpus log 003). */
  accountUnavailable: 134400,
  /** The importer's wrapper of several errors, `NSDetailedErrors` (OpenCloudData Import/OCCloudKitImporter.m; sync-logs.md §5). */
  importErrors: 134404,
  neverInitialized: 134406,
  storeRemoved: 134407,
  duplicateInstance: 134410,
  accountChange: 134415,
  identityChange: 134416,
  pendingRequest: 134417,
  deferred: 134419,
} as const;

export function cocoaError(code: number, name: string, message: string, underlying?: CKErrorInfo): CKErrorInfo {
  const e: { -readonly [K in keyof CKErrorInfo]: CKErrorInfo[K] } = {
    domain: 'NSCocoaErrorDomain', name, code, description: 'A Core Data error occurred.', message,
  };
  if (underlying) e.underlying = underlying;
  return e;
}

/**
 * CKErrors a client retries after a delay (CKSyncEngine auto-retries these, §3; TN3162). Not
 * notAuthenticated (9): the mirroring delegate turns it into 134400 "Unable to initialize without an iCloud
 * account (CKErrorNotAuthenticated)." (OpenCloudData OCCloudKitSetupAssistant.m:691-697) and waits for an
 * account change instead of retrying (issue 13, doubtful item settled).
 */
export const RETRYABLE_CODES: ReadonlySet<number> = new Set([3, 4, 6, 7, 23, 34, 36]);

/** The retry-after of an error or of any partial error inside it (seconds). */
export function retryAfterOf(e: CKErrorInfo): number | undefined {
  if (e.retryAfterSeconds !== undefined) return e.retryAfterSeconds;
  for (const p of e.partialErrors ?? []) {
    const r = retryAfterOf(p.error);
    if (r !== undefined) return r;
  }
  return undefined;
}

/** The first per-item error that is not batchRequestFailed (22), i.e. the cause of a partial failure. */
export function rootPartialError(e: CKErrorInfo): CKErrorInfo | undefined {
  return e.partialErrors?.find((p) => p.error.code !== 22)?.error;
}

/** Whether the error (or its cause inside a partial failure) has this code. */
export function hasCode(e: CKErrorInfo, code: number): boolean {
  if (e.code === code && e.domain === 'CKErrorDomain') return true;
  return (e.partialErrors ?? []).some((p) => p.error.code === code);
}
