import * as vscode from 'vscode';
import type { Finding, Fix } from '../../core/findings';
import type { TextEdit } from '../../core/text/span';
import { fixAllEdits } from '../../core/rules/fixAll';
import { ruleIdOf, spanToRange, toRange } from '../common/diagnostics';
import type { ModelLintService } from './service';

/** `source.fixAll.cloudkit`: runs with "Fix All" and `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('cloudkit');

function toWorkspaceEdit(doc: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(doc.uri, spanToRange(doc, e.span), e.newText);
  return we;
}

const sameRange = (f: Finding, d: vscode.Diagnostic): boolean => toRange(f.range).isEqual(d.range);

/**
 * Quick fixes of the model rules (the fixes each rule computed through the ModelEditor), a fix-all per
 * rule and per file. Findings are matched to the diagnostics VS Code hands us by rule id and range.
 */
export class ModelCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND] };

  constructor(private readonly service: ModelLintService) {}

  async provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    if (context.diagnostics.length === 0 && !context.only) return [];
    const findings = await this.service.findingsWithFixes(doc);
    if (findings.length === 0) return [];
    const fixable = findings.filter((f) => f.fixes?.some((x) => x.isPreferred));
    const actions: vscode.CodeAction[] = [];
    const wantsFixAll = context.only?.contains(FIX_ALL_KIND) || (context.only && FIX_ALL_KIND.contains(context.only));
    if (wantsFixAll) {
      if (fixable.length > 0) actions.push(this.fixAllAction(doc, findings, () => true, 'Fix all auto-fixable CloudKit problems', FIX_ALL_KIND));
      return actions;
    }
    const rulesSeen = new Set<string>();
    for (const d of context.diagnostics) {
      const ruleId = ruleIdOf(d);
      if (!ruleId) continue;
      const f = findings.find((x) => x.ruleId === ruleId && sameRange(x, d));
      if (!f?.fixes) continue;
      for (const fix of f.fixes) actions.push(this.quickFix(doc, d, fix));
      const sameRule = fixable.filter((x) => x.ruleId === ruleId);
      if (sameRule.length > 1 && !rulesSeen.has(ruleId)) {
        rulesSeen.add(ruleId);
        actions.push(this.fixAllAction(doc, findings, (x) => x.ruleId === ruleId, `Fix all ${ruleId} problems in this file`, vscode.CodeActionKind.QuickFix));
      }
    }
    if (actions.length > 0 && fixable.length > 1 && new Set(fixable.map((f) => f.ruleId)).size > 1) {
      actions.push(this.fixAllAction(doc, findings, () => true, 'Fix all auto-fixable CloudKit problems in this file', vscode.CodeActionKind.QuickFix));
    }
    return actions;
  }

  private quickFix(doc: vscode.TextDocument, d: vscode.Diagnostic, fix: Fix): vscode.CodeAction {
    const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    a.edit = toWorkspaceEdit(doc, fix.edits);
    a.diagnostics = [d];
    a.isPreferred = fix.isPreferred === true;
    return a;
  }

  private fixAllAction(doc: vscode.TextDocument, findings: readonly Finding[], select: (f: Finding) => boolean, title: string, kind: vscode.CodeActionKind): vscode.CodeAction {
    const a = new vscode.CodeAction(title, kind);
    a.edit = toWorkspaceEdit(doc, fixAllEdits(findings, select));
    return a;
  }
}
