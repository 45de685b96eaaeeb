import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/findings';

/** Finding (core) → vscode.Diagnostic, with the rule id linking to its documentation page. */
const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toRange(doc: vscode.TextDocument, span: { start: number; end: number }): vscode.Range {
  return new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end));
}

export function toDiagnostic(doc: vscode.TextDocument, f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(doc, f.span), f.message, SEVERITY[f.severity]);
  d.source = 'CloudKit';
  d.code = f.docUrl ? { value: f.ruleId, target: vscode.Uri.parse(f.docUrl) } : f.ruleId;
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => new vscode.DiagnosticRelatedInformation(
      new vscode.Location(r.file ? vscode.Uri.parse(r.file) : doc.uri, toRange(doc, r.span)), r.message));
  }
  if (f.tags?.length) {
    d.tags = f.tags.map((t) => (t === 'unnecessary' ? vscode.DiagnosticTag.Unnecessary : vscode.DiagnosticTag.Deprecated));
  }
  return d;
}
