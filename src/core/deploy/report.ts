import type { Severity } from '../findings';
import type { LineIndex, Range, Span } from '../text/span';
import type { ChangeKind, DeployPlan, SchemaChange, Verdict } from './plan';
import { summaryText } from './plan';

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

/** `file:line:col: error: message [kind]` lines (1-based), then a summary line. What the `$ckdev` problem matcher reads. */
export function formatPlanText(plan: DeployPlan, dev: SideText | undefined, prod: SideText | undefined): string {
  const lines: string[] = [];
  for (const c of plan.changes) {
    const loc = changeLocations(c, dev, prod)[0];
    const where = loc ? `${loc.file}:${loc.range.start.line + 1}:${loc.range.start.character + 1}` : (dev?.file ?? prod?.file ?? '-');
    lines.push(`${where}: ${severityOf(c.verdict)}: ${c.message} [${c.kind}]`);
  }
  lines.push(`CloudKit deploy: ${summaryText(plan)}: ${plan.deployable ? 'deployable' : 'NOT deployable (the Console would reject it)'}`);
  return lines.join('\n') + '\n';
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

/** SARIF 2.1.0, one rule per change kind (ids `deploy/<kind>`). */
export function planToSarif(plan: DeployPlan, dev: SideText | undefined, prod: SideText | undefined, tool: { version: string; informationUri: string }): object {
  const kinds = [...new Set(plan.changes.map((c) => c.kind))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'ckdev', version: tool.version, informationUri: tool.informationUri,
          rules: kinds.map((k) => ({ id: `deploy/${k}`, shortDescription: { text: k.replace(/-/g, ' ') } })),
        },
      },
      results: plan.changes.map((c) => ({
        ruleId: `deploy/${c.kind}`,
        ruleIndex: kinds.indexOf(c.kind),
        level: c.verdict === 'blocked' ? 'error' : c.verdict === 'warning' ? 'warning' : 'note',
        message: { text: c.message },
        locations: changeLocations(c, dev, prod).slice(0, 1).map(sarifLocation),
        relatedLocations: changeLocations(c, dev, prod).slice(1).map((l, i) => ({ id: i, ...sarifLocation(l) })),
        properties: { verdict: c.verdict, recordType: c.recordType, ...(c.field !== undefined ? { field: c.field } : {}) },
      })),
    }],
  };
}

function sarifLocation(l: ChangeLocation) {
  return {
    physicalLocation: {
      artifactLocation: { uri: l.file },
      region: { startLine: l.range.start.line + 1, startColumn: l.range.start.character + 1, endLine: l.range.end.line + 1, endColumn: l.range.end.character + 1 },
    },
  };
}
