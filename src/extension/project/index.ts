import * as vscode from 'vscode';
import type { ProjectSummary } from '../../core/project/summary';
import { loadProjectChecks } from '../../project-host/load';
import type { ProjectFinding } from '../../core/project';
import { ProjectCodeActionProvider } from './code-actions';
import { publishDiagnostics } from './diagnostics';
import { ProjectSetupHover } from './hover';
import { ProjectCheckService } from './service';
import { ProjectSummaryTree } from './summary-tree';

/**
 * Project configuration checks in the editor (PC01-PC12, docs/project-checks.md): diagnostics on
 * entitlements, plists, Swift setup calls and project files; plist quick fixes; the CloudKit Project view
 * (per target and configuration) and hovers on setup calls.
 */
export interface ProjectApi {
  whenIdle(): Promise<void>;
  refresh(): Promise<void>;
  summaries(): ProjectSummary[];
  findings(): ProjectFinding[];
}

const FILES = '**/{*.entitlements,*.plist,*.xcconfig,*.swift,project.pbxproj,project.yml,project.yaml}';

export function registerProjectChecks(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): ProjectApi {
  const config = () => vscode.workspace.getConfiguration('cloudkit.project');
  const service = new ProjectCheckService(output, () => config().get<Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>>('rules') ?? {});
  const collection = vscode.languages.createDiagnosticCollection('cloudkit-project');
  const tree = new ProjectSummaryTree(service);
  const selector: vscode.DocumentSelector = [{ scheme: 'file', pattern: FILES }];
  const watcher = vscode.workspace.createFileSystemWatcher(FILES);
  const onFile = (uri: vscode.Uri) => { if (config().get<boolean>('enabled', true) && service.isRelevant(uri)) service.schedule(); };
  context.subscriptions.push(
    service, collection, watcher,
    service.onDidChange(() => publishDiagnostics(service, collection)),
    vscode.window.registerTreeDataProvider('cloudkit.project', tree),
    vscode.languages.registerCodeActionsProvider(selector, new ProjectCodeActionProvider(service), ProjectCodeActionProvider.metadata),
    vscode.languages.registerHoverProvider({ scheme: 'file', language: 'swift' }, new ProjectSetupHover(service)),
    vscode.languages.registerHoverProvider({ scheme: 'file', pattern: '**/*.swift' }, new ProjectSetupHover(service)),
    watcher.onDidChange(onFile), watcher.onDidCreate(onFile), watcher.onDidDelete(onFile),
    vscode.workspace.onDidChangeTextDocument((e) => onFile(e.document.uri)),
    vscode.workspace.onDidChangeWorkspaceFolders(() => service.schedule()),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('cloudkit.project')) service.schedule(0); }),
    vscode.commands.registerCommand('cloudkit.project.refresh', () => service.refresh()),
    vscode.commands.registerCommand('cloudkit.project.showSummary', async () => {
      await service.whenIdle();
      const { formatSummaryText } = loadProjectChecks();
      const text = service.results.map((r) => `# ${r.folder.name}\n\n${formatSummaryText(r.run.summary)}`).join('\n') || 'No Xcode project, project.yml or Project.swift in the workspace.\n';
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: text, language: 'markdown' }));
    }),
  );
  if (config().get<boolean>('enabled', true)) service.schedule(0);
  return {
    whenIdle: () => service.whenIdle(),
    refresh: () => service.refresh(),
    summaries: () => service.results.map((r) => r.run.summary),
    findings: () => service.results.flatMap((r) => r.run.findings),
  };
}
