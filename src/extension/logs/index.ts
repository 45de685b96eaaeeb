import * as vscode from 'vscode';
import { modelSources } from '../../model-sources';
import { currentVersions } from '../common/current-versions';
import { typescriptModelsPattern } from '../common/settings';
import { sharedWatcher } from '../common/shared-watchers';
import { registerCapture } from './capture';
import { isLog, LOG_LANGUAGE, LogReports } from './log-reports';
import { ModelIndex } from './model-index';
import { registerShowModelFindings, type ModelFindingsSource } from './model-findings';
import { ProjectContainers } from './project-containers';
import { containerDiagnostics, diagnosticsFor, registerProviders } from './providers';
import { REVEAL_COMMAND, TIMELINE_VIEW, TimelineProvider } from './timeline-view';

/**
 * Sync logs in the editor (issue 14): the `cloudkit-log` language's diagnostics, hover, outline, links
 * to the model, the timeline view, "CloudKit: Explain Sync Log" and the log capture.
 */
export const EXPLAIN_COMMAND = 'cloudkit.explainSyncLog';

export interface ExplainResult {
  readonly uri: string;
  readonly headline: string;
  readonly needsAction: number;
  readonly errors: number;
}

export function registerSyncLogs(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, modelFindings: ModelFindingsSource): void {
  const reports = new LogReports();
  const models = new ModelIndex(output);
  const containers = new ProjectContainers(output);
  const diagnostics = vscode.languages.createDiagnosticCollection('cloudkit-log');
  const timeline = new TimelineProvider();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const refresh = async (doc: vscode.TextDocument) => {
    if (!isLog(doc)) { diagnostics.delete(doc.uri); return; }
    const report = reports.get(doc);
    diagnostics.set(doc.uri, [...await diagnosticsFor(doc.uri, report, models), ...await containerDiagnostics(report, containers)]);
    if (vscode.window.activeTextEditor?.document === doc) timeline.show(doc.uri, report);
  };
  const later = (doc: vscode.TextDocument) => {
    // A captured log grows many times a second: explain at most every 300 ms (our choice).
    const key = doc.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => { timers.delete(key); void refresh(doc); }, 300));
  };
  const onEditor = (ed: vscode.TextEditor | undefined) => {
    const show = !!ed && isLog(ed.document);
    void vscode.commands.executeCommand('setContext', 'cloudkit.syncLog.visible', show);
    if (show) timeline.show(ed.document.uri, reports.get(ed.document));
  };

  // Any model file of any registered format (src/model-sources.ts) changes what a log name links to.
  const watchers = [...new Set([...modelSources.sources.flatMap((s) => s.globs), typescriptModelsPattern()])].map((g) => sharedWatcher(g));
  // Entitlements, projects and setup code name the project's containers.
  const projectWatchers = ['**/*.entitlements', '**/project.pbxproj', '**/project.yml', '**/*.swift'].map((g) => sharedWatcher(g));
  context.subscriptions.push(
    diagnostics,
    ...watchers.flatMap((w) => [w.onDidChange(() => models.invalidate()), w.onDidCreate(() => models.invalidate()), w.onDidDelete(() => models.invalidate())]),
    currentVersions().onDidChange(() => models.invalidate()),
    ...projectWatchers.flatMap((w) => [w.onDidChange(() => containers.invalidate()), w.onDidCreate(() => containers.invalidate()), w.onDidDelete(() => containers.invalidate())]),
    vscode.window.createTreeView(TIMELINE_VIEW, { treeDataProvider: timeline }),
    vscode.workspace.onDidOpenTextDocument((d) => void refresh(d)),
    vscode.workspace.onDidChangeTextDocument((e) => { if (isLog(e.document)) later(e.document); }),
    vscode.workspace.onDidCloseTextDocument((d) => { diagnostics.delete(d.uri); reports.forget(d); }),
    vscode.window.onDidChangeActiveTextEditor(onEditor),
    vscode.commands.registerCommand(REVEAL_COMMAND, async (uri: vscode.Uri, range: vscode.Range) => {
      const ed = await vscode.window.showTextDocument(uri, { preserveFocus: false });
      ed.selection = new vscode.Selection(range.start, range.start);
      ed.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
    vscode.commands.registerCommand(EXPLAIN_COMMAND, async (): Promise<ExplainResult | undefined> => {
      const doc = await documentToExplain();
      if (!doc) { void vscode.window.showInformationMessage('Nothing to explain: open a log, select some of it, or copy it to the clipboard.'); return undefined; }
      await vscode.window.showTextDocument(doc, { preview: false });
      await refresh(doc);
      const r = reports.get(doc);
      output.info(`explain ${doc.uri.toString()}: ${r.summary.headline}`);
      void vscode.window.showInformationMessage(`Sync log: ${r.summary.headline}`);
      return { uri: doc.uri.toString(), headline: r.summary.headline, needsAction: r.summary.needsAction, errors: r.errors.length };
    }),
  );
  registerProviders(context, reports, models);
  registerShowModelFindings(context, modelFindings);
  registerCapture(context, output);
  for (const d of vscode.workspace.textDocuments) void refresh(d);
  onEditor(vscode.window.activeTextEditor);
}

/** The active log, else the selection or the whole active document (switched to the log language), else the clipboard. */
async function documentToExplain(): Promise<vscode.TextDocument | undefined> {
  const ed = vscode.window.activeTextEditor;
  if (ed && isLog(ed.document) && ed.selection.isEmpty) return ed.document;
  if (ed && !ed.selection.isEmpty) return vscode.workspace.openTextDocument({ language: LOG_LANGUAGE, content: ed.document.getText(ed.selection) });
  if (ed && ed.document.getText().trim()) return vscode.languages.setTextDocumentLanguage(ed.document, LOG_LANGUAGE);
  const clip = await vscode.env.clipboard.readText();
  return clip.trim() ? vscode.workspace.openTextDocument({ language: LOG_LANGUAGE, content: clip }) : undefined;
}
