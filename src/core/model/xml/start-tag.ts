/**
 * Exact spans of the attributes of one start tag. saxes has already checked the tag is well-formed
 * (quotes, `=`, no duplicates), so this is a plain scan of validated text, not a second XML parser:
 * saxes reports attributes only as decoded name/value pairs without positions (reference
 * vscode-ecosystem.md §5, "XML parsers with positions").
 */
import type { SourceAttr } from '../ir';
import type { Span } from '../../text/span';

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * One XML attribute's spans, kept as offsets: a record is built for every attribute of a start tag
 * when a rule first asks for one of them, so it is one small object, and the span objects and the
 * decoded value are made when read.
 */
class XmlSourceAttr implements SourceAttr {
  // Private fields: never serialized (JSON of an attrs record must not carry the whole document).
  readonly #text: string;
  readonly #start: number;
  readonly #nameEnd: number;
  readonly #valueStart: number;
  readonly #valueEnd: number;

  constructor(text: string, start: number, nameEnd: number, valueStart: number, valueEnd: number) {
    this.#text = text;
    this.#start = start;
    this.#nameEnd = nameEnd;
    this.#valueStart = valueStart;
    this.#valueEnd = valueEnd;
  }

  get value(): string { return attributeValue(this.#text.slice(this.#valueStart, this.#valueEnd)); }
  get span(): Span { return { start: this.#start, end: this.#valueEnd + 1 }; }
  get nameSpan(): Span { return { start: this.#start, end: this.#nameEnd }; }
  get valueSpan(): Span { return { start: this.#valueStart, end: this.#valueEnd }; }
  toJSON(): { value: string; span: Span; nameSpan: Span; valueSpan: Span } {
    return { value: this.value, span: this.span, nameSpan: this.nameSpan, valueSpan: this.valueSpan };
  }
}

/**
 * Scans `text[tagStart, tagEnd)`, a whole start tag (`<name ...>` or `<name .../>`) already accepted by
 * saxes, straight into the IR's SourceAttr records (readers call it lazily, per node).
 * Values are decoded here as saxes decodes them (XML 1.0 §3.3.3: whitespace characters become spaces,
 * then character and predefined entity references are replaced; saxes rejects any other entity).
 */
export function sourceAttrsOf(text: string, tagStart: number, tagEnd: number): Record<string, SourceAttr> {
  const out: Record<string, SourceAttr> = {};
  scanAttributes(text, tagStart, tagEnd, (start, nameEnd, valueStart, valueEnd) => {
    out[text.slice(start, nameEnd)] = new XmlSourceAttr(text, start, nameEnd, valueStart, valueEnd);
    return false;
  });
  return out;
}

/**
 * The one scan of a start tag's attributes: calls `visit(nameStart, nameEnd, valueStart, valueEnd)` for each
 * (value offsets exclude the quotes) until it returns true, and returns that attribute's `valueStart`, or -1.
 * The tag was accepted by saxes, so it is well formed; the bounds checks only keep a bug from looping.
 */
function scanAttributes(text: string, tagStart: number, tagEnd: number,
  visit: (nameStart: number, nameEnd: number, valueStart: number, valueEnd: number) => boolean): number {
  let i = tagStart + 1;
  while (i < tagEnd && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 62 && text.charCodeAt(i) !== 47) i++;
  for (;;) {
    while (i < tagEnd && isSpace(text.charCodeAt(i))) i++;
    if (i >= tagEnd) return -1;
    const c = text.charCodeAt(i);
    if (c === 62 /* > */ || c === 47 /* / */) return -1;
    const start = i;
    while (i < tagEnd && text.charCodeAt(i) !== 61 /* = */ && !isSpace(text.charCodeAt(i))) i++;
    const nameEnd = i;
    while (i < tagEnd && text.charCodeAt(i) !== 61) i++;
    i++;
    while (i < tagEnd && isSpace(text.charCodeAt(i))) i++;
    const valueStart = i + 1;
    const valueEnd = valueEndOf(text, valueStart, tagEnd);
    if (visit(start, nameEnd, valueStart, valueEnd)) return valueStart;
    i = valueEnd + 1;
  }
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Attribute-value normalization (XML 1.0 §3.3.3) of raw text saxes has already validated. */
export function attributeValue(raw: string): string {
  if (!/[&\t\n\r]/.test(raw)) return raw;
  return raw.replace(/\r\n?|[\t\n]/g, ' ').replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (m, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return PREDEFINED[ref] ?? m;
  });
}

/** Where the value of the XML attribute `name` starts in the start tag (after its quote), or -1 (for rarely read fields and spans, see reader.ts). */
function valueStartOf(text: string, tagStart: number, tagEnd: number, name: string): number {
  return scanAttributes(text, tagStart, tagEnd, (start, nameEnd) => nameEnd - start === name.length && text.startsWith(name, start));
}

/** The closing quote of the value starting at `valueStart` (its opening quote is the unit before). */
function valueEndOf(text: string, valueStart: number, tagEnd: number): number {
  const j = text.indexOf(text.charCodeAt(valueStart - 1) === 39 ? "'" : '"', valueStart);
  return j < 0 || j >= tagEnd ? tagEnd - 1 : j;
}

/** The decoded value of the XML attribute `name` of a start tag (as `sourceAttrsOf(...)[name].value`), or undefined. */
export function attrValueOf(text: string, tagStart: number, tagEnd: number, name: string): string | undefined {
  const v = valueStartOf(text, tagStart, tagEnd, name);
  return v < 0 ? undefined : attributeValue(text.slice(v, valueEndOf(text, v, tagEnd)));
}

/** The span of the value of the XML attribute `name` of a start tag (as `sourceAttrsOf(...)[name].valueSpan`), or undefined. */
export function attrValueSpanOf(text: string, tagStart: number, tagEnd: number, name: string): Span | undefined {
  const v = valueStartOf(text, tagStart, tagEnd, name);
  return v < 0 ? undefined : { start: v, end: valueEndOf(text, v, tagEnd) };
}
