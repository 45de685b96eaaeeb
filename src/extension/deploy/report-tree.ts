import * as vscode from 'vscode';
import type { SchemaChange, Verdict } from '../../core/deploy';
import { changeTarget, summaryText } from '../../core/deploy';
import { locationsOf, type DeployCheckResult } from './run-check';

/**
 * The deploy report: a tree in the Explorer ("CloudKit Deploy"), blocked changes first, then
 * warnings, then safe ones; each change opens its line. The view's message says whether the deploy
 * would be accepted.
 */
export const OPEN_CHANGE_COMMAND = 'cloudkit.deploy.openChange';

type Node = { kind: 'group'; verdict: Verdict; changes: SchemaChange[] } | { kind: 'change'; change: SchemaChange };

const GROUPS: readonly { verdict: Verdict; label: string; icon: string; color: string }[] = [
  { verdict: 'blocked', label: 'Blocked', icon: 'error', color: 'problemsErrorIcon.foreground' },
  { verdict: 'warning', label: 'Warnings', icon: 'warning', color: 'problemsWarningIcon.foreground' },
  { verdict: 'safe', label: 'Safe', icon: 'pass', color: 'testing.iconPassed' },
];

export interface OpenTarget {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
}

export class DeployReportProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: DeployCheckResult | undefined;

  update(result: DeployCheckResult | undefined): void {
    this.result = result;
    this.changed.fire(undefined);
  }

  get current(): DeployCheckResult | undefined {
    return this.result;
  }

  /** Where a change points first (production for deletions, else development). */
  targetOf(change: SchemaChange): OpenTarget | undefined {
    if (!this.result) return undefined;
    const l = locationsOf(this.result, change)[0];
    return l && { uri: l.uri, range: l.range };
  }

  getChildren(node?: Node): Node[] {
    if (!this.result) return [];
    if (!node) {
      return GROUPS.map((g) => ({ kind: 'group' as const, verdict: g.verdict, changes: this.result!.plan.changes.filter((c) => c.verdict === g.verdict) }))
        .filter((g) => g.changes.length > 0);
    }
    return node.kind === 'group' ? node.changes.map((change) => ({ kind: 'change' as const, change })) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const g = GROUPS.find((x) => x.verdict === node.verdict)!;
      const item = new vscode.TreeItem(g.label, node.verdict === 'safe' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.changes.length);
      item.iconPath = new vscode.ThemeIcon(g.icon, new vscode.ThemeColor(g.color));
      item.id = `group:${node.verdict}`;
      return item;
    }
    const c = node.change;
    const g = GROUPS.find((x) => x.verdict === c.verdict)!;
    const item = new vscode.TreeItem(changeTarget(c), vscode.TreeItemCollapsibleState.None);
    item.description = c.kind.replace(/-/g, ' ');
    item.tooltip = new vscode.MarkdownString(`**${g.label.replace(/s$/, '')}: ${c.kind}**\n\n${c.message.replace(/([*_`[\]\\])/g, '\\$1')}`);
    item.iconPath = new vscode.ThemeIcon(g.icon, new vscode.ThemeColor(g.color));
    item.contextValue = `cloudkit.deployChange.${c.verdict}`;
    item.accessibilityInformation = { label: `${c.verdict}: ${c.message}` };
    const target = this.targetOf(c);
    if (target) {
      item.command = { command: OPEN_CHANGE_COMMAND, title: 'Open Change', arguments: [target.uri, target.range] };
    }
    return item;
  }
}

export function reportMessage(result: DeployCheckResult): string {
  const plan = result.plan;
  const verdict = plan.deployable ? 'Deployable' : 'Not deployable: CloudKit would reject this deploy';
  const problems = result.problems.length ? ` (${result.problems.length} syntax error${result.problems.length === 1 ? '' : 's'}: the check may be incomplete)` : '';
  return `${verdict}. ${summaryText(plan)}${problems}.`;
}
