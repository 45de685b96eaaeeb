import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activationLoads, ruleOf, waitFor, workspaceFile } from './helpers';

/** SwiftData `@Model` sources in a real VS Code: diagnostics at the property, a Swift quick fix, hover, outline. */
const RECIPE = ['swiftdata', 'Recipes', 'Models', 'Recipe.swift'];

describe('SwiftData models (in a real VS Code)', () => {
  it('activation does not load the Swift parser', async () => {
    // Measured once for the whole run, after activation and its background project checks, before any test
    // opened a Swift file or wrote a project (the project test writes one with setup code, which does load it).
    assert.equal((await activationLoads()).swiftParser, false, 'swift-parser.js is loaded only when a @Model file or setup code is read');
  });

  it('a @Model file shows CK002 at the property; hover shows the CD_ field; the quick fix makes it optional', async () => {
    const uri = workspaceFile(...RECIPE);
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const ck002 = await waitFor(() => vscode.languages.getDiagnostics(uri).find((d) => ruleOf(d) === 'CK002'), 'CK002 on Recipe.title');
    assert.equal(doc.getText(ck002.range), 'title');
    assert.match(ck002.message, /Recipe\.title/);
    assert.ok(vscode.languages.getDiagnostics(uri).some((d) => ruleOf(d) === 'CK001'), 'CK001 on the unique slug');
    // Read with the other files of the model: Cookbook.recipes is Recipe.cookbook's inverse, so no CK004.
    assert.ok(!vscode.languages.getDiagnostics(uri).some((d) => ruleOf(d) === 'CK004'), 'no CK004: the model spans the folder');

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, ck002.range.start);
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /CD_title/, hoverText);

    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    assert.ok(symbols?.some((s) => s.name === 'Recipe' && s.children.some((c) => c.name === 'title')), JSON.stringify(symbols?.map((s) => s.name)));

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, ck002.range);
    const fix = actions.find((a) => a.isPreferred && a.edit !== undefined && /optional/i.test(a.title));
    assert.ok(fix?.edit, `quick fixes offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(doc.getText().includes('var title: String?'), doc.getText());
    await waitFor(() => !vscode.languages.getDiagnostics(uri).some((d) => ruleOf(d) === 'CK002'), 'CK002 to go away after the fix');
    assert.ok(vscode.languages.getDiagnostics(uri).some((d) => ruleOf(d) === 'CK001'), 'other findings stay');

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(editor.document.isDirty, false);
  });
});
