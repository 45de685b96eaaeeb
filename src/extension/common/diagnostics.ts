import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/findings';
import type { Range, Span } from '../../core/text/span';

/**
 * The one Finding -> vscode.Diagnostic converter (model rules, .ckdb checks, whatever the model source):
 * severity, the rule id linking to its documentation page, related locations and tags.
 */
export const DIAGNOSTIC_SOURCE = 'CloudKit';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toSeverity(s: Severity): vscode.DiagnosticSeverity {
  return SEVERITY[s];
}

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function spanToRange(doc: vscode.TextDocument, s: Span): vscode.Range {
  return new vscode.Range(doc.positionAt(s.start), doc.positionAt(s.end));
}

export interface DiagnosticOptions {
  /** The diagnostic's source label (features filter their own diagnostics by it); default 'CloudKit'. */
  readonly source?: string;
  /** The document a related location's `file` names (default: the file is a URI string). */
  readonly uriOf?: (file: string) => vscode.Uri;
}

export function toDiagnostic(uri: vscode.Uri, f: Finding, options: DiagnosticOptions = {}): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), f.message, SEVERITY[f.severity]);
  d.source = options.source ?? DIAGNOSTIC_SOURCE;
  d.code = f.docUrl ? { value: f.ruleId, target: vscode.Uri.parse(f.docUrl) } : f.ruleId;
  if (f.related && f.related.length > 0) {
    const uriOf = options.uriOf ?? ((file: string) => vscode.Uri.parse(file));
    d.relatedInformation = f.related.map((r) => new vscode.DiagnosticRelatedInformation(
      new vscode.Location(r.file ? uriOf(r.file) : uri, toRange(r.range)), r.message));
  }
  if (f.tags && f.tags.length > 0) {
    d.tags = f.tags.map((t) => (t === 'unnecessary' ? vscode.DiagnosticTag.Unnecessary : vscode.DiagnosticTag.Deprecated));
  }
  return d;
}

/** The rule id of one of our diagnostics (undefined for other sources' diagnostics). */
export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}
