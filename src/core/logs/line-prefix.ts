import type { EntryHeader } from './types';

/**
 * Recognises the prefix of one log line: the columns `log stream`/`log show` print, the Xcode console's
 * `CoreData: <level>:`, the technote rendering of sysdiagnose lines, and what people add when pasting
 * (`> ` quotes, bullets, leading spaces). Shapes: reference/sync-logs.md §1; the `log stream` column
 * layouts are marked unverified there, so every pattern here also accepts the bare message.
 */
export interface LinePrefix {
  /** Where the message starts in the line (after the columns and paste decorations). */
  readonly bodyStart: number;
  /** Set when the line starts a new event. */
  readonly header?: EntryHeader;
  /** Column headings and `Filtering the log data…` banners: not part of any event. */
  readonly meta?: boolean;
}

// Paste decorations: Markdown quotes, bullets (also `⚬` with a TAB [L014]), `User: ` [reference §1].
const DECORATION = /^[ \t]*(?:(?:>|\*|•|⚬|-(?=[ \t]))[ \t]*|(?:User|Assistant): )*/;
export const TIME = String.raw`\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:?\d{2}|Z)?`;
// `log stream` default: timestamp, thread, type, activity, pid, ttl, `process: (library) [subsystem:category]`.
const STREAM_DEFAULT = new RegExp(String.raw`^(${TIME})\s+0x[0-9a-f]+\s+(Default|Info|Debug|Error|Fault|Activity|Signpost|State)\s+0x[0-9a-f]+\s+(\d+)\s+\d+\s+([^:\[]+?)(?:\[\d+\])?:\s+(?:\(([^)]*)\)\s+)?(?:\[([^\]:]+):([^\]]+)\]\s+)?`, 'i');
// `--style compact`: timestamp, type abbreviation, process[pid:tid], `(library)`, `[subsystem:category]`.
const STREAM_COMPACT = new RegExp(String.raw`^(${TIME})\s+(Df|Db|De|I|E|Er|F|Fa|A)\s+([^\[\s][^\[]*?)\[(\d+):[0-9a-fx]+\]\s+(?:\(([^)]*)\)\s+)?(?:\[([^\]:]+):([^\]]+)\]\s+)?`);
// Xcode console with NSLog-style prefix: `2021-02-07 17:06:01.693458+0000 App[15418:1560373] ` [L002].
const XCODE_NSLOG = new RegExp(String.raw`^(${TIME})\s+([^\[\n]+?)\[(\d+):[0-9a-fx]+\]\s+`);
// Core Data's own level prefix, with or without `CoreData: ` (os_log vs stderr echo) [L003].
const COREDATA_LEVEL = /^(?:CoreData: )?(debug|info|warning|error|fault|CloudKit|annotation): (?=CoreData\+CloudKit:)|^CoreData: (?:(debug|info|warning|error|fault|CloudKit|annotation): )?|^(?=CoreData\+CloudKit:)/;
// TN3163's sysdiagnose rendering: `default  … 14:14:16.621530 …  YourCoolApp  CloudKit: …` [L018] [L032].
const SYSDIAGNOSE = /^(default|info|debug|error|fault)\s+[…. \t]*(?:\d{4}-\d{2}-\d{2}\s+)?(\d{1,2}:\d{2}:\d{2}\.\d+)[…. \t]*(?:0x[0-9a-f]+\s+)?(?:\d+\s+)?([^\s…]+)(?:\s+|$)/;
const META = /^(?:Timestamp\s+(?:Thread|Ty)\s|Filtering the log data|Skipping info and debug messages)/;

const COMPACT_LEVEL: Readonly<Record<string, string>> = { Df: 'default', Db: 'debug', De: 'debug', I: 'info', E: 'error', Er: 'error', F: 'fault', Fa: 'fault', A: 'activity' };

export function decorationLength(line: string): number {
  return DECORATION.exec(line)![0].length;
}

export function readLinePrefix(line: string): LinePrefix {
  const d = decorationLength(line);
  const body = d === 0 ? line : line.slice(d);
  if (META.test(body)) return { bodyStart: line.length, meta: true };
  // The three timestamped shapes start with a date: skip their patterns for every other line.
  const dated = /^\d{4}-\d{2}-\d{2}/.test(body);
  let m = dated ? STREAM_DEFAULT.exec(body) : null;
  if (m) {
    return { bodyStart: d + m[0].length, header: withCoreDataLevel(body.slice(m[0].length), {
      format: 'log-stream-default', timestamp: m[1], level: m[2].toLowerCase(), pid: Number(m[3]), process: m[4].trim(),
      subsystem: m[6], category: m[7],
    }) };
  }
  m = dated ? STREAM_COMPACT.exec(body) : null;
  if (m) {
    return { bodyStart: d + m[0].length, header: withCoreDataLevel(body.slice(m[0].length), {
      format: 'log-stream-compact', timestamp: m[1], level: COMPACT_LEVEL[m[2]], process: m[3].trim(), pid: Number(m[4]),
      subsystem: m[6], category: m[7],
    }) };
  }
  m = dated ? XCODE_NSLOG.exec(body) : null;
  if (m) {
    return { bodyStart: d + m[0].length, header: withCoreDataLevel(body.slice(m[0].length), {
      format: 'xcode-console', timestamp: m[1], process: m[2].trim(), pid: Number(m[3]),
    }) };
  }
  m = SYSDIAGNOSE.exec(body);
  if (m) {
    return { bodyStart: d + m[0].length, header: withCoreDataLevel(body.slice(m[0].length), {
      format: 'sysdiagnose', level: m[1], timestamp: m[2], process: m[3],
    }) };
  }
  m = COREDATA_LEVEL.exec(body);
  if (m) return { bodyStart: d, header: { format: 'xcode-console', level: m[1] ?? m[2] } };
  return { bodyStart: d };
}

/** The shape a line's prefix was recognised as, cheaply (`LineShapeReader`); `header` in readLinePrefix. */
export const Shape = { None: 0, Meta: 1, StreamDefault: 2, StreamCompact: 3, XcodeNSLog: 4, Sysdiagnose: 5, CoreDataLevel: 6 } as const;
export type Shape = (typeof Shape)[keyof typeof Shape];

const FORMAT_OF_SHAPE: readonly (EntryHeader['format'] | undefined)[] = [undefined, undefined, 'log-stream-default', 'log-stream-compact', 'xcode-console', 'sysdiagnose', 'xcode-console'];

export function formatOfShape(shape: Shape): EntryHeader['format'] | undefined {
  return FORMAT_OF_SHAPE[shape];
}

// The same patterns, sticky (they match at `lastIndex`, the end of the paste decoration), so a line is
// classified without slicing it and without building the match array: test() then lastIndex.
const sticky = (re: RegExp) => new RegExp(re.source.replace(/^\^/, ''), `${re.flags}y`);
const META_Y = sticky(META);
const STREAM_DEFAULT_Y = sticky(STREAM_DEFAULT);
const STREAM_COMPACT_Y = sticky(STREAM_COMPACT);
const XCODE_NSLOG_Y = sticky(XCODE_NSLOG);
const SYSDIAGNOSE_Y = sticky(SYSDIAGNOSE);
const COREDATA_LEVEL_Y = new RegExp(COREDATA_LEVEL.source.replace(/(^|\|)\^/g, '$1'), 'y');

/** First characters a paste decoration can start with: space, tab, `>`, `*`, `•`, `⚬`, `-`, `U`ser, `A`ssistant. */
const DECORATION_START = new Set([32, 9, 62, 42, 0x2022, 0x26ac, 45, 85, 65]);
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * What readLinePrefix says about a line's shape and body start, without building the header: the
 * reader calls this on every line and readLinePrefix only for the lines of entries that hold an event or
 * an error (test/unit/logs/prefilter.test.ts proves the two agree). Results are left in the fields, so
 * nothing is allocated per line.
 */
export class LineShapeReader {
  shape: Shape = Shape.None as Shape;
  bodyStart = 0;

  read(line: string): void {
    const d = DECORATION_START.has(line.charCodeAt(0)) ? decorationLength(line) : 0;
    const c = line.charCodeAt(d);
    this.shape = Shape.None;
    this.bodyStart = d;
    if ((c === 84 || c === 70 || c === 83) && this.at(META_Y, line, d)) { this.shape = Shape.Meta; this.bodyStart = line.length; return; }
    if (isDigit(c) && isDigit(line.charCodeAt(d + 1)) && isDigit(line.charCodeAt(d + 2)) && isDigit(line.charCodeAt(d + 3)) && line.charCodeAt(d + 4) === 45
      && isDigit(line.charCodeAt(d + 5)) && isDigit(line.charCodeAt(d + 6)) && line.charCodeAt(d + 7) === 45 && isDigit(line.charCodeAt(d + 8)) && isDigit(line.charCodeAt(d + 9))) {
      if (this.at(STREAM_DEFAULT_Y, line, d)) { this.shape = Shape.StreamDefault; return; }
      if (this.at(STREAM_COMPACT_Y, line, d)) { this.shape = Shape.StreamCompact; return; }
      if (this.at(XCODE_NSLOG_Y, line, d)) { this.shape = Shape.XcodeNSLog; return; }
    }
    // `default|info|debug|error|fault` (sysdiagnose); Core Data's levels and `CoreData`.
    if ((c === 100 || c === 105 || c === 101 || c === 102) && this.at(SYSDIAGNOSE_Y, line, d)) { this.shape = Shape.Sysdiagnose; return; }
    if (c === 67 || c === 100 || c === 105 || c === 119 || c === 101 || c === 102 || c === 97) {
      COREDATA_LEVEL_Y.lastIndex = d;
      if (COREDATA_LEVEL_Y.test(line)) this.shape = Shape.CoreDataLevel;
    }
  }

  /** Tests a sticky pattern at `d`; on a match, the body starts where it ended. */
  private at(re: RegExp, line: string, d: number): boolean {
    re.lastIndex = d;
    if (!re.test(line)) return false;
    this.bodyStart = re.lastIndex;
    return true;
  }
}

/** The Core Data level after the columns (`CloudKit: CoreData+CloudKit:`), kept as the level when present. */
function withCoreDataLevel(rest: string, header: EntryHeader): EntryHeader {
  const m = /^(?:CoreData: )?(debug|info|warning|error|fault|CloudKit): CoreData\+CloudKit:/.exec(rest);
  return m ? { ...header, level: m[1] } : header;
}
