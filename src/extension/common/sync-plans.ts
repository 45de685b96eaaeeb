import * as vscode from 'vscode';
import { mayHoldSetup, setupFilesFor, setupRootOf } from '../../core/model/sync-files';
import { EMPTY_SYNC_PLAN, syncScopeFor, type SyncPlan, type SyncScope } from '../../core/model/sync-plan';
import { loadSyncPlanReader } from '../../swift-parser/load-node';
import { readSyncConfiguration } from './settings';
import { sharedWatcher } from './shared-watchers';
import { readText, workspaceFileAccess } from './workspace-fs';

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
      if (this.plans.size === 0 && this.roots.size === 0) return;
      if (text !== undefined && !mayHoldSetup(text) && !this.wasSetup.has(uri.toString())) return;
      this.plans.clear();
      this.roots.clear();
      this.wasSetup.clear();
      this.changed.fire();
    };
    // A project appearing or going away moves the root (Package.swift is covered by the Swift watcher).
    const projects = sharedWatcher('**/*.{xcodeproj,xcworkspace}', true);
    this.disposables.push(this.changed,
      projects.onDidCreate((u) => touched(u)),
      projects.onDidDelete((u) => touched(u)),
      watcher.onDidCreate((u) => touched(u)),
      watcher.onDidDelete((u) => touched(u)),
      // A Swift file changed on disk (an editor save, a checkout, another tool): a file without setup code, then or
      // before, changes nothing. One path for all of them: a save handler as well read every plan twice per save.
      watcher.onDidChange((u) => {
        if (this.plans.size === 0 && this.roots.size === 0) return;
        void readText(u).then((text) => touched(u, text), () => touched(u));
      }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('cloudkit.configuration')) this.changed.fire(); }),
    );
  }

  /** Files that held setup code when a plan was read (a save that removes it must count). */
  private readonly wasSetup = new Set<string>();

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
        for (const f of files) this.wasSetup.add(f.at.toString());
        const read = await loadSyncPlanReader();
        return read(files.map((f) => ({ path: f.at.toString(), text: f.text })));
      })().catch(() => EMPTY_SYNC_PLAN);
      this.plans.set(key, plan);
    }
    return plan;
  }

  /**
   * The sync scope of a model file for lint mode `auto`: `cloudkit.configuration` when set (it wins over the
   * code), else the code's plan; undefined when neither says anything.
   */
  async scopeFor(model: Parameters<typeof syncScopeFor>[0], file: vscode.Uri, modelPath: string): Promise<SyncScope | undefined> {
    const configuration = readSyncConfiguration(file);
    if (configuration && model.format !== 'swift') return syncScopeFor(model, modelPath, EMPTY_SYNC_PLAN, configuration);
    return syncScopeFor(model, modelPath, await this.planFor(file), configuration);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.plans.clear();
    this.roots.clear();
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
