import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CURRENT_MODEL, EXTENSION_ID, activateExtension, workspaceFile } from './helpers';

describe('foundation (in a real VS Code)', () => {
  it('runs in VS Code 1.100 with a Node extension host and the examples workspace', () => {
    assert.equal(vscode.version, '1.100.3');
    assert.equal(typeof process.versions.node, 'string');
    assert.equal(vscode.workspace.workspaceFolders?.length, 1);
  });

  it('activates the extension and exposes its API', async () => {
    const api = await activateExtension();
    assert.ok(api.output, 'output channel');
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('cloudkit.showOutput'));
  });

  it('opens examples/**/*.xcdatamodel/contents as coredata-model', async () => {
    const found = await vscode.workspace.findFiles('**/*.xcdatamodel/contents');
    assert.equal(found.length, 2, `model versions found: ${found.map((u) => u.path).join(', ')}`);
    const doc = await vscode.workspace.openTextDocument(workspaceFile(...CURRENT_MODEL));
    assert.equal(doc.languageId, 'coredata-model');
  });

  it('opens .ckdb files as ckdb', async () => {
    const found = await vscode.workspace.findFiles('**/*.ckdb');
    assert.ok(found.length >= 2, 'development and production schemas');
    for (const uri of found) {
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.equal(doc.languageId, 'ckdb', uri.path);
    }
  });

  it('does not claim other files named contents', async () => {
    const other = workspaceFile('notes', 'contents');
    await vscode.workspace.fs.writeFile(other, new TextEncoder().encode('just a file called contents\n'));
    const doc = await vscode.workspace.openTextDocument(other);
    assert.notEqual(doc.languageId, 'coredata-model');
  });
});
