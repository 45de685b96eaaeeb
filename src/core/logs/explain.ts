import { CKERROR_NAMES } from './ckerror-codes';
import { CKERROR_KINDS } from './kinds/ckerror-kinds';
import { COCOA_KINDS } from './kinds/cocoa-kinds';
import type { ErrorKind } from './kinds/error-kind';
import { MESSAGE_KINDS } from './kinds/message-kinds';
import type { Classification, DecodedError, SourceRef } from './types';

/**
 * Explains one decoded error tree: finds the error that is the cause (not the Partial Failure, the 134406
 * or the Batch Request Failed siblings around it), its kind and classification, and the CloudKit names
 * it mentions (record type, field, container) so the editor can tie them to the workspace.
 */
export const ALL_KINDS: readonly ErrorKind[] = [...MESSAGE_KINDS, ...COCOA_KINDS, ...CKERROR_KINDS];

const OTHER: ErrorKind = {
  id: 'error-other', title: 'Error', classification: 'transient',
  matches: () => true,
  meaning: 'An error this explainer has no entry for.', action: 'Read the error; TN3163 explains how to capture a sysdiagnose for Apple.',
  sources: [{ doc: 'TN3163', section: 'Capture and analyze a sysdiagnose' }],
};

export function kindOf(e: DecodedError): ErrorKind {
  return ALL_KINDS.find((k) => k.matches(e)) ?? OTHER;
}

export interface Explanation {
  readonly kind: ErrorKind;
  readonly classification: Classification;
  /** The error that is the cause (may be the root itself). */
  readonly cause: DecodedError;
  /** Codes from the root down to the cause, e.g. `134406 › 2/1011 › 12/2006`. */
  readonly chain: readonly string[];
  /** Every code in the tree, for tests and JSON (`12/2006`, `134406`, `2`). */
  readonly codes: readonly string[];
  /** Items that failed with the cause's kind, counting `N "Batch Request Failed" … omited` siblings. */
  readonly affectedItems: number;
  readonly recordType?: string;
  readonly field?: string;
  readonly container?: string;
  /** 134060 validator lines (`Entity: property`). */
  readonly modelItems?: readonly string[];
  readonly retryAfterSeconds?: number;
  readonly message: string;
  readonly sources: readonly SourceRef[];
}

const RANK: Record<Classification, number> = { 'needs-action': 2, transient: 1, benign: 0 };

export function codeLabel(e: DecodedError): string {
  if (e.code === undefined && e.serverCode === undefined) return e.facts?.pattern ?? e.domain;
  if (e.domain === 'CKErrorDomain') return e.serverCode !== undefined ? `${e.code ?? '?'}/${e.serverCode}` : `${e.code}`;
  return `${e.code}`;
}

export function children(e: DecodedError): readonly DecodedError[] {
  return [...e.partialErrors, ...e.underlying];
}

export function explain(root: DecodedError): Explanation {
  const path: DecodedError[] = [];
  let best: { e: DecodedError; kind: ErrorKind; path: DecodedError[] } | undefined;
  const codes = new Set<string>();
  const visit = (e: DecodedError) => {
    path.push(e);
    codes.add(codeLabel(e));
    const kind = kindOf(e);
    const isWrapper = kind.wrapper?.(e) ?? false;
    if (!isWrapper && (!best || RANK[kind.classification] > RANK[best.kind.classification])) best = { e, kind, path: [...path] };
    for (const c of children(e)) visit(c);
    path.pop();
  };
  visit(root);
  if (!best) best = { e: root, kind: kindOf(root), path: [root] };
  const { e: cause, kind } = best;
  const affected = countAffected(root, kind);
  const names = namesIn(cause);
  const container = findInTree(root, (e) => e.container || undefined);
  const retry = findInTree(root, (e) => e.retryAfterSeconds);
  const modelItems = cause.facts?.items ? cause.facts.items.split('\n').filter(Boolean) : undefined;
  return {
    kind, classification: kind.classification, cause,
    chain: best.path.map(codeLabel), codes: [...codes], affectedItems: affected,
    ...names, ...(container ? { container } : {}), ...(retry !== undefined ? { retryAfterSeconds: retry } : {}),
    ...(modelItems?.length ? { modelItems } : {}),
    message: messageOf(kind, cause, best.path, affected, retry), sources: kind.sources,
  };
}

function countAffected(root: DecodedError, kind: ErrorKind): number {
  let n = 0;
  const visit = (e: DecodedError) => {
    if (e.partialErrors.length || e.omittedBatchErrors) {
      n += e.partialErrors.filter((p) => kindOf(p) === kind || kindOf(p).id === 'batch-request-failed').length + (e.omittedBatchErrors ?? 0);
    }
    for (const c of children(e)) visit(c);
  };
  visit(root);
  return n;
}

function findInTree<T>(e: DecodedError, get: (e: DecodedError) => T | undefined): T | undefined {
  const v = get(e);
  if (v !== undefined) return v;
  for (const c of children(e)) {
    const w = findInTree(c, get);
    if (w !== undefined) return w;
  }
  return undefined;
}

/** Record type and field named in a server message or extracted by a message pattern. */
function namesIn(e: DecodedError): { recordType?: string; field?: string } {
  const m = /field '([^']*)' in record '([^']*)'/.exec(e.serverMessage ?? e.description ?? '');
  if (m) return { field: m[1], recordType: m[2] };
  const t = /(?:new type|record type:) ([\w.]+)/.exec(e.serverMessage ?? e.description ?? '');
  if (t) return { recordType: t[1] };
  return e.facts?.recordType ? { recordType: e.facts.recordType, ...(e.facts.field ? { field: e.facts.field } : {}) } : {};
}

function messageOf(kind: ErrorKind, cause: DecodedError, path: readonly DecodedError[], affected: number, retry?: number): string {
  const name = cause.name ?? (cause.domain === 'CKErrorDomain' && cause.code !== undefined ? CKERROR_NAMES[cause.code] : undefined);
  const codes = cause.code !== undefined || cause.serverCode !== undefined ? `${codeLabel(cause)}${name ? ` ${name}` : ''}` : '';
  const said = cause.serverMessage ?? cause.description;
  const head = [kind.title, codes && `(${codes})`].filter(Boolean).join(' ');
  const parts = [head + (said && said !== kind.title ? `: ${said.length > 200 ? said.slice(0, 199) + '…' : said}` : '')];
  if (path.length > 1) parts.push(`via ${path.slice(0, -1).map(codeLabel).join(' › ')}`);
  if (affected > 1) parts.push(`${affected} items failed with it`);
  if (retry !== undefined) parts.push(`retry after ${retry} s`);
  return parts.join('; ');
}
