/**
 * Text helpers shared by the error parsers. A CKError description is often printed inside another
 * string (a dictionary description, an NSError userInfo, a Swift `String(describing:)`), where its quotes
 * appear as `\"` and its line breaks as `\n` (reference/sync-logs.md §3, [L002] [L008] [L012]).
 * `structuralView` returns a string of the same length in which those escapes are blanked out, so the
 * parsers find the structure with plain patterns and every offset still points into the original text.
 */
export function structuralView(text: string): string {
  if (!/[\\“”]/.test(text)) return text;
  return text
    .replace(/\\+(?=["'])/g, (m) => ' '.repeat(m.length))
    .replace(/\\[nt]/g, '  ')
    .replace(/[“”]/g, '"');
}

/** A value as the developer would read it: escapes undone, wrapped lines joined, ends trimmed. */
export function cleanValue(raw: string): string {
  return raw
    .replace(/\\+$/, '')
    .replace(/\\+(["'\\])/g, '$1')
    .replace(/\\[nt]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The end of a quoted value that starts after `open` (the opening quote's index): the next `"` followed
 * by `;`, `>`, `,`, `)` or the end; else the next `"`; else the end of the line (a value cut by the paste).
 */
export function closingQuote(view: string, open: number): { end: number; truncated: boolean } {
  const re = /"(?=\s*(?:[;>,)}\]]|$))/g;
  re.lastIndex = open + 1;
  const m = re.exec(view);
  if (m) return { end: m.index, truncated: false };
  const q = view.indexOf('"', open + 1);
  if (q >= 0) return { end: q, truncated: false };
  const nl = view.indexOf('\n', open + 1);
  return { end: nl < 0 ? view.length : nl, truncated: true };
}

/**
 * Skips to the `;`, `>` or `}` that ends an unknown field, stepping over nested `<…>`, `{…}` and quotes.
 * Returns the index of that character (or the text length).
 */
export function skipField(view: string, from: number): number {
  let depth = 0;
  for (let i = from; i < view.length; i++) {
    const c = view[i];
    if (c === '"') {
      const q = view.indexOf('"', i + 1);
      if (q < 0) return view.length;
      i = q;
    } else if (c === '<' || c === '{' || c === '(') depth++;
    else if ((c === '>' || c === '}' || c === ')') && depth > 0) depth--;
    else if ((c === ';' || c === '>' || c === '}') && depth === 0) return i;
  }
  return view.length;
}

/** Index after the brace/bracket that closes the one at `open`, or -1 when the text ends first. */
export function matchingClose(view: string, open: number): number {
  const openCh = view[open];
  const closeCh = openCh === '{' ? '}' : openCh === '(' ? ')' : openCh === '[' ? ']' : '>';
  let depth = 0;
  for (let i = open; i < view.length; i++) {
    const c = view[i];
    if (c === openCh) depth++;
    else if (c === closeCh && --depth === 0) return i + 1;
  }
  return -1;
}
