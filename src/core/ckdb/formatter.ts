import type { TextEdit } from '../text/span';
import { asFieldOption, asPermission, asPrimitiveBase, isKeyword } from './keywords';
import { lex, type Comment, type Token } from './lexer';
import { parseLexed } from './parser';
import { INDENT } from './printer';

/**
 * Formats a `.ckdb` text in the layout `cktool export-schema` writes (reference/ckdb.md §1.7), as
 * minimal edits: only the whitespace between tokens changes (and keyword case, to upper case as in
 * exports). Unlike cktool, which drops comments (Apple: "CloudKit doesn't preserve the comments"),
 * every comment stays where it is: a comment on the same line as code stays there, a comment on its
 * own line is re-indented, and one blank line between groups is kept.
 *
 * A text with syntax errors is left alone (no edits): its structure is a guess, and a formatter must
 * never make a broken file worse.
 */
export interface FormatOptions {
  /** Line end to use in new whitespace; defaults to the text's first line end, else `\n`. */
  readonly eol?: '\n' | '\r\n';
}

type Role =
  | 'kw' // any keyword, upper-cased
  | 'name' // role / type name
  | 'fieldName'
  | 'grantRole'
  | 'typePart' // part of a data type after the first word (ENCRYPTED X, LIST < X >, PREFERRED AS X)
  | 'option'
  | 'semi' | 'open' | 'close'
  | 'commaMember' | 'commaInline' // between members / between permissions or roles
  | 'lt' | 'gt';

interface Item {
  readonly start: number;
  readonly end: number;
  readonly comment?: Comment;
  readonly token?: Token;
  role?: Role;
  /** Nesting level for indentation: 0 before DEFINE SCHEMA, 1 statements, 2 record members. */
  level: number;
  /** Statement kind this token belongs to (for blank lines between statements). */
  stmt?: 'header' | 'role' | 'record';
  /** For a field name: the width to pad to. */
  padTo?: number;
  /** First token of a member (field or GRANT). */
  memberStart?: boolean;
}

/** Classifies the tokens of a text that parsed without syntax errors (mirrors parser.ts). */
function classify(tokens: readonly Token[]): Item[] | undefined {
  const items: Item[] = tokens.filter((t) => t.kind !== 'eof').map((t) => ({ start: t.start, end: t.end, token: t, level: 1 }));
  let i = 0;
  const word = (k: number, kw: string): boolean => { const t = items[k]?.token; return t?.kind === 'word' && isKeyword(t.text, kw); };
  const set = (role: Role, level: number, stmt: Item['stmt']): void => { items[i].role = role; items[i].level = level; items[i].stmt = stmt; i++; };
  if (!word(0, 'DEFINE') || !word(1, 'SCHEMA')) return undefined;
  set('kw', 0, 'header');
  set('kw', 0, 'header');
  while (i < items.length) {
    const t = items[i].token!;
    if (t.kind === ';') { set('semi', 1, undefined); continue; }
    if (word(i, 'CREATE')) {
      set('kw', 1, 'role'); set('kw', 1, 'role'); set('name', 1, 'role');
      if (items[i]?.token?.kind !== ';') return undefined;
      set('semi', 1, 'role');
      continue;
    }
    if (!word(i, 'RECORD')) return undefined;
    set('kw', 1, 'record'); set('kw', 1, 'record'); set('name', 1, 'record');
    if (items[i]?.token?.kind !== '(') return undefined;
    set('open', 1, 'record');
    const fieldNames: Item[] = [];
    while (i < items.length && items[i].token!.kind !== ')') {
      const first = items[i];
      first.memberStart = true;
      const next = items[i + 1]?.token;
      const grantIsField = next?.kind === 'word' && !asPermission(next.text)
        && (asPrimitiveBase(next.text) !== undefined || isKeyword(next.text, 'LIST') || isKeyword(next.text, 'ENCRYPTED'));
      if (word(i, 'GRANT') && !grantIsField) {
        set('kw', 2, 'record');
        while (i < items.length) {
          const tk = items[i].token!;
          if (tk.kind === 'word' && isKeyword(tk.text, 'TO')) { set('kw', 2, 'record'); set('grantRole', 2, 'record'); break; }
          if (tk.kind === ',') set('commaInline', 2, 'record'); else set('kw', 2, 'record');
        }
        // Extra roles (CKS003): `, "_icloud"` followed by `,` or `)`.
        while (items[i]?.token?.kind === ',' && (items[i + 1]?.token?.kind === 'word' || items[i + 1]?.token?.kind === 'quoted')
          && !word(i + 1, 'GRANT') && (items[i + 2]?.token?.kind === ',' || items[i + 2]?.token?.kind === ')')) {
          set('commaInline', 2, 'record'); set('grantRole', 2, 'record');
        }
      } else {
        fieldNames.push(items[i]);
        set('fieldName', 2, 'record');
        set('kw', 2, 'record'); // first word of the type
        while (i < items.length) {
          const tk = items[i].token!;
          if (tk.kind === '<') { set('lt', 2, 'record'); continue; }
          if (tk.kind === '>') { set('gt', 2, 'record'); continue; }
          if (tk.kind !== 'word') break;
          if (asFieldOption(tk.text)) set('option', 2, 'record');
          else set('typePart', 2, 'record');
        }
      }
      if (items[i]?.token?.kind === ',') set('commaMember', 2, 'record');
    }
    if (items[i]?.token?.kind !== ')') return undefined;
    set('close', 1, 'record');
    const width = fieldNames.reduce((w, f) => Math.max(w, f.end - f.start), 0);
    for (const f of fieldNames) f.padTo = width;
  }
  return items;
}

function newlinesIn(s: string): number {
  let n = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 10) n++;
    else if (c === 13 && s.charCodeAt(k + 1) !== 10) n++;
  }
  return n;
}

/** The whitespace wanted between `a` and `b` (`gap` is what is there now). */
function separator(a: Item, b: Item, gap: string, eol: string): string {
  const nl = newlinesIn(gap);
  const keepBlank = nl >= 2;
  const indent = (level: number): string => INDENT.repeat(level);
  const line = (level: number, blank: boolean): string => (blank ? eol : '') + eol + indent(level);
  const aIsLineComment = a.comment !== undefined && a.comment.style !== '/*';
  if (b.comment) {
    if (nl === 0 && !aIsLineComment) return gap === '' ? ' ' : gap; // trailing comment: keep the user's alignment
    // A comment on its own line: indented like the code that follows it; a statement's leading
    // comment gets the blank line the statement would.
    return line(b.level, keepBlank || (a.role === 'semi' && b.level === 1) || (a.stmt === 'header' && b.level >= 1));
  }
  if (a.comment) {
    if (nl === 0 && !aIsLineComment) return ' ';
    return line(b.level, keepBlank && b.role !== 'close');
  }
  // Code to code.
  switch (b.role) {
    case 'semi': case 'commaMember': case 'commaInline': case 'gt': case 'lt': return '';
    case 'close': return line(1, false);
    default: break;
  }
  if (a.role === 'lt') return '';
  if (a.stmt === 'header' && b.stmt !== 'header') return line(1, true);
  if (a.role === 'semi') {
    // One blank line between statements; consecutive CREATE ROLE lines stay together (as exports).
    const blank = b.stmt === 'role' && a.stmt === 'role' ? keepBlank : true;
    return line(1, blank);
  }
  if (a.role === 'open') return line(2, false);
  if (a.role === 'commaMember') return line(2, keepBlank);
  if (a.role === 'fieldName') return ' '.repeat(Math.max(1, (a.padTo ?? 0) - (a.end - a.start) + 1));
  return ' ';
}

/** The minimal edits that format `text`; [] when it is formatted already or has syntax errors. */
export function formatCkdb(text: string, options: FormatOptions = {}): TextEdit[] {
  const lexed = lex(text);
  if (parseLexed(text, lexed).findings.length > 0) return [];
  const { tokens, comments } = lexed;
  const items = classify(tokens);
  if (!items) return [];
  const eol = options.eol ?? (/\r\n/.test(text.slice(0, (text.indexOf('\n') + 1) || text.length)) ? '\r\n' : '\n');
  // Merge comments in; a comment takes the level of the code after it (or 1 at the end of a body).
  const all: Item[] = [];
  let ci = 0;
  for (let k = 0; k <= items.length; k++) {
    const nextCode = items[k];
    while (ci < comments.length && (!nextCode || comments[ci].span.start < nextCode.start)) {
      const c = comments[ci++];
      const level = nextCode ? (nextCode.role === 'close' ? 2 : nextCode.level) : (items.length ? 1 : 0);
      all.push({ start: c.span.start, end: c.span.end, comment: c, level });
    }
    if (nextCode) all.push(nextCode);
  }
  const edits: TextEdit[] = [];
  const replaceGap = (start: number, end: number, want: string): void => {
    if (text.slice(start, end) !== want) edits.push({ span: { start, end }, newText: want });
  };
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (all.length === 0) return [];
  replaceGap(bom, all[0].start, '');
  for (let k = 0; k < all.length; k++) {
    const it = all[k];
    if (it.token && it.token.kind === 'word' && (it.role === 'kw' || it.role === 'option' || it.role === 'typePart')) {
      const upper = it.token.text.toUpperCase();
      if (upper !== it.token.text) edits.push({ span: { start: it.start, end: it.end }, newText: upper });
    }
    const next = all[k + 1];
    if (next) replaceGap(it.end, next.start, separator(it, next, text.slice(it.end, next.start), eol));
  }
  replaceGap(all[all.length - 1].end, text.length, eol);
  return edits.sort((a, b) => a.span.start - b.span.start);
}
