import { EntryBuilder } from './entry-builder';
import { EntryMemo } from './entry-memo';
import { LineSplitter } from './line-splitter';
import { entryRange } from './positions';
import { mayHoldEventOrError } from './prefilter';
import { buildSessions, type Session } from './sessions';
import { summarize, type LogSummary } from './summary';
import type { LogEntry, LogEvent, LogFormat, ReadNote } from './types';
import type { ExplainedError } from './explained-error';

export type { ExplainedError } from './explained-error';

/**
 * The sync-log reader: feed it text in chunks (`push`), then `finish()`. Memory stays bounded whatever the
 * input size: lines and entries are cut at fixed sizes, and at most `maxErrors` errors and `maxEvents`
 * events are kept (the rest are counted, and a note says so).
 */
export interface LogReport {
  readonly lines: number;
  readonly entries: number;
  readonly formats: Readonly<Partial<Record<LogFormat, number>>>;
  readonly events: readonly LogEvent[];
  readonly errors: readonly ExplainedError[];
  readonly notes: readonly ReadNote[];
  readonly sessions: readonly Session[];
  readonly summary: LogSummary;
}

export interface ReaderOptions {
  readonly maxErrors?: number;
  readonly maxEvents?: number;
  readonly maxLineLength?: number;
  readonly maxEntryLength?: number;
  /** Skip entries that no pattern can match before trying the patterns (prefilter.ts); default true. */
  readonly prefilter?: boolean;
  /**
   * Reuse what was found for recent lines and entries with the same text (dated-line-memo.ts,
   * entry-memo.ts); default true. Off only to prove it changes nothing.
   */
  readonly memo?: boolean;
}

/** The order formats are listed in (a report's `formats` does not depend on which entries were skipped). */
const FORMAT_ORDER: readonly LogFormat[] = ['log-stream-default', 'log-stream-compact', 'json', 'xcode-console', 'sysdiagnose', 'plain'];

export class SyncLogReader {
  private readonly splitter: LineSplitter;
  private readonly builder: EntryBuilder;
  private readonly events: LogEvent[] = [];
  private readonly errors: ExplainedError[] = [];
  private readonly formats: Partial<Record<LogFormat, number>> = {};
  private entries = 0;
  private droppedErrors = 0;
  private droppedEvents = 0;
  private readonly maxErrors: number;
  private readonly maxEvents: number;
  private readonly prefilter: boolean;
  private readonly memo: EntryMemo;

  constructor(options: ReaderOptions = {}) {
    this.maxErrors = options.maxErrors ?? 5000;
    this.maxEvents = options.maxEvents ?? 20000;
    this.prefilter = options.prefilter ?? true;
    this.memo = new EntryMemo(options.memo ?? true);
    this.builder = new EntryBuilder({ entry: (e, filtered) => this.entry(e, filtered) }, options.maxEntryLength, this.prefilter, options.memo ?? true, options.maxLineLength);
    this.splitter = new LineSplitter((text, line, offset, cut) => this.builder.line(text, line, offset, cut), options.maxLineLength, this.builder);
  }

  push(chunk: string): void {
    this.splitter.push(chunk);
  }

  finish(): LogReport {
    this.splitter.end();
    this.builder.end();
    return this.snapshot();
  }

  /**
   * The report of what was read so far, without ending the input (a log that is still growing): the
   * last, unfinished line and event are left for the next `push`.
   */
  snapshot(): LogReport {
    const pending = this.builder.pending();
    if (pending) {
      // Explain the unfinished event on copies: the next push may still extend it.
      const events = [...this.events];
      const errors = [...this.errors];
      this.collect(pending, events, errors);
      return this.report(events, errors);
    }
    return this.report(this.events, this.errors);
  }

  private report(events: LogEvent[], errors: ExplainedError[]): LogReport {
    const notes = this.builder.notes();
    if (this.droppedErrors) notes.push({ kind: 'error-limit', line: -1, message: `${this.droppedErrors} more errors were found but not listed (limit ${this.maxErrors})` });
    if (this.droppedEvents) notes.push({ kind: 'error-limit', line: -1, message: `${this.droppedEvents} more events were found but not listed (limit ${this.maxEvents})` });
    const sessions = buildSessions(events, errors);
    const skipped = this.builder.skippedCounts();
    const formats: Partial<Record<LogFormat, number>> = {};
    let entries = this.entries;
    for (const f of FORMAT_ORDER) {
      const n = (this.formats[f] ?? 0) + (skipped[f] ?? 0);
      if (n) formats[f] = n;
      entries += skipped[f] ?? 0;
    }
    return {
      lines: this.splitter.lines, entries, formats, events, errors, notes, sessions,
      summary: summarize(events, errors, sessions, this.droppedErrors),
    };
  }

  private entry(e: LogEntry, filtered: boolean): void {
    this.entries++;
    this.formats[e.header.format] = (this.formats[e.header.format] ?? 0) + 1;
    this.collect(e, this.events, this.errors, filtered);
  }

  private collect(e: LogEntry, events: LogEvent[], errors: ExplainedError[], filtered = false): void {
    if (this.prefilter && !filtered && !mayHoldEventOrError(e.text)) return;
    const found = this.memo.findings(e.text);
    for (const m of found.events) {
      if (events.length >= this.maxEvents) { if (events === this.events) this.droppedEvents++; continue; }
      const { range } = entryRange(e, m.at, m.end);
      events.push({
        kind: m.kind, entry: e.index, range, label: m.label, requestId: m.requestId, success: m.success, detail: m.detail,
        timestamp: e.header.timestamp, process: e.header.process, pid: e.header.pid,
      });
    }
    for (const { root, explanation } of found.errors) {
      if (errors.length >= this.maxErrors) { if (errors === this.errors) this.droppedErrors++; continue; }
      const { range, span } = entryRange(e, root.start, root.end);
      // Object.assign, not `{ ...explanation, entry, … }`: the spread with properties after it measured
      // 20 µs per error here (V8 builds a new map each time), Object.assign 0.3 µs; same keys, same order.
      errors.push(Object.assign({}, explanation, { entry: e.index, range, span, root, header: e.header }));
    }
  }
}

/** Reads a whole string (the editor's document, a test fixture). */
export function readSyncLog(text: string, options?: ReaderOptions): LogReport {
  const r = new SyncLogReader(options);
  r.push(text);
  return r.finish();
}
