import * as vscode from 'vscode';
import type { Fix } from '../../core/findings';
import { toRange } from '../common/diagnostics';
import { PROJECT_DIAGNOSTIC_SOURCE } from './diagnostics';
import type { FolderRun, ProjectCheckService } from './service';

/**
 * Quick fixes of the project checks: minimal edits to plists (and Swift), in the finding's file and in
 * others (e.g. PC03 on a Swift call adds the container to the entitlements). Never project.pbxproj: no
 * check produces an edit to it, and this provider refuses one if it ever did.
 */
export class ProjectCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly service: ProjectCheckService) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== PROJECT_DIAGNOSTIC_SOURCE) continue;
      const id = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
      for (const r of this.service.results) {
        const f = r.run.findings.find((x) => x.ruleId === id && this.service.uriOf(r.folder, x.file).toString() === doc.uri.toString() && toRange(x.range).isEqual(d.range));
        for (const fix of f?.fixes ?? []) {
          const a = this.action(r, f!.file, fix, d);
          if (a) actions.push(a);
        }
      }
    }
    return actions;
  }

  private action(r: FolderRun, file: string, fix: Fix, d: vscode.Diagnostic): vscode.CodeAction | undefined {
    const edits: [string, Fix['edits']][] = [[file, fix.edits], ...Object.entries(fix.otherFiles ?? {})];
    if (edits.some(([p, e]) => e.length > 0 && /project\.pbxproj$/.test(p))) return undefined;
    const we = new vscode.WorkspaceEdit();
    for (const [p, list] of edits) {
      const uri = this.service.uriOf(r.folder, p);
      for (const e of list) we.replace(uri, toRange(this.service.rangeIn(r, p, e.span)), e.newText);
    }
    const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    a.edit = we;
    a.diagnostics = [d];
    a.isPreferred = fix.isPreferred;
    return a;
  }
}
