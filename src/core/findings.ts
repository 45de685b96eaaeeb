import type { Range, Span, TextEdit } from './text/span';

/**
 * A finding is what every checker in the core produces (model rules, .ckdb checks, deploy verdicts):
 * plain data that the extension turns into a `vscode.Diagnostic` and the CLI into text, JSON or SARIF.
 */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface RelatedLocation {
  /** The file it is in, when not the finding's own file (a path or URI string, as the caller gave it). */
  readonly file?: string;
  readonly span: Span;
  readonly range: Range;
  readonly message: string;
}

export interface Fix {
  readonly title: string;
  /** Minimal edits to the finding's own file; never a re-serialization of the document. */
  readonly edits: readonly TextEdit[];
  /** The safe, obvious fix (VS Code shows it first and applies it with "Auto Fix"). */
  readonly isPreferred?: boolean;
  /** Edits to other files, keyed by path or URI string. */
  readonly otherFiles?: Readonly<Record<string, readonly TextEdit[]>>;
}

export interface Finding {
  /** `CK001`... for model rules, `CKS001`... for .ckdb checks, `syntax` for parse errors. */
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly range: Range;
  readonly related?: readonly RelatedLocation[];
  /** Page explaining the rule, its fix and its Apple source. */
  readonly docUrl?: string;
  readonly fixes?: readonly Fix[];
  /** `unnecessary` fades the range in the editor (e.g. an ignored, never-synced property). */
  readonly tags?: readonly ('unnecessary' | 'deprecated')[];
}

/** Where rule documentation lives; the extension and the CLI link to it from every finding. */
export const DOCS_BASE_URL = 'https://github.com/cloudkit-devtools/vscode-cloudkit-devtools/blob/main/docs/rules/';

export function ruleDocUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function compareFindings(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || severityOrder[a.severity] - severityOrder[b.severity]
    || a.ruleId.localeCompare(b.ruleId);
}
