import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, waitFor, workspaceFile } from './helpers';

/**
 * What a sync log ties to the workspace, in a real VS Code: a 134060 list leads to the model rules'
 * findings, a container the projects do not name is a warning, and `CD_Recipe.CD_title` opens the
 * SwiftData property. The logs are written here (not corpus copies); the workspace is examples/.
 */
const logDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'CloudKit log');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const openLog = async (lines: readonly string[]) => {
  const doc = await vscode.workspace.openTextDocument({ language: 'cloudkit-log', content: `${lines.join('\n')}\n` });
  await vscode.window.showTextDocument(doc);
  return doc;
};
const hoverText = async (uri: vscode.Uri, pos: vscode.Position) =>
  (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos)).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
const optionsLine = (container: string) => `2026-12-05 10:00:00.123 Df ShoppingList[4242:2a4f1] [com.apple.coredata:cloudkit] CoreData+CloudKit: -[NSCloudKitMirroringDelegate _setUpCloudKitIntegration:](562): <NSCloudKitMirroringDelegate: 0x1>: Validating options: <NSCloudKitMirroringDelegateOptions: 0x2> containerIdentifier:${container} databaseScope:Private`;

interface ShowModelFindingsResult { findings: number; matched: { uri: string; line: number; message: string }[]; opened?: string }

describe('sync log links to the workspace (in a real VS Code)', () => {
  before(async () => { await activateExtension(); });

  it('a 134060 list offers the model rules\' findings (code action and hover link); the command reveals the finding in the model', async () => {
    // The example model's current version has `ShoppingList.name` non-optional without a default (CK002).
    const doc = await openLog([
      'CloudKit integration requires that all attributes be optional, or have a default value set. The following attributes are marked non-optional but do not have a default value:',
      'ShoppingList: name',
    ]);
    const diag = await waitFor(() => logDiagnostics(doc.uri).find((d) => codeOf(d) === 'model-validation'), 'the 134060 diagnostic');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range);
    const show = actions.find((a) => a.command?.command === 'cloudkit.logs.showModelFindings');
    assert.ok(show?.command, actions.map((a) => a.title).join(', '));
    assert.deepEqual(show.command.arguments, [['ShoppingList: name']]);
    const hover = await hoverText(doc.uri, diag.range.start);
    assert.match(hover, /\[Show model findings\]\(command:cloudkit\.logs\.showModelFindings\?/);

    const result = await vscode.commands.executeCommand<ShowModelFindingsResult>(show.command.command, ...show.command.arguments!);
    assert.ok(result.findings > 0, 'the workspace\'s models were linted');
    assert.ok(result.matched.length > 0, 'a finding names ShoppingList: name');
    for (const m of result.matched) assert.match(m.message, /ShoppingList: name$/);
    assert.equal(result.opened, result.matched[0].uri);
    const ed = vscode.window.activeTextEditor;
    assert.equal(ed?.document.uri.toString(), result.opened);
    assert.equal(ed?.selection.active.line, result.matched[0].line);
    assert.match(ed.document.lineAt(result.matched[0].line).text, /name="name"/);
  });

  it('a container the workspace\'s projects do not name is a warning at its mention; the project\'s own container is not', async () => {
    // examples/ShoppingList/Persistence.swift names iCloud.com.example.ShoppingList.
    const doc = await openLog([optionsLine('iCloud.com.example.ShoppingList'), optionsLine('iCloud.com.example.SomeoneElse')]);
    const mismatches = await waitFor(() => { const d = logDiagnostics(doc.uri).filter((x) => codeOf(x) === 'container-mismatch'); return d.length ? d : undefined; }, 'the container warning');
    assert.equal(mismatches.length, 1);
    assert.equal(mismatches[0].severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(mismatches[0].range.start.line, 1);
    assert.match(mismatches[0].message, /container iCloud\.com\.example\.SomeoneElse is not one of the project's: .*iCloud\.com\.example\.ShoppingList/);
  });

  it('CD_Recipe.CD_title in a production-schema error links to the title property of the SwiftData @Model class', async () => {
    const doc = await openLog([
      '2026-12-05 10:00:00.456 E  Recipes[77:1] [com.apple.coredata:cloudkit] CoreData+CloudKit: -[NSCloudKitMirroringDelegate recoverFromPartialError:forStore:inMonitor:]block_invoke(1943): <NSCloudKitMirroringDelegate: 0x6000>: Found unknown error as part of a partial failure: <CKError 0x1: "Partial Failure" (2/1011); "Failed to modify some records"; partial errors: {',
      '\tR1:(com.apple.coredata.cloudkit.zone:__defaultOwner__) = <CKError 0x2: "Invalid Arguments" (12/2006); server message = "Cannot create or modify field \'CD_title\' in record \'CD_Recipe\' in production schema">',
      '}>',
    ]);
    const recipe = workspaceFile('swiftdata', 'Recipes', 'Models', 'Recipe.swift');
    const titleLine = (await vscode.workspace.openTextDocument(recipe)).getText().split('\n').findIndex((l) => /\bvar title: String/.test(l));
    assert.ok(titleLine > 0);
    const link = await waitFor(async () => (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri)).find((l) => doc.getText(l.range) === 'CD_title'), 'the CD_title link', 30_000);
    assert.ok(link.target);
    assert.equal(link.target.with({ fragment: '' }).toString(), recipe.toString());
    assert.equal(link.target.fragment.split(',')[0], `L${titleLine + 1}`);
    const diag = await waitFor(() => logDiagnostics(doc.uri).find((d) => codeOf(d) === 'production-schema' && d.relatedInformation?.some((r) => r.location.uri.toString() === recipe.toString())), 'the related SwiftData location');
    assert.ok(diag.relatedInformation!.some((r) => r.location.uri.toString() === recipe.toString() && r.location.range.start.line === titleLine && /SwiftData/.test(r.message)));
  });
});
