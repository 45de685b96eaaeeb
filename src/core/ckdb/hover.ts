import type { Span } from '../text/span';
import { KEYWORD_DOCS } from './keywords';
import { lex } from './lexer';
import { ASSET_SUFFIX, CD_PREFIX, MANY_TO_MANY_RECORD_TYPE, MAX_FIELDS_PER_RECORD_TYPE } from '../cloudkit/mapping';
import type { CkdbParseResult } from './parser';
import { formatFieldType, IMPLICIT_ROLES, isSystemField, type FieldIR, type RecordTypeIR } from '../cloudkit/schema-ir';

/** Hover text (Markdown) for the thing at `offset` of a parsed `.ckdb` text, with the span it covers. */
export interface CkdbHover {
  readonly markdown: string;
  readonly span: Span;
}

const within = (s: Span | undefined, o: number): s is Span => s !== undefined && s.start <= o && o < s.end;

const SYSTEM_FIELD_DOCS: Readonly<Record<string, string>> = {
  ___createTime: 'When the record was created (`CKRecord.creationDate`).',
  ___createdBy: 'The user record of the creator (`CKRecord.creatorUserRecordID`).',
  ___etag: 'The record change tag (`CKRecord.recordChangeTag`).',
  ___modTime: 'When the record was last modified (`CKRecord.modificationDate`).',
  ___modifiedBy: 'The user record of the last modifier (`CKRecord.lastModifiedUserRecordID`).',
  ___recordID: 'The record ID (`recordName`). Keep it `QUERYABLE` or queries by record name fail with "recordName is not marked queryable".',
};

function fieldHover(rt: RecordTypeIR, f: FieldIR): string {
  const lines = [`**field** \`${f.name}\` \`${[formatFieldType(f.type), ...f.options].join(' ')}\` in record type \`${rt.name}\``];
  if (isSystemField(f.name)) {
    lines.push('', `CloudKit system field. ${SYSTEM_FIELD_DOCS[f.name] ?? ''} Its type cannot change; leaving it out of a schema drops its indexes.`);
  } else if (rt.name.startsWith(CD_PREFIX) || rt.name === MANY_TO_MANY_RECORD_TYPE) {
    // Core Data mirroring conventions (reference/coredata-model.md §4).
    if (f.name === 'CD_entityName') lines.push('', 'Core Data: the concrete entity of the record (a subentity of the root shares its record type).');
    else if (f.name === 'CD_moveReceipt' || f.name === `CD_moveReceipt${ASSET_SUFFIX}`) lines.push('', 'Core Data: move receipts for records moved between zones (sharing).');
    else if (f.name.endsWith(ASSET_SUFFIX)) lines.push('', `Core Data: holds the value of \`${f.name.slice(0, -ASSET_SUFFIX.length)}\` as an asset when it is too large for the 1 MB record.`);
    else if (rt.name === MANY_TO_MANY_RECORD_TYPE) lines.push('', 'Core Data: a many-to-many relationship join record field.');
    else if (f.name.startsWith(CD_PREFIX)) lines.push('', `Core Data: attribute or to-one relationship \`${f.name.slice(CD_PREFIX.length)}\` (to-one relationships are STRING record names).`);
  }
  const base = f.type.kind === 'list' ? f.type.element : f.type;
  if (base.encrypted) lines.push('', KEYWORD_DOCS.ENCRYPTED);
  return lines.join('\n');
}

function recordTypeHover(rt: RecordTypeIR): string {
  const n = rt.fields.filter((f) => !isSystemField(f.name)).length;
  const lines = [`**record type** \`${rt.name}\`: ${n} field${n === 1 ? '' : 's'} (limit ${MAX_FIELDS_PER_RECORD_TYPE}, TN3164), ${rt.grants.length} grant${rt.grants.length === 1 ? '' : 's'}`];
  if (rt.name === MANY_TO_MANY_RECORD_TYPE) lines.push('', 'Core Data: join records of many-to-many relationships.');
  else if (rt.name.startsWith(CD_PREFIX)) lines.push('', `Core Data: entity \`${rt.name.slice(CD_PREFIX.length)}\` and its subentities.`);
  else if (rt.name === 'Users') lines.push('', 'CloudKit\'s own user record type, present in every container.');
  return lines.join('\n');
}

function roleHover(name: string, parsed: CkdbParseResult): string {
  if (IMPLICIT_ROLES.includes(name)) return `**role** \`"${name}"\`\n\n${KEYWORD_DOCS[name]}`;
  const declared = parsed.schema.roles.find((r) => r.name === name);
  if (declared?.nameSpan) return `**role** \`${name}\`: custom role declared on line ${parsed.lines.positionAt(declared.nameSpan.start).line + 1}.`;
  return `**role** \`${name}\`: not declared (add \`CREATE ROLE ${name};\`).`;
}

export function hoverAt(parsed: CkdbParseResult, text: string, offset: number): CkdbHover | undefined {
  const { schema } = parsed;
  for (const r of schema.roles) if (within(r.nameSpan, offset)) return { markdown: roleHover(r.name, parsed), span: r.nameSpan };
  for (const rt of schema.recordTypes) {
    if (within(rt.nameSpan, offset)) return { markdown: recordTypeHover(rt), span: rt.nameSpan };
    if (rt.span && !within(rt.span, offset)) continue;
    for (const f of rt.fields) if (within(f.nameSpan, offset)) return { markdown: fieldHover(rt, f), span: f.nameSpan };
    for (const g of rt.grants) {
      if (within(g.roleSpan, offset)) return { markdown: roleHover(g.role, parsed), span: g.roleSpan };
      for (const x of g.extraRoles ?? []) if (within(x.span, offset)) return { markdown: roleHover(x.name, parsed), span: x.span };
    }
  }
  // A keyword: find the word under the cursor.
  const tok = lex(text).tokens.find((t) => t.start <= offset && offset < t.end && t.kind === 'word');
  if (!tok) return undefined;
  const key = tok.text.toUpperCase();
  // Own properties only: a word in the file must never reach Object.prototype (issue 17).
  const doc = Object.prototype.hasOwnProperty.call(KEYWORD_DOCS, key) ? KEYWORD_DOCS[key] : undefined;
  return doc ? { markdown: `**${tok.text.toUpperCase()}**\n\n${doc}`, span: { start: tok.start, end: tok.end } } : undefined;
}
