import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/findings';
import { demoteForNonCurrentVersion } from '../../core/model/bundle';
import type { ModelIR, ReadProblem } from '../../core/model/ir';
import type { ModelRead, ModelSource, ModelSourceFile, ModelSourceRegistry } from '../../core/model/model-source';
import type { LintMode } from '../../core/model/scope';
import type { SyncScope } from '../../core/model/sync-plan';
import { maxBytesOf, tooLargeProblem } from '../../core/model/xml/decode';
import { versionedModelEvolution } from '../../core/deploy/versioned-evolution';
import { lintModel } from '../../core/rules';
import { currentVersions } from '../common/current-versions';
import { toDiagnostic } from '../common/diagnostics';
import { Disposable } from '../common/disposable';
import { KeyedDebouncer } from '../common/keyed-debouncer';
import { readLintSettings, SETTING, typescriptModelsPattern } from '../common/settings';
import { sharedWatcher } from '../common/shared-watchers';
import { syncPlans } from '../common/sync-plans';
import { errorMessage } from '../../core/error-message';
import { exists } from '../common/workspace-fs';
import { Analysis, type ModelAnalysis } from './analysis';
import { ModelFileLists } from './model-files';
import { LintWorkerClient } from './worker-client';

export type { ModelAnalysis } from './analysis';

/** Models this large (UTF-16 units) are linted in the worker thread, off the extension host's main thread. */
export const WORKER_THRESHOLD = 256 * 1024;

/** Settings that replace a source's globs in the editor (`cloudkit.models.typescript`). */
const GLOB_SETTINGS: Record<string, () => string> = { typescript: typescriptModelsPattern };

/**
 * The model-document service: ONE editor pipeline for every registered model source
 * (src/model-sources.ts). It keeps diagnostics for every model file of the workspace (a scan at start,
 * watchers for changes on disk, document events, debounced, for what is being typed), lints big files in
 * a worker thread, and serves quick fixes, fix-all, hover and outline (providers in this folder).
 * Versioned sources: non-current versions get `cloudkit.lint.nonCurrentVersionSeverity`. Heavy sources
 * (ts-morph) are read only for open documents, so activation never loads them.
 */
export class ModelLintService extends Disposable {
  readonly collection = this.register(vscode.languages.createDiagnosticCollection('cloudkit-model'));
  private readonly analyses = new Map<string, ModelAnalysis>();
  private readonly withFixes = new WeakMap<ModelAnalysis, Promise<readonly Finding[]>>();
  private readonly debouncer = this.register(new KeyedDebouncer<string>(250));
  private readonly worker: LintWorkerClient;
  private readonly modelFiles = new ModelFileLists();

  constructor(private readonly output: vscode.LogOutputChannel, workerScript: string, private readonly sources: ModelSourceRegistry) {
    super();
    this.worker = this.register(new LintWorkerClient(workerScript));
    for (const source of sources.sources.filter((s) => !s.heavy)) {
      for (const glob of source.globs) {
        const watcher = sharedWatcher(glob);
        this.register(
          watcher.onDidCreate((u) => { this.output.debug(`model created: ${u.path}`); this.forgetBundle(u); void this.relintBundleOf(u); }),
          watcher.onDidChange((u) => { if (!this.openDocument(u)) void this.lintUri(u); }),
          watcher.onDidDelete((u) => { this.forget(u); this.forgetBundle(u); void this.relintBundleOf(u); }),
        );
      }
    }
    // Multi-file sources: which files make a model changes with any of their files on disk.
    for (const source of sources.sources.filter((s) => s.modelFilesOf)) {
      for (const glob of source.globs) {
        const watcher = sharedWatcher(glob);
        const forget = () => this.modelFiles.forget();
        this.register(watcher.onDidCreate(forget), watcher.onDidChange(forget), watcher.onDidDelete(forget));
      }
    }
    // Creating or deleting a folder reports the folder only (VS Code coalesces the children's events):
    // look below it for models.
    const folders = sharedWatcher('**/*', true);
    this.register(
      folders.onDidDelete((u) => { this.modelFiles.forget(); this.forgetBelow(u); }),
      folders.onDidCreate((u) => { this.modelFiles.forget(); void this.lintBelow(u); }),
      // The one `.xccurrentversion` watcher (common/current-versions.ts): the current version moved.
      currentVersions().onDidChange((bundle) => { void this.relintBundle(bundle); }),
      vscode.workspace.onDidOpenTextDocument((d) => { if (this.sourceOf(d)) this.schedule(d, 0); }),
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length > 0 && this.sourceOf(e.document)) this.schedule(e.document); }),
      vscode.workspace.onDidCloseTextDocument((d) => this.closed(d)),
      // Which configuration syncs changed (setup code saved, cloudkit.configuration): lint again.
      syncPlans().onDidChange(() => { void this.lintWorkspace(); this.relintOpenHeavy(); }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SETTING.lint)) void this.lintWorkspace();
        if (e.affectsConfiguration(SETTING.typescriptModels) || e.affectsConfiguration(SETTING.lint)) this.relintOpenHeavy();
      }),
    );
    for (const d of vscode.workspace.textDocuments) if (this.sourceOf(d)?.heavy) this.schedule(d, 0);
  }

  /** The source that reads a document (or a file on disk), if any. */
  sourceOf(doc: vscode.TextDocument | vscode.Uri): ModelSource | undefined {
    const document = isDocument(doc) ? doc : undefined;
    const uri = document ? document.uri : doc as vscode.Uri;
    if (uri.scheme === 'output') return undefined;
    return this.sources.sources.find((s) => {
      const setting = GLOB_SETTINGS[s.id];
      if (!setting) return s.claims(uri.path);
      // A source whose files a setting names: VS Code matches the glob (a document is needed).
      return document !== undefined && vscode.languages.match({ pattern: setting() }, document) > 0;
    });
  }

  /** Lints every model file of the (non-heavy) sources, yielding between files so the host stays responsive. */
  async lintWorkspace(): Promise<void> {
    const uris: vscode.Uri[] = [];
    for (const source of this.sources.sources.filter((s) => !s.heavy)) {
      for (const glob of source.globs) uris.push(...await vscode.workspace.findFiles(glob, '**/node_modules/**'));
    }
    for (const d of vscode.workspace.textDocuments) {
      const s = this.sourceOf(d);
      if (s && !s.heavy && !uris.some((u) => u.toString() === d.uri.toString())) uris.push(d.uri);
    }
    for (const uri of uris) {
      if (this.isDisposed) return;
      await this.lintUri(uri);
      await new Promise((r) => setImmediate(r));
    }
    this.output.info(`CloudKit model lint: ${uris.length} model file(s) checked`);
  }

  async lintUri(uri: vscode.Uri): Promise<void> {
    const doc = this.openDocument(uri);
    if (doc) { await this.lintDocument(doc); return; }
    const source = this.sourceOf(uri);
    if (!source || source.heavy) return;
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
    const decoded = source.decode ? source.decode(bytes, { maxFileSizeMB: settings.maxFileSizeMB }) : { text: new TextDecoder('utf-8').decode(bytes) };
    if (decoded.text === undefined) {
      this.publishProblem(uri, fileProblem(decoded.problem!));
      return;
    }
    await this.analyze(source, uri, decoded.text, undefined);
  }

  async lintDocument(doc: vscode.TextDocument): Promise<void> {
    const source = this.sourceOf(doc);
    if (!source) { this.forget(doc.uri); return; }
    await this.analyze(source, doc.uri, doc.getText(), doc.version, doc.fileName);
  }

  /** The findings with their quick fixes, computed on the first code-action request for a version. */
  async findingsWithFixes(doc: vscode.TextDocument): Promise<readonly Finding[]> {
    const a = await this.analysisOf(doc);
    if (!a) return [];
    let f = this.withFixes.get(a);
    if (!f) {
      const settings = readLintSettings(doc.uri);
      f = a.read().then(async (read) => {
        const sync = await this.syncOf(doc.uri, a.path, read.model, settings.mode);
        const options = { mode: settings.mode, severities: settings.rules, ...(sync ? { sync } : {}) };
        const all = [...lintModel(read.model, read.editor, options), ...versionedModelEvolution(read, options)];
        return read.localize ? read.localize(all).filter((x) => x.file === a.path).map((x) => x.finding) : all;
      });
      this.withFixes.set(a, f);
    }
    return f;
  }

  /** The analysis of a document at its current version, computed now if the cache is stale. */
  async analysisOf(doc: vscode.TextDocument): Promise<ModelAnalysis | undefined> {
    const a = this.analyses.get(doc.uri.toString());
    if (a && a.version === doc.version) return a;
    const source = this.sourceOf(doc);
    if (!source) return undefined;
    const settings = readLintSettings(doc.uri);
    const text = doc.getText();
    const m = await this.readModel(source, doc.uri, text, doc.fileName, settings.maxFileSizeMB);
    const sync = await this.syncOf(doc.uri, m.path, m.read.model, settings.mode);
    // Severity demotion does not matter for fixes, hover and outline; the next lint publishes it.
    const fresh = new Analysis(source, doc.version, text, m.lint({ mode: settings.mode, severities: settings.rules, ...(sync ? { sync } : {}) }).get(m.path) ?? [], m.path, settings.maxFileSizeMB, m.read, m.files);
    this.analyses.set(doc.uri.toString(), fresh);
    return fresh;
  }

  private async analyze(source: ModelSource, uri: vscode.Uri, text: string, version: number | undefined, fileName = uri.fsPath): Promise<void> {
    const settings = readLintSettings(uri);
    const plans = syncPlans().generation;
    const options: { mode: LintMode; severities: Readonly<Record<string, Severity | 'off'>>; sync?: SyncScope } = { mode: settings.mode, severities: settings.rules };
    let read: ModelRead | undefined;
    let findings: Finding[] | undefined;
    let model: DocumentModel | undefined;
    let others = new Map<string, Finding[]>();
    try {
      // Big models are linted in the worker so typing in a 4 MB model never freezes the host (single-file sources).
      if (text.length > WORKER_THRESHOLD && !source.modelFilesOf) {
        // A single-file (Core Data) model's sync scope needs its path only, not its entities.
        const sync = await this.syncOf(uri, fileName, { format: source.id === 'typescript' ? 'typescript' : 'xml', entities: [] }, settings.mode);
        findings = await this.worker.lint({ sourceId: source.id, path: fileName, text, ...options, ...(sync ? { sync } : {}), maxFileSizeMB: settings.maxFileSizeMB });
        this.output.info(`CloudKit model lint: ${vscode.workspace.asRelativePath(uri)} (${Math.round(text.length / 1024)} KB) ${findings ? 'linted in the worker thread' : 'linted in-process (worker unavailable)'}`);
      }
      if (!findings) {
        const t0 = performance.now();
        model = await this.readModel(source, uri, text, fileName, settings.maxFileSizeMB);
        read = model.read;
        const sync = await this.syncOf(uri, fileName, read.model, settings.mode);
        others = model.lint(sync ? { ...options, sync } : options);
        findings = others.get(model.path) ?? [];
        others.delete(model.path);
        if (source.heavy) this.output.debug(`linted ${vscode.workspace.asRelativePath(uri)} (${model.files?.length ?? 1} file(s)): ${findings.length} findings in ${(performance.now() - t0).toFixed(0)} ms`);
      }
    } catch (e) {
      // A reader bug must not take the editor down: say so once per file, keep stale diagnostics out.
      this.output.error(`could not lint ${uri.fsPath}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      this.forget(uri);
      return;
    }
    if (source.versions && !(await currentVersions().isCurrent(uri, source.versions))) findings = demoteForNonCurrentVersion(findings, settings.nonCurrentVersionSeverity);
    // A newer edit may have landed while we awaited: never publish stale results over fresh ones.
    const doc = this.openDocument(uri);
    if (doc && version !== undefined && doc.version !== version) return;
    if (doc && version === undefined) return;
    // The setup code changed while we read it: the lint that change started publishes instead.
    if (syncPlans().generation !== plans) return;
    this.publish(uri, new Analysis(source, version, text, findings, model?.path ?? fileName, settings.maxFileSizeMB, read, model?.files));
    // The other files of a multi-file model: their diagnostics change with this one (a missing inverse).
    if (model?.files) for (const f of model.files) if (f.path !== model.path) this.publishOther(vscode.Uri.parse(f.path), others.get(f.path) ?? []);
  }

  /** What the app's setup code (or `cloudkit.configuration`) says syncs for this model; nothing in mode `never`. */
  private async syncOf(uri: vscode.Uri, modelPath: string, model: Pick<ModelIR, 'format' | 'entities'>, mode: LintMode): Promise<SyncScope | undefined> {
    if (mode === 'never' || uri.scheme === 'untitled') return undefined;
    return syncPlans().scopeFor(model, uri, modelPath, (e) => this.output.warn(`could not read the setup code for ${uri.fsPath}: ${errorMessage(e)}`));
  }

  /** Reads the model a document belongs to (a multi-file source: all its files) and lints it per file. */
  private async readModel(source: ModelSource, uri: vscode.Uri, text: string, fileName: string, maxFileSizeMB: number): Promise<DocumentModel> {
    if (!source.modelFilesOf) {
      const read = await source.read([{ path: fileName, text }], { maxFileSizeMB });
      return { read, path: fileName, lint: (o) => new Map([[fileName, lintModel(read.model, undefined, o)]]) };
    }
    const files = await this.modelFiles.filesOf(source, uri, text);
    const read = await source.read(files, { maxFileSizeMB });
    const path = uri.toString();
    return {
      read, path, files,
      lint: (o) => {
        const byFile = new Map<string, Finding[]>(files.map((f) => [f.path, []]));
        // CK016 between the versions declared in the files (SwiftData VersionedSchema enums).
        const all = [...lintModel(read.model, undefined, o), ...versionedModelEvolution(read, o)];
        for (const x of read.localize ? read.localize(all) : all.map((finding) => ({ file: path, finding }))) byFile.get(x.file)?.push(x.finding);
        return byFile;
      },
    };
  }

  /** Diagnostics of another file of a multi-file model; its own analysis is read again when asked for. */
  private publishOther(uri: vscode.Uri, findings: readonly Finding[]): void {
    if (this.isDisposed) return;
    this.analyses.delete(uri.toString());
    this.collection.set(uri, findings.map((f) => toDiagnostic(uri, f)));
  }

  private publishProblem(uri: vscode.Uri, finding: Finding): void {
    if (this.isDisposed) return;
    this.analyses.delete(uri.toString());
    this.collection.set(uri, [toDiagnostic(uri, finding)]);
  }

  private publish(uri: vscode.Uri, analysis: Analysis): void {
    if (this.isDisposed) return;
    this.analyses.set(uri.toString(), analysis);
    this.collection.set(uri, analysis.findings.map((f) => toDiagnostic(uri, f)));
  }

  /** Unsaved changes are gone when a document closes: show what is on disk again (heavy sources: nothing). */
  private closed(d: vscode.TextDocument): void {
    const source = this.sourceOf(d);
    this.debouncer.cancel(d.uri.toString());
    if (!source) {
      if (this.analyses.has(d.uri.toString())) this.forget(d.uri);
      return;
    }
    if (source.heavy) this.forget(d.uri);
    else if (d.uri.scheme === 'file') void this.lintUri(d.uri);
  }

  private relintOpenHeavy(): void {
    for (const d of vscode.workspace.textDocuments) {
      if (this.sourceOf(d)?.heavy) this.schedule(d, 0);
      else if (!this.sourceOf(d) && this.analyses.has(d.uri.toString())) this.forget(d.uri);
    }
  }

  private async lintBelow(created: vscode.Uri): Promise<void> {
    const name = created.path.slice(created.path.lastIndexOf('/') + 1);
    // Files are handled by the model watchers; only folders (no extension, or model bundles) can hold models.
    if (name.includes('.') && !/\.xcdatamodeld?$/.test(name)) return;
    try {
      if (((await vscode.workspace.fs.stat(created)).type & vscode.FileType.Directory) === 0) return;
    } catch { return; }
    for (const source of this.sources.sources.filter((s) => !s.heavy)) {
      for (const glob of source.globs) {
        for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(created, glob), '**/node_modules/**')) {
          this.forgetBundle(uri);
          await this.lintUri(uri);
        }
      }
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
    const ms = delay ?? (this.sourceOf(doc)?.heavy ? 300 : doc.getText().length > 1_000_000 ? 1000 : 250);
    this.debouncer.schedule(doc.uri.toString(), () => {
      if (!doc.isClosed) void this.lintDocument(doc).catch((e) => this.output.error(`model lint failed for ${doc.uri.fsPath}: ${e}`));
    }, ms);
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
  }

  private bundleUri(uri: vscode.Uri): vscode.Uri | undefined {
    const v = this.sourceOf(uri)?.versions?.versionOf(uri.path);
    return v ? uri.with({ path: v.bundle }) : undefined;
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

/** A document's model as read: one file, or all files of a multi-file model (paths: URI strings). */
interface DocumentModel {
  readonly read: ModelRead;
  readonly path: string;
  readonly files?: readonly ModelSourceFile[];
  lint(options: { mode: LintMode; severities: Readonly<Record<string, Severity | 'off'>>; sync?: SyncScope }): Map<string, Finding[]>;
}

const isDocument = (x: vscode.TextDocument | vscode.Uri): x is vscode.TextDocument => typeof (x as vscode.TextDocument).getText === 'function';

/** A problem with the file as a whole (unreadable, too large), shown at its first character. */
function fileProblem(p: ReadProblem): Finding {
  return { ruleId: 'syntax', severity: p.severity, message: p.message, span: p.span, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}
