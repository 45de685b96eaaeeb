import * as vscode from 'vscode';
import type { ExplainedError, LogReport } from '../../core/logs/reader';
import type { Activity, Session } from '../../core/logs/sessions';
import { toRange } from '../common/diagnostics';

/**
 * "Sync Log Timeline": the sessions of the active log, their setup/export/import activities with the
 * outcome, and the errors in order. A tree view rather than the sandbox's webview timeline: it needs no
 * webview and follows the editor (our choice, cheaper than adapting the sandbox component).
 */
type Node = { kind: 'session'; s: Session } | { kind: 'activity'; a: Activity } | { kind: 'error'; e: ExplainedError } | { kind: 'summary'; text: string };

export const TIMELINE_VIEW = 'cloudkit.syncLogTimeline';
export const REVEAL_COMMAND = 'cloudkit.syncLog.reveal';

export class TimelineProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private report: LogReport | undefined;
  private uri: vscode.Uri | undefined;

  show(uri: vscode.Uri | undefined, report: LogReport | undefined): void {
    this.uri = uri;
    this.report = report;
    this.changed.fire();
  }

  getChildren(node?: Node): Node[] {
    const r = this.report;
    if (!r) return [];
    if (!node) return [{ kind: 'summary', text: r.summary.headline }, ...r.sessions.map((s) => ({ kind: 'session' as const, s }))];
    if (node.kind !== 'session') return [];
    const items: { line: number; n: Node }[] = [
      ...node.s.activities.map((a) => ({ line: a.range.start.line, n: { kind: 'activity' as const, a } })),
      ...r.errors.filter((e) => e.range.start.line >= node.s.range.start.line && e.range.start.line <= node.s.range.end.line)
        .map((e) => ({ line: e.range.start.line, n: { kind: 'error' as const, e } })),
    ];
    return items.sort((a, b) => a.line - b.line).map((x) => x.n);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const reveal = (range: vscode.Range): vscode.Command => ({ command: REVEAL_COMMAND, title: 'Reveal', arguments: [this.uri, range] });
    switch (node.kind) {
      case 'summary': {
        const t = new vscode.TreeItem(node.text);
        t.iconPath = new vscode.ThemeIcon('info');
        t.tooltip = node.text;
        return t;
      }
      case 'session': {
        const t = new vscode.TreeItem(node.s.label, vscode.TreeItemCollapsibleState.Expanded);
        t.description = node.s.errors ? `${node.s.errors} error${node.s.errors === 1 ? '' : 's'}` : '';
        t.command = reveal(toRange(node.s.range));
        return t;
      }
      case 'activity': {
        const a = node.a;
        const t = new vscode.TreeItem(a.label);
        t.description = [a.timestamp, a.success === false ? 'failed' : a.success ? 'succeeded' : ''].filter(Boolean).join(' · ');
        t.iconPath = new vscode.ThemeIcon(a.success === false ? 'error' : a.success ? 'pass' : 'circle-outline');
        t.command = reveal(toRange(a.range));
        return t;
      }
      case 'error': {
        const e = node.e;
        const t = new vscode.TreeItem(e.kind.title);
        t.description = e.chain.join(' › ');
        t.tooltip = e.message;
        t.iconPath = new vscode.ThemeIcon(e.classification === 'needs-action' ? 'error' : e.classification === 'transient' ? 'warning' : 'info');
        t.command = reveal(toRange(e.range));
        return t;
      }
    }
  }
}
