import * as vscode from 'vscode';

/**
 * Small file helpers every feature's adapter uses. They go through `vscode.workspace.fs` (never
 * `node:fs`), so they work on remote and virtual workspaces too.
 */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The text VS Code shows (unsaved edits included) when the file is open, else the file on disk. */
export async function readText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}
