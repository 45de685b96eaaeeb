import type { Span } from '../text/span';

/**
 * The `.ckdb` lexer (CloudKit Schema Language, reference/ckdb.md §1.2-1.4).
 *
 * Words are lexed leniently (`[A-Za-z0-9_]+`) so the parser can accept them as identifiers and the
 * checks can say *why* a name is invalid (leading digit, leading underscore) instead of a bare syntax
 * error. Keywords are not distinguished here: they are contextual (real exports use `type`, `location`
 * and `role` as bare field names, reference §1.3), so the parser decides by position.
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

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === C.Underscore;
}

function isSpace(c: number): boolean {
  return c === C.Space || c === C.Tab || c === C.LF || c === C.CR || c === 12 || c === 11 || c === 0xfeff || c === 0xa0;
}

function punct(c: number): TokenKind | undefined {
  switch (c) {
    case C.LParen: return '(';
    case C.RParen: return ')';
    case C.Comma: return ',';
    case C.Semi: return ';';
    case C.Lt: return '<';
    case C.Gt: return '>';
    default: return undefined;
  }
}

/** Every token has the same shape (one hidden class: the lexer runs over 100k-line exports). */
function token(kind: TokenKind, text: string, start: number, end: number, unterminated = false): Token {
  return { kind, text, start, end, unterminated };
}

/**
 * A pull lexer: `next()` returns one token at a time (the parser keeps only a few alive, so a 100k-line
 * export does not hold hundreds of thousands of token objects); comments are collected as it goes.
 * Never throws; after the end it keeps returning `eof`.
 */
export class Lexer {
  readonly comments: Comment[] = [];
  private i = 0;
  private readonly n: number;

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  next(): Token {
    const text = this.text;
    const n = this.n;
    let i = this.i;
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
      if (isWordChar(c)) {
        const start = i;
        i++;
        while (i < n && isWordChar(text.charCodeAt(i))) i++;
        this.i = i;
        return token('word', text.slice(start, i), start, i);
      }
      if (c === C.Quote) {
        const start = i;
        i++;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === C.Quote || d === C.LF || d === C.CR) break;
          i++;
        }
        if (i < n && text.charCodeAt(i) === C.Quote) {
          this.i = i + 1;
          return token('quoted', text.slice(start + 1, i), start, i + 1);
        }
        this.i = i;
        return token('quoted', text.slice(start + 1, i), start, i, true);
      }
      const p = punct(c);
      if (p) { this.i = i + 1; return token(p, p, i, i + 1); }
      // One invalid token per unknown character; keep surrogate pairs together, but a lone high
      // surrogate (at the end, or before anything but a low surrogate) is one unit (issue 17).
      const start = i;
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      this.i = i;
      return token('invalid', text.slice(start, i), start, i);
    }
    this.i = n;
    return token('eof', '', n, n);
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
