import type { DecodedError } from './types';

/**
 * Errors recognised by their text alone: server messages quoted without the CKError around them, Core
 * Data texts without their NSError, and non-error lines that look alarming. Each pattern names the code
 * the text belongs to and the corpus excerpt or reference row it comes from.
 */
export interface MessagePattern {
  readonly id: string;
  readonly re: RegExp;
  readonly domain: string;
  readonly code?: number;
  readonly serverCode?: number;
  /** Named groups become facts; `serverMessage` is the whole match unless `describe` is false. */
  readonly facts?: readonly string[];
  readonly asServerMessage?: boolean;
}

export const MESSAGE_PATTERNS: readonly MessagePattern[] = [
  // 12/2006 server messages [T64 Mirror your Core Data model] [L011] [L012] [L013]
  { id: 'production-field', re: /Cannot create or modify field '(?<field>[^'\n]*)' in record '(?<recordType>[^'\n]*)' in production schema/g, domain: 'CKErrorDomain', code: 12, serverCode: 2006, asServerMessage: true },
  { id: 'production-type', re: /Cannot create new type (?<recordType>[^\s'"]+) in production schema/g, domain: 'CKErrorDomain', code: 12, serverCode: 2006, asServerMessage: true },
  // 11 for queries on a type missing from Production [L014]
  { id: 'unknown-record-type', re: /Did not find record type: (?<recordType>[\w.]+)/g, domain: 'CKErrorDomain', code: 11, asServerMessage: true },
  // 27/1020 (older: 12/1020) items per request [L022] [L023] [L024]
  { id: 'too-many-items', re: /Your request contains (?:(?<items>\d+) items which is )?more than the maximum number of items in a single request \((?<limit>\d+)\)/g, domain: 'CKErrorDomain', code: 27, serverCode: 1020, asServerMessage: true },
  // 14/2004 [L025] [L026]
  { id: 'record-exists', re: /record to insert already exists/g, domain: 'CKErrorDomain', code: 14, serverCode: 2004, asServerMessage: true },
  { id: 'oplock', re: /client oplock error updating record/g, domain: 'CKErrorDomain', code: 14, serverCode: 2004, asServerMessage: true },
  // benign: subscription already saved [L036]
  { id: 'subscription-duplicate', re: /subscription is duplicate of '(?<subscription>[^'\n]*)'/g, domain: 'CKErrorDomain', asServerMessage: true },
  // 26/2036, 28/2042 [L028] [L029]
  { id: 'zone-missing', re: /Zone '(?<zone>[^'\n]+)' does not exist/g, domain: 'CKErrorDomain', code: 26, serverCode: 2036, asServerMessage: true },
  { id: 'zone-purged', re: /Zone was purged by user/g, domain: 'CKErrorDomain', code: 28, serverCode: 2042, asServerMessage: true },
  // Missing iCloud entitlement: CloudKit traps instead of returning an error [L004]
  { id: 'entitlement', re: /In order to use CloudKit, your process must\s+have a (?<entitlement>[\w.-]+) entitlement/g, domain: 'CloudKit' },
  // Localized descriptions only [L030] [L031]
  { id: 'partial-failure-localized', re: /Partial Failure: some items failed, but the operation succeeded overall/g, domain: 'CKErrorDomain', code: 2 },
  { id: 'ckerror-localized', re: /\(CKErrorDomain error (?<code>\d+)\.\)/g, domain: 'CKErrorDomain' },
  // 134060 validator headers (reference/coredata-model.md §3.1; the items follow, one `Entity: property` a line) [L001]
  { id: 'model-validator', re: /(?:CloudKit integration (?:does not support|does not allow|requires that)[^\n]*?|The following (?:attributes|entities|relationships) (?:have invalid values|use mergeable storage|are configured with unsupported delete rules)[^\n]*?)[:.](?=[ \t]*(?:\n|$))/g, domain: 'NSCocoaErrorDomain', code: 134060 },
  // Core Data texts seen without their NSError wrapper (reference §5)
  { id: 'no-account', re: /Unable to initialize without (?:a valid|an) iCloud account \((?<status>\w+)\)/g, domain: 'NSCocoaErrorDomain', code: 134400 },
  { id: 'second-instance', re: /another instance of this persistent store actively syncing with CloudKit/g, domain: 'NSCocoaErrorDomain', code: 134410 },
  { id: 'pending-request', re: /was cancelled because there is already a pending request of type '(?<requestType>[^'\n]*)'/g, domain: 'NSCocoaErrorDomain', code: 134417 },
  { id: 'deferred', re: /(?:request|History analysis) was aborted because (?:it|the activity) was deferred by the system/g, domain: 'NSCocoaErrorDomain', code: 134419 },
  // Benign lines that read like failures [L034] [L035]
  { id: 'teardown', re: /Told to tear down with reason: (?<reason>[^\n]+)/g, domain: 'CoreData+CloudKit' },
  { id: 'skipping-migration', re: /Skipping migration for '(?<table>[^'\n]+)' because it already has a column named '(?<column>[^'\n]+)'/g, domain: 'CoreData+CloudKit' },
  { id: 'exporter-caught-up', re: /Ignoring remote change notification because the exporter has already caught up to this transaction/g, domain: 'CoreData+CloudKit' },
  // dasd decisions on the mirroring activities [T63 Understand system throttles] [L018]
  { id: 'dasd-must-not-proceed', re: /FinalDecision:\s*Must Not Proceed/g, domain: 'dasd' },
];

/** Reads the validator's `Entity: property` lines after a 134060 header [reference coredata-model.md §3.1]. */
export function validatorItems(text: string, from: number): { items: string[]; end: number } {
  const items: string[] = [];
  const re = /\n[ \t]*([A-Za-z_][\w.]*)[ \t]*:[ \t]*([^\n]*)/y;
  re.lastIndex = from;
  let end = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    items.push(`${m[1]}: ${m[2].trim()}`);
    end = re.lastIndex;
  }
  return { items, end };
}

/** A DecodedError for one pattern match in the entry text. */
export function messageError(p: MessagePattern, m: RegExpExecArray, text: string): DecodedError {
  const facts: Record<string, string> = { pattern: p.id };
  for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) facts[k] = v;
  let end = m.index + m[0].length;
  let code = p.code;
  if (p.id === 'ckerror-localized') code = Number(facts.code);
  if (p.id === 'model-validator') {
    const v = validatorItems(text, end);
    facts.rule = m[0];
    facts.items = v.items.join('\n');
    end = Math.max(end, v.end);
  }
  if (p.id === 'dasd-must-not-proceed') {
    // The policy is named earlier in the same dasd entry [L018].
    const before = text.slice(0, m.index);
    const policies = [...before.matchAll(/name:\s*([A-Za-z ]+?Policy)[^\n]*?(?:\n[^\n]*?)?Decision:\s*Must Not Proceed/g)].map((x) => x[1]);
    const activity = /com\.apple\.coredata\.cloudkit\.activity\.(\w+)\.([0-9A-F-]{36})/.exec(before);
    facts.policy = policies.length ? policies[policies.length - 1] : 'unknown';
    if (activity) { facts.activity = activity[1]; facts.store = activity[2]; }
  }
  return {
    domain: p.domain, form: 'message', ...(code !== undefined ? { code, codeInferred: true } : {}),
    ...(p.serverCode !== undefined ? { serverCode: p.serverCode } : {}),
    ...(p.asServerMessage ? { serverMessage: m[0] } : { description: m[0] }),
    facts, partialErrors: [], underlying: [], start: m.index, end,
  };
}
