import assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import { loadGrammar, scopesAt, tokenize } from '../helpers/textmate';
import { activateExtension, EXTENSION_ID, waitFor, workspaceFile } from './helpers';

const BROKEN = `DEFINE SCHEMA
    RECORD TYPE Item (
        "___recordID" REFERENCE QUERYABLE,
        title STRNG,
        GRANT READ TO "_world"
    );
`;

const MESSY = `DEFINE SCHEMA
RECORD TYPE Item( -- keep me
"___recordID" reference queryable,
  title string,
 GRANT READ TO "_world");
`;

describe('.ckdb support (in a real VS Code)', () => {
  before(async () => { await activateExtension(); });

  it('highlights .ckdb with the grammar the extension contributes (token scopes)', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (ext.packageJSON.contributes.grammars as { language: string; scopeName: string; path: string }[]).find((g) => g.language === 'ckdb');
    assert.ok(contributed, 'package.json contributes a ckdb grammar');
    assert.equal(contributed.scopeName, 'source.ckdb');
    const doc = await vscode.workspace.openTextDocument(workspaceFile('cloudkit', 'development.ckdb'));
    assert.equal(doc.languageId, 'ckdb');
    const grammar = await loadGrammar(path.join(ext.extensionPath, contributed.path), contributed.scopeName);
    const tokens = tokenize(grammar, doc.getText());
    const find = (needle: string): vscode.Position => doc.positionAt(doc.getText().indexOf(needle));
    const scopes = (needle: string): string => { const p = find(needle); return scopesAt(tokens, p.line, p.character).join(' '); };
    assert.match(scopes('DEFINE'), /keyword\.other\.define\.ckdb/);
    assert.match(scopes('CD_Item'), /entity\.name\.type\.record\.ckdb/);
    assert.match(scopes('"___recordID"'), /variable\.language\.system-field\.ckdb/);
    assert.match(scopes('CD_entityName '), /variable\.other\.field\.ckdb/);
    assert.match(scopes('QUERYABLE'), /storage\.modifier\.index\.ckdb/);
    assert.match(scopes('LIST<INT64>'), /storage\.type\.list\.ckdb/);
    assert.match(scopes('GRANT'), /keyword\.other\.grant\.ckdb/);
    assert.match(scopes('"_creator"'), /support\.constant\.role\.implicit\.ckdb/);
  });

  it('shows a diagnostic for a deliberate error, and none for the example schemas', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'ckdb', content: BROKEN });
    const diags = await waitFor(() => { const d = vscode.languages.getDiagnostics(doc.uri); return d.length ? d : undefined; }, 'ckdb diagnostics');
    const syntax = diags.find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'syntax');
    assert.ok(syntax, JSON.stringify(diags.map((d) => d.message)));
    assert.equal(syntax.range.start.line, 3);
    assert.match(syntax.message, /Expected a data type .* found 'STRNG'/);
    assert.equal(syntax.severity, vscode.DiagnosticSeverity.Error);
    for (const name of ['development.ckdb', 'production.ckdb']) {
      const uri = workspaceFile('cloudkit', name);
      // The deploy check's verdicts (source 'CloudKit deploy') are planted on purpose; the language checks find nothing.
      const errors = (): string[] => vscode.languages.getDiagnostics(uri)
        .filter((d) => d.source !== 'CloudKit deploy' && d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message);
      // "No diagnostics" only means something once the checks have run on this text: add a deliberate error,
      // wait for it, revert the file and wait for the errors to go (each wait bounded; a timeout fails).
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const original = editor.document.getText();
      const end = editor.document.positionAt(original.length);
      assert.ok(await editor.edit((b) => b.insert(end, '\nRECORD TYPE')), 'edit applied');
      await waitFor(() => errors().some((m) => /record type name/.test(m)) || undefined, `the checks report the deliberate error in ${name}`);
      // Take the error out again with an edit (a change event the checks always see), then wait for no errors.
      assert.ok(await editor.edit((b) => b.delete(new vscode.Range(end, editor.document.positionAt(editor.document.getText().length)))), 'edit undone');
      assert.equal(editor.document.getText(), original);
      await waitFor(() => errors().length === 0 || undefined, `no language errors in ${name} once the text is the file's again`)
        .catch((e: Error) => { throw new Error(`${e.message}; still: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => [d.source, d.severity, d.message]))}`); });
      assert.deepEqual(errors(), []);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('offers the quick fix a check computed', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'ckdb', content: 'DEFINE SCHEMA RECORD TYPE A ( "___recordID" REFERENCE QUERYABLE, queryable STRING );\n' });
    const d = await waitFor(() => vscode.languages.getDiagnostics(doc.uri).find((x) => typeof x.code === 'object' && x.code.value === 'CKS001'), 'CKS001');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    assert.ok(actions.some((a) => a.title === 'Quote "queryable"'), actions.map((a) => a.title).join(', '));
  });

  it('formats through vscode.executeFormatDocumentProvider, keeping comments', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'ckdb', content: MESSY });
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 4, insertSpaces: true });
    assert.ok(edits && edits.length > 0, 'edits');
    const we = new vscode.WorkspaceEdit();
    we.set(doc.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(we));
    assert.equal(doc.getText(), [
      'DEFINE SCHEMA', '', '    RECORD TYPE Item ( -- keep me',
      '        "___recordID" REFERENCE QUERYABLE,', '        title         STRING,', '        GRANT READ TO "_world"', '    );', '',
    ].join('\n'));
    const again = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 4, insertSpaces: true });
    assert.equal(again?.length ?? 0, 0);
  });

  it('gives an outline, hover and completion', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('cloudkit', 'development.ckdb'));
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.ok(symbols.some((s) => s.name === 'CD_Item' && s.children.some((c) => c.name === 'CD_title')));
    const at = doc.positionAt(doc.getText().indexOf('"___recordID"') + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /system field/);
    const draft = await vscode.workspace.openTextDocument({ language: 'ckdb', content: 'DEFINE SCHEMA\n    CREATE ROLE Admin;\n    RECORD TYPE A (\n        x STRING,\n        GRANT READ TO ' });
    const end = draft.positionAt(draft.getText().length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', draft.uri, end);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('"_world"') && labels.includes('Admin'), labels.join(', '));
  });

  it('"CloudKit: Generate Schema from Model" opens the current version\'s schema as ckdb', async () => {
    const bundle = workspaceFile('ShoppingList', 'ShoppingList.xcdatamodeld');
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('cloudkit.generateSchema', bundle);
    assert.ok(doc, 'a document');
    assert.equal(doc.languageId, 'ckdb');
    assert.equal(doc.isUntitled, true);
    const text = doc.getText();
    assert.match(text, /ShoppingList 2\.xcdatamodel/);
    assert.match(text, /\nDEFINE SCHEMA\n/);
    assert.match(text, /CD_isChecked +INT64/); // version 2, not version 1's CD_checked
    assert.doesNotMatch(text, /CD_checked/);
    // Named after the model (the tab reads ShoppingList.ckdb, Save proposes it), not after its first line.
    assert.equal(doc.uri.scheme, 'untitled');
    assert.match(doc.uri.path, /\/ShoppingList\/ShoppingList\.ckdb$/);
    // Generating again refreshes the same editor instead of opening another one.
    const again = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('cloudkit.generateSchema', bundle);
    assert.equal(again?.uri.toString(), doc.uri.toString());
    assert.equal(again?.getText(), text);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
