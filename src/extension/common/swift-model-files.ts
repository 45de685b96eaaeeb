import * as vscode from 'vscode';
import { sharedWatcher } from './shared-watchers';
import { listWorkspaceSwiftFiles, swiftSource } from './swift-models';
import { readText } from './workspace-fs';

/**
 * The context key `cloudkit.swiftModelFiles`: the paths (`resourcePath`, a file system path) of the
 * workspace's Swift files known to declare a `@Model` class. The explorer and editor menus offer the
 * model commands (Generate Schema from Model, Check Schema Deploy, Open Sandbox) on `.swift` files in
 * it, not on every Swift file. Filled after activation by a bounded scan (never on the activation
 * path), then kept by opened, saved, created and deleted Swift files.
 */
export const SWIFT_MODEL_FILES_KEY = 'cloudkit.swiftModelFiles';


export interface SwiftModelFiles {
  /** The known paths (for tests). */
  paths(): readonly string[];
  /** Resolves once the first scan is done (for tests). */
  readonly scanned: Promise<void>;
}

export function registerSwiftModelFiles(context: vscode.ExtensionContext): SwiftModelFiles {
  const known = new Set<string>();
  let published = '';
  const publish = (): void => {
    const list = [...known].sort();
    const key = list.join('\n');
    if (key === published) return;
    published = key;
    void vscode.commands.executeCommand('setContext', SWIFT_MODEL_FILES_KEY, list);
  };
  const note = (uri: vscode.Uri, text: string | undefined): void => {
    const source = swiftSource();
    if (!source || uri.scheme !== 'file' || !source.claims(uri.path)) return;
    if (text !== undefined && source.declaresModel?.(text) !== false) known.add(uri.fsPath);
    else known.delete(uri.fsPath);
  };
  const noteDocument = (doc: vscode.TextDocument): void => { note(doc.uri, doc.getText()); publish(); };
  const watcher = sharedWatcher('**/*.swift');
  const reread = async (uri: vscode.Uri): Promise<void> => {
    let text: string | undefined;
    try { text = await readText(uri); } catch { text = undefined; }
    note(uri, text);
    publish();
  };
  context.subscriptions.push(
    watcher.onDidCreate((u) => void reread(u)),
    watcher.onDidChange((u) => void reread(u)),
    watcher.onDidDelete((u) => { note(u, undefined); publish(); }),
    vscode.workspace.onDidOpenTextDocument(noteDocument),
    vscode.workspace.onDidSaveTextDocument(noteDocument),
  );
  const scanned = (async () => {
    // After activation returns: the scan reads files, which activation must not wait for.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (!swiftSource()) return;
    const files = await listWorkspaceSwiftFiles();
    for (const uri of files) {
      let text: string | undefined;
      try { text = await readText(uri); } catch { continue; }
      note(uri, text);
    }
    for (const doc of vscode.workspace.textDocuments) note(doc.uri, doc.getText());
    publish();
  })().catch(() => undefined);
  return { paths: () => [...known].sort(), scanned };
}
