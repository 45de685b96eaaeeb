import type * as vscode from 'vscode';
import { toDiagnostic } from '../common/diagnostics';
import type { ProjectCheckService } from './service';

/** The diagnostics' source: the code actions pick their own diagnostics by it. */
export const PROJECT_DIAGNOSTIC_SOURCE = 'CloudKit project';

/** Project findings as diagnostics on the file at fault, with related locations in the other files. */
export function publishDiagnostics(service: ProjectCheckService, collection: vscode.DiagnosticCollection): void {
  collection.clear();
  const byUri = new Map<string, { uri: vscode.Uri; diags: vscode.Diagnostic[] }>();
  for (const r of service.results) {
    const uriOf = (file: string): vscode.Uri => service.uriOf(r.folder, file);
    for (const f of r.run.findings) {
      const uri = uriOf(f.file);
      const entry = byUri.get(uri.toString()) ?? { uri, diags: [] };
      entry.diags.push(toDiagnostic(uri, f, { source: PROJECT_DIAGNOSTIC_SOURCE, uriOf }));
      byUri.set(uri.toString(), entry);
    }
  }
  for (const { uri, diags } of byUri.values()) collection.set(uri, diags);
}
