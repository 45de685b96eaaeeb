import type { Finding, Fix, RelatedLocation } from '../../findings';
import { lintModel, type LintOptions } from '../../rules';
import { LineIndex, type Span, type TextEdit } from '../../text/span';
import type { EntityIR, PropertyIR } from '../ir';
import { createSwiftEditor } from './editor';
import type { SwiftFileRead } from './entity-builder';
import type { SwiftModel } from './reader';

/**
 * The model rules (CK001-CK018, unchanged) on a SwiftData model, with every finding moved back to its
 * Swift file: spans and ranges file-local, related locations and fix edits in other files said so.
 * Messages keep Apple's validator text and gain the Swift declaration (`Item.title`).
 */
export interface SwiftFinding {
  /** The file's path as given to readSwiftModel. */
  readonly file: string;
  readonly finding: Finding;
}

export interface SwiftLintOptions extends LintOptions {
  /** Build quick fixes (default true). */
  readonly fixes?: boolean;
}

export function lintSwiftModel(model: SwiftModel, options: SwiftLintOptions = {}): SwiftFinding[] {
  const editor = options.fixes === false ? undefined : createSwiftEditor(model);
  const lines = new Map<SwiftFileRead, LineIndex>();
  const linesOf = (f: SwiftFileRead): LineIndex => {
    let l = lines.get(f);
    if (!l) { l = new LineIndex(f.text); lines.set(f, l); }
    return l;
  };
  const out: SwiftFinding[] = [];
  for (const f of lintModel(model.model, editor, options)) {
    const at = model.locate(f.span.start);
    if (!at) continue;
    const local = toLocal(f.span, at.file);
    const decl = declarationAt(model, f.span);
    let message = f.message;
    let severity = f.severity;
    if (f.ruleId === 'CK004' && f.severity === 'error' && isOneSided(model, f.span)) {
      // [OBS] ivan-wize/Plenty 23bb6009 syncs with one-sided to-ones (Transaction.sourceAccount) whose
      // CD_ field is in its Development export; whether the validator rejects them for SwiftData is
      // [UNVERIFIED] (reference swiftdata.md §3 "Inverse"), so this is a warning.
      severity = 'warning';
      message += '. SwiftData apps have been seen syncing with such one-sided relationships (ivan-wize/Plenty); declare the inverse to be safe.';
    }
    if (decl) message += ` (Swift: ${decl})`;
    const finding: Finding = {
      ...f, severity, message, span: local, range: linesOf(at.file).rangeOf(local),
      ...(f.related ? { related: f.related.map((r) => relatedOf(model, r, at.file, linesOf)) } : {}),
      ...(f.fixes ? { fixes: f.fixes.map((x) => fixOf(model, x, at.file)) } : {}),
    };
    out.push({ file: at.file.path, finding });
  }
  return out;
}

function toLocal(span: Span, file: SwiftFileRead): Span {
  return { start: span.start - file.start, end: span.end - file.start };
}

function relatedOf(model: SwiftModel, r: RelatedLocation, home: SwiftFileRead, linesOf: (f: SwiftFileRead) => LineIndex): RelatedLocation {
  const at = model.locate(r.span.start);
  if (!at) return r;
  const span = toLocal(r.span, at.file);
  return { ...(at.file !== home ? { file: at.file.path } : {}), span, range: linesOf(at.file).rangeOf(span), message: r.message };
}

function fixOf(model: SwiftModel, fix: Fix, home: SwiftFileRead): Fix {
  const edits: TextEdit[] = [];
  const otherFiles: Record<string, TextEdit[]> = {};
  for (const e of fix.edits) {
    const at = model.locate(e.span.start);
    if (!at) continue;
    const edit = { span: toLocal(e.span, at.file), newText: e.newText };
    if (at.file === home) edits.push(edit);
    else (otherFiles[at.file.path] ??= []).push(edit);
  }
  return { title: fix.title, edits, ...(fix.isPreferred ? { isPreferred: true } : {}), ...(Object.keys(otherFiles).length > 0 ? { otherFiles } : {}) };
}

/** `Item.title` for a span inside a property declaration, `Item` inside a class. */
function declarationAt(model: SwiftModel, span: Span): string | undefined {
  const entity = entityAt(model, span);
  if (!entity) return undefined;
  const p = propertyAt(entity, span);
  return p ? `${entity.name}.${p.name}` : entity.name;
}

function entityAt(model: SwiftModel, span: Span): EntityIR | undefined {
  return model.model.entities.find((e) => e.span.start <= span.start && span.end <= e.span.end);
}

function propertyAt(entity: EntityIR, span: Span): PropertyIR | undefined {
  return [...entity.attributes, ...entity.relationships].find((p) => p.span.start <= span.start && span.end <= p.span.end);
}

/** A relationship whose destination has no relationship back to its class. */
function isOneSided(model: SwiftModel, span: Span): boolean {
  const entity = entityAt(model, span);
  const r = entity?.relationships.find((x) => x.span.start <= span.start && span.end <= x.span.end);
  if (!entity || !r || r.inverseName !== undefined) return false;
  const dest = model.model.entities.find((e) => e.name === r.destinationEntity);
  return dest !== undefined && !dest.relationships.some((q) => q.destinationEntity === entity.name);
}
