import * as vscode from 'vscode';
import { checkModelEvolution } from '../../core/deploy';
import { compareVersionNames } from '../../core/model/bundle';
import { decodeModelBytes, readModelIR } from '../../core/model/xml';
import { toDiagnostic } from '../common/diagnostics';
import { KeyedDebouncer } from '../common/keyed-debouncer';
import { readLintSettings } from '../common/settings';
import { currentVersions } from '../common/current-versions';
import { errorMessage } from '../../core/error-message';
import { sharedWatcher } from '../common/shared-watchers';

/**
 * CK016 in the editor: on the current version's `contents` of a `.xcdatamodeld`, what changed since
 * the previous version (by name order) that production can't follow. Its own diagnostic collection,
 * so the model linter's diagnostics are untouched. Like the model linter, it covers every bundle in the
 * workspace, open or not: open documents are checked as typed, closed files from disk.
 */
const DEBOUNCE_MS = 400;

function bundleOf(uri: vscode.Uri): vscode.Uri | undefined {
  const m = /^(.*\.xcdatamodeld)\/[^/]+\.xcdatamodel\/contents$/i.exec(uri.path);
  return m ? uri.with({ path: m[1] }) : undefined;
}

export function registerModelEvolution(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection('cloudkit-evolution');
  const debouncer = new KeyedDebouncer<string>(DEBOUNCE_MS);

  const check = async (doc: { readonly uri: vscode.Uri; getText(): string }): Promise<void> => {
    const bundle = bundleOf(doc.uri);
    if (!bundle) return;
    try {
      const current = await currentVersions().contentsOf(bundle);
      if (!current || current.toString() !== doc.uri.toString()) {
        collection.delete(doc.uri);
        return;
      }
      const { versions } = await currentVersions().versionsOf(bundle);
      const name = doc.uri.path.split('/').at(-2)!;
      const before = versions.filter((v) => compareVersionNames(v, name) < 0);
      const previousName = before.at(-1);
      if (!previousName) {
        collection.delete(doc.uri);
        return;
      }
      const previousUri = vscode.Uri.joinPath(bundle, previousName, 'contents');
      const decoded = decodeModelBytes(await vscode.workspace.fs.readFile(previousUri));
      if (decoded.text === undefined) return;
      // The model linter's settings apply: `cloudkit.lint.rules: { "CK016": "off" | severity }`, `cloudkit.lint.mode`.
      const settings = readLintSettings(doc.uri);
      const level = settings.rules.CK016 ?? 'warning';
      if (level === 'off' || settings.mode === 'never') {
        collection.delete(doc.uri);
        return;
      }
      const findings = checkModelEvolution(readModelIR(decoded.text), readModelIR(doc.getText()),
        { previousFile: previousUri.toString(), always: settings.mode === 'always' });
      // A model rule like the others (source 'CloudKit', the one converter), though it lives with the deploy check.
      collection.set(doc.uri, findings.map((f) => toDiagnostic(doc.uri, {
        ...f, severity: level,
        related: f.related?.map((r) => ({ ...r, file: previousUri.toString(), message: `${r.message} (${previousName})` })),
      })));
    } catch (e) {
      output.warn(`CK016 on ${doc.uri.toString()}: ${errorMessage(e)}`);
    }
  };
  const schedule = (doc: vscode.TextDocument) => {
    if (!bundleOf(doc.uri)) return;
    debouncer.schedule(doc.uri.toString(), () => { void check(doc); });
  };
  /** A closed file, as its text on disk. */
  const checkFile = async (uri: vscode.Uri): Promise<void> => {
    if (!bundleOf(uri)) return;
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return; // checked as typed
    try {
      const decoded = decodeModelBytes(await vscode.workspace.fs.readFile(uri));
      if (decoded.text !== undefined) { const text = decoded.text; await check({ uri, getText: () => text }); }
    } catch {
      collection.delete(uri); // deleted or unreadable: the model linter reports why
    }
  };
  const checkWorkspace = async (): Promise<void> => {
    const found = await vscode.workspace.findFiles('**/*.xcdatamodeld/*.xcdatamodel/contents', '**/node_modules/**');
    // Files gone from disk (a deleted folder is reported as the folder alone) lose their findings.
    const present = new Set([...found, ...vscode.workspace.textDocuments.map((d) => d.uri)].map((u) => u.toString()));
    const stale: vscode.Uri[] = [];
    collection.forEach((uri) => { if (!present.has(uri.toString())) stale.push(uri); });
    for (const uri of stale) collection.delete(uri);
    for (const uri of found) await checkFile(uri);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.xcdatamodeld/{*.xcdatamodel/contents,.xccurrentversion}');
  // A new current version, or a changed previous one, changes what the current version is compared with.
  let rescan: ReturnType<typeof setTimeout> | undefined;
  const onDisk = () => {
    clearTimeout(rescan);
    rescan = setTimeout(() => { rescan = undefined; void checkWorkspace(); }, DEBOUNCE_MS);
  };
  // A folder created or deleted with its files inside (a bundle copied in, a checkout, a deleted folder)
  // can be reported as the folder alone (observed with code-server 4.100.3), which the glob above does
  // not match: a new folder, or a deletion above a file with findings, re-checks the workspace.
  const folders = sharedWatcher('**/*', true);
  const onCreated = (created: vscode.Uri) => {
    const name = created.path.slice(created.path.lastIndexOf('/') + 1);
    if (!name.includes('.') || /\.xcdatamodeld?$/.test(name)) onDisk();
  };
  const onDeleted = (deleted: vscode.Uri) => {
    const prefix = deleted.toString() + '/';
    let affected = false;
    collection.forEach((uri) => { if (uri.toString().startsWith(prefix)) affected = true; });
    if (affected) onDisk();
  };
  context.subscriptions.push(
    collection,
    watcher,
    folders.onDidCreate(onCreated),
    folders.onDidDelete(onDeleted),
    watcher.onDidChange(onDisk),
    watcher.onDidCreate(onDisk),
    watcher.onDidDelete(onDisk),
    vscode.workspace.onDidOpenTextDocument((d) => void check(d)),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    // Closing a model leaves its findings in the Problems panel, read again from disk (unsaved edits are gone).
    vscode.workspace.onDidCloseTextDocument((d) => void checkFile(d.uri)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('cloudkit.lint')) return;
      for (const d of vscode.workspace.textDocuments) void check(d);
      void checkWorkspace();
    }),
    debouncer, { dispose: () => { clearTimeout(rescan); } },
  );
  for (const d of vscode.workspace.textDocuments) void check(d);
  void checkWorkspace();
  return collection;
}
