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
const TIME = String.raw`\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:?\d{2}|Z)?`;
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

/** The Core Data level after the columns (`CloudKit: CoreData+CloudKit:`), kept as the level when present. */
function withCoreDataLevel(rest: string, header: EntryHeader): EntryHeader {
  const m = /^(?:CoreData: )?(debug|info|warning|error|fault|CloudKit): CoreData\+CloudKit:/.exec(rest);
  return m ? { ...header, level: m[1] } : header;
}
