import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/findings';
import type { Span, Range } from '../../core/text/span';

export const DIAGNOSTIC_SOURCE = 'CloudKit';

const severity: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function spanToRange(doc: vscode.TextDocument, s: Span): vscode.Range {
  return new vscode.Range(doc.positionAt(s.start), doc.positionAt(s.end));
}

export function toDiagnostic(uri: vscode.Uri, f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), f.message, severity[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = f.docUrl ? { value: f.ruleId, target: vscode.Uri.parse(f.docUrl) } : f.ruleId;
  if (f.related && f.related.length > 0) {
    d.relatedInformation = f.related.map((r) => new vscode.DiagnosticRelatedInformation(
      new vscode.Location(r.file ? vscode.Uri.parse(r.file) : uri, toRange(r.range)), r.message));
  }
  if (f.tags) {
    d.tags = f.tags.map((t) => (t === 'unnecessary' ? vscode.DiagnosticTag.Unnecessary : vscode.DiagnosticTag.Deprecated));
  }
  return d;
}

export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}
