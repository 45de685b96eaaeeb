import * as vscode from 'vscode';

/**
 * One file system watcher per glob (and event filter) for the whole extension. Model linting, the sync plans,
 * the `@Model` context key, the log explainer and the project checks all follow Swift files, model files or
 * folders; each asked VS Code for a watcher of its own, so the same glob was watched up to four times. They now
 * subscribe to the one shared watcher and dispose only their listeners; the watchers go with the extension
 * (`SHARED_WATCHERS` in the activation's subscriptions).
 */
const watchers = new Map<string, vscode.FileSystemWatcher>();

/** The shared watcher of `glob`; `ignoreChange` for one that reports creations and deletions only (folders). */
export function sharedWatcher(glob: string, ignoreChange = false): vscode.FileSystemWatcher {
  const key = `${ignoreChange ? 'created/deleted' : 'all'} ${glob}`;
  let watcher = watchers.get(key);
  if (!watcher) watchers.set(key, (watcher = vscode.workspace.createFileSystemWatcher(glob, false, ignoreChange, false)));
  return watcher;
}

/** Disposes every shared watcher: pushed once to the activation's subscriptions (extension.ts). */
export const SHARED_WATCHERS: vscode.Disposable = {
  dispose(): void {
    for (const w of watchers.values()) w.dispose();
    watchers.clear();
  },
};
