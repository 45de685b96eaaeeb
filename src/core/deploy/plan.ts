import type { Span } from '../text/span';

/**
 * The deploy plan: what the CloudKit Console's "Deploy Schema Changes" would do with a development
 * schema against the production one (reference/ckdb.md §2). Plain data shared by the editor report,
 * the diagnostics, the CLI (text, JSON, SARIF) and the tests.
 */
export type Verdict = 'safe' | 'blocked' | 'warning';

/**
 * Every kind of change the diff reports, by verdict family. The strings are part of the CLI's JSON
 * output and of the pinned corpus expectations: add new kinds, never rename one.
 */
export type SafeKind = 'record-type-added' | 'field-added' | 'index-added' | 'role-added' | 'number-preference-set';
export type BlockedKind =
  | 'record-type-deleted' | 'field-deleted' | 'field-type-changed' | 'list-element-type-changed'
  | 'number-preference-changed' | 'encryption-added' | 'encryption-removed'
  // Model against production (checkModelAgainstProduction): what the server will refuse at runtime.
  | 'record-type-missing-in-production' | 'field-missing-in-production' | 'field-type-mismatch-in-production'
  // Model version against the previous one (diffModelVersions): blocked once the schema is in production
  // (an entity or many-to-many rename fails the store's migration even before: model-versions.ts).
  | 'entity-renamed' | 'attribute-renamed' | 'attribute-type-changed'
  | 'relationship-renamed' | 'relationship-cardinality-changed' | 'root-entity-changed';
export type WarningKind =
  | 'index-removed' | 'grant-added' | 'grant-changed' | 'grant-removed' | 'role-removed'
  | 'field-missing-in-production-sometimes'
  // Model versions: a Core Data type change that keeps the CloudKit field type (Integer 16 → Integer 32);
  // removals, which delete nothing in CloudKit and block no deploy.
  | 'attribute-type-changed-same-field' | 'entity-removed' | 'attribute-removed' | 'relationship-removed';

export type ChangeKind = SafeKind | BlockedKind | WarningKind;

export interface SchemaChange {
  readonly verdict: Verdict;
  readonly kind: ChangeKind;
  readonly recordType: string;
  readonly field?: string;
  readonly message: string;
  /** Where to point in the development side (a `.ckdb` file, or the model file in model mode). */
  readonly devSpan?: Span;
  /** Where to point in the production `.ckdb` (deletions and changed fields). */
  readonly prodSpan?: Span;
  /**
   * A deletion that looks like a rename (a deletion plus an addition of the same type in the same
   * record type, or a record type with the same fields under a new name): the other name.
   */
  readonly probableRename?: { readonly from: string; readonly to: string };
}

export interface DeployPlan {
  /** False when at least one change is blocked: the Console would refuse the whole deploy. */
  readonly deployable: boolean;
  /** Blocked first, then warnings, then safe; within a verdict by record type, field, kind. */
  readonly changes: readonly SchemaChange[];
}

const verdictOrder: Record<Verdict, number> = { blocked: 0, warning: 1, safe: 2 };

/** Byte order, as cktool sorts names (reference/ckdb.md §1.7). */
function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareChanges(a: SchemaChange, b: SchemaChange): number {
  return verdictOrder[a.verdict] - verdictOrder[b.verdict]
    || byteCompare(a.recordType, b.recordType)
    || byteCompare(a.field ?? '', b.field ?? '')
    || byteCompare(a.kind, b.kind);
}

export function makePlan(changes: readonly SchemaChange[]): DeployPlan {
  const sorted = [...changes].sort(compareChanges);
  return { deployable: !sorted.some((c) => c.verdict === 'blocked'), changes: sorted };
}

export interface PlanSummary {
  readonly blocked: number;
  readonly warning: number;
  readonly safe: number;
}

export function summarizePlan(plan: DeployPlan): PlanSummary {
  let blocked = 0;
  let warning = 0;
  let safe = 0;
  for (const c of plan.changes) {
    if (c.verdict === 'blocked') blocked++;
    else if (c.verdict === 'warning') warning++;
    else safe++;
  }
  return { blocked, warning, safe };
}

/** One line per change, `verdict kind RecordType.field`: the compact form used by the pinned tests and the CLI. */
export function changeKey(c: SchemaChange): string {
  return `${c.verdict} ${c.kind} ${c.recordType}${c.field !== undefined ? '.' + c.field : ''}`;
}

/** "2 blocked, 1 warning, 5 safe" (or "no changes"). */
export function summaryText(plan: DeployPlan): string {
  const s = summarizePlan(plan);
  if (s.blocked + s.warning + s.safe === 0) return 'no changes';
  const parts: string[] = [];
  if (s.blocked) parts.push(`${s.blocked} blocked`);
  if (s.warning) parts.push(`${s.warning} warning${s.warning === 1 ? '' : 's'}`);
  if (s.safe) parts.push(`${s.safe} safe`);
  return parts.join(', ');
}
