import type { Finding } from '../findings';
import { LineIndex, type Span } from '../text/span';
import { asFieldOption, asPermission, asPrimitiveBase, isKeyword } from './keywords';
import { Lexer, type Comment, type LexResult, type Token } from './lexer';
import {
  ENCRYPTABLE, type FieldIR, type FieldOption, type FieldType, type GrantIR, type Permission, type PrimitiveType,
  type RecordTypeIR, type RoleIR, type SchemaIR,
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

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof': return 'end of file';
    case 'word': return `'${t.text}'`;
    case 'quoted': return `"${t.text}"`;
    default: return `'${t.text}'`;
  }
}

/** Where the parser reads tokens from: a pull lexer, or tokens lexed already (the formatter's). */
interface TokenSource {
  next(): Token;
}

class ArraySource implements TokenSource {
  private i = 0;
  constructor(private readonly tokens: readonly Token[]) {}
  next(): Token {
    const t = this.tokens[Math.min(this.i, this.tokens.length - 1)];
    this.i++;
    return t;
  }
}

/*
 * Types and option lists are immutable values shared by many fields (a 100k-field export has a
 * handful of distinct ones): interning them keeps the IR small and the garbage collector idle.
 */
const typeCache = new Map<string, FieldType>();
const optionsCache = new Map<string, readonly FieldOption[]>();

function typeKey(t: FieldType): string {
  const p = t.kind === 'list' ? t.element : t;
  return `${t.kind === 'list' ? 'L' : ''}${p.base}${p.encrypted ? 'E' : ''}${p.preferredAs ?? ''}`;
}

function internType(t: FieldType): FieldType {
  const key = typeKey(t);
  const hit = typeCache.get(key);
  if (hit) return hit;
  typeCache.set(key, t);
  return t;
}

function internOptions(o: FieldOption[]): readonly FieldOption[] {
  const key = o.join(' ');
  const hit = optionsCache.get(key);
  if (hit) return hit;
  if (optionsCache.size < 256) optionsCache.set(key, o);
  return o;
}

class Parser {
  /** Lookahead ring buffer: the parser looks at most 3 tokens ahead, so only a few tokens are alive. */
  private readonly ring: Token[] = new Array<Token>(8);
  private head = 0;
  private count = 0;
  private lastEnd = 0;
  readonly findings: Finding[] = [];

  constructor(private readonly source: TokenSource, private readonly lines: () => LineIndex) {}

  private peek(k = 0): Token {
    while (this.count <= k) {
      const last = this.count > 0 ? this.ring[(this.head + this.count - 1) & 7] : undefined;
      this.ring[(this.head + this.count) & 7] = last && last.kind === 'eof' ? last : this.source.next();
      this.count++;
    }
    return this.ring[(this.head + k) & 7];
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') { this.head = (this.head + 1) & 7; this.count--; this.lastEnd = t.end; }
    return t;
  }

  private prevEnd(): number {
    return this.lastEnd;
  }

  private isWord(k: number, keyword: string): boolean {
    const t = this.peek(k);
    return t.kind === 'word' && isKeyword(t.text, keyword);
  }

  private isIdent(k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' || t.kind === 'quoted';
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
    const t = this.peek();
    this.error({ start: t.start, end: t.end }, `Expected ${what}${context}, found ${describe(t)}.`);
  }

  /** Reports "expected X" just after the previous token (for a missing `;` or `)`). */
  private missingAfterPrev(what: string, context = ''): void {
    const at = this.prevEnd();
    const t = this.peek();
    this.error({ start: at, end: at }, `Expected ${what}${context}, found ${describe(t)}.`);
  }

  private atStatementStart(k = 0): boolean {
    return (this.isWord(k, 'RECORD') && this.isWord(k + 1, 'TYPE')) || (this.isWord(k, 'CREATE') && this.isWord(k + 1, 'ROLE'));
  }

  /** Skips to just after the next `;` or to the next statement start, whichever comes first. */
  private skipStatement(): void {
    while (this.peek().kind !== 'eof') {
      if (this.atStatementStart()) return;
      if (this.next().kind === ';') return;
    }
  }

  /** Skips to the next `,`, `)` or `;` (not consumed) or the next statement start. */
  private skipMember(): void {
    while (true) {
      const t = this.peek();
      if (t.kind === 'eof' || t.kind === ',' || t.kind === ')' || t.kind === ';' || this.atStatementStart()) return;
      this.next();
    }
  }

  private readIdent(): { name: string; quoted: boolean; span: Span } | undefined {
    const t = this.peek();
    if (t.kind !== 'word' && t.kind !== 'quoted') return undefined;
    this.next();
    if (t.kind === 'quoted' && t.unterminated) {
      this.error({ start: t.start, end: t.end }, `Unterminated quoted identifier: add the closing '"'.`);
    }
    return { name: t.text, quoted: t.kind === 'quoted', span: { start: t.start, end: t.end } };
  }

  parseSchema(): { roles: RoleIR[]; recordTypes: RecordTypeIR[]; headerSpan?: Span } {
    const roles: RoleIR[] = [];
    const recordTypes: RecordTypeIR[] = [];
    let headerSpan: Span | undefined;
    if (this.isWord(0, 'DEFINE')) {
      const d = this.next();
      if (this.isWord(0, 'SCHEMA')) headerSpan = { start: d.start, end: this.next().end };
      else { this.expected(`'SCHEMA'`, ` after 'DEFINE'`); headerSpan = { start: d.start, end: d.end }; }
    } else {
      this.expected(`'DEFINE SCHEMA'`, ' at the start of the schema');
      // Not a schema at all (e.g. source code saved as .ckdb): look for the first statement quietly.
      while (this.peek().kind !== 'eof' && !this.atStatementStart()) this.next();
    }
    while (this.peek().kind !== 'eof') {
      if (this.atStatementStart()) {
        if (this.isWord(0, 'CREATE')) { const r = this.parseRole(); if (r) roles.push(r); }
        else recordTypes.push(this.parseRecordType());
        continue;
      }
      const t = this.peek();
      if (t.kind === ';') { this.next(); continue; } // an empty statement is harmless
      this.expected(`'RECORD TYPE' or 'CREATE ROLE'`);
      this.next();
      this.skipStatement();
    }
    return { roles, recordTypes, headerSpan };
  }

  private expectSemicolon(what: string): void {
    if (this.peek().kind === ';') { this.next(); return; }
    this.missingAfterPrev(`';'`, ` after ${what}`);
    if (!this.atStatementStart()) this.skipStatement();
  }

  private parseRole(): RoleIR | undefined {
    const create = this.next();
    this.next(); // ROLE
    const id = this.readIdent();
    if (!id) {
      this.expected('a role name', ` after 'CREATE ROLE'`);
      this.skipStatement();
      return undefined;
    }
    const span = { start: create.start, end: id.span.end };
    this.expectSemicolon(`CREATE ROLE ${id.name}`);
    return { name: id.name, quoted: id.quoted, span: { start: span.start, end: Math.max(span.end, this.prevEnd()) }, nameSpan: id.span };
  }

  private parseRecordType(): RecordTypeIR {
    const record = this.next();
    this.next(); // TYPE
    const id = this.readIdent();
    const rt: MutableRecordType = {
      name: id?.name ?? '', quoted: id?.quoted ?? false, fields: [], grants: [],
      span: { start: record.start, end: this.prevEnd() }, nameSpan: id?.span ?? { start: this.prevEnd(), end: this.prevEnd() },
    };
    const label = id ? `RECORD TYPE ${id.name}` : 'RECORD TYPE';
    if (!id) this.expected('a record type name', ` after 'RECORD TYPE'`);
    if (this.peek().kind !== '(') {
      if (id) this.expected(`'('`, ` after 'RECORD TYPE ${id.name}'`);
      this.skipStatement();
      return this.finishRecord(rt);
    }
    this.next(); // (
    this.parseMembers(rt, label);
    if (this.peek().kind === ')') this.next();
    rt.span = { start: rt.span.start, end: this.prevEnd() };
    this.expectSemicolon(`'${label} (...)'`);
    return this.finishRecord(rt);
  }

  private finishRecord(rt: MutableRecordType): RecordTypeIR {
    const end = Math.max(rt.span.end, this.prevEnd());
    return { name: rt.name, quoted: rt.quoted, fields: rt.fields, grants: rt.grants, span: { start: rt.span.start, end }, nameSpan: rt.nameSpan };
  }

  private parseMembers(rt: MutableRecordType, label: string): void {
    let afterComma: Token | undefined;
    for (;;) {
      const t = this.peek();
      if (t.kind === ')') {
        // Apple's grammar has no trailing comma, and no real file uses one (reference §1.3).
        if (afterComma) this.error({ start: afterComma.start, end: afterComma.end }, `Unexpected ',' before ')': remove the trailing comma.`);
        return;
      }
      if (t.kind === 'eof' || t.kind === ';' || this.atStatementStart()) {
        this.missingAfterPrev(`')'`, ` to close '${label} ('`);
        return;
      }
      const ok = this.isWord(0, 'GRANT') && !this.grantIsFieldName() ? this.parseGrant(rt) : this.parseField(rt);
      if (!ok) this.skipMember();
      const after = this.peek();
      if (after.kind === ',') { afterComma = this.next(); continue; }
      afterComma = undefined;
      if (after.kind === ')' || after.kind === 'eof' || after.kind === ';' || this.atStatementStart()) continue;
      if (ok) {
        this.missingAfterPrev(`',' or ')'`, ` after ${rt.fields.length || rt.grants.length ? 'the previous member' : 'the member'}`);
        this.skipMember();
        if (this.peek().kind === ',') this.next();
      }
    }
  }

  /** A bare `grant` followed by a data type is an (unquoted, reserved) field name, not a GRANT clause. */
  private grantIsFieldName(): boolean {
    const t = this.peek(1);
    return t.kind === 'word' && !asPermission(t.text) && (asPrimitiveBase(t.text) !== undefined || isKeyword(t.text, 'LIST') || isKeyword(t.text, 'ENCRYPTED'));
  }

  private parseGrant(rt: MutableRecordType): boolean {
    const grant = this.next();
    const permissions: Permission[] = [];
    for (;;) {
      const t = this.peek();
      const p = t.kind === 'word' ? asPermission(t.text) : undefined;
      if (!p) {
        this.expected(`'READ', 'CREATE' or 'WRITE'`, permissions.length ? ` after ','` : ` after 'GRANT'`);
        return false;
      }
      this.next();
      permissions.push(p);
      if (this.peek().kind === ',' && this.peek(1).kind === 'word' && asPermission(this.peek(1).text)) { this.next(); continue; }
      break;
    }
    if (!this.isWord(0, 'TO')) { this.expected(`'TO' or ','`, ` after the permissions of GRANT`); return false; }
    this.next();
    const role = this.readIdent();
    if (!role) { this.expected('a role name', ` after 'TO'`); return false; }
    // `GRANT CREATE TO "_creator", "_icloud"` names two roles: invalid (reference §1.3). Parse the extra
    // roles so the CKS003 check can say exactly that, instead of a confusing "expected a data type".
    const extraRoles: { name: string; quoted: boolean; span: Span }[] = [];
    while (this.peek().kind === ',' && this.isIdent(1) && !this.isWord(1, 'GRANT')
      && (this.peek(2).kind === ',' || this.peek(2).kind === ')')) {
      this.next();
      const extra = this.readIdent();
      if (extra) extraRoles.push(extra);
    }
    const g: GrantIR = {
      permissions, role: role.name, roleQuoted: role.quoted,
      span: { start: grant.start, end: this.prevEnd() }, roleSpan: role.span,
      ...(extraRoles.length ? { extraRoles } : {}),
    };
    rt.grants.push(g);
    return true;
  }

  private parseField(rt: MutableRecordType): boolean {
    const id = this.readIdent();
    if (!id) { this.expected('a field name or GRANT'); return false; }
    const typeStart = this.peek().start;
    const type = this.parseType(id.name);
    if (!type) return false;
    const typeSpan = { start: typeStart, end: this.prevEnd() };
    const options: FieldOption[] = [];
    for (;;) {
      const t = this.peek();
      const o = t.kind === 'word' ? asFieldOption(t.text) : undefined;
      if (!o) break;
      this.next();
      options.push(o);
    }
    rt.fields.push({ name: id.name, quoted: id.quoted, type, options: internOptions(options), span: { start: id.span.start, end: this.prevEnd() }, nameSpan: id.span, typeSpan });
    return true;
  }

  private parseType(fieldName: string): FieldType | undefined {
    if (this.isWord(0, 'LIST')) {
      this.next();
      if (this.peek().kind !== '<') { this.expected(`'<'`, ` after 'LIST'`); return undefined; }
      this.next();
      if (this.isWord(0, 'LIST')) { this.error(this.spanOf(this.peek()), 'A LIST cannot contain a LIST: use a primitive type.'); return undefined; }
      const element = this.parsePrimitive(`inside 'LIST<...>'`);
      if (!element) return undefined;
      if (this.peek().kind !== '>') { this.expected(`'>'`, ` to close 'LIST<'`); return undefined; }
      this.next();
      return internType({ kind: 'list', element });
    }
    return this.parsePrimitive(`after field '${fieldName}'`);
  }

  private spanOf(t: Token): Span {
    return { start: t.start, end: t.end };
  }

  private parsePrimitive(context: string): PrimitiveType | undefined {
    let encrypted = false;
    let encryptedTok: Token | undefined;
    if (this.isWord(0, 'ENCRYPTED')) { encryptedTok = this.next(); encrypted = true; }
    const t = this.peek();
    const base = t.kind === 'word' ? asPrimitiveBase(t.text) : undefined;
    if (!base) {
      this.expected(encrypted ? 'BYTES, STRING, DOUBLE, INT64, LOCATION or TIMESTAMP' : 'a data type (STRING, INT64, DOUBLE, TIMESTAMP, BYTES, REFERENCE, ASSET, LOCATION, NUMBER, LIST<...> or ENCRYPTED ...)',
        encrypted ? ` after 'ENCRYPTED'` : ` ${context}`);
      return undefined;
    }
    this.next();
    if (encrypted && !ENCRYPTABLE.includes(base)) {
      // Apple's grammar: `[ ENCRYPTED ] { BYTES | STRING | DOUBLE | INT64 | LOCATION | TIMESTAMP }`.
      this.error({ start: encryptedTok!.start, end: t.end },
        `${base} cannot be ENCRYPTED: only BYTES, STRING, DOUBLE, INT64, LOCATION and TIMESTAMP can (${base === 'ASSET' ? 'assets are always encrypted' : base === 'REFERENCE' ? 'references cannot be encrypted' : 'Apple\'s grammar'}).`);
    }
    if (base === 'NUMBER' && this.isWord(0, 'PREFERRED')) {
      this.next();
      if (!this.isWord(0, 'AS')) { this.expected(`'AS'`, ` after 'PREFERRED'`); return undefined; }
      this.next();
      const p = this.peek();
      const pref = p.kind === 'word' ? p.text.toUpperCase() : '';
      if (pref !== 'INT64' && pref !== 'DOUBLE') { this.expected(`'INT64' or 'DOUBLE'`, ` after 'PREFERRED AS'`); return undefined; }
      this.next();
      return internType({ kind: 'primitive', base, encrypted, preferredAs: pref }) as PrimitiveType;
    }
    return internType({ kind: 'primitive', base, encrypted }) as PrimitiveType;
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
  const p = new Parser(source, lines);
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
