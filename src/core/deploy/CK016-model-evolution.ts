import type { Finding, RelatedLocation } from '../findings';
import { ruleDocUrl } from '../findings';
import type { ModelIR } from '../model/ir';
import { LineIndex } from '../text/span';
import { diffModelVersions } from './model-versions';

/**
 * CK016 (cross-version; reference/coredata-model.md §3.5 and §3.7): the current model version removes or
 * renames an entity or property, changes an attribute's type, or changes an entity's root, relative to the
 * previous version in the same `.xcdatamodeld` (facts and sources in model-versions.ts):
 * - error: an entity or many-to-many relationship rename, which Core Data refuses for any CloudKit-backed
 *   store, development included (134110 "CloudKit integration forbids renaming ...");
 * - warning: what is blocked once the schema is in production ("you can't rename or delete CloudKit record
 *   types and fields in production" [DOC]), and removals, which delete nothing but leave data and older
 *   app versions behind.
 *
 * It lives with the deploy check rather than in src/core/rules because it needs two models; the model
 * rules (`lintModel`) see one. Findings point into the current version; `related` points into the
 * previous one (`previousFile`).
 */
export const CK016_ID = 'CK016';

export interface ModelEvolutionOptions {
  /** Path or URI of the previous version's `contents`, for the related locations. */
  readonly previousFile?: string;
  /** Check even when neither version is marked "Used with CloudKit" (the CLI's `--mode always`). */
  readonly always?: boolean;
}

function usesCloudKit(m: ModelIR): boolean {
  return m.usedWithCloudKit || m.configurations.some((c) => c.usedWithCloudKit);
}

export function checkModelEvolution(previous: ModelIR, current: ModelIR, options: ModelEvolutionOptions = {}): Finding[] {
  if (!options.always && !usesCloudKit(current) && !usesCloudKit(previous)) return [];
  if (previous.problems.some((p) => p.severity === 'error') || current.problems.some((p) => p.severity === 'error')) return [];
  const lines = new LineIndex(current.sourceText ?? '');
  const prevLines = new LineIndex(previous.sourceText ?? '');
  const out: Finding[] = [];
  for (const c of diffModelVersions(previous, current)) {
    const span = c.devSpan ?? current.root?.headSpan ?? { start: 0, end: 0 };
    const related: RelatedLocation[] = c.prodSpan
      ? [{ ...(options.previousFile ? { file: options.previousFile } : {}), span: c.prodSpan, range: prevLines.rangeOf(c.prodSpan), message: 'in the previous model version' }]
      : [];
    const where = `record type ${c.recordType}${c.field ? `, field ${c.field}` : ''}`;
    out.push({
      ruleId: CK016_ID,
      severity: c.migrationError ? 'error' : 'warning',
      message: c.migrationError || c.verdict !== 'blocked' ? `${c.message} (${where}.)` : `${c.message} (Blocked once the schema is in production: ${where}.)`,
      span,
      range: lines.rangeOf(span),
      docUrl: ruleDocUrl(CK016_ID),
      ...(related.length ? { related } : {}),
    });
  }
  return out;
}
