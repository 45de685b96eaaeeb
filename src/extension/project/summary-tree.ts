import * as vscode from 'vscode';
import type { ConfigurationSummary, StoreSummary, TargetSummary } from '../../core/project/summary';
import { toRange } from '../common/diagnostics';
import type { FolderRun, ProjectCheckService } from './service';

/**
 * The "CloudKit Project" view: per target and build configuration, whether it syncs, its containers,
 * environment, push and background mode, App Groups, and each store (container, scope, App Group, models).
 * Clicking a store opens its setup call.
 */
type Node =
  | { kind: 'target'; run: FolderRun; target: TargetSummary }
  | { kind: 'config'; run: FolderRun; target: TargetSummary; config: ConfigurationSummary }
  | { kind: 'store'; run: FolderRun; store: StoreSummary }
  | { kind: 'line'; label: string; detail?: string };

export class ProjectSummaryTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly service: ProjectCheckService) {
    service.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      return this.service.results.flatMap((run) => run.run.summary.targets
        .filter((t) => t.kind !== 'unit-test' && t.kind !== 'ui-test')
        .map((target): Node => ({ kind: 'target', run, target })));
    }
    if (node.kind === 'target') return node.target.configurations.map((config): Node => ({ kind: 'config', run: node.run, target: node.target, config }));
    if (node.kind === 'config') {
      const c = node.config;
      return [
        { kind: 'line', label: `Containers: ${c.containers.join(', ') || '(none)'}`, detail: c.cloudKit ? 'CloudKit entitled' : 'no CloudKit service' },
        { kind: 'line', label: `Environment: ${c.environment}` },
        { kind: 'line', label: `Push: ${c.push ?? '(no aps-environment)'}`, detail: c.remoteNotification ? 'remote-notification background mode' : 'no remote-notification background mode' },
        { kind: 'line', label: `App Groups: ${c.appGroups.join(', ') || '(none)'}` },
        { kind: 'line', label: `Entitlements: ${c.entitlements ?? '(none)'}`, detail: `Info.plist: ${c.infoPlist ?? '(none)'}` },
        ...c.stores.map((store): Node => ({ kind: 'store', run: node.run, store })),
      ];
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'target': {
        const syncs = node.target.configurations.filter((c) => c.syncs).map((c) => c.name);
        const item = new vscode.TreeItem(node.target.name, vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${node.target.kind}, ${node.target.platform}${syncs.length ? ` · syncs (${syncs.join(', ')})` : ' · does not sync'}`;
        item.iconPath = new vscode.ThemeIcon(node.target.kind === 'app-extension' ? 'extensions' : 'device-mobile');
        item.contextValue = 'cloudkitProjectTarget';
        return item;
      }
      case 'config': {
        const item = new vscode.TreeItem(node.config.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = node.config.syncs ? `syncs · ${node.config.containers[0] ?? ''}` : 'does not sync';
        item.iconPath = new vscode.ThemeIcon(node.config.syncs ? 'cloud' : 'circle-slash');
        return item;
      }
      case 'store': {
        const s = node.store;
        const item = new vscode.TreeItem(`${s.kind === 'swiftdata' ? 'SwiftData' : s.kind === 'coredata' ? 'Core Data' : 'CloudKit'}${s.name ? ` "${s.name}"` : ''}: ${s.syncs ? 'syncs' : 'local only'}`);
        item.description = [s.containers.join(', '), s.scopes.join(', '), s.group ? `App Group ${s.group}` : '', s.models.length ? `models ${s.models.join(', ')}` : ''].filter(Boolean).join(' · ');
        item.tooltip = `${s.at.file}`;
        item.iconPath = new vscode.ThemeIcon('database');
        const uri = this.service.uriOf(node.run.folder, s.at.file);
        item.command = { command: 'vscode.open', title: 'Open setup call', arguments: [uri, { selection: toRange(this.service.rangeIn(node.run, s.at.file, s.at.span)) }] };
        return item;
      }
      default: {
        const item = new vscode.TreeItem(node.label);
        item.description = node.detail;
        return item;
      }
    }
  }
}
