import type { Finding } from '../findings';
import { LineIndex, type Span } from '../text/span';
import { PERMISSIONS } from './keywords';
import { keywordAt, Lexer, tokenText, type Comment, type LexResult, type Token, type TokenKind } from './lexer';
import { parsedField, type FieldShape } from './parsed-field';
import {
  ENCRYPTABLE, type FieldIR, type FieldOption, type FieldType, type GrantIR, type Permission, type PrimitiveBase,
  type PrimitiveType, type RecordTypeIR, type RoleIR, type SchemaIR,
} from '../cloudkit/schema-ir';

/**
 * Recursive-descent parser for the CloudKit Schema Language (grammar: reference/ckdb.md §1.2-1.3).
 *
 * It never throws and always returns a SchemaIR: on a syntax error it reports what was expected and
 * where (ruleId `syntax`), skips to the next `,`, `)` or `;` (or to the next `RECORD TYPE` /
 * `CREATE ROLE`), and goes on, so one typo gives one diagnostic and the rest of the file still gets
 * outline, checks and formatting.
 */
export interface CkdbParseResult {
  readonly schema: SchemaIR;
  /** Syntax findings only (ruleId `syntax`); `checkCkdb` adds the CKS checks. */
  readonly findings: Finding[];
  /** Every comment, in order (the formatter keeps them; cktool drops them). */
  readonly comments: readonly Comment[];
  /** The `DEFINE SCHEMA` header, when present. */
  readonly headerSpan?: Span;
  readonly lines: LineIndex;
}

export const SYNTAX_RULE_ID = 'syntax';

/** At most this many syntax findings per file. */
export const MAX_SYNTAX_FINDINGS = 100;

interface MutableRecordType {
  name: string;
  quoted: boolean;
  fields: FieldIR[];
  grants: GrantIR[];
  span: Span;
  nameSpan: Span;
}

/**
 * Where the parser reads tokens from: the pull lexer, or tokens lexed already (the formatter's).
 * `scan()` moves to the next token and returns its kind; its offsets are then in `start`/`end`.
 */
interface TokenSource {
  scan(): TokenKind;
  readonly start: number;
  readonly end: number;
  readonly unterminated: boolean;
  /** For a word: the grammar word it spells (`keywordAt`). */
  readonly keyword: string | undefined;
}

class ArraySource implements TokenSource {
  private i = 0;
  start = 0;
  end = 0;
  unterminated = false;
  keyword: string | undefined = undefined;
  constructor(private readonly tokens: readonly Token[]) {}
  scan(): TokenKind {
    const t = this.tokens[Math.min(this.i, this.tokens.length - 1)];
    this.i++;
    this.start = t.start;
    this.end = t.end;
    this.unterminated = t.unterminated;
    this.keyword = t.kind === 'word' ? keywordAt(t.text, 0, t.text.length) : undefined;
    return t.kind;
  }
}

/*
 * Types and option lists are immutable values shared by many fields (a 100k-field export has a
 * handful of distinct ones): interning them keeps the IR small and the garbage collector idle. Keys
 * are numbers computed while parsing, so a field that hits the cache allocates nothing for them.
 */
const typeCache: (FieldType | undefined)[] = new Array<FieldType | undefined>(2048).fill(undefined);
/**
 * A primitive base's code in type keys (`primitiveKey`), or -1 for any other word. A switch: the words
 * are the interned grammar-word constants, so each case is one pointer comparison (a Map lookup per field
 * was a measurable share of the parse). The codes only need to be distinct.
 */
function baseCode(w: string | undefined): number {
  switch (w) {
    case 'STRING': return 0;
    case 'INT64': return 1;
    case 'DOUBLE': return 2;
    case 'TIMESTAMP': return 3;
    case 'BYTES': return 4;
    case 'ASSET': return 5;
    case 'REFERENCE': return 6;
    case 'LOCATION': return 7;
    case 'NUMBER': return 8;
    default: return -1;
  }
}
/** The grammar words by role (module-level: the parser asks for most tokens). */
const PERMISSION_WORDS: ReadonlySet<string | undefined> = new Set(PERMISSIONS);
const optionsCache = new Map<number, readonly FieldOption[]>();
/** Option lists up to this long are interned (the key is 2 bits per option); longer ones are rare. */
const MAX_INTERNED_OPTIONS = 8;
/** By option code (QUERYABLE 1, SORTABLE 2, SEARCHABLE 3, as `parseField` writes them; 0 never is). */
const OPTION_OF_CODE: readonly FieldOption[] = ['QUERYABLE', 'QUERYABLE', 'SORTABLE', 'SEARCHABLE'];

/** The options a key spells (a leading 1 bit, then 2 bits per option in source order). */
function optionsOfKey(key: number): FieldOption[] {
  const out: FieldOption[] = [];
  for (let bits = 31 - Math.clz32(key) - 2; bits >= 0; bits -= 2) out.push(OPTION_OF_CODE[(key >>> bits) & 3]);
  return out;
}

/**
 * Field shapes by key: the type key (11 bits), the option key (17 bits), quoted (1 bit). A field whose
 * option list is too long to key gets a shape of its own.
 */
const shapeCache = new Map<number, FieldShape>();

function internShape(typeKey: number, type: FieldType, optionsKey: number, quoted: boolean): FieldShape {
  const key = (typeKey << 18) | (optionsKey << 1) | (quoted ? 1 : 0);
  let shape = shapeCache.get(key);
  if (!shape) shapeCache.set(key, (shape = { type, options: internOptions(optionsKey), quoted }));
  return shape;
}

/** The shared option list of a key. */
function internOptions(key: number): readonly FieldOption[] {
  let list = optionsCache.get(key);
  if (!list) optionsCache.set(key, (list = optionsOfKey(key)));
  return list;
}

/** A type's key: base code, encrypted, preferred-as in 6 bits; 1024 added for a list of that element. */
function primitiveKey(baseCode: number, encrypted: boolean, preferredAs: 'INT64' | 'DOUBLE' | undefined): number {
  return (baseCode << 3) | (encrypted ? 4 : 0) | (preferredAs === 'INT64' ? 1 : preferredAs === 'DOUBLE' ? 2 : 0);
}

function internPrimitive(key: number, base: PrimitiveBase, encrypted: boolean, preferredAs?: 'INT64' | 'DOUBLE'): PrimitiveType {
  const hit = typeCache[key];
  if (hit) return hit as PrimitiveType;
  const t: PrimitiveType = preferredAs ? { kind: 'primitive', base, encrypted, preferredAs } : { kind: 'primitive', base, encrypted };
  typeCache[key] = t;
  return t;
}

function internList(key: number, element: PrimitiveType): FieldType {
  const hit = typeCache[key];
  if (hit) return hit;
  const t: FieldType = { kind: 'list', element };
  typeCache[key] = t;
  return t;
}

/** Slots of the parser's spelling table (a power of two; an export has a few hundred distinct names). */
const SPELLING_SLOTS = 4096;

/** What `readIdent` read: kept on the parser (no object per identifier). */
interface Ident {
  name: string;
  quoted: boolean;
  start: number;
  end: number;
}

class Parser {
  /**
   * Lookahead ring buffer of token kinds and offsets: the parser looks at most 3 tokens ahead, so only a
   * few tokens are alive, as numbers (an object per token was most of a large export's garbage).
   */
  private readonly kinds: TokenKind[] = ['eof', 'eof', 'eof', 'eof', 'eof', 'eof', 'eof', 'eof'];
  private readonly starts = new Int32Array(8);
  private readonly ends = new Int32Array(8);
  private readonly unterminated = new Uint8Array(8);
  private readonly keywords: (string | undefined)[] = new Array<string | undefined>(8).fill(undefined);
  private head = 0;
  private count = 0;
  private lastStart = 0;
  private lastEnd = 0;
  /**
   * Every identifier spelling read so far, to share one string per spelling: exports repeat the same
   * field names in every record type (the six system fields, `CD_entityName`, ...), and a string per
   * occurrence was a large share of what a 100k-field AST kept alive.
   */
  private readonly spellings: (string | undefined)[] = new Array<string | undefined>(SPELLING_SLOTS).fill(undefined);
  /**
   * Where a record type's fields are collected (`finishRecord` copies them out at their exact count): one
   * growing array reused, instead of every record's array growing by steps and keeping the slack.
   */
  private readonly scratchFields: FieldIR[] = [];
  /** The key (`primitiveKey`) of the type `parseType` read last. */
  private typeKey = 0;
  /** The identifier `readIdent` read last. */
  private readonly id: Ident = { name: '', quoted: false, start: 0, end: 0 };
  readonly findings: Finding[] = [];

  constructor(private readonly text: string, private readonly source: TokenSource, private readonly lines: () => LineIndex) {}

  /** The kind of the token `k` ahead. */
  private peek(k = 0): TokenKind {
    while (this.count <= k) {
      const prev = (this.head + this.count - 1) & 7;
      const at = (this.head + this.count) & 7;
      if (this.count > 0 && this.kinds[prev] === 'eof') {
        this.kinds[at] = 'eof'; this.starts[at] = this.starts[prev]; this.ends[at] = this.ends[prev]; this.unterminated[at] = 0; this.keywords[at] = undefined;
      } else {
        const src = this.source;
        this.kinds[at] = src.scan(); this.starts[at] = src.start; this.ends[at] = src.end; this.unterminated[at] = src.unterminated ? 1 : 0; this.keywords[at] = src.keyword;
      }
      this.count++;
    }
    return this.kinds[(this.head + k) & 7];
  }

  private startOf(k = 0): number { this.peek(k); return this.starts[(this.head + k) & 7]; }
  private endOf(k = 0): number { this.peek(k); return this.ends[(this.head + k) & 7]; }
  private spanOf(k = 0): Span { return { start: this.startOf(k), end: this.endOf(k) }; }

  /** `Token.text` of the token `k` ahead (sliced only when asked for). */
  private textOf(k = 0): string {
    const kind = this.peek(k);
    const at = (this.head + k) & 7;
    return tokenText(this.text, kind, this.starts[at], this.ends[at], this.unterminated[at] === 1);
  }

  /** Consumes the current token and returns its kind; its offsets are then `lastStart`/`lastEnd`. */
  private next(): TokenKind {
    const kind = this.peek();
    if (kind !== 'eof') {
      this.lastStart = this.starts[this.head];
      this.lastEnd = this.ends[this.head];
      this.head = (this.head + 1) & 7;
      this.count--;
    }
    return kind;
  }

  private prevEnd(): number {
    return this.lastEnd;
  }

  /** The grammar word the token `k` ahead spells (upper case), if it is a word and spells one. */
  private keywordOf(k = 0): string | undefined {
    return this.peek(k) === 'word' ? this.keywords[(this.head + k) & 7] : undefined;
  }

  private isWord(k: number, keyword: string): boolean {
    return this.keywordOf(k) === keyword;
  }

  private isIdent(k = 0): boolean {
    const kind = this.peek(k);
    return kind === 'word' || kind === 'quoted';
  }

  private describe(k = 0): string {
    switch (this.peek(k)) {
      case 'eof': return 'end of file';
      case 'quoted': return `"${this.textOf(k)}"`;
      default: return `'${this.textOf(k)}'`;
    }
  }

  error(span: Span, message: string): void {
    // One diagnostic per position: a cascade at the same place says nothing new.
    const last = this.findings[this.findings.length - 1];
    if (last && last.span.start === span.start) return;
    // A file that is not a schema at all could give one error per token: stop at a readable number.
    if (this.findings.length >= MAX_SYNTAX_FINDINGS) return;
    if (this.findings.length === MAX_SYNTAX_FINDINGS - 1) message = `${message} (More syntax errors follow; only the first ${MAX_SYNTAX_FINDINGS} are reported.)`;
    this.findings.push({
      ruleId: SYNTAX_RULE_ID, severity: 'error', message, span, range: this.lines().rangeOf(span),
    });
  }

  /** Reports "expected X, found Y" at the current token. */
  private expected(what: string, context = ''): void {
    this.error(this.spanOf(), `Expected ${what}${context}, found ${this.describe()}.`);
  }

  /** Reports "expected X" just after the previous token (for a missing `;` or `)`). */
  private missingAfterPrev(what: string, context = ''): void {
    const at = this.prevEnd();
    this.error({ start: at, end: at }, `Expected ${what}${context}, found ${this.describe()}.`);
  }

  private atStatementStart(k = 0): boolean {
    return (this.isWord(k, 'RECORD') && this.isWord(k + 1, 'TYPE')) || (this.isWord(k, 'CREATE') && this.isWord(k + 1, 'ROLE'));
  }

  /** Skips to just after the next `;` or to the next statement start, whichever comes first. */
  private skipStatement(): void {
    while (this.peek() !== 'eof') {
      if (this.atStatementStart()) return;
      if (this.next() === ';') return;
    }
  }

  /** Skips to the next `,`, `)` or `;` (not consumed) or the next statement start. */
  private skipMember(): void {
    while (true) {
      const kind = this.peek();
      if (kind === 'eof' || kind === ',' || kind === ')' || kind === ';' || this.atStatementStart()) return;
      this.next();
    }
  }

  /** Reads an identifier into `this.id`; false (nothing consumed) when the current token is none. */
  private readIdent(): boolean {
    const kind = this.peek();
    if (kind !== 'word' && kind !== 'quoted') return false;
    const unterminated = this.unterminated[this.head] === 1;
    const id = this.id;
    const at = this.head;
    const from = kind === 'quoted' ? this.starts[at] + 1 : this.starts[at];
    const to = kind === 'quoted' && !unterminated ? this.ends[at] - 1 : this.ends[at];
    id.name = this.spelling(from, to);
    id.quoted = kind === 'quoted';
    this.next();
    id.start = this.lastStart;
    id.end = this.lastEnd;
    if (unterminated) this.error({ start: id.start, end: id.end }, `Unterminated quoted identifier: add the closing '"'.`);
    return true;
  }

  /**
   * The shared string for `text[from, to)`: found by a hash of its length and five of its characters (the
   * ends and the middle: names that differ tend to differ there, as `CD_field001`/`CD_field002` do), then
   * compared whole, so a spelling seen before is neither sliced nor hashed whole again (a slice per field
   * was a large share of the garbage). A slot shared by two spellings keeps the first; the other is sliced
   * every time (correct, only slower).
   */
  private spelling(from: number, to: number): string {
    const text = this.text;
    const n = to - from;
    if (n === 0) return '';
    const last = to - 1;
    let h = Math.imul(n, 31) + text.charCodeAt(from) | 0;
    h = Math.imul(h, 31) + text.charCodeAt(from + (n > 1 ? 1 : 0)) | 0;
    h = Math.imul(h, 31) + text.charCodeAt(from + (n >> 1)) | 0;
    h = Math.imul(h, 31) + text.charCodeAt(last - (n > 1 ? 1 : 0)) | 0;
    h = Math.imul(h, 31) + text.charCodeAt(last) | 0;
    const slot = h & (SPELLING_SLOTS - 1);
    const known = this.spellings[slot];
    if (known !== undefined && known.length === n) {
      let i = 0;
      while (i < n && known.charCodeAt(i) === text.charCodeAt(from + i)) i++;
      if (i === n) return known;
    }
    const s = text.slice(from, to);
    if (known === undefined) this.spellings[slot] = s;
    return s;
  }

  /** `readIdent` as a record that outlives the next identifier (roles, record types, grants: few). */
  private readIdentRecord(): { name: string; quoted: boolean; span: Span } | undefined {
    if (!this.readIdent()) return undefined;
    const id = this.id;
    return { name: id.name, quoted: id.quoted, span: { start: id.start, end: id.end } };
  }

  parseSchema(): { roles: RoleIR[]; recordTypes: RecordTypeIR[]; headerSpan?: Span } {
    const roles: RoleIR[] = [];
    const recordTypes: RecordTypeIR[] = [];
    let headerSpan: Span | undefined;
    if (this.isWord(0, 'DEFINE')) {
      this.next();
      const d = { start: this.lastStart, end: this.lastEnd };
      if (this.isWord(0, 'SCHEMA')) { this.next(); headerSpan = { start: d.start, end: this.lastEnd }; }
      else { this.expected(`'SCHEMA'`, ` after 'DEFINE'`); headerSpan = d; }
    } else {
      this.expected(`'DEFINE SCHEMA'`, ' at the start of the schema');
      // Not a schema at all (e.g. source code saved as .ckdb): look for the first statement quietly.
      while (this.peek() !== 'eof' && !this.atStatementStart()) this.next();
    }
    while (this.peek() !== 'eof') {
      if (this.atStatementStart()) {
        if (this.isWord(0, 'CREATE')) { const r = this.parseRole(); if (r) roles.push(r); }
        else recordTypes.push(this.parseRecordType());
        continue;
      }
      if (this.peek() === ';') { this.next(); continue; } // an empty statement is harmless
      this.expected(`'RECORD TYPE' or 'CREATE ROLE'`);
      this.next();
      this.skipStatement();
    }
    return { roles, recordTypes, headerSpan };
  }

  private expectSemicolon(what: string): void {
    if (this.peek() === ';') { this.next(); return; }
    this.missingAfterPrev(`';'`, ` after ${what}`);
    if (!this.atStatementStart()) this.skipStatement();
  }

  private parseRole(): RoleIR | undefined {
    this.next();
    const createStart = this.lastStart;
    this.next(); // ROLE
    const id = this.readIdentRecord();
    if (!id) {
      this.expected('a role name', ` after 'CREATE ROLE'`);
      this.skipStatement();
      return undefined;
    }
    const span = { start: createStart, end: id.span.end };
    this.expectSemicolon(`CREATE ROLE ${id.name}`);
    return { name: id.name, quoted: id.quoted, span: { start: span.start, end: Math.max(span.end, this.prevEnd()) }, nameSpan: id.span };
  }

  private parseRecordType(): RecordTypeIR {
    this.next();
    const recordStart = this.lastStart;
    this.next(); // TYPE
    const id = this.readIdentRecord();
    const rt: MutableRecordType = {
      name: id?.name ?? '', quoted: id?.quoted ?? false, fields: this.scratchFields, grants: [],
      span: { start: recordStart, end: this.prevEnd() }, nameSpan: id?.span ?? { start: this.prevEnd(), end: this.prevEnd() },
    };
    const label = id ? `RECORD TYPE ${id.name}` : 'RECORD TYPE';
    if (!id) this.expected('a record type name', ` after 'RECORD TYPE'`);
    if (this.peek() !== '(') {
      if (id) this.expected(`'('`, ` after 'RECORD TYPE ${id.name}'`);
      this.skipStatement();
      return this.finishRecord(rt);
    }
    this.next(); // (
    this.parseMembers(rt, label);
    if (this.peek() === ')') this.next();
    rt.span = { start: rt.span.start, end: this.prevEnd() };
    this.expectSemicolon(`'${label} (...)'`);
    return this.finishRecord(rt);
  }

  private finishRecord(rt: MutableRecordType): RecordTypeIR {
    const end = Math.max(rt.span.end, this.prevEnd());
    // The fields were collected in the reused scratch array: the record gets an exact-size copy.
    const fields = rt.fields.slice();
    rt.fields.length = 0;
    return { name: rt.name, quoted: rt.quoted, fields, grants: rt.grants, span: { start: rt.span.start, end }, nameSpan: rt.nameSpan };
  }

  private parseMembers(rt: MutableRecordType, label: string): void {
    /** The offset of the `,` just read, or -1. */
    let afterComma = -1;
    for (;;) {
      const kind = this.peek();
      if (kind === ')') {
        // Apple's grammar has no trailing comma, and no real file uses one (reference §1.3).
        if (afterComma >= 0) this.error({ start: afterComma, end: afterComma + 1 }, `Unexpected ',' before ')': remove the trailing comma.`);
        return;
      }
      if (kind === 'eof' || kind === ';' || this.atStatementStart()) {
        this.missingAfterPrev(`')'`, ` to close '${label} ('`);
        return;
      }
      const ok = this.isWord(0, 'GRANT') && !this.grantIsFieldName() ? this.parseGrant(rt) : this.parseField(rt);
      if (!ok) this.skipMember();
      const after = this.peek();
      if (after === ',') { this.next(); afterComma = this.lastStart; continue; }
      afterComma = -1;
      if (after === ')' || after === 'eof' || after === ';' || this.atStatementStart()) continue;
      if (ok) {
        this.missingAfterPrev(`',' or ')'`, ` after ${rt.fields.length || rt.grants.length ? 'the previous member' : 'the member'}`);
        this.skipMember();
        if (this.peek() === ',') this.next();
      }
    }
  }

  /** A bare `grant` followed by a data type is an (unquoted, reserved) field name, not a GRANT clause. */
  private grantIsFieldName(): boolean {
    const w = this.keywordOf(1);
    return !PERMISSION_WORDS.has(w) && (baseCode(w) >= 0 || w === 'LIST' || w === 'ENCRYPTED');
  }

  private permissionAhead(k: number): Permission | undefined {
    const w = this.keywordOf(k);
    return PERMISSION_WORDS.has(w) ? (w as Permission) : undefined;
  }

  private parseGrant(rt: MutableRecordType): boolean {
    this.next();
    const grantStart = this.lastStart;
    const permissions: Permission[] = [];
    for (;;) {
      const p = this.permissionAhead(0);
      if (!p) {
        this.expected(`'READ', 'CREATE' or 'WRITE'`, permissions.length ? ` after ','` : ` after 'GRANT'`);
        return false;
      }
      this.next();
      permissions.push(p);
      if (this.peek() === ',' && this.permissionAhead(1)) { this.next(); continue; }
      break;
    }
    if (!this.isWord(0, 'TO')) { this.expected(`'TO' or ','`, ` after the permissions of GRANT`); return false; }
    this.next();
    const role = this.readIdentRecord();
    if (!role) { this.expected('a role name', ` after 'TO'`); return false; }
    // `GRANT CREATE TO "_creator", "_icloud"` names two roles: invalid (reference §1.3). Parse the extra
    // roles so the CKS003 check can say exactly that, instead of a confusing "expected a data type".
    const extraRoles: { name: string; quoted: boolean; span: Span }[] = [];
    while (this.peek() === ',' && this.isIdent(1) && !this.isWord(1, 'GRANT')
      && (this.peek(2) === ',' || this.peek(2) === ')')) {
      this.next();
      const extra = this.readIdentRecord();
      if (extra) extraRoles.push(extra);
    }
    const g: GrantIR = {
      permissions, role: role.name, roleQuoted: role.quoted,
      span: { start: grantStart, end: this.prevEnd() }, roleSpan: role.span,
      ...(extraRoles.length ? { extraRoles } : {}),
    };
    rt.grants.push(g);
    return true;
  }

  private parseField(rt: MutableRecordType): boolean {
    if (!this.readIdent()) { this.expected('a field name or GRANT'); return false; }
    const { name, quoted, start, end: nameEnd } = this.id;
    const typeStart = this.startOf();
    const type = this.parseType(name);
    if (!type) return false;
    const typeEnd = this.prevEnd();
    // Options as a number (2 bits each, in source order) until the list is known: a list seen before
    // is shared, so most fields allocate nothing for their options (an array per field was a third of
    // a large export's garbage). Only a list longer than the key holds is collected as it is read.
    let key = 1;
    let count = 0;
    let long: FieldOption[] | undefined;
    for (;;) {
      const w = this.keywordOf();
      const code = w === 'QUERYABLE' ? 1 : w === 'SORTABLE' ? 2 : w === 'SEARCHABLE' ? 3 : 0;
      if (code === 0) break;
      const o = w as FieldOption;
      this.next();
      if (count < MAX_INTERNED_OPTIONS) key = (key << 2) | code;
      else long ??= optionsOfKey(key);
      long?.push(o);
      count++;
    }
    const shape = long ? { type, options: long, quoted } : internShape(this.typeKey, type, key, quoted);
    rt.fields.push(parsedField(name, shape, start, nameEnd, typeStart, typeEnd, this.prevEnd()));
    return true;
  }

  private parseType(fieldName: string): FieldType | undefined {
    if (this.isWord(0, 'LIST')) {
      this.next();
      if (this.peek() !== '<') { this.expected(`'<'`, ` after 'LIST'`); return undefined; }
      this.next();
      if (this.isWord(0, 'LIST')) { this.error(this.spanOf(), 'A LIST cannot contain a LIST: use a primitive type.'); return undefined; }
      const element = this.parsePrimitive(undefined);
      if (!element) return undefined;
      if (this.peek() !== '>') { this.expected(`'>'`, ` to close 'LIST<'`); return undefined; }
      this.next();
      this.typeKey |= 1024;
      return internList(this.typeKey, element);
    }
    return this.parsePrimitive(fieldName);
  }

  /** A primitive type after field `fieldName`, or inside `LIST<...>` (no field name). */
  private parsePrimitive(fieldName: string | undefined): PrimitiveType | undefined {
    let encrypted = false;
    let encryptedStart = -1;
    if (this.isWord(0, 'ENCRYPTED')) { this.next(); encryptedStart = this.lastStart; encrypted = true; }
    const w = this.keywordOf();
    const code = baseCode(w);
    if (code < 0) {
      this.expected(encrypted ? 'BYTES, STRING, DOUBLE, INT64, LOCATION or TIMESTAMP' : 'a data type (STRING, INT64, DOUBLE, TIMESTAMP, BYTES, REFERENCE, ASSET, LOCATION, NUMBER, LIST<...> or ENCRYPTED ...)',
        encrypted ? ` after 'ENCRYPTED'` : fieldName === undefined ? ` inside 'LIST<...>'` : ` after field '${fieldName}'`);
      return undefined;
    }
    const base = w as PrimitiveBase;
    this.next();
    if (encrypted && !ENCRYPTABLE.includes(base)) {
      // Apple's grammar: `[ ENCRYPTED ] { BYTES | STRING | DOUBLE | INT64 | LOCATION | TIMESTAMP }`.
      this.error({ start: encryptedStart, end: this.lastEnd },
        `${base} cannot be ENCRYPTED: only BYTES, STRING, DOUBLE, INT64, LOCATION and TIMESTAMP can (${base === 'ASSET' ? 'assets are always encrypted' : base === 'REFERENCE' ? 'references cannot be encrypted' : 'Apple\'s grammar'}).`);
    }
    if (base === 'NUMBER' && this.isWord(0, 'PREFERRED')) {
      this.next();
      if (!this.isWord(0, 'AS')) { this.expected(`'AS'`, ` after 'PREFERRED'`); return undefined; }
      this.next();
      const pref = this.isWord(0, 'INT64') ? 'INT64' : this.isWord(0, 'DOUBLE') ? 'DOUBLE' : undefined;
      if (!pref) { this.expected(`'INT64' or 'DOUBLE'`, ` after 'PREFERRED AS'`); return undefined; }
      this.next();
      this.typeKey = primitiveKey(code, encrypted, pref);
      return internPrimitive(this.typeKey, base, encrypted, pref);
    }
    this.typeKey = primitiveKey(code, encrypted, undefined);
    return internPrimitive(this.typeKey, base, encrypted);
  }
}

/** Parses `.ckdb` text into a SchemaIR with spans, plus syntax findings. Never throws. */
export function parseCkdb(text: string): CkdbParseResult {
  const lexer = new Lexer(text);
  return parseFrom(text, lexer, () => lexer.comments);
}

/** Parses already lexed text (the formatter lexes once for both). */
export function parseLexed(text: string, { tokens, comments }: LexResult): CkdbParseResult {
  return parseFrom(text, new ArraySource(tokens), () => comments);
}

function parseFrom(text: string, source: TokenSource, commentsOf: () => readonly Comment[]): CkdbParseResult {
  // The line index is built only when asked for (a finding, a check, an editor range): a clean
  // 100k-line export parses without it.
  let lineIndex: LineIndex | undefined;
  const lines = (): LineIndex => (lineIndex ??= new LineIndex(text));
  const p = new Parser(text, source, lines);
  const { roles, recordTypes, headerSpan } = p.parseSchema();
  const comments = commentsOf();
  for (const c of comments) {
    if (c.unterminated) p.error(c.span, `Unterminated comment: add the closing '*/'.`);
  }
  const findings = p.findings.sort((a, b) => a.span.start - b.span.start);
  return {
    schema: { roles, recordTypes }, findings, comments, ...(headerSpan ? { headerSpan } : {}),
    get lines(): LineIndex { return lines(); },
  };
}
