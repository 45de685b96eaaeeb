import { ruleDocUrl, type Finding, type Fix, type RelatedLocation, type Severity } from '../../findings';
import type { LineIndex, Span } from '../../text/span';
import type { FieldIR, GrantIR, RecordTypeIR, RoleIR, SchemaIR } from '../../cloudkit/schema-ir';

/**
 * One `.ckdb` check (ids CKS001...): pure function of the parsed schema. Each check lives in its own
 * file `CKS0nn-<name>.ts` with its documentation in docs/rules/CKS0nn.md.
 */
export interface CkdbCheck {
  readonly id: string;
  /** Short kebab-case name (also the file name suffix). */
  readonly name: string;
  readonly severity: Severity;
  readonly description: string;
  check(ctx: CkdbCheckContext): Finding[];
}

export interface CkdbCheckContext {
  readonly text: string;
  readonly schema: SchemaIR;
  readonly lines: LineIndex;
}

/** What a check says about one place (the model rules call the same thing FindingInit, core/rules/rule.ts). */
export interface FindingInit {
  readonly severity?: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly { readonly span: Span; readonly message: string }[];
  readonly fixes?: readonly Fix[];
}

/** Builds a Finding of `check` with its range, related ranges and documentation link. */
export function finding(check: CkdbCheck, ctx: CkdbCheckContext, f: FindingInit): Finding {
  const related: RelatedLocation[] | undefined = f.related?.map((r) => ({ span: r.span, range: ctx.lines.rangeOf(r.span), message: r.message }));
  return {
    ruleId: check.id,
    severity: f.severity ?? check.severity,
    message: f.message,
    span: f.span,
    range: ctx.lines.rangeOf(f.span),
    docUrl: ruleDocUrl(check.id),
    ...(related && related.length ? { related } : {}),
    ...(f.fixes && f.fixes.length ? { fixes: f.fixes } : {}),
  };
}

/** A name written in the file, with what it names (for checks that look at every identifier). */
export interface NamedThing {
  readonly kind: 'record type' | 'field' | 'role' | 'granted role';
  readonly name: string;
  readonly quoted: boolean;
  readonly span: Span;
  readonly recordType?: RecordTypeIR;
}

const namedCache = new WeakMap<SchemaIR, NamedThing[]>();

/**
 * Every identifier the file spells: roles, then each record type's name, fields and granted roles
 * (spans present: parsed schemas only). Cached per schema: several checks walk it.
 */
export function namedThings(schema: SchemaIR): NamedThing[] {
  const hit = namedCache.get(schema);
  if (hit) return hit;
  const out: NamedThing[] = [];
  const role = (r: RoleIR): void => { if (r.nameSpan) out.push({ kind: 'role', name: r.name, quoted: r.quoted, span: r.nameSpan }); };
  const field = (rt: RecordTypeIR, f: FieldIR): void => { if (f.nameSpan) out.push({ kind: 'field', name: f.name, quoted: f.quoted, span: f.nameSpan, recordType: rt }); };
  const grant = (rt: RecordTypeIR, g: GrantIR): void => {
    if (g.roleSpan) out.push({ kind: 'granted role', name: g.role, quoted: g.roleQuoted, span: g.roleSpan, recordType: rt });
    for (const x of g.extraRoles ?? []) out.push({ kind: 'granted role', name: x.name, quoted: x.quoted, span: x.span, recordType: rt });
  };
  schema.roles.forEach(role);
  for (const rt of schema.recordTypes) {
    if (rt.nameSpan && rt.name) out.push({ kind: 'record type', name: rt.name, quoted: rt.quoted, span: rt.nameSpan, recordType: rt });
    for (const f of rt.fields) field(rt, f);
    for (const g of rt.grants) grant(rt, g);
  }
  namedCache.set(schema, out);
  return out;
}

/** The quick fix that wraps a bare name in double quotes (Apple: quoting is how reserved names are written). */
export function quoteFix(span: Span, name: string): Fix {
  return { title: `Quote "${name}"`, edits: [{ span: { start: span.start, end: span.start }, newText: '"' }, { span: { start: span.end, end: span.end }, newText: '"' }], isPreferred: true };
}

/** The indentation of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n' && text[s - 1] !== '\r') s--;
  let e = s;
  while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  return text.slice(s, e);
}
