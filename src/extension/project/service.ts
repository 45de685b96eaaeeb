import * as vscode from 'vscode';
import type { ProjectRun, WorkspaceFile } from '../../core/project';
import { LineIndex, type Range, type Span } from '../../core/text/span';
import { loadProjectChecks } from '../../project-host/load';
import { loadSwiftParser } from '../../swift-parser/load-node';

/**
 * Runs the project checks per workspace folder (on the files on disk, with the text of open editors laid
 * over them, so a quick fix shows its effect before saving) and keeps the last result for diagnostics,
 * code actions, the summary view and hovers. Re-runs are debounced; runs never overlap.
 */
export interface FolderRun {
  readonly folder: vscode.WorkspaceFolder;
  readonly run: ProjectRun;
}

const RELEVANT = /(\.xcodeproj\/project\.pbxproj|\.entitlements|\.plist|\.xcconfig|\.swift|(^|\/)project\.ya?ml)$/;

export class ProjectCheckService implements vscode.Disposable {
  private runs: FolderRun[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private pending = false;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly output: vscode.LogOutputChannel, private readonly severities: () => Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>) {}

  get results(): readonly FolderRun[] { return this.runs; }

  isRelevant(uri: vscode.Uri): boolean {
    return RELEVANT.test(uri.path);
  }

  /** Schedules a run (debounced); `refresh()` resolves when the checks are up to date. */
  schedule(delayMs = 400): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = undefined; void this.refresh(); }, delayMs);
  }

  async refresh(): Promise<void> {
    if (this.running) { this.pending = true; return this.running; }
    this.running = this.runAll().finally(() => { this.running = undefined; });
    await this.running;
    if (this.pending) { this.pending = false; await this.refresh(); }
  }

  /** Resolves once no run is scheduled or running. */
  async whenIdle(): Promise<void> {
    while (this.timer || this.running) await (this.running ?? new Promise((r) => setTimeout(r, 50)));
  }

  private async runAll(): Promise<void> {
    let parser;
    try { parser = await loadSwiftParser(); } catch (e) { this.output.warn(`Swift parser unavailable; Swift setup code is not read: ${String(e)}`); }
    const runs: FolderRun[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const t0 = Date.now();
      try {
        const { readProjectWorkspace, runProjectChecks } = loadProjectChecks();
        const { files, skipped } = readProjectWorkspace(folder.uri.fsPath);
        const overlaid = this.overlayOpenDocuments(folder, files);
        if (!overlaid.some((f) => /\.xcodeproj\/project\.pbxproj$|(^|\/)project\.ya?ml$|(^|\/)Project\.swift$/.test(f.path))) continue;
        const run = runProjectChecks(overlaid, parser, this.severities());
        runs.push({ folder, run });
        this.output.info(`project checks: ${folder.name}: ${run.summary.targets.length} targets, ${run.findings.length} findings in ${Date.now() - t0} ms${skipped.length ? ` (${skipped.length} files skipped for size)` : ''}`);
      } catch (e) {
        this.output.error(`project checks failed in ${folder.name}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      }
    }
    this.runs = runs;
    this.changed.fire();
  }

  private overlayOpenDocuments(folder: vscode.WorkspaceFolder, files: WorkspaceFile[]): WorkspaceFile[] {
    const byPath = new Map(files.map((f) => [f.path, f]));
    for (const doc of vscode.workspace.textDocuments) {
      if (!doc.isDirty || doc.uri.scheme !== 'file') continue;
      const rel = vscode.workspace.asRelativePath(doc.uri, false);
      if (vscode.workspace.getWorkspaceFolder(doc.uri) !== folder || !RELEVANT.test(rel)) continue;
      byPath.set(rel, { path: rel, text: doc.getText() });
    }
    return [...byPath.values()];
  }

  uriOf(folder: vscode.WorkspaceFolder, file: string): vscode.Uri {
    return vscode.Uri.joinPath(folder.uri, ...file.split('/'));
  }

  /** The line/character range of a span in a file the run read (for edits to files not open). */
  rangeIn(r: FolderRun, file: string, span: Span): Range {
    const text = r.run.analysis.plists.get(file)?.doc?.text ?? r.run.analysis.input.files.read(file)?.text ?? '';
    return new LineIndex(text).rangeOf(span);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }
}
