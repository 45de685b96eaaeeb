import type { SwiftSyntaxNode } from '../../swift/syntax-node';
import type { Span } from '../../text/span';
import { NON_CODE_TYPES } from './syntax';

/**
 * SwiftData's member macros `#Unique<T>(...)` and `#Index<T>(...)` (iOS 18, WWDC24 10137) are not in
 * tree-sitter-swift 0.7's grammar as class members: a class holding one parses as an ERROR and its
 * properties are lost. So the reader finds them by a text scan, blanks them out (same length, newlines
 * kept, so every offset stays valid), parses once, drops the sites the tree puts in comments or strings,
 * and reads the macros on their own; `findMemberMacros` (a first parse says what is code) is the fallback
 * when a blanking may have hidden code. Other macros are left to the parser.
 */
export const MEMBER_MACROS = ['Unique', 'Index'] as const;
export type MemberMacroName = (typeof MEMBER_MACROS)[number];

export interface MemberMacroSite {
  readonly name: MemberMacroName;
  /** From `#` to the closing `)`. */
  readonly span: Span;
}

const IDENT = /[A-Za-z0-9_]/;

export function findMemberMacros(text: string, root: SwiftSyntaxNode): MemberMacroSite[] {
  const out: MemberMacroSite[] = [];
  for (let at = text.indexOf('#'); at >= 0; at = text.indexOf('#', at + 1)) {
    const name = MEMBER_MACROS.find((m) => text.startsWith(m, at + 1) && !IDENT.test(text.charAt(at + 1 + m.length)));
    if (!name || (at > 0 && IDENT.test(text.charAt(at - 1))) || !isCode(root, at)) continue;
    const end = macroEnd(text, at + 1 + name.length);
    if (end === undefined) continue;
    out.push({ name, span: { start: at, end } });
    at = end - 1;
  }
  return out;
}

/**
 * The member macros a text scan finds, before any parse: `#Unique`/`#Index` with their brackets,
 * wherever they are (comments and strings too). The reader blanks them all and parses once; blanking
 * inside a comment or a string leaves it one (see `nonCodeOverrun`), and the sites there are dropped
 * afterwards, as the parse says. Saves the second parse of every file that has such a macro.
 */
export function memberMacroCandidates(text: string): MemberMacroSite[] | undefined {
  const out: MemberMacroSite[] = [];
  for (let at = text.indexOf('#'); at >= 0; at = text.indexOf('#', at + 1)) {
    const name = MEMBER_MACROS.find((m) => text.startsWith(m, at + 1) && !IDENT.test(text.charAt(at + 1 + m.length)));
    if (!name || (at > 0 && IDENT.test(text.charAt(at - 1)))) continue;
    const end = macroEnd(text, at + 1 + name.length);
    if (end === undefined) {
      // A `(` that never closes was scanned to the end of the text: many such (`// #Index(` lines) would
      // make this quadratic. Undefined: the caller finds the macros in code only (findMemberMacros).
      if (opensBracket(text, at + 1 + name.length)) return undefined;
      continue;
    }
    out.push({ name, span: { start: at, end } });
    at = end - 1;
  }
  return out;
}

/** Whether a `(` follows the macro name (after an optional `<...>`). */
function opensBracket(text: string, from: number): boolean {
  let i = skipSpace(text, from);
  if (text.charAt(i) === '<') {
    const close = balanced(text, i, '<', '>');
    if (close === undefined) return false;
    i = skipSpace(text, close);
  }
  return text.charAt(i) === '(';
}

/**
 * For a site that the blanked text's tree puts in a comment or string: whether the blanked span ran past
 * that comment or string (a `// #Index(` whose brackets close in code), which may have blanked code.
 * Then the reader falls back to finding the macros in the unblanked text's tree.
 */
export function nonCodeOverrun(root: SwiftSyntaxNode, site: MemberMacroSite): boolean {
  // The outermost comment or string around the site (a string's text comes in parts around escapes).
  let outer: SwiftSyntaxNode | undefined;
  for (let n = root.descendantForIndex(site.span.start, site.span.start + 1); n; n = n.parent) {
    if (NON_CODE_TYPES.has(n.type)) outer = n;
  }
  return outer !== undefined && site.span.end > outer.endIndex;
}

/** Whether the offset is in code (not in a comment or a string) in this tree. */
export function isCodeAt(root: SwiftSyntaxNode, at: number): boolean {
  return isCode(root, at);
}

/** Replaces the spans by spaces (newlines kept): offsets and line numbers of everything else stay. */
export function blankOut(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let pos = 0;
  for (const s of spans) {
    out += text.slice(pos, s.start) + text.slice(s.start, s.end).replace(/[^\r\n]/g, ' ');
    pos = s.end;
  }
  return out + text.slice(pos);
}

function isCode(root: SwiftSyntaxNode, at: number): boolean {
  for (let n = root.descendantForIndex(at, at + 1); n; n = n.parent) {
    if (NON_CODE_TYPES.has(n.type)) return false;
  }
  return true;
}

/** After the macro name: optional `<...>`, then a balanced `(...)`; the end offset, or undefined. */
function macroEnd(text: string, from: number): number | undefined {
  let i = skipSpace(text, from);
  if (text.charAt(i) === '<') {
    const close = balanced(text, i, '<', '>');
    if (close === undefined) return undefined;
    i = skipSpace(text, close);
  }
  if (text.charAt(i) !== '(') return undefined;
  return balanced(text, i, '(', ')');
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /[ \t\r\n]/.test(text.charAt(i))) i++;
  return i;
}

/** The offset after the bracket closing the one at `i`; string literals and comments are skipped. */
function balanced(text: string, i: number, open: string, close: string): number | undefined {
  let depth = 0;
  // A generic argument list is short; a runaway `<` (a comparison) must not scan the whole file.
  const limit = open === '<' ? Math.min(text.length, i + 500) : text.length;
  for (; i < limit; i++) {
    const c = text.charAt(i);
    if (c === '"') {
      const endQuote = text.indexOf('"', i + 1);
      if (endQuote < 0) return undefined;
      i = endQuote;
    } else if (c === '/' && text.charAt(i + 1) === '/') {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return undefined;
      i = nl;
    } else if (c === open) depth++;
    else if (c === close) {
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === '\n' && open === '<') return undefined;
  }
  return undefined;
}
