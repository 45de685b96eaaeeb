import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, activationLoads, CURRENT_MODEL, waitFor, workspaceFile } from './helpers';

const LOG = ['logs', 'setup-failed.cklog'];
const logDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'CloudKit log');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('sync log explainer (in a real VS Code)', () => {
  before(async () => { await activateExtension(); });

  it('activation does not load the log reader (dist/log-reader.js)', async () => {
    assert.equal((await activationLoads()).logReader, false, 'the log reader loads when a log is opened or explained');
  });

  it('opening a .cklog gives the cloudkit-log language and one diagnostic per error, severity from the classification', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile(...LOG));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'cloudkit-log');
    const diags = await waitFor(() => { const d = logDiagnostics(doc.uri); return d.length >= 3 ? d : undefined; }, 'log diagnostics');
    assert.deepEqual(diags.map((d) => [codeOf(d), d.severity, d.range.start.line]).sort((a, b) => Number(a[2]) - Number(b[2])), [
      ['production-schema', vscode.DiagnosticSeverity.Error, 3],
      ['pending-request', vscode.DiagnosticSeverity.Information, 9],
      ['rate-limited', vscode.DiagnosticSeverity.Warning, 10],
    ]);
  });

  it('the hover shows the decoded tree and the technote section', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile(...LOG));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(4, 60));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Field or record type missing from the production schema/);
    assert.match(text, /CKError 2\/1011 "Partial Failure"/);
    assert.match(text, /CKError 12\/2006 "Invalid Arguments"/);
    assert.match(text, /3 "Batch Request Failed" omitted/);
    assert.match(text, /TN3164 Mirror your Core Data model to CloudKit/);
  });

  it('the production-schema error links to the model attribute and offers the deploy check', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile(...LOG));
    const model = workspaceFile(...CURRENT_MODEL);
    const modelDoc = await vscode.workspace.openTextDocument(model);
    const attrLine = modelDoc.getText().split('\n').findIndex((l) => l.includes('name="isChecked"'));
    assert.ok(attrLine > 0);
    const diag = await waitFor(() => logDiagnostics(doc.uri).find((d) => codeOf(d) === 'production-schema' && d.relatedInformation?.length), 'related model location');
    assert.equal(diag.relatedInformation![0].location.uri.toString(), model.toString());
    assert.equal(diag.relatedInformation![0].location.range.start.line, attrLine);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    const fieldLink = links.find((l) => doc.getText(l.range) === 'CD_isChecked');
    assert.ok(fieldLink?.target, 'CD_isChecked is a link');
    assert.equal(fieldLink.target.with({ fragment: '' }).toString(), model.toString());
    assert.equal(fieldLink.target.fragment.split(',')[0], `L${attrLine + 1}`);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range);
    assert.ok(actions.some((a) => a.command?.command === 'cloudkit.checkSchemaDeploy'), actions.map((a) => a.title).join(', '));
    assert.ok(actions.some((a) => a.title === 'Open Item.isChecked in the Core Data model'), actions.map((a) => `${a.title} (${a.command?.command})`).join(', '));
  });

  it('the outline lists the session and its setup and export activities', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile(...LOG));
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.equal(symbols.length, 1);
    assert.match(symbols[0].name, /^Session 1: ShoppingList \(4242\)/);
    assert.deepEqual(symbols[0].children.map((c) => [c.name, c.detail]), [['Setup', 'failed'], ['Export - AppDeactivationExport', 'failed']]);
  });

  it('"CloudKit: Explain Sync Log" on a selection opens it as a log and explains it', async () => {
    const doc = await vscode.workspace.openTextDocument({ content: 'pasted from a forum:\n<CKError 0x1: "Quota Exceeded" (25/2035); server message = "Quota exceeded"; Retry after 315.0 seconds>\n' });
    const ed = await vscode.window.showTextDocument(doc);
    ed.selection = new vscode.Selection(1, 0, 2, 0);
    const result = await vscode.commands.executeCommand<{ uri: string; headline: string; needsAction: number; errors: number }>('cloudkit.explainSyncLog');
    assert.ok(result);
    assert.equal(result.errors, 1);
    assert.equal(result.needsAction, 1);
    assert.match(result.headline, /iCloud storage is full/);
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'cloudkit-log');
    assert.notEqual(result.uri, doc.uri.toString());
  });
});
