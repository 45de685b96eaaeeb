import * as vscode from 'vscode';
import { summarizePlan } from '../../core/deploy';
import type { DeployCheckResult } from './run-check';

/** "CloudKit deploy: 2 blocked" in the status bar; a click opens the report. */
export class DeployStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cloudkit.deployStatus', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'CloudKit Deploy';
    this.item.command = 'cloudkit.deployPlan.focus';
  }

  get text(): string {
    return this.item.text;
  }

  update(result: DeployCheckResult | undefined, error?: string): void {
    if (error) {
      this.item.text = '$(cloud-upload) CloudKit deploy: error';
      this.item.tooltip = error;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      this.item.show();
      return;
    }
    if (!result) {
      this.item.hide();
      return;
    }
    const s = summarizePlan(result.plan);
    const parts = s.blocked ? `${s.blocked} blocked` : s.warning ? `${s.warning} warning${s.warning === 1 ? '' : 's'}` : 'deployable';
    this.item.text = `$(cloud-upload) CloudKit deploy: ${parts}`;
    this.item.tooltip = `${vscode.workspace.asRelativePath(result.devUri)} → ${vscode.workspace.asRelativePath(result.prodUri)}: `
      + `${s.blocked} blocked, ${s.warning} warning(s), ${s.safe} safe. Click for the report.`;
    this.item.backgroundColor = s.blocked ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : s.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
