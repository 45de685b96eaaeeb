import { SaxesParser } from 'saxes';
import type { Span } from '../text/span';

/**
 * Reads an XML property list (entitlements, Info.plist) into nodes that keep their source spans, so a
 * diagnostic can sit on the `<key>` at fault and a quick fix can insert one `<string>` without
 * re-serializing the file.
 *
 * saxes (already the XML parser of the model reader) does the XML: well-formedness, entities, events with
 * offsets. The plist layer on top is small: dict/array/string/integer/real/true/false/date/data, the
 * element set of Apple's PropertyList-1.0.dtd. Binary plists (`bplist00`) and non-UTF-8 text are
 * reported by `decodePlistBytes`, never parsed. Nothing here throws.
 */
export type PlistNode = PlistDict | PlistArray | PlistScalar | PlistBoolean;

interface NodeBase {
  /** From `<` of the start tag to after `>` of the end tag. */
  readonly span: Span;
}

export interface PlistEntry {
  readonly key: string;
  /** The whole `<key>…</key>` element. */
  readonly keySpan: Span;
  readonly value?: PlistNode;
}

export interface PlistDict extends NodeBase {
  readonly kind: 'dict';
  readonly entries: readonly PlistEntry[];
  /** Offset of `</dict>` (where a new entry goes); undefined for `<dict/>`. */
  readonly closeStart?: number;
}

export interface PlistArray extends NodeBase {
  readonly kind: 'array';
  readonly items: readonly PlistNode[];
  /** Offset of `</array>`; undefined for `<array/>`. */
  readonly closeStart?: number;
}

export interface PlistScalar extends NodeBase {
  readonly kind: 'string' | 'integer' | 'real' | 'date' | 'data';
  readonly value: string;
  /** The text between the tags (empty span for `<string/>`). */
  readonly valueSpan: Span;
}

export interface PlistBoolean extends NodeBase {
  readonly kind: 'boolean';
  readonly value: boolean;
}

export interface PlistProblem {
  readonly message: string;
  readonly span: Span;
  readonly severity: 'error' | 'warning';
}

export interface PlistDocument {
  readonly text: string;
  readonly root?: PlistNode;
  readonly problems: readonly PlistProblem[];
}

const SCALARS = new Set(['string', 'integer', 'real', 'date', 'data']);

type Frame =
  | { tag: 'plist' }
  | { tag: 'dict'; start: number; entries: PlistEntry[]; pendingKey?: { key: string; keySpan: Span } }
  | { tag: 'array'; start: number; items: PlistNode[] }
  | { tag: 'key'; start: number; text: string; contentStart: number }
  | { tag: 'scalar'; kind: PlistScalar['kind']; start: number; text: string; contentStart: number }
  | { tag: 'boolean'; start: number; value: boolean };

/** Parses XML plist text. Offsets are UTF-16 indexes into `text` (what editors use). */
export function readPlist(text: string): PlistDocument {
  const problems: PlistProblem[] = [];
  const stack: Frame[] = [];
  let root: PlistNode | undefined;
  let tagStart = 0;
  const parser = new SaxesParser({ position: true });

  const attach = (node: PlistNode): void => {
    const parent = stack[stack.length - 1];
    if (!parent || parent.tag === 'plist') { if (!root) root = node; return; }
    if (parent.tag === 'array') parent.items.push(node);
    else if (parent.tag === 'dict') {
      if (!parent.pendingKey) { problems.push({ message: `A <${node.kind === 'boolean' ? String(node.value) : node.kind}> in a <dict> without a <key> before it.`, span: node.span, severity: 'error' }); return; }
      parent.entries.push({ ...parent.pendingKey, value: node });
      parent.pendingKey = undefined;
    }
  };
  // The offset of `</name>` that ends at `end` (saxes reports the position after `>`). The search starts
  // before `end`: a `</` right after the `>` (`</string></dict>`) belongs to the parent's end tag.
  const closeStartBefore = (end: number): number => text.lastIndexOf('</', end - 1);

  // saxes reports positions after the token; the tag's `<` is the last one before them.
  parser.on('opentagstart', (tag) => { tagStart = text.lastIndexOf('<' + tag.name, parser.position); });
  parser.on('opentag', (tag) => {
    const start = tagStart;
    const name = tag.name;
    if (name === 'plist') stack.push({ tag: 'plist' });
    else if (name === 'dict') stack.push({ tag: 'dict', start, entries: [] });
    else if (name === 'array') stack.push({ tag: 'array', start, items: [] });
    else if (name === 'key') stack.push({ tag: 'key', start, text: '', contentStart: parser.position });
    else if (SCALARS.has(name)) stack.push({ tag: 'scalar', kind: name as PlistScalar['kind'], start, text: '', contentStart: parser.position });
    else if (name === 'true' || name === 'false') stack.push({ tag: 'boolean', start, value: name === 'true' });
    else {
      problems.push({ message: `<${name}> is not a property-list element.`, span: { start, end: parser.position }, severity: 'error' });
      stack.push({ tag: 'scalar', kind: 'string', start, text: '', contentStart: parser.position });
    }
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top && (top.tag === 'key' || top.tag === 'scalar')) top.text += t;
  });
  parser.on('cdata', (t) => {
    const top = stack[stack.length - 1];
    if (top && (top.tag === 'key' || top.tag === 'scalar')) top.text += t;
  });
  parser.on('closetag', (tag) => {
    const end = parser.position;
    const frame = stack.pop();
    if (!frame) return;
    const selfClosing = tag.isSelfClosing;
    switch (frame.tag) {
      case 'plist': return;
      case 'key': {
        const parent = stack[stack.length - 1];
        const keySpan = { start: frame.start, end };
        if (parent?.tag === 'dict') {
          if (parent.pendingKey) problems.push({ message: `Key "${parent.pendingKey.key}" has no value.`, span: parent.pendingKey.keySpan, severity: 'error' });
          parent.pendingKey = { key: frame.text, keySpan };
        } else problems.push({ message: '<key> outside a <dict>.', span: keySpan, severity: 'error' });
        return;
      }
      case 'scalar': {
        const contentEnd = selfClosing ? frame.contentStart : closeStartBefore(end);
        attach({ kind: frame.kind, span: { start: frame.start, end }, value: frame.text, valueSpan: { start: frame.contentStart, end: contentEnd } });
        return;
      }
      case 'boolean': attach({ kind: 'boolean', span: { start: frame.start, end }, value: frame.value }); return;
      case 'array': attach({ kind: 'array', span: { start: frame.start, end }, items: frame.items, closeStart: selfClosing ? undefined : closeStartBefore(end) }); return;
      case 'dict':
        if (frame.pendingKey) problems.push({ message: `Key "${frame.pendingKey.key}" has no value.`, span: frame.pendingKey.keySpan, severity: 'error' });
        attach({ kind: 'dict', span: { start: frame.start, end }, entries: frame.entries, closeStart: selfClosing ? undefined : closeStartBefore(end) });
    }
  });
  parser.on('error', (e) => {
    const at = Math.min(parser.position, text.length);
    problems.push({ message: `Not a well-formed XML property list: ${e.message.replace(/^\d+:\d+: /, '')}`, span: { start: at, end: at }, severity: 'error' });
    throw STOP;
  });
  try {
    parser.write(text).close();
  } catch (e) {
    if (e !== STOP) problems.push({ message: `Not a well-formed XML property list: ${String(e)}`, span: { start: 0, end: 0 }, severity: 'error' });
  }
  if (!root && problems.length === 0) problems.push({ message: 'This property list holds no value.', span: { start: 0, end: 0 }, severity: 'error' });
  return { text, root, problems };
}

const STOP = Symbol('stop');

// TextDecoder exists in every runtime we target but not in the ES2022 lib src/core is checked against.
declare const TextDecoder: new (label: string, options?: { fatal?: boolean }) => { decode(bytes: Uint8Array): string };

/**
 * Bytes to plist text, or a problem: binary plists (`bplist00`, what `plutil -convert binary1` writes),
 * UTF-16 and invalid UTF-8 are reported rather than parsed. A UTF-8 BOM is removed.
 */
export function decodePlistBytes(bytes: Uint8Array): { text?: string; problem?: PlistProblem } {
  const at0 = { start: 0, end: 0 };
  if (bytes.length >= 6 && String.fromCharCode(...bytes.subarray(0, 6)) === 'bplist') {
    return { problem: { message: 'This is a binary property list (bplist); only XML plists are read. Convert it with `plutil -convert xml1 <file>` to have it checked.', span: at0, severity: 'warning' } };
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe))) {
    return { problem: { message: 'This property list is UTF-16 encoded; only UTF-8 XML plists are read.', span: at0, severity: 'warning' } };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { problem: { message: 'This property list is not valid UTF-8.', span: at0, severity: 'error' } };
  }
}

/** Plain JavaScript value of a node (tests, JSON output). Integers and reals stay strings' numbers. */
export function plistValue(node: PlistNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case 'dict': return Object.fromEntries(node.entries.map((e) => [e.key, plistValue(e.value)]));
    case 'array': return node.items.map(plistValue);
    case 'integer': case 'real': return Number(node.value);
    case 'boolean': return node.value;
    default: return node.value;
  }
}

/** The entry of a top-level dict key (the last one wins, as in CFPropertyList). */
export function dictEntry(node: PlistNode | undefined, key: string): PlistEntry | undefined {
  if (node?.kind !== 'dict') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i].key === key) return node.entries[i];
  return undefined;
}

/** The strings of an array value (non-string items are skipped); a lone string counts as one item. */
export function stringItems(node: PlistNode | undefined): PlistScalar[] {
  if (!node) return [];
  if (node.kind === 'string') return [node];
  if (node.kind !== 'array') return [];
  return node.items.filter((i): i is PlistScalar => i.kind === 'string');
}
