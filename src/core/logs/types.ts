import type { Range } from '../text/span';

/**
 * Plain data produced by the sync-log reader (src/core/logs): lines grouped into entries, the events
 * and errors found in them, and notes on what was skipped. Positions are 0-based line/character in the
 * document as read (UTF-16 code units), so a streamed 200 MB file needs no offset table.
 */

/** The shapes a pasted or captured log comes in (reference/sync-logs.md §1). */
export type LogFormat =
  | 'log-stream-default' // `log stream` / `log show` default style: timestamp, thread, type, activity, pid, ttl
  | 'log-stream-compact' // `--style compact`: timestamp, type abbreviation, process[pid:tid]
  | 'json' // `--style json` / `ndjson`: one object per event, text in eventMessage
  | 'xcode-console' // `2021-02-07 17:06:01.693458+0000 App[pid:tid] …` or `CoreData: debug: CoreData+CloudKit: …`
  | 'sysdiagnose' // technote rendering of `log show` on a sysdiagnose: `default … 14:14:16.62 … App  CloudKit: …`
  | 'plain'; // anything else: forum pastes, prose, LLDB dumps

/** Where an entry came from: the process, subsystem and time the prefix named (when it did). */
export interface EntryHeader {
  readonly format: LogFormat;
  readonly timestamp?: string;
  readonly process?: string;
  readonly pid?: number;
  /** os_log type or Core Data level: default, info, debug, error, fault, warning, CloudKit. */
  readonly level?: string;
  readonly subsystem?: string;
  readonly category?: string;
}

/** A piece of an entry's text and where it sits in the document. */
export interface Segment {
  /** Offset of the piece in `LogEntry.text`. */
  readonly textStart: number;
  readonly length: number;
  readonly line: number;
  readonly character: number;
  /** Offset of the piece in the whole document. */
  readonly offset: number;
}

/**
 * One log event: a header line and its continuation lines, with line prefixes (`> `, bullets, the
 * log's own columns) removed. `segments` map offsets in `text` back to the document.
 */
export interface LogEntry {
  readonly index: number;
  readonly header: EntryHeader;
  readonly text: string;
  readonly segments: readonly Segment[];
  /** True for JSON events: the message was decoded, so offsets map to the event's line only. */
  readonly coarse?: boolean;
  /** For coarse entries: the length of the event's line, so a range can cover it. */
  readonly coarseLength?: number;
}

export type ErrorForm = 'description' | 'nserror' | 'bare' | 'localized' | 'message';

export interface RecordRef {
  readonly recordName?: string;
  readonly zone?: string;
  readonly owner?: string;
  /** The key as printed (`<recordName>:(<zone>:<owner>)`, a zone ID, a CKRecordID description). */
  readonly raw: string;
}

/**
 * A decoded CKError or NSError description (reference/sync-logs.md §3). `code` is the public client
 * code (CKErrorDomain or NSCocoaErrorDomain), `serverCode` the CKInternalErrorDomain code after the slash.
 */
export interface DecodedError {
  readonly domain: string;
  readonly form: ErrorForm;
  readonly code?: number;
  readonly serverCode?: number;
  /** True when the code was not printed and comes from the server code or message (e.g. `(2022)` → 6). */
  readonly codeInferred?: boolean;
  readonly name?: string;
  readonly description?: string;
  readonly serverMessage?: string;
  readonly container?: string;
  readonly uuid?: string;
  readonly operation?: string;
  readonly retryAfterSeconds?: number;
  /** The partial-error key this error was listed under. */
  readonly record?: RecordRef;
  readonly partialErrors: readonly DecodedError[];
  /** `N "Batch Request Failed" CKError's omited` (CloudKit's spelling). */
  readonly omittedBatchErrors?: number;
  /** NSUnderlyingError, encounteredErrors, an error quoted in the message (134406). */
  readonly underlying: readonly DecodedError[];
  readonly userInfo?: Readonly<Record<string, string>>;
  /** Extra facts a message-only match extracted (record type, field, counts). */
  readonly facts?: Readonly<Record<string, string>>;
  /** Offsets in the entry text. */
  readonly start: number;
  readonly end: number;
  /** The description stops before its end (cut by the paste). */
  readonly truncated?: boolean;
}

export type Classification = 'benign' | 'transient' | 'needs-action';

/** The technote (or other) section that explains a finding. */
export interface SourceRef {
  readonly doc: 'TN3164' | 'TN3163' | 'TN3162' | 'CKError' | 'reference' | 'corpus';
  readonly section: string;
  readonly url?: string;
}

export type EventKind =
  | 'setup' | 'setup-failed' | 'export-begin' | 'export-end' | 'import-begin' | 'import-end'
  | 'request-finished' | 'reset' | 'account' | 'teardown' | 'push' | 'event-changed'
  | 'dasd-decision' | 'request-aborted' | 'options';

export interface LogEvent {
  readonly kind: EventKind;
  readonly entry: number;
  readonly range: Range;
  /** Export/import label (ExportActivity, AppDeactivationExport, ImportActivity, Push, …). */
  readonly label?: string;
  readonly requestId?: string;
  readonly success?: boolean;
  readonly detail?: string;
  readonly timestamp?: string;
  readonly process?: string;
  readonly pid?: number;
}

/** What was skipped or only partly read, for the note shown above the results. */
export interface ReadNote {
  readonly kind: 'binary-line' | 'long-line' | 'long-entry' | 'bad-json' | 'replacement-chars' | 'error-limit';
  readonly line: number;
  readonly message: string;
}
