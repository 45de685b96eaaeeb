import type { Finding, RelatedLocation, Severity } from '../findings';
import type { LineIndex, Range, Span } from '../text/span';
import type { ChangeKind, DeployPlan, SchemaChange, Verdict } from './plan';

/**
 * Where a change is shown and how loud: shared by the CLI (text, SARIF) and the editor (diagnostics,
 * report). Pure: files are whatever strings the caller uses (paths or URIs).
 */
export function severityOf(verdict: Verdict): Severity {
  return verdict === 'blocked' ? 'error' : verdict === 'warning' ? 'warning' : 'info';
}

/** Kinds about something production has and development lacks: their main place is the production file. */
const PRODUCTION_FIRST: ReadonlySet<ChangeKind> = new Set<ChangeKind>([
  'record-type-deleted', 'field-deleted', 'grant-removed', 'role-removed',
]);

export interface SideText {
  /** Path or URI string as the caller shows it. */
  readonly file: string;
  readonly lines: LineIndex;
}

export interface ChangeLocation {
  readonly side: 'dev' | 'prod';
  readonly file: string;
  readonly span: Span;
  readonly range: Range;
}

/** The main place of a change (production for deletions, else development), then the other one. */
export function changeLocations(c: SchemaChange, dev: SideText | undefined, prod: SideText | undefined): ChangeLocation[] {
  const out: ChangeLocation[] = [];
  const devLoc = c.devSpan && dev ? { side: 'dev' as const, file: dev.file, span: c.devSpan, range: dev.lines.rangeOf(c.devSpan) } : undefined;
  const prodLoc = c.prodSpan && prod ? { side: 'prod' as const, file: prod.file, span: c.prodSpan, range: prod.lines.rangeOf(c.prodSpan) } : undefined;
  const deletion = PRODUCTION_FIRST.has(c.kind) || (c.kind === 'index-removed' && !c.devSpan);
  for (const l of deletion ? [prodLoc, devLoc] : [devLoc, prodLoc]) if (l) out.push(l);
  return out;
}

export function isDeletionKind(kind: ChangeKind): boolean {
  return PRODUCTION_FIRST.has(kind);
}

export function changeTarget(c: SchemaChange): string {
  return c.field !== undefined ? `${c.recordType}.${c.field}` : c.recordType;
}

/**
 * The plan as findings per file (rule id = the change kind), for the shared CLI formatters (text,
 * SARIF) and the `$ckdev` problem matcher: each change at its main place, the other side as a related
 * location. Files in first-appearance order.
 */
export function planToFindings(plan: DeployPlan, dev: SideText | undefined, prod: SideText | undefined): { file: string; findings: Finding[] }[] {
  const byFile = new Map<string, Finding[]>();
  for (const c of plan.changes) {
    const [main, ...others] = changeLocations(c, dev, prod);
    const file = main?.file ?? dev?.file ?? prod?.file ?? '';
    const span = main?.span ?? { start: 0, end: 0 };
    const range = main?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const related: RelatedLocation[] = others.map((o) => ({ file: o.file, span: o.span, range: o.range, message: o.side === 'dev' ? 'in development' : 'in production' }));
    const list = byFile.get(file) ?? [];
    list.push({ ruleId: c.kind, severity: severityOf(c.verdict), message: c.message, span, range, ...(related.length ? { related } : {}) });
    byFile.set(file, list);
  }
  return [...byFile].map(([file, findings]) => ({ file, findings }));
}

/** The JSON contract of `ckdev check --format json`. */
export function planToJson(plan: DeployPlan): { deployable: boolean; changes: { verdict: Verdict; kind: ChangeKind; recordType: string; field?: string; message: string }[] } {
  return {
    deployable: plan.deployable,
    changes: plan.changes.map((c) => ({
      verdict: c.verdict, kind: c.kind, recordType: c.recordType, ...(c.field !== undefined ? { field: c.field } : {}), message: c.message,
    })),
  };
}
