import * as vscode from 'vscode';
import type { Severity } from '../../core/findings';
import type { Range } from '../../core/text/span';
import type { ProjectCheckService } from './service';

/** Project findings as diagnostics on the file at fault, with related locations in the other files. */
const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export const toVsRange = (r: Range): vscode.Range => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

export function publishDiagnostics(service: ProjectCheckService, collection: vscode.DiagnosticCollection): void {
  collection.clear();
  const byUri = new Map<string, { uri: vscode.Uri; diags: vscode.Diagnostic[] }>();
  for (const r of service.results) {
    for (const f of r.run.findings) {
      const uri = service.uriOf(r.folder, f.file);
      const d = new vscode.Diagnostic(toVsRange(f.range), f.message, SEVERITY[f.severity]);
      d.source = 'CloudKit project';
      d.code = f.docUrl ? { value: f.ruleId, target: vscode.Uri.parse(f.docUrl) } : f.ruleId;
      if (f.related?.length) {
        d.relatedInformation = f.related.map((rel) => new vscode.DiagnosticRelatedInformation(
          new vscode.Location(rel.file ? service.uriOf(r.folder, rel.file) : uri, toVsRange(rel.range)), rel.message));
      }
      const entry = byUri.get(uri.toString()) ?? { uri, diags: [] };
      entry.diags.push(d);
      byUri.set(uri.toString(), entry);
    }
  }
  for (const { uri, diags } of byUri.values()) collection.set(uri, diags);
}
