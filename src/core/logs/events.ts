import type { EventKind } from './types';

/**
 * Lifecycle messages of NSCloudKitMirroringDelegate, matched on their text, never on line numbers or
 * selectors, which change per OS (reference/sync-logs.md §2, [DEC] [T63] [T64]). Push and event-changed
 * lines are recognised by words only: no real excerpt shows them, so those two patterns are our guess.
 */
export interface EventMatch {
  readonly kind: EventKind;
  readonly at: number;
  readonly end: number;
  readonly label?: string;
  readonly requestId?: string;
  readonly success?: boolean;
  readonly detail?: string;
}

const UUID = '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}';

interface Pattern {
  readonly kind: EventKind;
  readonly re: RegExp;
  readonly read?: (m: RegExpExecArray) => Partial<EventMatch>;
}

const PATTERNS: readonly Pattern[] = [
  { kind: 'options', re: /Validating options: <NSCloudKitMirroringDelegateOptions[^>]*>\s*containerIdentifier:(\S+) databaseScope:(\w+)/,
    read: (m) => ({ detail: `container ${m[1]}, ${m[2]} database`, label: m[1] }) },
  { kind: 'setup', re: new RegExp(String.raw`Successfully enqueued setup request:?\s*(?:<[^>]*>\s*)?(${UUID})?`), read: (m) => ({ requestId: m[1] }) },
  { kind: 'setup-failed', re: /Failed to set up CloudKit integration for store/ },
  { kind: 'request-aborted', re: new RegExp(String.raw`Never successfully initialized and cannot execute request '(?:<(\w+)[^>]*>\s*)?(${UUID})?`),
    read: (m) => ({ requestId: m[2], label: m[1] }) },
  { kind: 'export-begin', re: /Beginning automated export\s+-\s+(\w+)/, read: (m) => ({ label: m[1] }) },
  { kind: 'import-begin', re: /Beginning automated import\s+-\s+(\w+(?:-[\w-]+)?)/, read: (m) => ({ label: m[1] }) },
  { kind: 'export-end', re: /Finished automatic export\s+-\s+(\w+)\s+-\s+with result:[\s\S]*?success: ([01])/, read: (m) => ({ label: m[1], success: m[2] === '1' }) },
  { kind: 'import-end', re: /Finished automatic import\s+-\s+(\w+)\s+-\s+with result:[\s\S]*?success: ([01])/, read: (m) => ({ label: m[1], success: m[2] === '1' }) },
  { kind: 'request-finished', re: new RegExp(String.raw`Finished request:\s*(?:<(\w+)[^>]*>\s*)?(${UUID})?[\s\S]*?success: ([01])`),
    read: (m) => ({ label: m[1], requestId: m[2], success: m[3] === '1' }) },
  { kind: 'reset', re: /resetting internal state after error|Resetting internal state|_performResetRequest/ },
  { kind: 'account', re: /accountStatus=([^,;>]+)|(?:account (?:changed|change detected)|CKAccountChanged)/i,
    read: (m) => ({ detail: m[1] ? `account status: ${m[1].trim()}` : 'account changed' }) },
  { kind: 'teardown', re: /Told to tear down with reason: ([^\n]+)/, read: (m) => ({ detail: m[1].trim() }) },
  { kind: 'dasd-decision', re: /com\.apple\.coredata\.cloudkit\.activity\.(\w+)[\s\S]*?FinalDecision:\s*(Can Proceed|Must Not Proceed)/,
    read: (m) => ({ label: m[1], detail: m[2], success: m[2] === 'Can Proceed' }) },
  { kind: 'push', re: /(?:received|didReceive\w*)\s+(?:a\s+)?(?:push|remote notification)|APSIncomingMessage/i },
  { kind: 'event-changed', re: /NSPersistentCloudKitContainerEventChangedNotification|eventChangedNotification|NSPersistentCloudKitContainer\.Event\b/ },
];

/** Quick filter: only entries naming one of these words can hold an event. */
const ANY = /options|setup|set up|initialized|automat|Finished request|reset|account|tear down|FinalDecision|push|remote notification|APSIncoming|ventChanged|NSPersistentCloudKitContainer\.Event/i;

export function findEvents(text: string): EventMatch[] {
  if (!ANY.test(text)) return [];
  const out: EventMatch[] = [];
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (m) out.push({ kind: p.kind, at: m.index, end: m.index + m[0].length, ...(p.read?.(m) ?? {}) });
  }
  // An export/import end also prints `Finished request`-like text; keep the more specific event.
  return out.filter((e) => !(e.kind === 'request-finished' && out.some((o) => o.kind === 'export-end' || o.kind === 'import-end')));
}
