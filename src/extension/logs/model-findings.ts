import * as vscode from 'vscode';
import { namesValidatorItem } from '../../core/logs/validator-item-match';

/**
 * "Show model findings" for a 134060 log error: Core Data's validator refused the model and listed the
 * problems (`Entity: property` a line, reference/coredata-model.md §3.1); the model rules (src/core/rules)
 * report the same problems with the validator's own wording (rules/messages.ts), so the explanation leads
 * to them: the workspace's models are linted, the first finding that names a listed item is revealed in
 * its model file, and the Problems view is focused on the model findings.
 */
export const SHOW_MODEL_FINDINGS_COMMAND = 'cloudkit.logs.showModelFindings';

/** What the model linter offers (model-linting/service.ts), without depending on its class. */
export interface ModelFindingsSource {
  lintWorkspace(): Promise<void>;
  readonly collection: vscode.DiagnosticCollection;
}

export interface ShowModelFindingsResult {
  /** Model findings in the workspace after linting. */
  readonly findings: number;
  /** The findings that name one of the log's items. */
  readonly matched: readonly { readonly uri: string; readonly line: number; readonly message: string }[];
  /** The model file revealed, if any. */
  readonly opened?: string;
}

export function registerShowModelFindings(context: vscode.ExtensionContext, source: ModelFindingsSource): void {
  context.subscriptions.push(vscode.commands.registerCommand(SHOW_MODEL_FINDINGS_COMMAND, async (items?: readonly string[]): Promise<ShowModelFindingsResult> => {
    await source.lintWorkspace();
    const all: [vscode.Uri, vscode.Diagnostic][] = [];
    source.collection.forEach((uri, diags) => { for (const d of diags) all.push([uri, d]); });
    const wanted = (items ?? []).filter((i) => typeof i === 'string' && i.includes(':'));
    const matched = all.filter(([, d]) => wanted.some((i) => namesValidatorItem(d.message, i)))
      .sort(([a, x], [b, y]) => a.toString().localeCompare(b.toString()) || x.range.start.line - y.range.start.line);
    let opened: string | undefined;
    if (matched.length) {
      const [uri, d] = matched[0];
      const ed = await vscode.window.showTextDocument(uri, { preview: false });
      ed.selection = new vscode.Selection(d.range.start, d.range.start);
      ed.revealRange(d.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      opened = uri.toString();
    }
    if (all.length) await vscode.commands.executeCommand('workbench.actions.view.problems');
    else void vscode.window.showInformationMessage('The model rules find nothing in the workspace\'s models: the model the log comes from may not be in this workspace.');
    if (all.length && wanted.length && !matched.length) {
      void vscode.window.showInformationMessage(`None of the workspace's model findings names ${wanted.slice(0, 3).join(', ')}${wanted.length > 3 ? ', …' : ''}: the log may come from another model or version.`);
    }
    return { findings: all.length, matched: matched.map(([uri, d]) => ({ uri: uri.toString(), line: d.range.start.line, message: d.message })), ...(opened ? { opened } : {}) };
  }));
}
