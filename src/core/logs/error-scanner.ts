import { parseBareCKError, parseCKErrorDescription, parseRecordKey, type ParseContext } from './ckerror-parser';
import { structuralView } from './description-text';
import { MESSAGE_PATTERNS, messageError } from './message-patterns';
import { parseNSError } from './nserror-parser';
import type { DecodedError } from './types';

/**
 * Finds every error in one entry's text and returns the outermost ones as trees: partial errors under
 * their Partial Failure, and errors printed inside another error's message or userInfo (134406 quoting
 * the setup error [T64], `encounteredErrors` [L002], `NSUnderlyingError` [T62]) as its `underlying`.
 */
export const MAX_ERRORS_PER_ENTRY = 200;

interface Node { e: DecodedError; children: Node[] }

/** Words without which no parser or message pattern can match: most log lines are skipped on this test. */
const MAY_HOLD_ERROR = /CKError|Error Domain=|"\s*\(\d|\(\d+\/\d+\)|production schema|record type|request contains|already exists|oplock|duplicate of|does not exist|purged|entitlement|Partial Failure|CloudKit integration|The following|iCloud account|another instance|pending request|deferred by the system|tear down|Skipping migration|caught up|Must Not Proceed/;

const CKERROR_START = /<CKError\b/g;
const BARE_START = /"[A-Z][A-Za-z ]{2,40}"\s*\(\d+(?:\/\d+)?\)/g;

/** Every match of a global pattern, from the start (what matchAll gives, without cloning the pattern). */
function execAll(re: RegExp, s: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.push(m);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

export function scanErrors(text: string): DecodedError[] {
  if (!MAY_HOLD_ERROR.test(text)) return [];
  const view = structuralView(text);
  const ctx: ParseContext = { view, text, consumed: new Set() };
  const found: DecodedError[] = [];

  // indexOf and exec loops rather than matchAll, which clones its pattern on every call (the costliest
  // part of reading an error line; bench/cases/log-read.bench.ts).
  for (let at = view.indexOf('Error Domain='); at >= 0; at = view.indexOf('Error Domain=', at + 1)) {
    const e = parseNSError(view, text, at);
    if (e) found.push(e);
    if (found.length >= MAX_ERRORS_PER_ENTRY) break;
  }
  const descriptions: DecodedError[] = [];
  for (const m of execAll(CKERROR_START, view)) {
    if (ctx.consumed.has(m.index) || found.length >= MAX_ERRORS_PER_ENTRY) continue;
    const e = parseCKErrorDescription(ctx, m.index, recordKeyBefore(view, text, m.index));
    descriptions.push(e);
    found.push(e);
  }
  const inside = (at: number, list: readonly DecodedError[]) => list.some((d) => at >= d.start && at < d.end);
  for (const m of execAll(BARE_START, view)) {
    if (inside(m.index, descriptions) || found.length >= MAX_ERRORS_PER_ENTRY) continue;
    const e = parseBareCKError(ctx, m.index);
    if (e) { descriptions.push(e); found.push(e); }
  }
  for (const p of MESSAGE_PATTERNS) {
    for (const m of execAll(p.re, view)) {
      if (inside(m.index, descriptions) || found.length >= MAX_ERRORS_PER_ENTRY) continue;
      const e = messageError(p, m, text);
      // The same fact inside its own NSError (e.g. 134400's text in the 134400 error) adds nothing.
      if (found.some((f) => f.form === 'nserror' && f.code === e.code && e.code !== undefined && m.index >= f.start && m.index < f.end)) continue;
      found.push(e);
    }
  }
  return nest(found);
}

/** `key = <CKError` on the same line: a partial-error dictionary entry printed on its own [L012] [L028]. */
function recordKeyBefore(view: string, text: string, at: number): DecodedError['record'] {
  const lineStart = view.lastIndexOf('\n', at - 1) + 1;
  const m = /(?:^|[\s"])((?:<CKRecordID[^>]*>)|[^\s"=<>]+:(?:\([^)\s]*\)?|[^\s"=<>]+))"?\s*=\s*"?\s*$/.exec(view.slice(lineStart, at));
  if (!m) return undefined;
  const start = lineStart + m.index + m[0].indexOf(m[1]);
  return parseRecordKey(text.slice(start, start + m[1].length));
}

function nest(found: DecodedError[]): DecodedError[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const roots: Node[] = [];
  const stack: Node[] = [];
  for (const e of sorted) {
    while (stack.length && stack[stack.length - 1].e.end <= e.start) stack.pop();
    const node: Node = { e, children: [] };
    if (stack.length) stack[stack.length - 1].children.push(node);
    else roots.push(node);
    stack.push(node);
  }
  return roots.map(build);
}

function build(n: Node): DecodedError {
  const seen = new Set<string>();
  const underlying: DecodedError[] = [];
  for (const c of n.children.map(build)) {
    const key = signature(c);
    // 134406 prints the setup error twice (message and NSLocalizedFailureReason) [L011].
    if (seen.has(key) || key === signature(n.e)) continue;
    seen.add(key);
    underlying.push(c);
  }
  return underlying.length ? { ...n.e, underlying: [...n.e.underlying, ...underlying] } : n.e;
}

export function signature(e: DecodedError): string {
  return [e.domain, e.code, e.serverCode, e.serverMessage ?? e.description ?? '', e.partialErrors.length, e.omittedBatchErrors ?? 0,
    e.partialErrors.map(signature).join('|')].join('/');
}
