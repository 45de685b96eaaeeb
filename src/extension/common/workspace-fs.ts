import * as vscode from 'vscode';
import type { FileAccess } from '../../core/model/file-access';
import { createWorkspaceFileAccess } from './workspace-file-access';

/** The file-access port over the real `vscode.workspace.fs`. */
let instance: FileAccess<vscode.Uri> | undefined;
export function workspaceFileAccess(): FileAccess<vscode.Uri> {
  return (instance ??= createWorkspaceFileAccess({ fs: vscode.workspace.fs, FileType: vscode.FileType, joinPath: vscode.Uri.joinPath }));
}

/** The text VS Code shows (unsaved edits included) when the file is open, else the file on disk. */
export async function readText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
