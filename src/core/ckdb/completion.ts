import { asFieldOption, asPrimitiveBase, isKeyword, KEYWORD_DOCS, PRIMITIVE_BASES } from './keywords';
import { lex, type Token } from './lexer';
import { formatName } from './names';
import { ENCRYPTABLE, IMPLICIT_ROLES, SYSTEM_FIELDS, type SchemaIR } from '../cloudkit/schema-ir';

/**
 * What may come next at a position of a `.ckdb` text, and the completion items for it. Pure: the editor
 * turns the items into vscode.CompletionItems. The context comes from the tokens before the position
 * (the word being typed is ignored), following the grammar of reference/ckdb.md §1.3.
 */
export type CompletionContext =
  | 'header' // empty file: DEFINE SCHEMA
  | 'statement' // RECORD TYPE / CREATE ROLE
  | 'member' // a field name or GRANT
  | 'type' // after a field name
  | 'encryptedType' // after ENCRYPTED
  | 'listElement' // after LIST<
  | 'preferredAs' // after NUMBER PREFERRED AS
  | 'afterType' // options, or the end of the member
  | 'permission' // after GRANT or a permission's comma
  | 'afterPermission' // `,` or TO
  | 'role' // after TO
  | 'none';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: 'keyword' | 'type' | 'option' | 'role' | 'field' | 'snippet';
  readonly detail?: string;
  readonly documentation?: string;
  /** Text to insert, when not the label; `$1`... are snippet tab stops when `snippet` is true. */
  readonly insertText?: string;
  readonly snippet?: boolean;
}

function isIdent(t: Token | undefined): boolean {
  return t?.kind === 'word' || t?.kind === 'quoted';
}

export function completionContext(text: string, offset: number): CompletionContext {
  const all = lex(text.slice(0, offset)).tokens.filter((t) => t.kind !== 'eof');
  // The word being typed is not context.
  const last = all[all.length - 1];
  const tokens = last && (last.kind === 'word' || (last.kind === 'quoted' && last.unterminated)) && last.end === offset ? all.slice(0, -1) : all;
  if (tokens.length === 0) return 'header';
  // Find the start of the current statement: after the last `;` (or the DEFINE SCHEMA header).
  let i = tokens.length - 1;
  while (i >= 0 && tokens[i].kind !== ';') i--;
  let stmt = tokens.slice(i + 1);
  if (stmt.length >= 2 && stmt[0].kind === 'word' && isKeyword(stmt[0].text, 'DEFINE') && isKeyword(stmt[1].text, 'SCHEMA')) stmt = stmt.slice(2);
  if (stmt.length === 0) return 'statement';
  const open = stmt.findIndex((t) => t.kind === '(');
  if (open < 0) return 'none'; // typing a statement head or a name
  if (stmt.slice(open).some((t) => t.kind === ')')) return 'none';
  // Inside the record body: look at the current member (after the last member-separating comma).
  const body = stmt.slice(open + 1);
  // Split into members: commas separate members, except inside a GRANT's permission list.
  let m = 0;
  let inPermissions = false;
  for (let k = 0; k < body.length; k++) {
    const t = body[k];
    if (k === m && t.kind === 'word' && isKeyword(t.text, 'GRANT')) inPermissions = true;
    else if (t.kind === 'word' && isKeyword(t.text, 'TO')) inPermissions = false;
    else if (t.kind === ',' && !inPermissions) m = k + 1;
  }
  const member = body.slice(m);
  if (member.length === 0) return 'member';
  const first = member[0];
  if (first.kind === 'word' && isKeyword(first.text, 'GRANT')) {
    const lastTok = member[member.length - 1];
    if (lastTok.kind === 'word' && isKeyword(lastTok.text, 'TO')) return 'role';
    if (member.some((t) => t.kind === 'word' && isKeyword(t.text, 'TO'))) return 'none';
    if (member.length === 1 || lastTok.kind === ',') return 'permission';
    return 'afterPermission';
  }
  if (!isIdent(first)) return 'none';
  if (member.length === 1) return 'type';
  const lastTok = member[member.length - 1];
  if (lastTok.kind === '<') return 'listElement';
  if (lastTok.kind === 'word' && isKeyword(lastTok.text, 'ENCRYPTED')) return 'encryptedType';
  if (lastTok.kind === 'word' && isKeyword(lastTok.text, 'AS')) return 'preferredAs';
  if (lastTok.kind === 'word' && isKeyword(lastTok.text, 'LIST')) return 'none';
  if (member.some((t) => t.kind === '<') && !member.some((t) => t.kind === '>')) return 'none';
  if (lastTok.kind === '>' || (lastTok.kind === 'word' && (asPrimitiveBase(lastTok.text) || asFieldOption(lastTok.text)))) return 'afterType';
  return 'none';
}

const TYPE_DETAIL = 'CloudKit field type';

function typeEntries(bases: readonly string[]): CompletionEntry[] {
  return bases.map((b) => ({ label: b, kind: 'type' as const, detail: TYPE_DETAIL, documentation: KEYWORD_DOCS[b] }));
}

export function completionEntries(context: CompletionContext, schema?: SchemaIR): CompletionEntry[] {
  switch (context) {
    case 'header':
      return [{ label: 'DEFINE SCHEMA', kind: 'keyword', documentation: KEYWORD_DOCS.DEFINE }];
    case 'statement':
      return [
        { label: 'RECORD TYPE', kind: 'snippet', documentation: KEYWORD_DOCS.RECORD, snippet: true,
          insertText: `RECORD TYPE \${1:Name} (\n    ${Object.entries(SYSTEM_FIELDS).map(([n, t]) => `"${n}" ${t}${n === '___recordID' ? ' QUERYABLE' : ''}`).join(',\n    ')},\n    \${2:field} \${3:STRING}\n);` },
        { label: 'CREATE ROLE', kind: 'snippet', documentation: KEYWORD_DOCS.ROLE, snippet: true, insertText: 'CREATE ROLE ${1:Name};' },
      ];
    case 'member':
      return [
        { label: 'GRANT', kind: 'keyword', documentation: KEYWORD_DOCS.GRANT },
        ...Object.entries(SYSTEM_FIELDS).map(([n, t]) => ({
          label: `"${n}"`, kind: 'field' as const, detail: `system field, ${t}`, insertText: `"${n}" ${t}${n === '___recordID' ? ' QUERYABLE' : ''}`,
          documentation: 'CloudKit keeps system fields but drops their indexes when a schema leaves them out (reference: Apple, text-based schema).',
        })),
      ];
    case 'type':
      return [
        ...typeEntries(PRIMITIVE_BASES.filter((b) => b !== 'NUMBER')),
        { label: 'LIST<...>', kind: 'type', detail: TYPE_DETAIL, documentation: KEYWORD_DOCS.LIST, snippet: true, insertText: 'LIST<${1:STRING}>' },
        { label: 'ENCRYPTED', kind: 'keyword', detail: TYPE_DETAIL, documentation: KEYWORD_DOCS.ENCRYPTED },
        { label: 'NUMBER PREFERRED AS INT64', kind: 'type', detail: TYPE_DETAIL, documentation: KEYWORD_DOCS.NUMBER },
        { label: 'NUMBER PREFERRED AS DOUBLE', kind: 'type', detail: TYPE_DETAIL, documentation: KEYWORD_DOCS.NUMBER },
      ];
    case 'encryptedType':
      return typeEntries(ENCRYPTABLE);
    case 'listElement':
      return [...typeEntries(PRIMITIVE_BASES.filter((b) => b !== 'NUMBER')), { label: 'ENCRYPTED', kind: 'keyword', documentation: KEYWORD_DOCS.ENCRYPTED }];
    case 'preferredAs':
      return typeEntries(['INT64', 'DOUBLE']);
    case 'afterType':
      return (['QUERYABLE', 'SORTABLE', 'SEARCHABLE'] as const).map((o) => ({ label: o, kind: 'option' as const, detail: 'index', documentation: KEYWORD_DOCS[o] }));
    case 'permission':
      return (['READ', 'CREATE', 'WRITE'] as const).map((p) => ({ label: p, kind: 'keyword' as const, documentation: KEYWORD_DOCS[p] }));
    case 'afterPermission':
      return [{ label: 'TO', kind: 'keyword' }];
    case 'role': {
      const declared = (schema?.roles ?? []).map((r) => ({ label: formatName(r.name, r.quoted), kind: 'role' as const, detail: 'declared role (CREATE ROLE)' }));
      return [
        ...IMPLICIT_ROLES.map((r) => ({ label: `"${r}"`, kind: 'role' as const, detail: 'implicit role', documentation: KEYWORD_DOCS[r] })),
        ...declared,
      ];
    }
    default:
      return [];
  }
}
