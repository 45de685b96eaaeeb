import * as vscode from 'vscode';
import type { SchemaChange } from '../../core/deploy';
import { isDeletionKind } from '../../core/deploy';
import { locationsOf, type DeployCheckResult } from './run-check';

const DOC = 'https://github.com/cloudkit-devtools/vscode-cloudkit-devtools/blob/main/docs/deploy.md';

/**
 * Blocked changes and warnings become diagnostics: on the development side (the `.ckdb` line, or the
 * model attribute; for a SwiftData model the Swift property in its file), and also on the production line for deletions (what is missing from
 * development has no line of its own there). Safe changes are in the report only.
 */
export function publishDeployDiagnostics(collection: vscode.DiagnosticCollection, result: DeployCheckResult): void {
  const byUri = new Map<string, { uri: vscode.Uri; list: vscode.Diagnostic[] }>();
  const add = (uri: vscode.Uri, d: vscode.Diagnostic) => {
    const e = byUri.get(uri.toString()) ?? { uri, list: [] };
    e.list.push(d);
    byUri.set(uri.toString(), e);
  };
  for (const c of result.plan.changes) {
    if (c.verdict === 'safe') continue;
    const locs = locationsOf(result, c);
    for (const l of locs) {
      if (l.side === 'prod' && !isDeletionKind(c.kind)) continue;
      const uri = l.uri;
      const d = new vscode.Diagnostic(l.range, message(c), c.verdict === 'blocked' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = 'CloudKit deploy';
      d.code = { value: c.kind, target: vscode.Uri.parse(`${DOC}#verdicts`) };
      d.relatedInformation = locs.filter((o) => o !== l).map((o) => new vscode.DiagnosticRelatedInformation(
        new vscode.Location(o.uri, o.range),
        o.side === 'dev' ? 'in development' : 'in production'));
      add(uri, d);
    }
  }
  collection.clear();
  for (const { uri, list } of byUri.values()) collection.set(uri, list);
}

function message(c: SchemaChange): string {
  return c.verdict === 'blocked' ? `Deploy blocked: ${c.message}` : c.message;
}
