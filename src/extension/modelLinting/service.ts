import * as vscode from 'vscode';
import { exists } from '../common/workspace-fs';
import type { Finding } from '../../core/findings';
import { demoteForNonCurrentVersion, versionInfoOfContentsPath } from '../../core/model/bundle';
import { currentVersions } from '../common/current-versions';
import type { ModelEditor } from '../../core/model/editor';
import type { ModelIR } from '../../core/model/ir';
import { decodeModelBytes, readModelXml } from '../../core/model/xml';
import { maxBytesOf, tooLargeProblem } from '../../core/model/xml/decode';
import type { ReadProblem } from '../../core/model/ir';
import { lintModel } from '../../core/rules';
import { toDiagnostic } from './convert';
import { LintWorkerClient } from './workerClient';
import { readLintSettings } from './settings';

/** One linted model: what the diagnostics, quick fixes, hover and outline are computed from. */
export interface ModelAnalysis {
  /** The document version it was computed from (undefined: read from disk). */
  readonly version: number | undefined;
  readonly text: string;
  /** Read on first use when the findings came from the worker. */
  readonly model: ModelIR;
  readonly editor: ModelEditor;
  /** What the diagnostics show: computed without fixes (cheaper while typing); see `findingsWithFixes`. */
  readonly findings: readonly Finding[];
}

/** Models this large (UTF-16 units) are linted in the worker thread, off the extension host's main thread. */
export const WORKER_THRESHOLD = 256 * 1024;

class Analysis implements ModelAnalysis {
  private read: { model: ModelIR; editor: ModelEditor } | undefined;
  constructor(readonly version: number | undefined, readonly text: string, readonly findings: readonly Finding[],
    private readonly maxFileSizeMB: number, read?: { model: ModelIR; editor: ModelEditor }) {
    this.read = read;
  }
  private get parsed(): { model: ModelIR; editor: ModelEditor } {
    return (this.read ??= readModelXml(this.text, { maxFileSizeMB: this.maxFileSizeMB }));
  }
  get model(): ModelIR { return this.parsed.model; }
  get editor(): ModelEditor { return this.parsed.editor; }
}

export const MODEL_GLOB = '**/*.xcdatamodel/contents';
export const MODEL_SELECTOR: vscode.DocumentSelector = [{ language: 'coredata-model' }, { scheme: 'file', pattern: MODEL_GLOB }];

export function isModelUri(uri: vscode.Uri): boolean {
  return versionInfoOfContentsPath(uri.path) !== undefined;
}

/**
 * Keeps diagnostics for every model version in the workspace, open or not: a file search at start, a
 * watcher for changes on disk, document events (debounced) for what is being typed. Non-current
 * versions of a bundle get `cloudkit.lint.nonCurrentVersionSeverity`.
 */
export class ModelLintService implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('cloudkit-model');
  private readonly analyses = new Map<string, ModelAnalysis>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  private readonly worker: LintWorkerClient;

  constructor(private readonly output: vscode.LogOutputChannel, workerScript: string) {
    this.worker = new LintWorkerClient(workerScript);
    const watcher = vscode.workspace.createFileSystemWatcher(MODEL_GLOB);
    // Creating or deleting a folder reports the folder only (VS Code coalesces the children's events):
    // look below it for models.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.disposables.push(
      this.collection, watcher, folders,
      folders.onDidDelete((u) => this.forgetBelow(u)),
      folders.onDidCreate((u) => { void this.lintBelow(u); }),
      watcher.onDidCreate((u) => { this.output.debug(`model created: ${u.path}`); this.forgetBundle(u); void this.relintBundleOf(u); }),
      watcher.onDidChange((u) => { if (!this.openDocument(u)) void this.lintUri(u); }),
      watcher.onDidDelete((u) => { this.forget(u); this.forgetBundle(u); void this.relintBundleOf(u); }),
      // The one `.xccurrentversion` watcher (common/current-versions.ts): the current version moved.
      currentVersions().onDidChange((bundle) => { void this.relintBundle(bundle); }),
      vscode.workspace.onDidOpenTextDocument((d) => { if (isModelUri(d.uri)) this.schedule(d, 0); }),
      vscode.workspace.onDidChangeTextDocument((e) => { if (isModelUri(e.document.uri) && e.contentChanges.length > 0) this.schedule(e.document); }),
      // Unsaved changes are gone when a document closes: show what is on disk again.
      vscode.workspace.onDidCloseTextDocument((d) => { if (isModelUri(d.uri) && d.uri.scheme === 'file') void this.lintUri(d.uri); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('cloudkit.lint')) void this.lintWorkspace(); }),
    );
  }

  dispose(): void {
    this.disposed = true;
    this.worker.dispose();
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }

  /** Lints every model version of the workspace, yielding between files so the host stays responsive. */
  async lintWorkspace(): Promise<void> {
    const uris = await vscode.workspace.findFiles(MODEL_GLOB, '**/node_modules/**');
    for (const d of vscode.workspace.textDocuments) if (isModelUri(d.uri) && !uris.some((u) => u.toString() === d.uri.toString())) uris.push(d.uri);
    for (const uri of uris) {
      if (this.disposed) return;
      await this.lintUri(uri);
      await new Promise((r) => setImmediate(r));
    }
    this.output.info(`CloudKit model lint: ${uris.length} model version(s) checked`);
  }

  async lintUri(uri: vscode.Uri): Promise<void> {
    const doc = this.openDocument(uri);
    if (doc) { await this.lintDocument(doc); return; }
    const settings = readLintSettings(uri);
    const maxBytes = maxBytesOf(settings.maxFileSizeMB);
    let bytes: Uint8Array;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      // Refuse before reading: a 50 MB file gives one diagnostic and costs nothing.
      if (stat.size > maxBytes) {
        this.publishProblem(uri, fileProblem(tooLargeProblem(stat.size, maxBytes)));
        return;
      }
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      this.forget(uri);
      return;
    }
    const decoded = decodeModelBytes(bytes, { maxFileSizeMB: settings.maxFileSizeMB });
    if (decoded.text === undefined) {
      this.publishProblem(uri, fileProblem(decoded.problem!));
      return;
    }
    await this.analyze(uri, decoded.text, undefined);
  }

  async lintDocument(doc: vscode.TextDocument): Promise<void> {
    await this.analyze(doc.uri, doc.getText(), doc.version);
  }

  private readonly withFixes = new WeakMap<ModelAnalysis, readonly Finding[]>();


  /** The findings with their quick fixes, computed on the first code-action request for a version. */
  findingsWithFixes(doc: vscode.TextDocument): readonly Finding[] {
    const a = this.analysisOf(doc);
    if (!a) return [];
    let f = this.withFixes.get(a);
    if (!f) {
      const settings = readLintSettings(doc.uri);
      f = lintModel(a.model, a.editor, { mode: settings.mode, severities: settings.rules });
      this.withFixes.set(a, f);
    }
    return f;
  }

  /** The analysis of a document at its current version, computed now if the cache is stale. */
  analysisOf(doc: vscode.TextDocument): ModelAnalysis | undefined {
    const a = this.analyses.get(doc.uri.toString());
    if (a && a.version === doc.version) return a;
    const settings = readLintSettings(doc.uri);
    const text = doc.getText();
    const { model, editor } = readModelXml(text, { maxFileSizeMB: settings.maxFileSizeMB });
    // Severity demotion does not matter for fixes, hover and outline; the next lint publishes it.
    const fresh = new Analysis(doc.version, text, lintModel(model, undefined, { mode: settings.mode, severities: settings.rules }), settings.maxFileSizeMB, { model, editor });
    this.analyses.set(doc.uri.toString(), fresh);
    return fresh;
  }

  private async analyze(uri: vscode.Uri, text: string, version: number | undefined): Promise<void> {
    const settings = readLintSettings(uri);
    const options = { mode: settings.mode, severities: settings.rules };
    let read: { model: ModelIR; editor: ModelEditor } | undefined;
    // Big models are linted in the worker so typing in a 4 MB model never freezes the host.
    let findings = text.length > WORKER_THRESHOLD
      ? await this.worker.lint({ text, ...options, maxFileSizeMB: settings.maxFileSizeMB })
      : undefined;
    if (text.length > WORKER_THRESHOLD) this.output.info(`CloudKit model lint: ${vscode.workspace.asRelativePath(uri)} (${Math.round(text.length / 1024)} KB) ${findings ? 'linted in the worker thread' : 'linted in-process (worker unavailable)'}`);
    if (!findings) {
      read = readModelXml(text, { maxFileSizeMB: settings.maxFileSizeMB });
      findings = lintModel(read.model, undefined, options);
    }
    if (!(await this.isCurrentVersion(uri))) findings = demoteForNonCurrentVersion(findings, settings.nonCurrentVersionSeverity);
    // A newer edit may have landed while we awaited: never publish stale results over fresh ones.
    const doc = this.openDocument(uri);
    if (doc && version !== undefined && doc.version !== version) return;
    if (doc && version === undefined) return;
    this.publish(uri, new Analysis(version, text, findings, settings.maxFileSizeMB, read));
  }

  private publishProblem(uri: vscode.Uri, finding: Finding): void {
    if (this.disposed) return;
    this.analyses.delete(uri.toString());
    this.collection.set(uri, [toDiagnostic(uri, finding)]);
  }

  private publish(uri: vscode.Uri, analysis: Analysis): void {
    if (this.disposed) return;
    this.analyses.set(uri.toString(), analysis);
    this.collection.set(uri, analysis.findings.map((f) => toDiagnostic(uri, f)));
  }

  private async lintBelow(created: vscode.Uri): Promise<void> {
    const name = created.path.slice(created.path.lastIndexOf('/') + 1);
    // Files are handled by the model watcher; only folders (no extension, or model bundles) can hold models.
    if (name.includes('.') && !/\.xcdatamodeld?$/.test(name)) return;
    try {
      if (((await vscode.workspace.fs.stat(created)).type & vscode.FileType.Directory) === 0) return;
    } catch { return; }
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(created, MODEL_GLOB), '**/node_modules/**');
    for (const uri of found) {
      this.forgetBundle(uri);
      await this.lintUri(uri);
    }
  }

  private forgetBelow(folder: vscode.Uri): void {
    const prefix = folder.toString() + '/';
    const below: vscode.Uri[] = [];
    this.collection.forEach((uri) => { if (uri.toString().startsWith(prefix)) below.push(uri); });
    // Open documents too: their file is gone; typing in one lints it again.
    for (const uri of below) this.forget(uri);
    for (const key of [...this.analyses.keys()]) if (key.startsWith(prefix)) this.analyses.delete(key);
  }

  private forget(uri: vscode.Uri): void {
    this.analyses.delete(uri.toString());
    this.collection.delete(uri);
  }

  /** Debounced re-lint while typing; longer pauses for big files. */
  private schedule(doc: vscode.TextDocument, delay?: number): void {
    const key = doc.uri.toString();
    const prev = this.timers.get(key);
    if (prev) clearTimeout(prev);
    const ms = delay ?? (doc.getText().length > 1_000_000 ? 1000 : 250);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (!doc.isClosed) void this.lintDocument(doc).catch((e) => this.output.error(`model lint failed for ${doc.uri.fsPath}: ${e}`));
    }, ms));
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
  }

  private bundleUri(uri: vscode.Uri): vscode.Uri | undefined {
    const info = versionInfoOfContentsPath(uri.path);
    return info?.bundleDir ? uri.with({ path: info.bundleDir }) : undefined;
  }

  private isCurrentVersion(uri: vscode.Uri): Promise<boolean> {
    return currentVersions().isCurrent(uri);
  }

  private forgetBundle(uri: vscode.Uri): void {
    const b = this.bundleUri(uri);
    if (b) currentVersions().forget(b);
  }

  private async relintBundleOf(uri: vscode.Uri): Promise<void> {
    const b = this.bundleUri(uri);
    if (b) await this.relintBundle(b);
    else if (await exists(uri)) await this.lintUri(uri);
  }

  private async relintBundle(bundle: vscode.Uri): Promise<void> {
    let entries: [string, vscode.FileType][] = [];
    try { entries = await vscode.workspace.fs.readDirectory(bundle); } catch { return; }
    for (const [name] of entries.filter(([n]) => n.endsWith('.xcdatamodel'))) {
      const contents = vscode.Uri.joinPath(bundle, name, 'contents');
      if (await exists(contents)) await this.lintUri(contents);
    }
  }
}

/** A problem with the file as a whole (unreadable, too large), shown at its first character. */
function fileProblem(p: ReadProblem): Finding {
  return { ruleId: 'syntax', severity: p.severity, message: p.message, span: p.span, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}
