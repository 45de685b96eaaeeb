import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ProjectApi } from '../../src/extension/project';
import { appAndWidgetSharingOneStore } from '../unit/project/fixtures';
import { activateExtension, waitFor, workspaceRoot } from './helpers';

/**
 * An app and its widget each set up a SwiftData store in one App Group with CloudKit on: both setup calls
 * get the 134410 warning (PC08), the CloudKit Project view lists both targets, and a plist quick fix
 * (PC05) edits only the Info.plist. Screenshots of the same workspace: scripts/screenshots-project.mjs.
 */
const code = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('project configuration checks (in a real VS Code)', () => {
  let project: ProjectApi;
  const root = () => path.join(workspaceRoot().fsPath, 'NotesApp');
  const uri = (p: string) => vscode.Uri.file(path.join(root(), p));

  before(async () => {
    const api = await activateExtension();
    assert.ok(api.project, 'the extension exposes the project checks');
    project = api.project;
    for (const f of appAndWidgetSharingOneStore()) {
      fs.mkdirSync(path.dirname(path.join(root(), f.path)), { recursive: true });
      fs.writeFileSync(path.join(root(), f.path), f.text ?? f.bytes!);
    }
    await project.refresh();
  });

  it('shows the 134410 warning on both setup calls, with the other call as related location', async () => {
    for (const [file, other] of [['Notes/NotesStore.swift', 'WidgetStore.swift'], ['NotesWidget/WidgetStore.swift', 'NotesStore.swift']]) {
      const d = await waitFor(() => vscode.languages.getDiagnostics(uri(file)).find((x) => code(x) === 'PC08'), `PC08 on ${file}`);
      assert.match(d.message, /134410 "CloudKit setup failed because there is another instance of this persistent store actively syncing with CloudKit in this process\."/);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      const doc = await vscode.workspace.openTextDocument(uri(file));
      assert.equal(doc.getText(d.range), 'ModelConfiguration');
      assert.ok(d.relatedInformation?.[0].location.uri.fsPath.endsWith(other));
    }
  });

  it('the summary lists both targets, each syncing the App Group store', () => {
    const targets = project.summaries().flatMap((s) => s.targets).filter((t) => t.project.startsWith('NotesApp/'));
    assert.deepEqual(targets.map((t) => t.name), ['Notes', 'NotesWidget']);
    for (const t of targets) {
      assert.deepEqual(t.configurations.map((c) => c.name), ['Debug', 'Release']);
      assert.equal(t.configurations[0].stores[0].group, 'group.com.example.notes');
      assert.equal(t.configurations[0].syncs, true);
    }
  });

  it('hovering a setup call tells what the target that runs it gets', async () => {
    const doc = await vscode.workspace.openTextDocument(uri('NotesWidget/WidgetStore.swift'));
    const pos = doc.positionAt(doc.getText().indexOf('ModelConfiguration') + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*NotesWidget\*\* \(app-extension\)/);
    assert.match(text, /App Group group\.com\.example\.notes/);
  });

  it('a quick fix adds remote-notification to the Info.plist and never touches project.pbxproj', async () => {
    const info = uri('Notes/Info.plist');
    fs.writeFileSync(info.fsPath, fs.readFileSync(info.fsPath, 'utf8').replace(/\t<key>UIBackgroundModes<\/key>\n\t<array>\n\t\t<string>remote-notification<\/string>\n\t<\/array>\n/, ''));
    const pbx = fs.readFileSync(path.join(root(), 'Notes.xcodeproj/project.pbxproj'), 'utf8');
    await project.refresh();
    const d = await waitFor(() => vscode.languages.getDiagnostics(info).find((x) => code(x) === 'PC05'), 'PC05 on Info.plist');
    const doc = await vscode.workspace.openTextDocument(info);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', info, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Add remote-notification to UIBackgroundModes');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    assert.deepEqual(fix.edit.entries().map(([u]) => u.fsPath), [info.fsPath]);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /<key>UIBackgroundModes<\/key>\n\t<array>\n\t\t<string>remote-notification<\/string>\n\t<\/array>\n<\/dict>/);
    await doc.save();
    await project.refresh();
    await waitFor(() => !vscode.languages.getDiagnostics(info).some((x) => code(x) === 'PC05') || undefined, 'PC05 gone');
    assert.equal(fs.readFileSync(path.join(root(), 'Notes.xcodeproj/project.pbxproj'), 'utf8'), pbx);
  });

  it('"Show Project Sync Summary" opens the per-target summary of both targets', async () => {
    await vscode.commands.executeCommand('cloudkit.project.showSummary');
    const doc = await waitFor(() => vscode.window.activeTextEditor?.document.getText().includes('NotesWidget [app-extension, ios]') ? vscode.window.activeTextEditor.document : undefined, 'summary document');
    assert.match(doc.getText(), /Notes \[application, ios\]\n  Debug: syncs/);
  });
});
