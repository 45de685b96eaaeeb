/** Errors: CKError / Core Data errors as plain data, and the errors the engine throws. */

/**
 * A CKError (CKErrorDomain) or a Core Data error (NSCocoaErrorDomain, e.g. 134406), as plain data.
 * `code/internalCode` print as `(2/1011)` the way CloudKit logs them (§2.7).
 */
export interface CKErrorInfo {
  readonly domain: 'CKErrorDomain' | 'NSCocoaErrorDomain';
  /** Swift case name: 'partialFailure', 'invalidArguments'...; for Core Data errors a descriptive name. */
  readonly name: string;
  readonly code: number;
  readonly internalCode?: number;
  /** CloudKit's short description: "Partial Failure", "Invalid Arguments"... */
  readonly description: string;
  /** The error's own message ("Failed to modify some records"), or the Core Data error text. */
  readonly message?: string;
  /** `server message = "..."`. */
  readonly serverMessage?: string;
  /** CKErrorRetryAfterKey. */
  readonly retryAfterSeconds?: number;
  /** CKPartialErrorsByItemIDKey: key = record name (or zone name) as CloudKit prints it. */
  readonly partialErrors?: readonly PartialError[];
  /** NSUnderlyingError (Core Data errors wrapping a CKError). */
  readonly underlying?: CKErrorInfo;
}

export interface PartialError {
  /** `recordName:(zoneName:owner)` as CloudKit prints a record ID, or a zone id. */
  readonly itemId: string;
  readonly error: CKErrorInfo;
}

/**
 * Prints an error the way CloudKit / Core Data log it, e.g.
 * `<CKError 0x0: "Partial Failure" (2/1011); "Failed to modify some records"; partial errors: {...}>`.
 */
export function formatCKError(e: CKErrorInfo, indent = ''): string {
  if (e.domain === 'NSCocoaErrorDomain') {
    const parts = [`Error Domain=NSCocoaErrorDomain Code=${e.code} "${e.message ?? e.description}"`];
    if (e.underlying) parts.push(`UserInfo={NSUnderlyingError=${formatCKError(e.underlying, indent)}}`);
    return parts.join(' ');
  }
  const code = e.internalCode !== undefined ? `${e.code}/${e.internalCode}` : `${e.code}`;
  const parts = [`<CKError 0x0: "${e.description}" (${code})`];
  if (e.message) parts.push(`"${e.message}"`);
  if (e.serverMessage) parts.push(`server message = "${e.serverMessage}"`);
  if (e.retryAfterSeconds !== undefined) parts.push(`Retry after ${e.retryAfterSeconds.toFixed(1)} seconds`);
  if (e.partialErrors && e.partialErrors.length > 0) {
    const inner = indent + '\t';
    const items = e.partialErrors.map((p) => `${inner}${p.itemId} = ${formatCKError(p.error, inner)}`);
    parts.push(`partial errors: {\n${items.join('\n')}\n${indent}}`);
  }
  return parts.join('; ') + '>';
}


/** Thrown for an input the engine cannot apply (unknown device, entity, object...). Nothing is recorded. */
export class SandboxInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxInputError';
  }
}

/** Thrown when a session configuration is invalid (device count, unknown model source...). */
export class SandboxConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxConfigError';
  }
}

/** Thrown by `loadSession` for a damaged, foreign or newer-version session. */
export class SessionFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SessionFormatError';
  }
}
