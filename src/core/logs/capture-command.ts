/**
 * The command line that captures a CoreData+CloudKit log as it happens (`log stream` on a Mac, or
 * inside the booted simulator with `xcrun simctl spawn booted log stream`). Built here, as data, so it can
 * be tested; the extension spawns it.
 *
 * The predicate keeps what reference/sync-logs.md §1 says to read: the app's lines of the
 * `com.apple.coredata` subsystem, plus the daemons that decide and carry sync — `dasd` (activity
 * decisions), `apsd` (pushes) and `cloudd` (the CloudKit daemon) [T63]. Combining them into one
 * predicate is our choice; the daemon lines are narrowed to the app's mirroring activities and container.
 */
export interface CaptureOptions {
  /** The app's process name (its executable name). Without it, every process's Core Data lines are kept. */
  readonly process?: string;
  /** The CloudKit container ID, to keep the daemon lines about it. */
  readonly container?: string;
  readonly target: 'mac' | 'simulator';
  /** `--debug` and `--info` levels (CoreData+CloudKit logs most lifecycle lines at debug/info level [L003]). */
  readonly includeDebug?: boolean;
  readonly style?: 'default' | 'compact' | 'ndjson';
}

export function logStreamPredicate(o: Pick<CaptureOptions, 'process' | 'container'>): string {
  const q = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
  const app = `subsystem == "com.apple.coredata"${o.process ? ` AND process == ${q(o.process)}` : ''}`;
  const daemons = [
    `(process == "dasd" AND eventMessage CONTAINS[c] "com.apple.coredata.cloudkit")`,
    ...(o.container ? [`(process == "cloudd" AND eventMessage CONTAINS ${q(o.container)})`] : []),
    ...(o.process ? [`(process == "apsd" AND eventMessage CONTAINS[c] ${q(o.process)})`] : []),
  ];
  return [`(${app})`, ...daemons].join(' OR ');
}

/** `[program, ...args]`, ready for a process spawn without a shell. */
export function logStreamCommand(o: CaptureOptions): string[] {
  const args = ['log', 'stream', '--style', o.style ?? 'compact'];
  if (o.includeDebug !== false) args.push('--info', '--debug');
  args.push('--predicate', logStreamPredicate(o));
  return o.target === 'simulator' ? ['xcrun', 'simctl', 'spawn', 'booted', ...args] : args;
}

/**
 * The launch argument that sets how much CoreData+CloudKit logs. Levels as developers report them
 * (reference/sync-logs.md §1, **unverified** against Apple documentation; fatbobman.com
 * coredatawithcloudkit-4): 1 to 3, 3 the most detailed; `-com.apple.CoreData.Logging.stderr 1` echoes the
 * lines to stderr (the Xcode console). The one-line description of each level is our summary of those
 * reports, not Apple's words.
 */
export const CLOUDKIT_DEBUG_LEVELS: readonly { readonly level: number; readonly what: string }[] = [
  { level: 0, what: 'off: errors only (the default when the argument is absent)' },
  { level: 1, what: 'setup, export and import requests with their results: enough to see whether sync runs' },
  { level: 2, what: 'level 1 plus the work inside each request (records exported, zones fetched)' },
  { level: 3, what: 'everything, including record-level detail: the most verbose, for a short reproduction' },
];

export function debugLaunchArguments(level: number): string[] {
  return ['-com.apple.CoreData.CloudKitDebug', String(level), '-com.apple.CoreData.Logging.stderr', '1'];
}
