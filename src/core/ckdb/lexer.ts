import type { Span } from '../text/span';
import { GRAMMAR_WORDS } from './keywords';

/**
 * The `.ckdb` lexer (CloudKit Schema Language, reference/ckdb.md §1.2-1.4).
 *
 * Words are lexed leniently (`[A-Za-z0-9_]+`) so the parser can accept them as identifiers and the
 * checks can say *why* a name is invalid (leading digit, leading underscore) instead of a bare syntax
 * error. Keywords are contextual (real exports use `type`, `location` and `role` as bare field names,
 * reference §1.3), so the parser decides by position; the lexer only says which grammar word a word
 * spells (`Lexer.keyword`), so the parser compares it without slicing or upper-casing the word.
 */
export type TokenKind =
  | 'word' // bare identifier or keyword
  | 'quoted' // "identifier" (text holds the name without quotes)
  | '(' | ')' | ',' | ';' | '<' | '>'
  | 'invalid' // any other character, or an unterminated quoted identifier
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** For `word`: the spelling; for `quoted`: the name between the quotes; else the character(s). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** `quoted` only: the closing quote is missing (the token runs to the end of the line). */
  readonly unterminated: boolean;
}

export type CommentStyle = '//' | '--' | '/*';

export interface Comment {
  readonly style: CommentStyle;
  readonly span: Span;
  /** `/*` only: the closing `*\/` is missing. */
  readonly unterminated?: boolean;
}

export interface LexResult {
  readonly tokens: readonly Token[];
  readonly comments: readonly Comment[];
}

const enum C {
  Tab = 9, LF = 10, CR = 13, Space = 32, Quote = 34, LParen = 40, RParen = 41, Star = 42,
  Comma = 44, Minus = 45, Slash = 47, Semi = 59, Lt = 60, Gt = 62, Underscore = 95,
}

/** ASCII character classes, one table load per character (the lexer reads every character of a 4 MB export). */
const WORD = 1;
const SPACE = 2;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === C.Underscore) ASCII_CLASS[c] = WORD;
  else if (c === C.Space || c === C.Tab || c === C.LF || c === C.CR || c === 12 || c === 11) ASCII_CLASS[c] = SPACE;
}

/** `[A-Za-z0-9_]`; false past the end of the text (`charCodeAt` gives NaN there). */
function isWordChar(c: number): boolean {
  return c < 128 && ASCII_CLASS[c] === WORD;
}

/** White space, BOM and no-break space included; false past the end of the text. */
function isSpace(c: number): boolean {
  return c < 128 ? ASCII_CLASS[c] === SPACE : c === 0xfeff || c === 0xa0;
}

function punct(c: number): TokenKind {
  switch (c) {
    case C.LParen: return '(';
    case C.RParen: return ')';
    case C.Comma: return ',';
    case C.Semi: return ';';
    case C.Lt: return '<';
    case C.Gt: return '>';
    default: return 'invalid';
  }
}

/**
 * The grammar words by length and first and last letter (case folded: `& 31` maps `A` and `a` alike): a
 * word whose length and ends match no grammar word is no keyword, without comparing it with any. Field
 * names are most of an export's words, and a compare loop over every grammar word of the same length was
 * the lexer's largest cost (issue 17). A slot holds one word, rarely two (DEFINE and DOUBLE).
 */
const MAX_WORD = 15;
const wordSlot = (n: number, first: number, last: number): number => (n << 10) | ((first & 31) << 5) | (last & 31);
const WORD_SLOTS: (readonly string[] | undefined)[] = new Array<readonly string[] | undefined>(wordSlot(MAX_WORD, 31, 31) + 1).fill(undefined);
for (const w of GRAMMAR_WORDS) {
  if (w.length > MAX_WORD) throw new Error(`grammar word ${w} is longer than ${MAX_WORD}`);
  const slot = wordSlot(w.length, w.charCodeAt(0), w.charCodeAt(w.length - 1));
  WORD_SLOTS[slot] = [...(WORD_SLOTS[slot] ?? []), w];
}

/**
 * The grammar word (upper case, `GRAMMAR_WORDS`) that `text[start, end)` spells case-insensitively, or
 * undefined. Words are `[A-Za-z0-9_]+`, so ASCII case folding is exactly `toUpperCase` (keywords are
 * case-insensitive in practice: reference §1.3, UNCONFIRMED).
 */
export function keywordAt(text: string, start: number, end: number): string | undefined {
  const n = end - start;
  if (n > MAX_WORD || n < 1) return undefined;
  const candidates = WORD_SLOTS[wordSlot(n, text.charCodeAt(start), text.charCodeAt(end - 1))];
  if (candidates === undefined) return undefined;
  next: for (let k = 0; k < candidates.length; k++) {
    const w = candidates[k];
    // `| 32` folds case: word characters are [A-Za-z0-9_], grammar words [A-Z0-9]; digits keep their
    // code, letters get the lower-case one, `_` becomes 127, which no grammar word character does.
    for (let i = 0; i < n; i++) {
      if ((text.charCodeAt(start + i) | 32) !== (w.charCodeAt(i) | 32)) continue next;
    }
    return w;
  }
  return undefined;
}

/**
 * The text a token stands for (`Token.text`): the spelling of a word, the name between the quotes of a
 * quoted identifier (to the end of the token when the closing quote is missing), else the characters.
 */
export function tokenText(text: string, kind: TokenKind, start: number, end: number, unterminated: boolean): string {
  if (kind === 'quoted') return text.slice(start + 1, unterminated ? end : end - 1);
  return text.slice(start, end);
}

/**
 * A pull lexer. `scan()` moves to the next token and returns its kind, leaving its offsets in
 * `start`/`end`/`unterminated`: no object per token (the parser keeps a few in a ring of numbers).
 * `next()` returns the same token as a `Token` object, for callers that want one. Comments are
 * collected as it goes. Never throws; after the end it keeps returning `eof`.
 */
export class Lexer {
  readonly comments: Comment[] = [];
  /** The current token's offsets (`end` exclusive), and for a quoted identifier whether its closing quote is missing. */
  start = 0;
  end = 0;
  unterminated = false;
  /** For a word: the grammar word it spells (`keywordAt`), else undefined. */
  keyword: string | undefined = undefined;
  private i = 0;
  private readonly n: number;

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  next(): Token {
    const kind = this.scan();
    return { kind, text: tokenText(this.text, kind, this.start, this.end, this.unterminated), start: this.start, end: this.end, unterminated: this.unterminated };
  }

  scan(): TokenKind {
    const text = this.text;
    const n = this.n;
    let i = this.i;
    this.unterminated = false;
    this.keyword = undefined;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        i++;
        while (i < n && isSpace(text.charCodeAt(i))) i++;
        continue;
      }
      const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
      // Comments: `// ...`, `-- ...` to end of line, `/* ... */` (Apple, reference §1.4).
      if ((c === C.Slash && next === C.Slash) || (c === C.Minus && next === C.Minus)) {
        const start = i;
        i += 2;
        while (i < n) { const d = text.charCodeAt(i); if (d === C.LF || d === C.CR) break; i++; }
        this.comments.push({ style: c === C.Slash ? '//' : '--', span: { start, end: i } });
        continue;
      }
      if (c === C.Slash && next === C.Star) {
        const start = i;
        const close = text.indexOf('*/', i + 2);
        i = close < 0 ? n : close + 2;
        this.comments.push(close < 0 ? { style: '/*', span: { start, end: i }, unterminated: true } : { style: '/*', span: { start, end: i } });
        continue;
      }
      this.start = i;
      if (isWordChar(c)) {
        i++;
        while (i < n && isWordChar(text.charCodeAt(i))) i++;
        this.i = this.end = i;
        this.keyword = keywordAt(text, this.start, i);
        return 'word';
      }
      if (c === C.Quote) {
        i++;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === C.Quote || d === C.LF || d === C.CR) break;
          i++;
        }
        if (i < n && text.charCodeAt(i) === C.Quote) {
          this.i = this.end = i + 1;
        } else {
          this.i = this.end = i;
          this.unterminated = true;
        }
        return 'quoted';
      }
      const p = punct(c);
      if (p !== 'invalid') { this.i = this.end = i + 1; return p; }
      // One invalid token per unknown character; keep surrogate pairs together, but a lone high
      // surrogate (at the end, or before anything but a low surrogate) is one unit (issue 17).
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      this.i = this.end = i;
      return 'invalid';
    }
    this.i = this.start = this.end = n;
    return 'eof';
  }
}

/** Tokenizes the whole text; never throws. Comments are returned apart from tokens. */
export function lex(text: string): LexResult {
  const lexer = new Lexer(text);
  const tokens: Token[] = [];
  for (;;) {
    const t = lexer.next();
    tokens.push(t);
    if (t.kind === 'eof') break;
  }
  return { tokens, comments: lexer.comments };
}
