import type { Span, TextEdit } from '../../text/span';
import type { ObjectLayout } from './layout';

/**
 * Minimal text edits on object literals of a TypeScript source: insert a property, remove a property,
 * quote a string. Pure string work over spans the reader recorded; the rest of the file is untouched.
 */

/** A string literal in the file's quote style (JSON escaping, which is valid TypeScript). */
export function quoteString(value: string, quote: "'" | '"'): string {
  const json = JSON.stringify(value);
  if (quote === '"') return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** A property key: bare when it is an identifier, else quoted. */
export function propertyKey(name: string, quote: "'" | '"'): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : quoteString(name, quote);
}

/** Inserts `property` (e.g. `optional: true`) as the last property of an object literal. */
export function insertProperty(text: string, obj: ObjectLayout, property: string, eol: string): TextEdit {
  if (obj.lastPropertyEnd === undefined) {
    const inner = text.slice(obj.span.start + 1, obj.span.end - 1);
    if (inner.trim() === '') return { span: { start: obj.span.start + 1, end: obj.span.end - 1 }, newText: ` ${property} ` };
    // Only comments inside: keep them, put the property first.
    return { span: { start: obj.span.start + 1, end: obj.span.start + 1 }, newText: ` ${property},` };
  }
  const sep = obj.propertyIndent !== undefined ? `${eol}${obj.propertyIndent}` : ' ';
  return { span: { start: obj.lastPropertyEnd, end: obj.lastPropertyEnd }, newText: `,${sep}${property}` };
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

/**
 * Removes the property at `prop` (from its key to the end of its value) with its comma. When the
 * property has its own line(s), the whole line goes; otherwise only the property and one separator.
 */
export function removeProperty(text: string, prop: Span): TextEdit {
  let lineStart = prop.start;
  while (lineStart > 0 && isBlank(text[lineStart - 1])) lineStart--;
  const ownLineStart = lineStart === 0 || text[lineStart - 1] === '\n';
  let after = prop.end;
  while (isBlank(text[after])) after++;
  const hasComma = text[after] === ',';
  if (hasComma) after++;
  let lineEnd = after;
  while (isBlank(text[lineEnd])) lineEnd++;
  const ownLineEnd = lineEnd >= text.length || text[lineEnd] === '\n' || text[lineEnd] === '\r';
  if (ownLineStart && ownLineEnd) {
    if (text[lineEnd] === '\r') lineEnd++;
    if (text[lineEnd] === '\n') lineEnd++;
    return { span: { start: lineStart, end: lineEnd }, newText: '' };
  }
  if (hasComma) {
    // `a, prop, b` → `a, b`: remove the property, its comma and the blanks that follow.
    return { span: { start: prop.start, end: lineEnd }, newText: '' };
  }
  // Last property without a comma: `a, prop }` → `a }`: remove the separator before it.
  let before = prop.start;
  while (before > 0 && /\s/.test(text[before - 1])) before--;
  if (text[before - 1] === ',') return { span: { start: before - 1, end: prop.end }, newText: '' };
  return { span: { start: prop.start, end: prop.end }, newText: '' };
}
