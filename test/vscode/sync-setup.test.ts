import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, ruleOf, waitFor, workspaceFile } from './helpers';

/** "Which models sync, from the code" in a real VS Code: the code lens and hover on setup calls, and lint mode auto following the code. */
const enc = new TextEncoder();

async function lensTitles(uri: vscode.Uri): Promise<{ line: number; title: string }[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  return (lenses ?? []).filter((l) => l.command?.title.startsWith('CloudKit:')).map((l) => ({ line: l.range.start.line, title: l.command!.title }));
}

describe('sync setup: which models sync, from the code (in a real VS Code)', () => {
  // The runner's scratch folder: it exists before VS Code starts, so the file watcher sees changes in it.
  const folder = workspaceFile('scratch');
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('a code lens and a hover on .modelContainer(for:) say what syncs', async () => {
    await activateExtension();
    const uri = workspaceFile('swiftdata', 'Recipes', 'RecipesApp.swift');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const lenses = await waitFor(async () => { const l = await lensTitles(uri); return l.length > 0 ? l : undefined; }, 'a CloudKit code lens');
    assert.deepEqual(lenses.map((l) => l.title), ['CloudKit: syncs 3 models to the first iCloud container of the entitlements, private database']);
    assert.match(doc.lineAt(lenses[0].line).text, /\.modelContainer\(for:/);
    const at = new vscode.Position(lenses[0].line, doc.lineAt(lenses[0].line).text.indexOf('modelContainer') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /CloudKit sync/);
    assert.match(text, /`Recipe`, `Ingredient`, `Cookbook`/);
  });

  it('lint mode auto follows the setup code: a model only a .none store loads is not checked, until the code syncs it', async () => {
    await vscode.workspace.fs.createDirectory(folder); // there already when the runner made it
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'Package.swift'), enc.encode('// swift-tools-version:5.9\nimport PackageDescription\nlet package = Package(name: "SyncTest")\n'));
    const models = vscode.Uri.joinPath(folder, 'Mail.swift');
    await vscode.workspace.fs.writeFile(models, enc.encode('import SwiftData\n\n@Model\nfinal class Mail {\n    @Attribute(.unique) var messageID: String = ""\n    init() {}\n}\n'));
    const store = vscode.Uri.joinPath(folder, 'Store.swift');
    await vscode.workspace.fs.writeFile(store, enc.encode('import SwiftData\n\nlet configuration = ModelConfiguration(schema: Schema([Mail.self]), cloudKitDatabase: .private("iCloud.com.example.mail"))\n'));

    const doc = await vscode.workspace.openTextDocument(models);
    // Not a preview tab: opening the store file next must not close the model file.
    await vscode.window.showTextDocument(doc, { preview: false });
    await waitFor(() => vscode.languages.getDiagnostics(models).some((d) => ruleOf(d) === 'CK001'), 'CK001 while the code syncs Mail');

    const storeDoc = await vscode.workspace.openTextDocument(store);
    await vscode.window.showTextDocument(storeDoc, { preview: false });
    const synced = await waitFor(async () => { const l = await lensTitles(store); return l.length > 0 ? l : undefined; }, 'the lens on ModelConfiguration');
    assert.deepEqual(synced.map((l) => l.title), ['CloudKit: syncs 1 model to iCloud.com.example.mail, private database']);

    const edit = new vscode.WorkspaceEdit();
    const text = storeDoc.getText();
    const at = text.indexOf('.private("iCloud.com.example.mail")');
    edit.replace(store, new vscode.Range(storeDoc.positionAt(at), storeDoc.positionAt(at + '.private("iCloud.com.example.mail")'.length)), '.none');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await storeDoc.save());
    await waitFor(() => !vscode.languages.getDiagnostics(models).some((d) => ruleOf(d) === 'CK001'), 'CK001 to go once the store is .none');
    assert.ok(!doc.isClosed, 'the model file is still open: its diagnostics went because the code no longer syncs it');
    const off = await waitFor(async () => { const l = await lensTitles(store); return l.some((x) => x.title.includes('not synced')) ? l : undefined; }, 'the lens to say not synced');
    assert.deepEqual(off.map((l) => l.title), ['CloudKit: not synced: cloudKitDatabase: .none']);

    // A change on disk that is no save in the editor (a checkout, another tool): the setup code is read again too.
    await vscode.workspace.fs.writeFile(store, enc.encode(text));
    await waitFor(() => storeDoc.getText() === text, 'VS Code to reload the store file from disk');
    await waitFor(() => vscode.languages.getDiagnostics(models).some((d) => ruleOf(d) === 'CK001'), 'CK001 back once the store file syncs again on disk');
  });
});
