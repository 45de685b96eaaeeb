import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CURRENT_MODEL, activateExtension, waitFor, workspaceFile } from './helpers';

interface Summary {
  deployable: boolean;
  summary: string;
  status: string;
  reportVisible?: boolean;
  dev: string;
  prod: string;
  changes: { verdict: string; kind: string; recordType: string; field?: string; message: string; location?: { uri: string; line: number } }[];
}

const DEV = ['cloudkit', 'development.ckdb'];
const PROD = ['cloudkit', 'production.ckdb'];
/** Sets the two schema settings for the duration of `body`, then restores what the workspace had. */
async function withSchemaSettings<T>(dev: string, prod: string, body: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('cloudkit.schema');
  const was = [config.inspect<string>('development')?.workspaceValue, config.inspect<string>('production')?.workspaceValue];
  await config.update('development', dev, vscode.ConfigurationTarget.Workspace);
  await config.update('production', prod, vscode.ConfigurationTarget.Workspace);
  try {
    return await body();
  } finally {
    await config.update('development', was[0], vscode.ConfigurationTarget.Workspace);
    await config.update('production', was[1], vscode.ConfigurationTarget.Workspace);
  }
}

const deployDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'CloudKit deploy');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('deploy check (in a real VS Code)', () => {
  before(async () => { await activateExtension(); });

  it('"CloudKit: Check Schema Deploy" on examples/ (settings, or discovery) reports the planted blocked changes', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('cloudkit.checkSchemaDeploy'));
    // examples/.vscode/settings.json names the two schemas; without the settings, discovery finds them.
    const discovered = await withSchemaSettings('', '', async () => vscode.commands.executeCommand<Summary>('cloudkit.checkSchemaDeploy'));
    assert.equal(discovered?.dev, workspaceFile(...DEV).toString());
    assert.equal(discovered?.prod, workspaceFile(...PROD).toString());
    const result = await vscode.commands.executeCommand<Summary>('cloudkit.checkSchemaDeploy');
    assert.ok(result, 'the command returns its summary');
    assert.equal(result.dev, workspaceFile(...DEV).toString());
    assert.equal(result.prod, workspaceFile(...PROD).toString());
    assert.equal(result.deployable, false);
    assert.equal(result.summary, '2 blocked, 1 warning, 10 safe');
    assert.deepEqual(result.changes.filter((c) => c.verdict !== 'safe').map((c) => `${c.verdict} ${c.kind} ${c.recordType}.${c.field}`), [
      'blocked field-deleted CD_Item.CD_checked',
      'blocked field-type-changed CD_Item.CD_quantity',
      'warning index-removed CD_Item.CD_title',
    ]);
    assert.equal(result.status, '$(cloud-upload) CloudKit deploy: 2 blocked');
    // Run from the Command Palette, the command shows its report (the view was collapsed at startup).
    assert.equal(result.reportVisible, true, 'the CloudKit Deploy view shows the report');
  });

  it('the report opens each change at its line (the deletion in production)', async () => {
    const result = await vscode.commands.executeCommand<Summary>('cloudkit.checkSchemaDeploy');
    const deleted = result!.changes[0];
    assert.deepEqual(deleted.location, { uri: workspaceFile(...PROD).toString(), line: 3 });
    await vscode.commands.executeCommand('cloudkit.deploy.openChange', vscode.Uri.parse(deleted.location!.uri),
      new vscode.Range(deleted.location!.line, 8, deleted.location!.line, 18));
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), deleted.location!.uri);
    assert.equal(editor.selection.start.line, 3);
    assert.match(editor.document.lineAt(3).text, /CD_checked/);
    const added = result!.changes.find((c) => c.kind === 'record-type-added' && c.recordType === 'CD_Tag');
    assert.equal(added?.location?.uri, workspaceFile(...DEV).toString());
  });

  it('puts the diagnostics on the right lines: the retyped field in development, the deleted one in production', async () => {
    const dev = await vscode.workspace.openTextDocument(workspaceFile(...DEV));
    const prod = await vscode.workspace.openTextDocument(workspaceFile(...PROD));
    const devDiags = await waitFor(() => { const d = deployDiagnostics(dev.uri); return d.length ? d : undefined; }, 'development diagnostics');
    const quantity = devDiags.find((d) => codeOf(d) === 'field-type-changed');
    assert.ok(quantity);
    assert.equal(quantity.severity, vscode.DiagnosticSeverity.Error);
    assert.match(dev.lineAt(quantity.range.start.line).text, /^\s*CD_quantity\s+DOUBLE/);
    assert.equal(dev.getText(quantity.range), 'DOUBLE');
    const title = devDiags.find((d) => codeOf(d) === 'index-removed');
    assert.equal(title?.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(dev.lineAt(title!.range.start.line).text, /^\s*CD_title\s+STRING QUERYABLE,?$/);
    const prodDiags = deployDiagnostics(prod.uri);
    const checked = prodDiags.find((d) => codeOf(d) === 'field-deleted');
    assert.ok(checked, 'the deletion is shown where the field is: in production');
    assert.match(prod.lineAt(checked.range.start.line).text, /^\s*CD_checked\s+INT64/);
    assert.match(checked.message, /looks like a rename to 'CD_isChecked'/);
    assert.equal(checked.relatedInformation?.[0].location.uri.toString(), dev.uri.toString());
    // The development side of the rename is flagged too, on the new field.
    const renamed = devDiags.find((d) => codeOf(d) === 'field-deleted');
    assert.match(dev.lineAt(renamed!.range.start.line).text, /^\s*CD_isChecked\s/);
  });

  it('refreshes when a schema changes: putting CD_checked back removes the deletion', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile(...DEV));
    const line = doc.getText().split('\n').findIndex((l) => /^\s*CD_isChecked\s/.test(l));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(line, 0), '        CD_checked             INT64 QUERYABLE SORTABLE,\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const prodUri = workspaceFile(...PROD);
    await waitFor(() => !deployDiagnostics(prodUri).some((d) => codeOf(d) === 'field-deleted'), 'the deletion to go away');
    assert.ok(deployDiagnostics(doc.uri).some((d) => codeOf(d) === 'field-type-changed'), 'the type change is still there');
    const undo = new vscode.WorkspaceEdit();
    undo.delete(doc.uri, new vscode.Range(line, 0, line + 1, 0));
    assert.ok(await vscode.workspace.applyEdit(undo));
    await waitFor(() => deployDiagnostics(prodUri).some((d) => codeOf(d) === 'field-deleted'), 'the deletion to come back');
  });

  it('model vs production: the current model version, with the server messages, on the model lines', async () => {
    await withSchemaSettings('ShoppingList/ShoppingList.xcdatamodeld', 'cloudkit/production.ckdb', async () => {
      const result = await vscode.commands.executeCommand<Summary>('cloudkit.checkSchemaDeploy');
      assert.ok(result);
      assert.equal(result.dev, workspaceFile(...CURRENT_MODEL).toString());
      const missing = result.changes.find((c) => c.kind === 'field-missing-in-production' && c.field === 'CD_isChecked');
      assert.match(missing!.message, /"Cannot create or modify field 'CD_isChecked' in record 'CD_Item' in production schema"/);
      assert.ok(result.changes.some((c) => c.message.includes('"Cannot create new type CD_Tag in production schema"')));
      const model = await vscode.workspace.openTextDocument(workspaceFile(...CURRENT_MODEL));
      const d = await waitFor(() => deployDiagnostics(model.uri).find((x) => x.message.includes("'CD_isChecked'")), 'a diagnostic on the model');
      assert.match(model.lineAt(d.range.start.line).text, /<attribute name="isChecked"/);
    });
    // Back to the two schemas: the model's deploy diagnostics go away.
    await vscode.commands.executeCommand('cloudkit.checkSchemaDeploy');
    await waitFor(() => !deployDiagnostics(workspaceFile(...CURRENT_MODEL)).some((x) => x.message.includes("'CD_isChecked'")), 'model diagnostics cleared');
  });

  it('CK016 on the current model version: the renamed and the retyped attribute of Item', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile(...CURRENT_MODEL));
    const ck016 = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => codeOf(x) === 'CK016');
      return d.length >= 2 ? d : undefined;
    }, 'CK016 diagnostics');
    const lines = ck016.map((d) => doc.lineAt(d.range.start.line).text.trim());
    assert.ok(lines.some((l) => l.startsWith('<attribute name="isChecked"')), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('<attribute name="quantity"')), lines.join('\n'));
    assert.ok(ck016.every((d) => d.severity === vscode.DiagnosticSeverity.Warning));
    // cloudkit.lint.rules turns it off like any model rule.
    const lint = vscode.workspace.getConfiguration('cloudkit.lint');
    await lint.update('rules', { CK016: 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => !vscode.languages.getDiagnostics(doc.uri).some((x) => codeOf(x) === 'CK016'), 'CK016 to be off');
    } finally {
      await lint.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => vscode.languages.getDiagnostics(doc.uri).some((x) => codeOf(x) === 'CK016'), 'CK016 back');
  });

  it('runs ckdev check as a task with the $ckdev problem matcher', async () => {
    const pkg = vscode.extensions.getExtension('cloudkit-devtools.cloudkit-devtools')!.packageJSON;
    assert.ok(pkg.contributes.taskDefinitions.some((t: { type: string }) => t.type === 'ckdev'));
    await withSchemaSettings('cloudkit/development.ckdb', 'cloudkit/production.ckdb', async () => {
      const tasks = await vscode.tasks.fetchTasks({ type: 'ckdev' });
      const task = tasks.find((t) => t.definition.command === 'check');
      assert.ok(task, 'the provider offers "ckdev: check" when the settings name both schemas');
      assert.equal(task.detail, 'ckdev check --dev cloudkit/development.ckdb --prod cloudkit/production.ckdb');
      assert.deepEqual(task.problemMatchers, ['$ckdev']);
      const exit = new Promise<number | undefined>((resolve) => {
        const sub = vscode.tasks.onDidEndTaskProcess((e) => { if (e.execution.task.definition.type === 'ckdev') { sub.dispose(); resolve(e.exitCode); } });
      });
      await vscode.tasks.executeTask(task);
      assert.equal(await exit, 1, 'ckdev check exits 1: the deploy is blocked');
    });
  });
});
