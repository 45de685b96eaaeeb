/**
 * Exact spans of the attributes of one start tag. saxes has already checked the tag is well-formed
 * (quotes, `=`, no duplicates), so this is a plain scan of validated text, not a second XML parser:
 * saxes reports attributes only as decoded name/value pairs without positions (reference
 * vscode-ecosystem.md §5, "XML parsers with positions").
 */
export interface ScannedAttr {
  readonly name: string;
  /** `name="value"`, quotes included. */
  readonly start: number;
  readonly end: number;
  readonly nameEnd: number;
  /** The value without its quotes. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Scans `text[tagStart, tagEnd)`, a whole start tag (`<name ...>` or `<name .../>`) already accepted by
 * saxes, and returns each attribute with its offsets in `text`.
 */
export function scanStartTag(text: string, tagStart: number, tagEnd: number): ScannedAttr[] {
  const out: ScannedAttr[] = [];
  let i = tagStart + 1;
  // Skip the element name.
  while (i < tagEnd && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 62 /* > */ && text.charCodeAt(i) !== 47 /* / */) i++;
  for (;;) {
    while (i < tagEnd && isSpace(text.charCodeAt(i))) i++;
    if (i >= tagEnd) break;
    const c = text.charCodeAt(i);
    if (c === 62 /* > */ || c === 47 /* / */) break;
    const start = i;
    while (i < tagEnd && text.charCodeAt(i) !== 61 /* = */ && !isSpace(text.charCodeAt(i))) i++;
    const nameEnd = i;
    while (i < tagEnd && text.charCodeAt(i) !== 61) i++;
    i++; // '='
    while (i < tagEnd && isSpace(text.charCodeAt(i))) i++;
    const quote = text.charCodeAt(i);
    const valueStart = i + 1;
    let j = text.indexOf(quote === 39 ? "'" : '"', valueStart);
    if (j < 0 || j >= tagEnd) j = tagEnd - 1; // unreachable for saxes-validated text; keeps the scan total
    out.push({ name: text.slice(start, nameEnd), start, end: j + 1, nameEnd, valueStart, valueEnd: j });
    i = j + 1;
  }
  return out;
}
