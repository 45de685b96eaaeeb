import type { Finding, Fix, RelatedLocation, Severity } from '../findings';
import { ruleDocUrl } from '../findings';
import type { ModelEditor } from '../model/editor';
import type { AttributeIR, EntityIR, ModelIR, RelationshipIR } from '../model/ir';
import type { CloudKitScope, LintMode } from '../model/scope';
import { LineIndex, type Span } from '../text/span';
import { hierarchyOf, mapRecordType, rootEntityOf, type MappedRecordType } from '../cloudkit/mapping';

/**
 * A model lint rule: one file per rule (src/core/rules/CK0nn-*.ts), ids and severities from reference
 * coredata-model.md §3.7. `check` returns findings at the rule's default severity; `lintModel` applies
 * the user's overrides.
 *
 * Range convention (the same for every rule): a finding points at the narrowest source text that
 * causes it — the offending XML attribute (`ordered="YES"`, `deletionRule="Deny"`) when there is one,
 * otherwise the value of the element's `name` attribute (what is missing has no text of its own).
 */
export interface Rule {
  readonly id: string;
  readonly defaultSeverity: Severity;
  readonly title: string;
  readonly docUrl: string;
  check(ctx: RuleContext): Finding[];
}

export interface RuleContext {
  readonly model: ModelIR;
  /** Undefined when the caller wants findings without fixes. */
  readonly editor: ModelEditor | undefined;
  readonly mode: LintMode;
  readonly scope: CloudKitScope;
  /** Entities the validator looks at: mirrored ones and their ancestors (scope.ts). */
  readonly validated: readonly EntityIR[];
  /** Entity by name (first declaration wins). */
  readonly index: ReadonlyMap<string, EntityIR>;
  readonly lines: LineIndex;
  /**
   * The record type of a root entity (mapping.ts) over the entities of the synced configuration
   * (`scope.entities`; a subentity outside it adds nothing), computed once per lint.
   */
  recordType(root: EntityIR): MappedRecordType;
  /** The distinct roots of the validated entities' hierarchies. */
  roots(): readonly EntityIR[];
  /**
   * The configuration entities that have the properties `entity` declares: itself and its subentities, those
   * the synced configuration holds, sorted as the validator sorts its items (case-insensitively). The
   * validator walks `attributesByName` / `relationshipsByName` of every configuration entity, inherited
   * properties included (OpenCloudData OCCloudKitModelValidator.m:236, :376), so an inherited problem is
   * listed once per entity that inherits it ("Child: title"), not under the declaring ancestor alone.
   */
  holders(entity: EntityIR): readonly string[];
}

export function makeContext(model: ModelIR, editor: ModelEditor | undefined, mode: LintMode, scope: CloudKitScope, validated: EntityIR[], index: Map<string, EntityIR>, lines?: LineIndex): RuleContext {
  const recordTypes = new Map<string, MappedRecordType>();
  const holders = new Map<string, readonly string[]>();
  let roots: EntityIR[] | undefined;
  return {
    model, editor, mode, scope, validated, index, lines: lines ?? new LineIndex(model.sourceText ?? ''),
    recordType(root) {
      let rt = recordTypes.get(root.name);
      if (!rt) { rt = mapRecordType(root, model, scope.entities); recordTypes.set(root.name, rt); }
      return rt;
    },
    roots() {
      if (!roots) {
        const byName = new Map<string, EntityIR>();
        for (const e of validated) {
          const root = rootEntityOf(e, index);
          if (!byName.has(root.name)) byName.set(root.name, root);
        }
        roots = [...byName.values()];
      }
      return roots;
    },
    holders(entity) {
      let names = holders.get(entity.name);
      if (!names) {
        const list = hierarchyOf(entity, model).filter((e) => scope.entities.has(e.name)).map((e) => e.name);
        // An ancestor that only subentities put in the configuration (validated for them) still names itself
        // when nothing else does, so a finding always says where the property is.
        names = list.length === 0 ? [entity.name] : list.length === 1 ? list : list.sort(caseInsensitive);
        holders.set(entity.name, names);
      }
      return names;
    },
  };
}

function caseInsensitive(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The validator's items for a property declared on `entity`, one per configuration entity that has it
 * (`ctx.holders`), joined with "; " (the validator puts each on its own line).
 */
export function validatorItems(ctx: RuleContext, entity: EntityIR, item: (entityName: string) => string): string {
  const names = ctx.holders(entity);
  return names.length === 1 ? item(names[0]) : names.map(item).join('; ');
}

export function defineRule(id: string, defaultSeverity: Severity, title: string, check: (ctx: RuleContext, rule: Rule) => Finding[]): Rule {
  const rule: Rule = { id, defaultSeverity, title, docUrl: ruleDocUrl(id), check: (ctx) => check(ctx, rule) };
  return rule;
}

export interface FindingInit {
  readonly span: Span;
  readonly message: string;
  readonly related?: readonly { span: Span; message: string }[];
  readonly fixes?: readonly (Fix | undefined)[];
  readonly severity?: Severity;
  readonly tags?: Finding['tags'];
}

export function finding(ctx: RuleContext, rule: Rule, init: FindingInit): Finding {
  // Built field by field in the order of the Finding interface (no spreads of temporary objects: a big
  // model gets thousands of findings).
  const out: { -readonly [K in keyof Finding]: Finding[K] } = {
    ruleId: rule.id,
    severity: init.severity ?? rule.defaultSeverity,
    message: init.message,
    span: init.span,
    range: ctx.lines.rangeOf(init.span),
    docUrl: rule.docUrl,
  };
  if (init.related && init.related.length > 0) {
    out.related = init.related.map((r): RelatedLocation => ({ span: r.span, range: ctx.lines.rangeOf(r.span), message: r.message }));
  }
  if (init.fixes) {
    const fixes = init.fixes.filter((f): f is Fix => f !== undefined && f.edits.length > 0);
    if (fixes.length > 0) out.fixes = fixes;
  }
  if (init.tags) out.tags = init.tags;
  return out;
}

/** A fix from editor edits, or undefined when there is no editor or nothing to change. */
export function fix(ctx: RuleContext, title: string, make: (editor: ModelEditor) => ReturnType<ModelEditor['setOptional']> | undefined, isPreferred = false): Fix | undefined {
  if (!ctx.editor) return undefined;
  const edits = make(ctx.editor);
  if (!edits || edits.length === 0) return undefined;
  return { title, edits, ...(isPreferred ? { isPreferred } : {}) };
}

/** The span of a node's `name` value (the default range of a finding), else its start tag. */
export function nameSpanOf(node: { attrs: Readonly<Record<string, { valueSpan: Span }>>; headSpan: Span; valueSpanOf?(name: string): Span | undefined }): Span {
  if (node.valueSpanOf) return node.valueSpanOf('name') ?? node.headSpan;
  return node.attrs.name?.valueSpan ?? node.headSpan;
}

/** The span of a whole XML attribute (`key="value"`), else the name value. */
export function attrSpanOr(node: { attrs: Readonly<Record<string, { span: Span; valueSpan: Span }>>; headSpan: Span }, key: string): Span {
  return node.attrs[key]?.span ?? nameSpanOf(node);
}

/**
 * The findings for every attribute of the validated entities that passes `test`: plain loops into one
 * array (a 2,000-entity model would otherwise allocate an array per entity per rule).
 */
export function eachAttribute(ctx: RuleContext, test: (a: AttributeIR, entity: EntityIR) => boolean, report: (a: AttributeIR, entity: EntityIR) => Finding): Finding[] {
  const out: Finding[] = [];
  for (const entity of ctx.validated) for (const a of entity.attributes) if (test(a, entity)) out.push(report(a, entity));
  return out;
}

/** Same as `eachAttribute`, for relationships. */
export function eachRelationship(ctx: RuleContext, test: (r: RelationshipIR, entity: EntityIR) => boolean, report: (r: RelationshipIR, entity: EntityIR) => Finding): Finding[] {
  const out: Finding[] = [];
  for (const entity of ctx.validated) for (const r of entity.relationships) if (test(r, entity)) out.push(report(r, entity));
  return out;
}
