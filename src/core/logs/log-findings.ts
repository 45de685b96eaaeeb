import type { Finding, Severity } from '../findings';
import type { ExplainedError } from './reader';
import type { Classification } from './types';

/**
 * Explained errors as Findings, the shape the CLI formats (text, JSON, SARIF) and the editor turns into
 * diagnostics. Severity follows the classification: needs action = error, transient = warning,
 * benign = information (our mapping).
 */
export const SEVERITY_OF: Readonly<Record<Classification, Severity>> = { 'needs-action': 'error', transient: 'warning', benign: 'info' };

export const LOG_DOCS_URL = 'https://github.com/cloudkit-devtools/vscode-cloudkit-devtools/blob/main/docs/logs.md';

export function findingOf(e: ExplainedError): Finding {
  return {
    ruleId: e.kind.id,
    severity: SEVERITY_OF[e.classification],
    message: `${e.message}. ${e.kind.action}`,
    span: e.span,
    range: e.range,
    docUrl: `${LOG_DOCS_URL}#${e.kind.id}`,
  };
}

/** One paragraph per error for people: what it is, what it means, what to do, where it is explained. */
export function describeError(e: ExplainedError): string {
  const where = e.sources.map((s) => (s.doc === 'corpus' ? `seen in ${s.section}` : `${s.doc} "${s.section}"`)).join('; ');
  return [
    `${e.message}`,
    `  ${e.classification === 'needs-action' ? 'needs action' : e.classification === 'transient' ? 'transient, will retry' : 'benign'}: ${e.kind.meaning}`,
    `  what to do: ${e.kind.action}`,
    ...(e.modelItems?.length ? [`  model elements: ${e.modelItems.join(', ')}`] : []),
    ...(where ? [`  see: ${where}`] : []),
  ].join('\n');
}
