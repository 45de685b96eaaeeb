import type { TextEdit } from '../text/span';
import type { PlistArray, PlistDict, PlistNode, PlistScalar } from './plist';

/**
 * Minimal text edits to an XML plist for quick fixes: insert one `<string>` into an array, one
 * `<key>`+value into a dict, or replace a scalar's text. The file is never re-serialized; new lines copy
 * the indentation the file already uses (tabs in Xcode's files, spaces in some hand-written ones).
 */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The whitespace that starts the line holding `offset`. */
function indentAt(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

/** The indentation one level deeper than the container: from its first child, else one tab more. */
function childIndent(text: string, container: PlistDict | PlistArray): string {
  const first = container.kind === 'dict' ? container.entries[0]?.keySpan.start : container.items[0]?.span.start;
  const outer = indentAt(text, container.span.start);
  if (first !== undefined && lineStartOf(text, first) !== lineStartOf(text, container.span.start)) return indentAt(text, first);
  return outer + (outer.includes(' ') && !outer.includes('\t') ? '  ' : '\t');
}

/** Inserts `xml` (one or more child lines) as the last child of a dict or array. */
function insertLast(text: string, container: PlistDict | PlistArray, lines: string[]): TextEdit {
  const inner = childIndent(text, container);
  const outer = indentAt(text, container.span.start);
  if (container.closeStart === undefined) {
    // `<array/>` or `<dict/>`: replace the empty element by an open one.
    const tag = container.kind;
    return { span: container.span, newText: `<${tag}>\n${lines.map((l) => inner + l).join('\n')}\n${outer}</${tag}>` };
  }
  const closeLineStart = lineStartOf(text, container.closeStart);
  const closeOnOwnLine = text.slice(closeLineStart, container.closeStart).trim() === '';
  if (closeOnOwnLine) {
    return { span: { start: closeLineStart, end: closeLineStart }, newText: lines.map((l) => inner + l + '\n').join('') };
  }
  return { span: { start: container.closeStart, end: container.closeStart }, newText: lines.join('') };
}

export function addArrayString(text: string, array: PlistArray, value: string): TextEdit {
  return insertLast(text, array, [`<string>${escapeXml(value)}</string>`]);
}

/** Adds `<key>key</key>` with a value given as XML lines (e.g. `['<array>', '\t<string>x</string>', '</array>']`). */
export function addDictEntry(text: string, dict: PlistDict, key: string, valueLines: string[]): TextEdit {
  const inner = childIndent(text, dict);
  const unit = inner.slice(indentAt(text, dict.span.start).length) || '\t';
  const value = valueLines.map((l, i) => (i === 0 || i === valueLines.length - 1 ? l : unit + l));
  return insertLast(text, dict, [`<key>${escapeXml(key)}</key>`, ...value]);
}

export function stringArrayLines(values: readonly string[]): string[] {
  return ['<array>', ...values.map((v) => `<string>${escapeXml(v)}</string>`), '</array>'];
}

export function replaceScalar(node: PlistScalar, newValue: string): TextEdit {
  if (node.valueSpan.start === node.valueSpan.end && node.span.end - node.span.start > 0 && node.valueSpan.start === node.span.end) {
    return { span: node.span, newText: `<${node.kind}>${escapeXml(newValue)}</${node.kind}>` };
  }
  return { span: node.valueSpan, newText: escapeXml(newValue) };
}

/** Adds `value` to the string array under `key`, creating the key when absent. Undefined when the value is not an array. */
export function addToStringArrayKey(text: string, dict: PlistDict, key: string, value: string, existing: PlistNode | undefined): TextEdit | undefined {
  if (existing === undefined) return addDictEntry(text, dict, key, stringArrayLines([value]));
  if (existing.kind !== 'array') return undefined;
  return addArrayString(text, existing, value);
}
