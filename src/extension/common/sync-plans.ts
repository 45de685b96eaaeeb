import * as vscode from 'vscode';
import { mayHoldSetup, setupFilesFor, setupRootOf } from '../../core/model/sync-files';
import { EMPTY_SYNC_PLAN, syncScopeFor, type SyncPlan, type SyncScope } from '../../core/model/sync-plan';
import { loadSyncPlanReader } from '../../swift-parser/load-node';
import { readSyncConfiguration } from './settings';
import { sharedWatcher } from './shared-watchers';
import { workspaceFileAccess } from './workspace-fs';

/**
 * "Which models sync, from the code" in the editor: the sync plan (src/core/model/sync-plan.ts) of the
 * Swift setup code of a model's project (sync-files.ts: below the nearest folder with a Package.swift or an
 * Xcode project, never above the workspace folder), cached per project root until a Swift file that may set
 * up a container is saved, created or deleted. The Swift parser (lazy bundle) is loaded only when a project
 * has such a file. Shared by model linting (lint mode `auto`) and the sync-setup code lens and hover.
 */
export class SyncPlans implements vscode.Disposable {
  private readonly plans = new Map<string, Promise<SyncPlan>>();
  /** The project root of a model file (setupRootOf), cleared with the plans. */
  private readonly roots = new Map<string, ReturnType<typeof setupRootOf>>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Setup code changed on disk: plans are read again, and lints that used them should run again. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    const watcher = sharedWatcher('**/*.swift');
    const touched = (uri: vscode.Uri, text?: string): void => {
      if (this.idle()) return;
      const key = uri.toString();
      if (text !== undefined) {
        if (!mayHoldSetup(text) && !this.wasSetup.has(key)) return;
        // An editor save arrives twice (the save event, then the watcher): the second, with the same text, changes nothing.
        if (this.texts.get(key) === text) return;
        this.texts.set(key, text);
      } else {
        this.texts.delete(key);
      }
      this.plans.clear();
      this.roots.clear();
      this.wasSetup.clear();
      this.drops++;
      this.changed.fire();
    };
    // A project appearing or going away moves the root (Package.swift is covered by the Swift watcher).
    const projects = sharedWatcher('**/*.{xcodeproj,xcworkspace}', true);
    this.disposables.push(this.changed,
      projects.onDidCreate((u) => touched(u)),
      projects.onDidDelete((u) => touched(u)),
      watcher.onDidCreate((u) => touched(u)),
      watcher.onDidDelete((u) => touched(u)),
      // Saved documents: the text is at hand, so a save takes effect at once; the watcher reports it about half a
      // second later (and not at all in a folder created moments before, as CI's first runs showed).
      vscode.workspace.onDidSaveTextDocument((d) => { if (d.uri.path.endsWith('.swift')) touched(d.uri, d.getText()); }),
      // A Swift file changed on disk (a save, a checkout, another tool): a file without setup code, then or before,
      // changes nothing; a save already seen above has the same text and changes nothing either.
      watcher.onDidChange((u) => {
        if (this.idle()) return;
        // The file on disk, as plans read it (an open document may not have reloaded yet).
        void workspaceFileAccess().readText(u).then((text) => touched(u, text), () => touched(u));
      }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('cloudkit.configuration')) this.changed.fire(); }),
    );
  }

  /**
   * Counts the times plans were dropped. A lint that began under an older count used a plan that is gone; it must
   * not publish, since the lint the change event starts may finish first (a stale result over a fresh one).
   */
  get generation(): number { return this.drops; }
  private drops = 0;

  /** Files that held setup code when a plan was read (a save that removes it must count). */
  private readonly wasSetup = new Set<string>();
  /** The text of each setup file as plans last read it, or as a save or a change on disk last gave it. */
  private readonly texts = new Map<string, string>();

  /** No plan or project root is cached: a change cannot make anything stale. */
  private idle(): boolean {
    return this.plans.size === 0 && this.roots.size === 0;
  }

  /** The sync plan of the project a file belongs to (empty when it has no project root or no setup code). */
  async planFor(file: vscode.Uri): Promise<SyncPlan> {
    const fs = workspaceFileAccess();
    const limit = vscode.workspace.getWorkspaceFolder(file)?.uri;
    // Every lint asks: the folder walk up to the project root is done once per file until Swift files change.
    let rootOf = this.roots.get(file.toString());
    if (!rootOf) this.roots.set(file.toString(), (rootOf = setupRootOf(fs, file, limit)));
    const root = await rootOf;
    if (!root) return EMPTY_SYNC_PLAN;
    const key = root.toString();
    let plan = this.plans.get(key);
    if (!plan) {
      plan = (async () => {
        const files = await setupFilesFor(fs, file, limit);
        if (files.length === 0) return EMPTY_SYNC_PLAN;
        for (const f of files) { this.wasSetup.add(f.at.toString()); this.texts.set(f.at.toString(), f.text); }
        const read = await loadSyncPlanReader();
        return read(files.map((f) => ({ path: f.at.toString(), text: f.text })));
      })().catch(() => EMPTY_SYNC_PLAN);
      this.plans.set(key, plan);
    }
    return plan;
  }

  /**
   * The sync scope of a model file for lint mode `auto`: `cloudkit.configuration` when set (it wins over the
   * code), else the code's plan; undefined when neither says anything. Never rejects: when the setup code cannot
   * be read, `onError` hears why and the model's own flags decide (undefined).
   */
  async scopeFor(model: Parameters<typeof syncScopeFor>[0], file: vscode.Uri, modelPath: string, onError?: (e: unknown) => void): Promise<SyncScope | undefined> {
    try {
      const configuration = readSyncConfiguration(file);
      if (configuration && model.format !== 'swift') return syncScopeFor(model, modelPath, EMPTY_SYNC_PLAN, configuration);
      return syncScopeFor(model, modelPath, await this.planFor(file), configuration);
    } catch (e) {
      onError?.(e);
      return undefined;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.plans.clear();
    this.roots.clear();
    this.texts.clear();
  }
}

let shared: SyncPlans | undefined;

/** The one instance, created on first use and disposed with the extension (`registerSyncPlans`). */
export function syncPlans(): SyncPlans {
  return (shared ??= new SyncPlans());
}

export function registerSyncPlans(context: vscode.ExtensionContext): SyncPlans {
  const plans = syncPlans();
  context.subscriptions.push({ dispose: () => { plans.dispose(); shared = undefined; } });
  return plans;
}
