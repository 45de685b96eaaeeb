import * as vscode from 'vscode';
import { summaryText } from '../../core/deploy';
import { publishDeployDiagnostics } from './diagnostics';
import { registerModelEvolution } from './evolution';
import type { DeployInputs } from './inputs';
import { schemaSettings } from '../common/settings';
import { isModelPath, resolveInputs } from './inputs';
import { isSwiftUri } from '../common/swift-models';
import { DeployReportProvider, OPEN_CHANGE_COMMAND, reportMessage } from './report-tree';
import type { DeployCheckResult } from './run-check';
import { runDeployCheck } from './run-check';
import { DeployStatus } from './status';
import { registerCkdevTasks } from './tasks';
import { errorMessage } from '../../core/error-message';

/**
 * "CloudKit: Check Schema Deploy": development vs production (or the current model vs production),
 * with the verdict CloudKit would give. Results go to a report tree in the Explorer, diagnostics on
 * the offending lines and a status bar summary, all refreshed when either file changes.
 */
export const CHECK_COMMAND = 'cloudkit.checkSchemaDeploy';

/** What the command returns (plain data, for tests and other extensions). */
export interface DeployCheckSummary {
  readonly deployable: boolean;
  readonly summary: string;
  readonly dev: string;
  readonly prod: string;
  /** The status bar text. */
  readonly status: string;
  /** Whether the CloudKit Deploy view is showing the report after the command. */
  readonly reportVisible?: boolean;
  readonly changes: readonly {
    verdict: string; kind: string; recordType: string; field?: string; message: string;
    /** Where the report opens it (0-based line). */
    location?: { uri: string; line: number };
  }[];
}

const REFRESH_MS = 300;

export function registerDeployCheck(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): void {
  const diagnostics = vscode.languages.createDiagnosticCollection('cloudkit-deploy');
  const report = new DeployReportProvider();
  const view = vscode.window.createTreeView('cloudkit.deployPlan', { treeDataProvider: report, showCollapseAll: true });
  const status = new DeployStatus();
  let inputs: DeployInputs | undefined;
  let watchers: vscode.Disposable[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const show = (result: DeployCheckResult) => {
    report.update(result);
    view.message = reportMessage(result);
    view.description = `${vscode.workspace.asRelativePath(result.devUri)} → ${vscode.workspace.asRelativePath(result.prodUri)}`;
    publishDeployDiagnostics(diagnostics, result);
    status.update(result);
    output.info(`deploy check ${view.description}: ${summaryText(result.plan)}${result.plan.deployable ? '' : ' (not deployable)'}`);
    for (const p of result.problems) output.warn(`deploy check: syntax error ${p}`);
  };

  const run = async (current: DeployInputs): Promise<DeployCheckResult | undefined> => {
    try {
      const result = await runDeployCheck(current);
      show(result);
      return result;
    } catch (e) {
      const message = errorMessage(e);
      output.error(`deploy check: ${message}`);
      status.update(undefined, message);
      return undefined;
    }
  };

  const isInput = (uri: vscode.Uri): boolean => {
    if (!inputs) return false;
    const s = uri.toString();
    if (s === inputs.prod.toString() || s === inputs.dev.toString()) return true;
    // A SwiftData model spans its project's Swift files: any Swift edit may change it.
    if (isSwiftUri(inputs.dev)) return isSwiftUri(uri);
    // Model mode: any version or the .xccurrentversion of the bundle.
    return isModelPath(inputs.dev) && s.startsWith(inputs.dev.toString().replace(/\/contents$/, '').replace(/\/?$/, '/'));
  };
  const schedule = (uri: vscode.Uri) => {
    if (!inputs || !isInput(uri)) return;
    clearTimeout(timer);
    const current = inputs;
    timer = setTimeout(() => { timer = undefined; void run(current); }, REFRESH_MS);
  };
  const watch = (current: DeployInputs) => {
    for (const w of watchers) w.dispose();
    watchers = [];
    const folders = new Set([current.prod, current.dev].map((u) => u.with({ path: u.path.replace(/\/[^/]*$/, '') }).toString()));
    for (const f of folders) {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.parse(f), '**/*'));
      watchers.push(w, w.onDidChange(schedule), w.onDidCreate(schedule), w.onDidDelete(schedule));
    }
  };

  // The command's answer is the report: open the CloudKit Deploy view (expanded), so running it from
  // the Command Palette shows something besides the status bar.
  const revealReport = async () => {
    try {
      const shown = view.visible ? Promise.resolve() : new Promise<void>((resolve) => {
        const sub = view.onDidChangeVisibility((e) => { if (e.visible) { sub.dispose(); resolve(); } });
        setTimeout(() => { sub.dispose(); resolve(); }, 2000);
      });
      // `<view>.focus` opens the Explorer and expands the view (TreeView.reveal would need getParent
      // and does not expand a collapsed view); the focus then goes back to the editor.
      const hadEditor = vscode.window.activeTextEditor !== undefined;
      await vscode.commands.executeCommand('cloudkit.deployPlan.focus');
      await shown;
      if (hadEditor) await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    } catch (e) {
      output.warn(`deploy check: cannot reveal the report: ${errorMessage(e)}`);
    }
  };

  // Optional argument: a Swift file of a SwiftData model (the explorer and editor menus pass the file).
  const command = async (target?: unknown): Promise<DeployCheckSummary | undefined> => {
    const swiftModel = target instanceof vscode.Uri && isSwiftUri(target) ? target : undefined;
    const resolved = await resolveInputs(context, true, swiftModel);
    if (typeof resolved === 'string') {
      void vscode.window.showWarningMessage(`CloudKit: ${resolved}`);
      return undefined;
    }
    inputs = resolved;
    watch(resolved);
    await vscode.commands.executeCommand('setContext', 'cloudkit.deploy.visible', true);
    const result = await run(resolved);
    if (!result) {
      void vscode.window.showErrorMessage('CloudKit: the deploy check failed; see the CloudKit DevTools output.');
      return undefined;
    }
    await revealReport();
    if (result.problems.length) {
      void vscode.window.showWarningMessage(`CloudKit: ${result.problems.length} syntax error(s) in the schema files; the deploy check may be incomplete.`);
    }
    return {
      deployable: result.plan.deployable,
      summary: summaryText(result.plan),
      dev: result.devUri.toString(),
      prod: result.prodUri.toString(),
      status: status.text,
      reportVisible: view.visible,
      changes: result.plan.changes.map((c) => {
        const target = report.targetOf(c);
        return {
          verdict: c.verdict, kind: c.kind, recordType: c.recordType, ...(c.field !== undefined ? { field: c.field } : {}), message: c.message,
          ...(target ? { location: { uri: target.uri.toString(), line: target.range.start.line } } : {}),
        };
      }),
    };
  };

  context.subscriptions.push(
    diagnostics, view, status,
    vscode.commands.registerCommand(CHECK_COMMAND, command),
    vscode.commands.registerCommand(OPEN_CHANGE_COMMAND, async (uri: vscode.Uri, range: vscode.Range) => {
      const editor = await vscode.window.showTextDocument(uri, { selection: range, preserveFocus: false });
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) schedule(e.document.uri); }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('cloudkit.schema')) return;
      // Re-check with the new inputs once a check has run, or as soon as the settings name both files.
      const config = schemaSettings();
      if (!inputs && !(config.get<string>('development') && config.get<string>('production'))) return;
      void resolveInputs(context, false).then((r) => {
        if (typeof r === 'string') output.warn(`deploy check: ${r}`);
        else { inputs = r; watch(r); void run(r); }
      });
    }),
    registerCkdevTasks(context),
    { dispose: () => { clearTimeout(timer); for (const w of watchers) w.dispose(); } },
  );
  registerModelEvolution(context, output);

  // Show the view where schemas exist; check at once when the settings name both files.
  void vscode.workspace.findFiles('**/*.ckdb', '**/node_modules/**', 1).then(async (found) => {
    if (found.length) await vscode.commands.executeCommand('setContext', 'cloudkit.deploy.visible', true);
    const config = schemaSettings();
    if (config.get<string>('development') && config.get<string>('production')) {
      const r = await resolveInputs(context, false);
      if (typeof r !== 'string') { inputs = r; watch(r); await run(r); }
    }
  });
}
