import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, waitFor, workspaceFile } from './helpers';

const ruleOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('CK016 on models that are not open (in a real VS Code)', () => {
  before(async () => { await activateExtension(); });

  it('reports the changes since the previous version for a bundle that appears on disk, without opening it', async () => {
    // A copy of the example bundle under a new name: never opened in this session.
    const source = workspaceFile('ShoppingList', 'ShoppingList.xcdatamodeld');
    const copy = workspaceFile('Copied', 'Copied.xcdatamodeld');
    for (const rel of ['.xccurrentversion', 'ShoppingList.xcdatamodel/contents', 'ShoppingList 2.xcdatamodel/contents']) {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(source, ...rel.split('/')));
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(copy, ...rel.split('/')), bytes);
    }
    const current = vscode.Uri.joinPath(copy, 'ShoppingList 2.xcdatamodel', 'contents');
    try {
      const ck016 = await waitFor(() => {
        const d = vscode.languages.getDiagnostics(current).filter((x) => ruleOf(x) === 'CK016');
        return d.length >= 2 ? d : undefined;
      }, 'CK016 on the copied current version');
      const messages = ck016.map((d) => d.message).join('\n');
      assert.match(messages, /checked/, messages);
      assert.match(messages, /quantity/, messages);
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === current.toString()), 'the file was never opened');
    } finally {
      await vscode.workspace.fs.delete(workspaceFile('Copied'), { recursive: true });
    }
    await waitFor(() => vscode.languages.getDiagnostics(current).every((x) => ruleOf(x) !== 'CK016') ? true : undefined, 'CK016 gone with the deleted bundle');
  });
});
