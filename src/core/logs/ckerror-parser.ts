import { CLIENT_CODE_OF_SERVER_CODE, LARGEST_CLIENT_CODE, clientCodeFromName } from './ckerror-codes';
import { cleanValue, closingQuote, skipField } from './description-text';
import type { DecodedError, RecordRef } from './types';

/**
 * Parses CKError descriptions (reference/sync-logs.md §3):
 * `<CKError 0x…: "<Name>" (<code>/<serverCode>); server message = "<m>" | "<description>"; op = <hex>;
 * uuid = <UUID>; container ID = "<id>"; partial errors: {…}; Retry after <n> seconds>` and the bare
 * `"<Name>" (<code>/<serverCode>); "<description>"` quoted in prose [L010] [L023]. Elisions (`…`) and
 * placeholders from the technotes are skipped; a description cut by the paste ends where the text does.
 *
 * Works on the structural view (see description-text.ts) for positions and on the original text for values.
 */
export interface ParseContext {
  readonly view: string;
  readonly text: string;
  /** Start offsets of every `<CKError` consumed as a partial error (the scanner skips them). */
  readonly consumed: Set<number>;
}

const ADDRESS = /\s*(?:0x[0-9a-fA-F]+|…|\.{3})?\s*:\s*/y;
const NAME_AND_CODES = /"([^"\n]*)"\s*\((\d+)(?:\/(?:(\d+)|([A-Za-z]+):(-?\d+)))?\)/y;
const OMITTED = /(?:\.{3}|…)?\s*(\d+)\s+"\s*Batch Request Failed\s*"\s+CKError's\s+omit+ed\s*(?:\.{3}|…)?/y;
const RETRY = /Retry after (\d+(?:\.\d+)?) seconds/y;

type Mutable = { -readonly [K in keyof DecodedError]: DecodedError[K] };

/** `at` is the index of `<CKError`. */
export function parseCKErrorDescription(ctx: ParseContext, at: number, record?: RecordRef): DecodedError {
  const { view } = ctx;
  let i = at + '<CKError'.length;
  ADDRESS.lastIndex = i;
  if (ADDRESS.exec(view)) i = ADDRESS.lastIndex;
  const e = base(at, record);
  NAME_AND_CODES.lastIndex = i;
  const m = NAME_AND_CODES.exec(view);
  if (m) {
    setCodes(e, m);
    i = NAME_AND_CODES.lastIndex;
  }
  const end = parseFields(ctx, e, i, false);
  e.end = end;
  return e as DecodedError;
}

/** `at` is the index of the opening quote of `"<Name>" (n/m)`. */
export function parseBareCKError(ctx: ParseContext, at: number): DecodedError | undefined {
  NAME_AND_CODES.lastIndex = at;
  const m = NAME_AND_CODES.exec(ctx.view);
  if (!m) return undefined;
  const e = base(at);
  (e as Mutable).form = 'bare';
  setCodes(e, m);
  e.end = parseFields(ctx, e, NAME_AND_CODES.lastIndex, true);
  return e as DecodedError;
}

function base(at: number, record?: RecordRef): Mutable {
  return { domain: 'CKErrorDomain', form: 'description', partialErrors: [], underlying: [], start: at, end: at, ...(record ? { record } : {}) };
}

function setCodes(e: Mutable, m: RegExpExecArray): void {
  e.name = m[1].trim();
  const first = Number(m[2]);
  if (m[3] !== undefined) {
    e.code = first;
    e.serverCode = Number(m[3]);
  } else if (m[4] !== undefined) {
    // `(6/NSCocoaErrorDomain:4099)`: the underlying error is from another domain (reference §3, unverified).
    e.code = first;
    e.userInfo = { underlyingDomain: m[4], underlyingCode: m[5] };
  } else if (first > LARGEST_CLIENT_CODE) {
    e.serverCode = first;
    const inferred = CLIENT_CODE_OF_SERVER_CODE[first] ?? clientCodeFromName(e.name);
    if (inferred !== undefined) { e.code = inferred; e.codeInferred = true; }
  } else e.code = first;
}

/** Reads `; field` parts until `>` (returns the index after it) or, for a bare error, the first unknown part. */
function parseFields(ctx: ParseContext, e: Mutable, from: number, bare: boolean): number {
  const { view, text } = ctx;
  let i = from;
  for (;;) {
    const before = i;
    while (i < view.length && /[\s;]/.test(view[i])) i++;
    if (i >= view.length) { if (!bare) e.truncated = true; return i; }
    if (bare && !view.slice(before, i).includes(';')) return before;
    const c = view[i];
    if (c === '>') return bare ? before : i + 1;
    // A `}` or the omitted-siblings note: this description lost its `>` to an elision inside a partial-errors map.
    if (c === '}' || OMITTED_AT(view, i)) return before;
    if (c === '…' || view.startsWith('...', i)) { i += c === '…' ? 1 : 3; continue; }
    const rest = view.slice(i, i + 40);
    if (c === '"') {
      const q = closingQuote(view, i);
      const value = cleanValue(text.slice(i + 1, q.end));
      if (e.description === undefined) e.description = value;
      if (q.truncated) e.truncated = true;
      i = q.end + 1;
    } else if (rest.startsWith('server message = ')) {
      i += 'server message = '.length;
      if (view[i] === '"') {
        const q = closingQuote(view, i);
        e.serverMessage = cleanValue(text.slice(i + 1, q.end));
        if (q.truncated) e.truncated = true;
        i = q.end + 1;
      }
    } else if (/^(?:op|uuid|container ID) = /.test(rest)) {
      const key = rest.slice(0, rest.indexOf(' = '));
      i += key.length + 3;
      while (view[i] === ' ') i++;
      let value: string;
      if (view[i] === '"') {
        const q = closingQuote(view, i);
        value = cleanValue(text.slice(i + 1, q.end));
        i = q.end + 1;
      } else {
        const stop = skipField(view, i);
        value = cleanValue(text.slice(i, stop));
        i = stop;
      }
      if (value === '…' || value === '...') value = '';
      if (key === 'op') e.operation = value;
      else if (key === 'uuid') e.uuid = value;
      else e.container = value;
    } else if (rest.startsWith('partial errors: {') || rest.startsWith('partial errors:{')) {
      i = parsePartials(ctx, e, view.indexOf('{', i));
    } else if (rest.startsWith('Retry after ')) {
      RETRY.lastIndex = i;
      const r = RETRY.exec(view);
      if (r) { e.retryAfterSeconds = Number(r[1]); i = RETRY.lastIndex; } else i = skipField(view, i);
    } else if (bare) {
      return before;
    } else {
      // An elision (`…`), a placeholder or a field we do not know: step over it.
      const stop = skipField(view, i);
      i = stop === i ? i + 1 : stop;
    }
  }
}

function OMITTED_AT(view: string, i: number): RegExpExecArray | null {
  OMITTED.lastIndex = i;
  return OMITTED.exec(view);
}

/** `{ key = <CKError …> … N "Batch Request Failed" CKError's omited … }`; returns the index after `}`. */
function parsePartials(ctx: ParseContext, e: Mutable, open: number): number {
  const { view, text } = ctx;
  const partials: DecodedError[] = [];
  let i = open + 1;
  for (;;) {
    while (i < view.length && /[\s,;]/.test(view[i])) i++;
    if (i >= view.length) { e.truncated = true; break; }
    if (view[i] === '}') { i++; break; }
    const om = OMITTED_AT(view, i);
    if (om) {
      e.omittedBatchErrors = (e.omittedBatchErrors ?? 0) + Number(om[1]);
      i = OMITTED.lastIndex;
      continue;
    }
    const next = view.indexOf('<CKError', i);
    const close = view.indexOf('}', i);
    if (next < 0 || (close >= 0 && close < next && !/<CKRecordID/.test(view.slice(i, close)))) {
      // Elisions or text up to the closing brace: skip it.
      if (close < 0) { e.truncated = true; i = view.length; break; }
      i = close + 1;
      break;
    }
    const key = text.slice(i, next).replace(/[\s=]+$/, '').replace(/^"|"$/g, '');
    ctx.consumed.add(next);
    const child = parseCKErrorDescription(ctx, next, key && !/^(?:…|\.{3})$/.test(key.trim()) ? parseRecordKey(key) : undefined);
    partials.push(child);
    i = Math.max(child.end, next + 1);
  }
  e.partialErrors = partials;
  return i;
}

/**
 * A partial-error key: `<recordName>:(<zone>:<owner>)` [T64] [L011], a zone ID `<zone>:<owner>` for zone
 * operations [L029], or a `<CKRecordID: …; recordName=…, zoneID=<zone>:<owner>>` description [L012].
 */
export function parseRecordKey(raw: string): RecordRef {
  const key = cleanValue(raw).replace(/^"|"$/g, '');
  let m = /recordName=([^,;>]+)(?:,\s*zoneID=([^:>;]+)(?::([^>;]+))?)?/.exec(key);
  if (m) return { raw: key, recordName: m[1].trim(), zone: m[2]?.trim(), owner: m[3]?.trim() };
  m = /^(.+?):\((?:([^:)]*)(?::([^)]*))?)?\)?$/.exec(key);
  if (m) return { raw: key, recordName: m[1], zone: m[2] || undefined, owner: m[3] || undefined };
  m = /^([^:\s]+):([^:\s]+)$/.exec(key);
  if (m) return { raw: key, zone: m[1], owner: m[2] };
  return { raw: key };
}
