import type { Span } from '../text/span';

/**
 * Finds where things are in a project.pbxproj text. The parser (@bacons/xcode) returns values only, so
 * diagnostics and related locations come from this small locator: object ids are unique keys of the
 * `objects` dictionary (`ID /* comment *\/ = {`), and a build setting is a `KEY = value;` inside its
 * XCBuildConfiguration object. Strings and comments are skipped when matching braces, so a `}` in a
 * quoted value does not end an object early.
 */
export class PbxprojLocator {
  private index: Map<string, number> | undefined;

  constructor(private readonly text: string) {}

  /** Offset of the id that starts `id = {` in the objects section. */
  objectStart(id: string): number | undefined {
    if (!this.index) {
      this.index = new Map();
      const re = /^[ \t]*"?([A-Za-z0-9_.-]+)"?[ \t]*(?:\/\*[^*\n]*\*\/[ \t]*)?=[ \t]*\{/gm;
      for (let m = re.exec(this.text); m; m = re.exec(this.text)) {
        if (!this.index.has(m[1])) this.index.set(m[1], m.index + m[0].indexOf(m[1]));
      }
    }
    return this.index.get(id);
  }

  /** The object's span: from its id to after the `}` that closes it. */
  objectSpan(id: string): Span | undefined {
    const start = this.objectStart(id);
    if (start === undefined) return undefined;
    const open = this.text.indexOf('{', start);
    const end = matchBrace(this.text, open);
    return { start, end: end < 0 ? open + 1 : end + 1 };
  }

  /** The `KEY = value;` assignment inside the object (the key may be quoted, e.g. SDK-conditional keys). */
  settingSpan(objectId: string, key: string): Span | undefined {
    const obj = this.objectSpan(objectId);
    if (!obj) return undefined;
    const body = this.text.slice(obj.start, obj.end);
    const esc = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = new RegExp(`(^|[\\s{;])("${esc}"|${esc})\\s*=`).exec(body);
    if (!m) return undefined;
    const start = obj.start + m.index + m[1].length;
    const semi = endOfValue(this.text, start + m[0].length - m[1].length);
    return { start, end: semi };
  }
}

/** Index of the `}` closing the `{` at `open`, or -1 (unbalanced input: the caller degrades). */
export function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */ || c === 39 /* ' */) i = skipString(text, i, c);
    else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) { const e = text.indexOf('*/', i + 2); i = e < 0 ? text.length : e + 1; }
    else if (c === 47 && text.charCodeAt(i + 1) === 47) { const e = text.indexOf('\n', i); i = e < 0 ? text.length : e; }
    else if (c === 123 || c === 40) depth++;
    else if (c === 125 || c === 41) { depth--; if (depth === 0) return i; }
  }
  return -1;
}

function skipString(text: string, i: number, quote: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 92 /* \ */) j++;
    else if (c === quote) return j;
  }
  return text.length;
}

/** Offset after the `;` that ends a value starting at `from` (a string, a list or a bare word). */
function endOfValue(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39) i = skipString(text, i, c);
    else if (c === 40 || c === 123) { const e = matchBrace(text, i); if (e < 0) return text.length; i = e; }
    else if (c === 59 /* ; */) return i + 1;
  }
  return text.length;
}

/** Lines holding git merge-conflict markers (`<<<<<<<`, `=======`, `>>>>>>>` at a line start). */
export function conflictMarkers(text: string): Span[] {
  const out: Span[] = [];
  const re = /^(<{7}|={7}|>{7}|\|{7})(?:[ \t].*)?$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}
