import * as vscode from 'vscode';
import type { ModelVersioning } from '../../core/model/model-source';
import { bundleVersions, isCurrentIn, resolveModel, type BundleVersions, type ResolvedModel } from '../../core/model/versions/current-version';
import { xmlModelSource } from '../../core/model/xml/source';
import { workspaceFileAccess } from './workspace-fs';

/**
 * The extension's current-version service: the core resolver over `workspace.fs`, with the ONE
 * `.xccurrentversion` watcher and the cache it invalidates. Every feature (model lint, sandbox, deploy
 * check, Generate Schema, Generate Types) asks it, so they agree on which version is current.
 */
export class CurrentVersions implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<BundleVersions>>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** A bundle whose current version may have changed (its `.xccurrentversion` was created, changed or deleted). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.xcdatamodeld/.xccurrentversion');
    const changed = (plist: vscode.Uri): void => {
      const bundle = vscode.Uri.joinPath(plist, '..');
      this.forget(bundle);
      this.changed.fire(bundle);
    };
    this.disposables.push(watcher, this.changed, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed));
  }

  /** The versions of a bundle and the current one (cached until the bundle changes); Xcode bundles unless told. */
  versionsOf(bundle: vscode.Uri, versioning?: ModelVersioning): Promise<BundleVersions> {
    const key = bundle.toString();
    let hit = this.cache.get(key);
    if (!hit) {
      hit = versioning ? versioning.versionsOf(workspaceFileAccess(), bundle) : bundleVersions(workspaceFileAccess(), bundle);
      this.cache.set(key, hit);
    }
    return hit;
  }

  /** A bundle's versions were added or removed: read them again next time. */
  forget(bundle: vscode.Uri): void {
    this.cache.delete(bundle.toString());
  }

  /** Whether a model file is its bundle's current version (true outside a bundle, or while the bundle has none). */
  async isCurrent(file: vscode.Uri, versioning: ModelVersioning = xmlModelSource.versions!): Promise<boolean> {
    const v = versioning.versionOf(file.path);
    return !v || isCurrentIn(await this.versionsOf(file.with({ path: v.bundle }), versioning), v.version);
  }

  /** The `contents` of a model given as a bundle (its current version), a version folder or the file itself. */
  async contentsOf(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (/\/contents$/.test(uri.path)) return uri;
    if (/\.xcdatamodel\/?$/i.test(uri.path)) return vscode.Uri.joinPath(uri, 'contents');
    if (!/\.xcdatamodeld\/?$/i.test(uri.path)) return undefined;
    const { current } = await this.versionsOf(uri);
    return current ? vscode.Uri.joinPath(uri, current, 'contents') : undefined;
  }

  /** A model given as a bundle, a version folder or a `contents` file, resolved to the `contents` to read. */
  resolve(location: vscode.Uri, version?: string): Promise<{ model?: ResolvedModel<vscode.Uri>; error?: string }> {
    return resolveModel(workspaceFileAccess(), location, (u) => vscode.workspace.asRelativePath(u), version);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.cache.clear();
  }
}

let shared: CurrentVersions | undefined;

/** The one instance, created on first use and disposed with the extension (`registerCurrentVersions`). */
export function currentVersions(): CurrentVersions {
  return (shared ??= new CurrentVersions());
}

export function registerCurrentVersions(context: vscode.ExtensionContext): CurrentVersions {
  const cv = currentVersions();
  context.subscriptions.push({ dispose: () => { cv.dispose(); shared = undefined; } });
  return cv;
}
