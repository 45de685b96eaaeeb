import * as vscode from 'vscode';
import {
  parseSessionText, serializeSession, SESSION_FILE_SUFFIX, type SandboxSessionFile,
} from '../../protocol/session-file';
import { errorMessage } from '../../core/error-message';

/**
 * Reading and writing `*.cksandbox.json` session files. A file we cannot read is never overwritten:
 * before writing over an existing file we parse it, and refuse when it is damaged or newer.
 */

export class SessionFileError extends Error {}

export async function readSession(uri: vscode.Uri): Promise<SandboxSessionFile> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    throw new SessionFileError(`Cannot read ${vscode.workspace.asRelativePath(uri)}: ${errorMessage(e)}`);
  }
  const parsed = parseSessionText(new TextDecoder('utf-8').decode(bytes));
  if (!parsed.ok) throw new SessionFileError(`Cannot open ${vscode.workspace.asRelativePath(uri)}: ${parsed.error}`);
  return parsed.session;
}

export async function writeSession(uri: vscode.Uri, session: SandboxSessionFile): Promise<void> {
  let existing: Uint8Array | undefined;
  try {
    existing = await vscode.workspace.fs.readFile(uri);
  } catch {
    existing = undefined; // a new file
  }
  if (existing !== undefined && existing.length > 0) {
    const parsed = parseSessionText(new TextDecoder('utf-8').decode(existing));
    if (!parsed.ok) {
      throw new SessionFileError(`Not overwriting ${vscode.workspace.asRelativePath(uri)}: ${parsed.error}. Save the session under another name.`);
    }
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(serializeSession(session)));
}

export async function askSaveTarget(suggested: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const defaultUri = suggested ?? (folder ? vscode.Uri.joinPath(folder, `sandbox${SESSION_FILE_SUFFIX}`) : undefined);
  const uri = await vscode.window.showSaveDialog({
    title: 'Save CloudKit Sandbox Session',
    defaultUri,
    filters: { 'CloudKit sandbox session': ['cksandbox.json', 'json'] },
  });
  if (!uri) return undefined;
  // The dialog's filter cannot force a double extension; add it so the file is recognised later.
  return uri.path.endsWith(SESSION_FILE_SUFFIX) ? uri : uri.with({ path: uri.path.replace(/\.json$/, '') + SESSION_FILE_SUFFIX });
}

export async function askOpenTarget(): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles(`**/*${SESSION_FILE_SUFFIX}`, '**/node_modules/**', 500);
  type Item = vscode.QuickPickItem & { uri?: vscode.Uri };
  const items: Item[] = files.map((uri) => ({ label: uri.path.slice(uri.path.lastIndexOf('/') + 1), description: vscode.workspace.asRelativePath(uri), uri }));
  items.push({ label: 'Browse…', description: 'Choose a file outside the list' });
  const pick = await vscode.window.showQuickPick(items, { title: 'Open CloudKit Sandbox Session' });
  if (!pick) return undefined;
  if (pick.uri) return pick.uri;
  const chosen = await vscode.window.showOpenDialog({
    title: 'Open CloudKit Sandbox Session', canSelectMany: false,
    filters: { 'CloudKit sandbox session': ['json'] },
  });
  return chosen?.[0];
}
