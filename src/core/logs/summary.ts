import type { ExplainedError } from './reader';
import type { Session } from './sessions';
import type { Classification, LogEvent } from './types';

/**
 * The line on top of an explanation ("setup never completed: the production schema lacks
 * CD_Item.CD_isChecked; 45 items failed with it") and the counts behind it. Errors of one kind are
 * grouped (an Xcode console prints each error twice [reference/sync-logs.md §1, L003]).
 */
export interface KindGroup {
  readonly id: string;
  readonly title: string;
  readonly classification: Classification;
  readonly count: number;
  readonly affectedItems: number;
  readonly example: string;
  readonly recordType?: string;
  readonly field?: string;
  readonly firstLine: number;
}

export interface LogSummary {
  readonly headline: string;
  readonly needsAction: number;
  readonly transient: number;
  readonly benign: number;
  readonly setupFailed: boolean;
  readonly kinds: readonly KindGroup[];
  readonly exports: { readonly succeeded: number; readonly failed: number };
  readonly imports: { readonly succeeded: number; readonly failed: number };
  readonly containers: readonly string[];
}

const ORDER: Record<Classification, number> = { 'needs-action': 0, transient: 1, benign: 2 };

export function summarize(events: readonly LogEvent[], errors: readonly ExplainedError[], sessions: readonly Session[], uncounted = 0): LogSummary {
  const groups = new Map<string, { g: Omit<KindGroup, 'count' | 'affectedItems'>; count: number; affected: number }>();
  const count: Record<Classification, number> = { 'needs-action': 0, transient: 0, benign: 0 };
  const containers = new Set<string>();
  for (const e of errors) {
    count[e.classification]++;
    if (e.container) containers.add(e.container);
    const key = `${e.kind.id}|${e.recordType ?? ''}|${e.field ?? ''}`;
    const g = groups.get(key);
    if (g) { g.count++; g.affected = Math.max(g.affected, e.affectedItems); continue; }
    groups.set(key, { g: { id: e.kind.id, title: e.kind.title, classification: e.classification, example: e.message,
      recordType: e.recordType, field: e.field, firstLine: e.range.start.line }, count: 1, affected: e.affectedItems });
  }
  for (const ev of events) if (ev.kind === 'options' && ev.label) containers.add(ev.label);
  const kinds = [...groups.values()].map(({ g, count: c, affected }) => ({ ...g, count: c, affectedItems: affected }))
    .sort((a, b) => ORDER[a.classification] - ORDER[b.classification] || a.firstLine - b.firstLine);
  const setupFailed = events.some((e) => e.kind === 'setup-failed' || e.kind === 'request-aborted')
    || errors.some((e) => e.kind.id === 'setup-never-initialized' || e.chain[0] === '134406');
  const activities = sessions.flatMap((s) => s.activities);
  const tally = (kind: 'export' | 'import') => ({
    succeeded: activities.filter((a) => a.kind === kind && a.success === true).length,
    failed: activities.filter((a) => a.kind === kind && a.success === false).length,
  });
  return {
    headline: headline(kinds, count, setupFailed, uncounted), needsAction: count['needs-action'], transient: count.transient, benign: count.benign,
    setupFailed, kinds, exports: tally('export'), imports: tally('import'), containers: [...containers].filter(Boolean),
  };
}

function headline(kinds: readonly KindGroup[], count: Record<Classification, number>, setupFailed: boolean, uncounted: number): string {
  const top = kinds.find((k) => k.classification === 'needs-action');
  const more = uncounted ? ` (and ${uncounted} more errors not listed)` : '';
  if (!top) {
    const total = count.transient + count.benign;
    const tail = total ? `no error needs action (${count.transient} transient, will retry; ${count.benign} benign)` : 'no errors found';
    return (setupFailed ? `setup never completed; ${tail}` : tail) + more;
  }
  const others = kinds.filter((k) => k.classification === 'needs-action').length - 1;
  const phrase = `${phraseOf(top)}${top.affectedItems > 1 ? `; ${top.affectedItems} items failed with it` : ''}${others > 0 ? `; ${others} other kind${others === 1 ? '' : 's'} of error need${others === 1 ? 's' : ''} action` : ''}`;
  return (setupFailed ? `setup never completed: ${phrase}` : `${count['needs-action']} error${count['needs-action'] === 1 ? ' needs' : 's need'} action: ${phrase}`) + more;
}

function phraseOf(k: KindGroup): string {
  if (k.id === 'production-schema' && k.recordType) {
    return k.field ? `the production schema lacks ${k.recordType}.${k.field}` : `the production schema lacks the record type ${k.recordType}`;
  }
  return k.title.charAt(0).toLowerCase() + k.title.slice(1);
}
