import * as vscode from 'vscode';
import type { ProjectSummary } from '../../core/project/summary';
import { loadProjectChecks } from '../../project-host/load';
import type { ProjectFinding } from '../../core/project';
import { ProjectCodeActionProvider } from './code-actions';
import { publishDiagnostics } from './diagnostics';
import { ProjectSetupHover } from './hover';
import { FILES, ProjectCheckService } from './service';
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

export function registerProjectChecks(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): ProjectApi {
  const config = () => vscode.workspace.getConfiguration('cloudkit.project');
  const service = new ProjectCheckService(output, () => config().get<Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>>('rules') ?? {});
  const collection = vscode.languages.createDiagnosticCollection('cloudkit-project');
  const tree = new ProjectSummaryTree(service);
  const selector: vscode.DocumentSelector = [{ scheme: 'file', pattern: FILES }];
  const watcher = vscode.workspace.createFileSystemWatcher(FILES);
  const enabled = () => config().get<boolean>('enabled', true);
  // A file saved on disk is read again alone; a created or deleted one changes the listing; an edit in an
  // editor needs no disk read at all (the run lays open documents over the files).
  const onDisk = (uri: vscode.Uri, listing: boolean) => {
    if (!enabled() || !service.isRelevant(uri)) return;
    if (listing) service.forgetFiles(); else service.fileChanged(uri);
    service.schedule();
  };
  const refresh = () => { service.forgetFiles(); return service.refresh(); };
  context.subscriptions.push(
    service, collection, watcher,
    service.onDidChange(() => publishDiagnostics(service, collection)),
    vscode.window.registerTreeDataProvider('cloudkit.project', tree),
    vscode.languages.registerCodeActionsProvider(selector, new ProjectCodeActionProvider(service), ProjectCodeActionProvider.metadata),
    // One provider for both selectors: a .swift file with the Swift language would otherwise hover twice.
    vscode.languages.registerHoverProvider([{ scheme: 'file', language: 'swift' }, { scheme: 'file', pattern: '**/*.swift' }], new ProjectSetupHover(service)),
    watcher.onDidChange((u) => onDisk(u, false)), watcher.onDidCreate((u) => onDisk(u, true)), watcher.onDidDelete((u) => onDisk(u, true)),
    vscode.workspace.onDidChangeTextDocument((e) => { if (enabled() && e.contentChanges.length > 0 && service.isAffectedBy(e.document)) service.schedule(); }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => { service.forgetFiles(); service.schedule(); }),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('cloudkit.project')) service.schedule(0); }),
    vscode.commands.registerCommand('cloudkit.project.refresh', refresh),
    vscode.commands.registerCommand('cloudkit.project.showSummary', async () => {
      await service.whenIdle();
      const { formatSummaryText } = loadProjectChecks();
      const text = service.results.map((r) => `# ${r.folder.name}\n\n${formatSummaryText(r.run.summary)}`).join('\n') || 'No Xcode project, project.yml or Project.swift in the workspace.\n';
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: text, language: 'markdown' }));
    }),
  );
  if (enabled()) service.schedule(0);
  return {
    whenIdle: () => service.whenIdle(),
    refresh,
    summaries: () => service.results.map((r) => r.run.summary),
    findings: () => service.results.flatMap((r) => r.run.findings),
  };
}
