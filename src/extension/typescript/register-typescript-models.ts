import * as vscode from 'vscode';
import { currentVersions } from '../common/current-versions';
import { MODELDEF_HELPER_FILE, MODELDEF_HELPER_SOURCE } from '../../modeldef/source';
import { loadTypeScriptSupport } from '../../typescript/load';
import { inputKindOf, schemaFromText, schemaOfModel } from '../../typescript/schema-source';
import { isSwiftUri, readSwiftDataModel } from '../common/swift-models';
import { errorMessage } from '../../core/error-message';

/**
 * The two commands of the TypeScript-model feature. Its diagnostics, quick fixes and hover come from the
 * model-document service (src/extension/model-linting/), which serves every model source alike. ts-morph
 * (the TypeScript compiler, ~10 MB) loads through `loadTypeScriptSupport()` only when a model file
 * matching `cloudkit.models.typescript` is opened or edited, or a command runs: never at activation.
 */
export function registerTypeScriptModels(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('cloudkit.generateTypes', (source?: vscode.Uri, target?: vscode.Uri) => generateTypesCommand(output, source, target)),
    vscode.commands.registerCommand('cloudkit.createModelDefinitionHelper', (folder?: vscode.Uri) => createHelperCommand(folder)),
  );
}

/** "CloudKit: Generate TypeScript Types": from the active (or given) .ckdb, model `contents`, .cdmodel.ts or Swift file with `@Model`. */
async function generateTypesCommand(output: vscode.LogOutputChannel, source?: vscode.Uri, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  let uri = source ?? vscode.window.activeTextEditor?.document.uri;
  if (uri && uri.scheme === 'file' && /\.xcdatamodeld?\/?$/.test(uri.path)) {
    // A model bundle or version folder (explorer menu): its current version's contents.
    const { model, error } = await currentVersions().resolve(uri);
    if (!model) {
      void vscode.window.showErrorMessage(error ?? 'not a model');
      return undefined;
    }
    uri = model.contents;
  }
  // A Swift file with @Model (the explorer or editor menu): the SwiftData model of its project.
  if (uri && isSwiftUri(uri)) return typesFromSwift(output, uri, target);
  if (!uri || !inputKindOf(uri.path)) {
    const picked = await vscode.window.showOpenDialog({
      title: 'Generate TypeScript types from a CloudKit schema or a model',
      filters: { 'CloudKit schema or model': ['ckdb', 'ts'], 'Core Data model contents': ['*'] },
      canSelectMany: false,
    });
    uri = picked?.[0];
    if (!uri) return undefined;
  }
  const kind = inputKindOf(uri.path);
  if (!kind) {
    void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(uri)} is not a .ckdb schema, a model contents file or a .cdmodel.ts model.`);
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const result = schemaFromText(kind, doc.getText(), vscode.workspace.asRelativePath(uri));
  if (!result.schema) {
    output.error(result.errors.join('\n'));
    void vscode.window.showErrorMessage(`Cannot generate types: ${result.errors[0] ?? 'the file could not be read'}`);
    return undefined;
  }
  const text = loadTypeScriptSupport().generateTypes(result.schema, {
    source: vscode.workspace.asRelativePath(uri), tool: 'CloudKit: Generate TypeScript Types',
  });
  const base = uri.path.split('/').pop()!.replace(/\.cdmodel\.ts$|\.ts$|\.ckdb$/, '');
  const model = /([^/]+)\.xcdatamodeld?\/[^/]+\.xcdatamodel\/contents$|([^/]+)\.xcdatamodel\/contents$/.exec(uri.path);
  const defaultName = base === 'contents' ? `${(model?.[1] ?? model?.[2] ?? 'cloudkit-records').replace(/ \d+$/, '')}.types.ts` : `${base}.types.ts`;
  const out = target ?? await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(uri, '..', defaultName), filters: { TypeScript: ['ts'] }, title: 'Save the generated types',
  });
  if (!out) return undefined;
  await vscode.workspace.fs.writeFile(out, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(out, { preview: false });
  return out;
}

/** The types of a SwiftData model (every `@Model` file of the Swift file's project, its current version), saved next to the file. */
async function typesFromSwift(output: vscode.LogOutputChannel, uri: vscode.Uri, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  let swift;
  try { swift = await readSwiftDataModel(uri); } catch (e) {
    swift = `Cannot read the SwiftData model of ${vscode.workspace.asRelativePath(uri)}: ${errorMessage(e)}`;
  }
  if (typeof swift === 'string') {
    output.error(swift);
    void vscode.window.showErrorMessage(`Cannot generate types: ${swift}`);
    return undefined;
  }
  const text = loadTypeScriptSupport().generateTypes(schemaOfModel(swift.read.model), {
    source: vscode.workspace.asRelativePath(uri), tool: 'CloudKit: Generate TypeScript Types',
  });
  const name = swift.root.path.slice(swift.root.path.lastIndexOf('/') + 1) || 'cloudkit-records';
  const out = target ?? await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(uri, '..', `${name}.types.ts`), filters: { TypeScript: ['ts'] }, title: 'Save the generated types',
  });
  if (!out) return undefined;
  await vscode.workspace.fs.writeFile(out, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(out, { preview: false });
  return out;
}

/** "CloudKit: Create Model Definition Helper": writes cloudkit-modeldef.ts (defineModel + types) into a folder. */
async function createHelperCommand(folder?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const dir = folder ?? (active && active.scheme === 'file' ? vscode.Uri.joinPath(active, '..') : vscode.workspace.workspaceFolders?.[0]?.uri);
  if (!dir) {
    void vscode.window.showErrorMessage('Open a folder first: the helper is written into it.');
    return undefined;
  }
  const file = vscode.Uri.joinPath(dir, MODELDEF_HELPER_FILE);
  try {
    await vscode.workspace.fs.stat(file);
    const choice = await vscode.window.showWarningMessage(`${MODELDEF_HELPER_FILE} exists. Replace it with this version's helper?`, { modal: true }, 'Replace');
    if (choice !== 'Replace') return undefined;
  } catch {
    // absent: create it
  }
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(MODELDEF_HELPER_SOURCE));
  await vscode.window.showTextDocument(file, { preview: false });
  return file;
}
