import * as vscode from 'vscode';
import type { ProjectRun, WorkspaceFile } from '../../core/project';
import { errorMessage } from '../../core/error-message';
import type { SwiftParser } from '../../core/swift/syntax-node';
import { LineIndex, type Range, type Span } from '../../core/text/span';
import { loadProjectChecks, type ProjectChecksBundle } from '../../project-host/load';
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
/** The files the checks read (as isProjectRelevant in core/project says), for VS Code's search and watcher. */
export const FILES = '**/{*.entitlements,*.plist,*.xcconfig,*.swift,project.pbxproj,project.yml,project.yaml}';
const PROJECT_MARKERS = '**/{project.pbxproj,project.yml,project.yaml,Project.swift}';
const MARKER_EXCLUDE = '**/{node_modules,.build,DerivedData,Pods,Carthage}/**';

interface FolderFiles {
  readonly byPath: Map<string, WorkspaceFile>;
  /** Listed or changed on disk, not read yet. */
  readonly stale: Set<string>;
  readonly skipped: Set<string>;
}

export class ProjectCheckService implements vscode.Disposable {
  private runs: FolderRun[] = [];
  private readonly filesByFolder = new Map<string, FolderFiles>();
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

  /**
   * Whether an edit in an editor can change the results. Most Swift files of an app are neither a Tuist
   * manifest nor container setup code: typing in them re-runs nothing (a run re-reads the project file,
   * which takes a noticeable time for a big pbxproj). A Swift file counts when it holds setup code now or
   * did in the last run (the code may just have been removed).
   */
  isAffectedBy(doc: vscode.TextDocument): boolean {
    if (!this.isRelevant(doc.uri)) return false;
    if (!doc.uri.path.endsWith('.swift') || doc.uri.path.endsWith('/Project.swift')) return true;
    const folder = this.runs.find((r) => r.folder === vscode.workspace.getWorkspaceFolder(doc.uri));
    if (!folder) return false;
    const rel = vscode.workspace.asRelativePath(doc.uri, false);
    return folder.run.analysis.input.swift.some((s) => s.file === rel)
      || loadProjectChecks().needsSwiftParser([{ path: rel, text: doc.getText() }]);
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

  /**
   * Drops what was read from disk: the next run lists and reads the folder again (the refresh command, and
   * files created or deleted); a changed file is read again alone (`fileChanged`).
   */
  forgetFiles(): void {
    this.filesByFolder.clear();
  }

  fileChanged(uri: vscode.Uri): void {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const files = folder && this.filesByFolder.get(folder.uri.toString());
    if (files) files.stale.add(vscode.workspace.asRelativePath(uri, false));
  }

  private async runAll(): Promise<void> {
    const runs: FolderRun[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const t0 = Date.now();
      try {
        // Cheap first: a folder with no Xcode project, project.yml or Project.swift costs one search and
        // loads neither the checks bundle nor the Swift grammar.
        if ((await vscode.workspace.findFiles(new vscode.RelativePattern(folder, PROJECT_MARKERS), MARKER_EXCLUDE, 1)).length === 0) continue;
        const checks = loadProjectChecks();
        const { files, skipped } = await this.readFolder(folder, checks);
        const overlaid = this.overlayOpenDocuments(folder, files);
        const parser = checks.needsSwiftParser(overlaid) ? await this.swiftParser() : undefined;
        const run = checks.runProjectChecks(overlaid, parser, this.severities());
        runs.push({ folder, run });
        this.output.info(`project checks: ${folder.name}: ${run.summary.targets.length} targets, ${run.findings.length} findings in ${Date.now() - t0} ms${skipped.length ? ` (${skipped.length} files skipped for size)` : ''}`);
      } catch (e) {
        this.output.error(`project checks failed in ${folder.name}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      }
    }
    this.runs = runs;
    this.changed.fire();
  }

  private async swiftParser(): Promise<SwiftParser | undefined> {
    try {
      return await loadSwiftParser();
    } catch (e) {
      this.output.warn(`Swift parser unavailable; Swift setup code is not read: ${errorMessage(e)}`);
      return undefined;
    }
  }

  /**
   * The folder's project files through VS Code's file system (asynchronous: the extension host never
   * blocks on a big workspace). Kept between runs: typing re-runs the checks on the open documents' text
   * without reading the disk again; only files changed on disk since are read again.
   */
  private async readFolder(folder: vscode.WorkspaceFolder, checks: ProjectChecksBundle): Promise<{ files: WorkspaceFile[]; skipped: string[] }> {
    let cached = this.filesByFolder.get(folder.uri.toString());
    if (!cached) {
      const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, FILES), checks.PROJECT_EXCLUDE_GLOB, checks.MAX_FILES);
      cached = { byPath: new Map(), stale: new Set(uris.map((u) => vscode.workspace.asRelativePath(u, false))), skipped: new Set() };
      this.filesByFolder.set(folder.uri.toString(), cached);
    }
    for (const rel of [...cached.stale].sort()) {
      cached.stale.delete(rel);
      cached.byPath.delete(rel);
      cached.skipped.delete(rel);
      const uri = this.uriOf(folder, rel);
      try {
        if ((await vscode.workspace.fs.stat(uri)).size > checks.MAX_FILE_BYTES) { cached.skipped.add(rel); continue; }
        cached.byPath.set(rel, checks.workspaceFileOf(rel, await vscode.workspace.fs.readFile(uri)));
      } catch {
        // Deleted since it was listed: it is simply not part of the project any more.
      }
    }
    const files = [...cached.byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { files, skipped: [...cached.skipped] };
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
