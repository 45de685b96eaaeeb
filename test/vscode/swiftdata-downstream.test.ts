import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FromWebview } from '../../src/protocol/sandbox-messages';
import { EXTENSION_ID, activateExtension, waitFor, workspaceFile } from './helpers';

/** The SwiftData example app (examples/SwiftDataShopping): Generate Schema, Check Schema Deploy, the sandbox panel. */
const ITEM = ['SwiftDataShopping', 'Sources', 'SwiftDataShopping', 'Model', 'GroceryItem.swift'];

interface Summary { deployable: boolean; dev: string; changes: { kind: string; message: string; location?: { uri: string; line: number } }[] }

describe('SwiftData downstream: schema, deploy check and sandbox on a SwiftData model (in a real VS Code)', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Generate Schema from Model on a Swift file gives the CD_ record types of the whole SwiftData model', async () => {
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('cloudkit.generateSchema', workspaceFile(...ITEM));
    assert.ok(doc, 'a schema document');
    const text = doc.getText();
    for (const t of ['CD_GroceryItem', 'CD_GroceryList', 'CD_Tag', 'CDMR']) assert.match(text, new RegExp(`RECORD TYPE ${t} \\(`), t);
    assert.match(text, /SwiftData model SwiftDataShopping/);
    assert.equal(doc.languageId, 'ckdb');
  });

  it('Check Schema Deploy from the active Swift file: the missing production fields are on the Swift lines, naming the declaration', async () => {
    const uri = workspaceFile(...ITEM);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const config = vscode.workspace.getConfiguration('cloudkit.schema');
    const was = config.inspect<string>('development')?.workspaceValue;
    await config.update('development', undefined, vscode.ConfigurationTarget.Workspace);
    try {
      const result = await vscode.commands.executeCommand<Summary>('cloudkit.checkSchemaDeploy');
      assert.ok(result, 'the command returns its summary');
      assert.equal(result.dev, uri.toString());
      assert.equal(result.deployable, false, 'production (the ShoppingList app) has no CD_GroceryItem');
      const missing = result.changes.find((c) => c.kind === 'record-type-missing-in-production' && /CD_GroceryItem/.test(c.message));
      assert.ok(missing, result.changes.map((c) => c.kind).join(', '));
      assert.match(missing.message, /\(Swift: GroceryItem\)/);
      assert.equal(missing.location?.uri, uri.toString());
      const diags = await waitFor(() => {
        const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'CloudKit deploy');
        return d.length > 0 ? d : undefined;
      }, 'deploy diagnostics in GroceryItem.swift');
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.ok(diags.some((d) => /GroceryItem/.test(doc.lineAt(d.range.start.line).text)), diags.map((d) => d.range.start.line).join(','));
    } finally {
      await config.update('development', was, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('Open Sandbox on the SwiftData example runs its three classes on two devices and syncs', async () => {
    const ext = await activateExtension();
    const api = ext.sandbox;
    assert.ok(api, 'the extension API exposes the sandbox');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => (api.isOpen() ? undefined : true), 'no panel open');
    await vscode.commands.executeCommand('cloudkit.sandbox.open', workspaceFile(...ITEM));
    const rendered = (ok: (r: FromWebview.Rendered) => boolean) => waitFor(() => { const r = api.lastRendered(); return r && ok(r) ? r : undefined; }, 'a render', 30_000);
    const first = await rendered((r) => r.devices === 2 && r.entities === 3 && r.events > 0);
    await vscode.commands.executeCommand('cloudkit.sandbox.runUntilIdle');
    const synced = await rendered((r) => r.entities === 3 && r.inputs > first.inputs);
    assert.equal(synced.devices, 2);
  });
  it('the explorer and editor menus offer the model commands on Swift files with @Model; run with the file URI as a menu does, they use that model', async () => {
    const ext = await activateExtension();
    assert.ok(ext.swiftModelFiles, 'the extension API exposes the known @Model files');
    await ext.swiftModelFiles.scanned;
    const item = workspaceFile(...ITEM);
    const app = workspaceFile('SwiftDataShopping', 'Sources', 'SwiftDataShopping', 'SwiftDataShoppingApp.swift');
    const known = ext.swiftModelFiles.paths();
    assert.ok(known.includes(item.fsPath), known.join('\n'));
    assert.ok(!known.includes(app.fsPath), 'the App file declares no @Model: no model commands on it');
    // The menus' when-clauses name the context key for .swift files, for each model command.
    const menus = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.menus as Record<string, { command: string; when?: string }[]>;
    for (const menu of ['explorer/context', 'editor/context']) {
      for (const command of ['cloudkit.generateSchema', 'cloudkit.checkSchemaDeploy', 'cloudkit.sandbox.open', 'cloudkit.generateTypes']) {
        const entry = menus[menu]?.find((m) => m.command === command && /resourceExtname == \.swift && resourcePath in cloudkit\.swiftModelFiles/.test(m.when ?? ''));
        assert.ok(entry, `${menu} offers ${command} on @Model Swift files`);
      }
    }
    // A menu passes the clicked file: no Swift editor is active, the command still checks that model.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const config = vscode.workspace.getConfiguration('cloudkit.schema');
    const was = config.inspect<string>('development')?.workspaceValue;
    await config.update('development', undefined, vscode.ConfigurationTarget.Workspace);
    try {
      const result = await vscode.commands.executeCommand<Summary>('cloudkit.checkSchemaDeploy', item);
      assert.ok(result, 'the command returns its summary');
      assert.equal(result.dev, item.toString());
      assert.ok(result.changes.some((c) => /\(Swift: GroceryItem\)/.test(c.message)), result.changes.map((c) => c.message).join('\n'));
    } finally {
      await config.update('development', was, vscode.ConfigurationTarget.Workspace);
    }
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('cloudkit.generateSchema', item);
    assert.match(doc?.getText() ?? '', /RECORD TYPE CD_GroceryItem \(/);
    // Generate TypeScript Types with the Swift file (the menu's argument) and a target: the model's record types.
    const target = vscode.Uri.joinPath(workspaceFile('SwiftDataShopping'), 'menu-test.types.ts');
    try {
      const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('cloudkit.generateTypes', item, target);
      assert.equal(written?.toString(), target.toString());
      const types = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      for (const t of ['CD_GroceryItem', 'CD_GroceryList', 'CD_Tag']) assert.match(types, new RegExp(t), t);
    } finally {
      await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    }
  });
});
