import type { Range } from '../text/span';
import type { ExplainedError } from './reader';
import type { LogEvent } from './types';

/**
 * The outline of a log: sessions (one app launch: a new options dump or a new process id) holding
 * activities (setup, export, import requests from their begin to their end line, and point events such
 * as a reset or a dasd decision). Grouping by launch is our modelling choice; the events are those of
 * reference/sync-logs.md §2.
 */
export type ActivityKind = 'setup' | 'export' | 'import' | 'reset' | 'teardown' | 'account' | 'push' | 'dasd' | 'aborted' | 'event';

export interface Activity {
  readonly kind: ActivityKind;
  readonly label: string;
  readonly range: Range;
  readonly success?: boolean;
  readonly errors: number;
  readonly timestamp?: string;
}

export interface Session {
  readonly label: string;
  readonly range: Range;
  readonly activities: readonly Activity[];
  readonly errors: number;
}

interface Open { kind: ActivityKind; label: string; start: Range['start']; end: Range['end']; success?: boolean; errors: number; timestamp?: string }
interface OpenSession { label: string; start: Range['start']; end: Range['end']; activities: Open[]; errors: number; pid?: number }

const POINT: Partial<Record<LogEvent['kind'], ActivityKind>> = {
  reset: 'reset', teardown: 'teardown', account: 'account', push: 'push', 'dasd-decision': 'dasd',
  'request-aborted': 'aborted', 'event-changed': 'event',
};

export function buildSessions(events: readonly LogEvent[], errors: readonly ExplainedError[]): Session[] {
  type Item = { line: number; ev?: LogEvent; err?: ExplainedError };
  const items: Item[] = [
    ...events.map((ev): Item => ({ line: ev.range.start.line, ev })),
    ...errors.map((err): Item => ({ line: err.range.start.line, err })),
  ];
  // An error on the line of an activity's end belongs to that activity: errors first on a line.
  items.sort((a, b) => a.line - b.line || (a.err ? 0 : 1) - (b.err ? 0 : 1));
  const sessions: OpenSession[] = [];
  let session: OpenSession | undefined;
  let open: Open | undefined;
  const startSession = (at: Range['start'], label: string, pid?: number) => {
    session = { label, start: at, end: at, activities: [], errors: 0, pid };
    sessions.push(session);
    open = undefined;
  };
  for (const it of items) {
    const range = it.ev?.range ?? it.err!.range;
    const pid = it.ev?.pid ?? it.err?.header.pid;
    if (!session || it.ev?.kind === 'options' || (pid !== undefined && session.pid !== undefined && pid !== session.pid)) {
      const who = it.ev?.process ?? it.err?.header.process;
      startSession(range.start, `Session ${sessions.length + 1}${who ? `: ${who}${pid !== undefined ? ` (${pid})` : ''}` : ''}`, pid);
    }
    const s = session!;
    if (s.pid === undefined && pid !== undefined) s.pid = pid;
    s.end = range.end;
    if (it.err) {
      s.errors++;
      if (open) { open.errors++; open.end = range.end; }
      continue;
    }
    const ev = it.ev!;
    const begin = (kind: ActivityKind, label: string) => {
      open = { kind, label, start: range.start, end: range.end, errors: 0, timestamp: ev.timestamp };
      s.activities.push(open);
    };
    switch (ev.kind) {
      case 'setup': begin('setup', 'Setup'); break;
      case 'export-begin': begin('export', `Export - ${ev.label ?? ''}`); break;
      case 'import-begin': begin('import', `Import - ${ev.label ?? ''}`); break;
      case 'setup-failed':
        if (!open || open.kind !== 'setup') begin('setup', 'Setup');
        open!.success = false; open!.end = range.end; break;
      case 'export-end': case 'import-end': case 'request-finished': {
        const kind: ActivityKind = ev.kind === 'export-end' ? 'export' : ev.kind === 'import-end' ? 'import' : open?.kind ?? 'event';
        if (!open || (ev.kind !== 'request-finished' && open.kind !== kind)) begin(kind, `${kind === 'export' ? 'Export' : kind === 'import' ? 'Import' : 'Request'} - ${ev.label ?? ''}`);
        open!.success = ev.success; open!.end = range.end;
        if (ev.kind !== 'request-finished' || open!.kind !== 'setup') open = undefined;
        else open = undefined;
        break;
      }
      case 'options': break;
      default: {
        const kind = POINT[ev.kind];
        if (kind) s.activities.push({ kind, label: pointLabel(ev), start: range.start, end: range.end, success: ev.success, errors: 0, timestamp: ev.timestamp });
      }
    }
  }
  return sessions.map((s) => ({
    label: s.label, range: { start: s.start, end: s.end }, errors: s.errors,
    activities: s.activities.map((a) => ({ kind: a.kind, label: a.label.replace(/ - $/, ''), range: { start: a.start, end: a.end }, success: a.success, errors: a.errors, timestamp: a.timestamp })),
  }));
}

function pointLabel(ev: LogEvent): string {
  switch (ev.kind) {
    case 'dasd-decision': return `dasd: ${ev.label ?? 'activity'} ${ev.detail ?? ''}`.trim();
    case 'teardown': return `Tear down: ${ev.detail ?? ''}`;
    case 'account': return ev.detail ?? 'Account';
    case 'request-aborted': return `Request aborted (setup never completed)${ev.label ? `: ${ev.label}` : ''}`;
    case 'reset': return 'Reset after error';
    case 'push': return 'Push received';
    default: return 'Sync event';
  }
}
