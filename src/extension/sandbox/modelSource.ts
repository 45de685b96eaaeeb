import * as vscode from 'vscode';
import type { ModelPayload, SchemaPayload } from '../../protocol/sandboxMessages';
import { currentVersionOf, readCurrentVersionPlist } from '../../core/model/bundle';
import { readModelIR } from '../../core/model/xml/reader';

/**
 * Finds and reads the workspace model the sandbox runs on: the current version of an `.xcdatamodeld`
 * (named by its `.xccurrentversion` plist, the file Xcode writes when you set the current version), or
 * a lone `.xcdatamodel`. Also reads the production schema when `cloudkit.schema.production` is set.
 */

export interface ModelLocation {
  /** The `.xcdatamodeld` bundle, or the lone `.xcdatamodel` folder. */
  readonly bundle: vscode.Uri;
  /** The `contents` file of the version in use. */
  readonly contents: vscode.Uri;
  readonly label: string;
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

const basename = (uri: vscode.Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1);
const parent = (uri: vscode.Uri): vscode.Uri => uri.with({ path: uri.path.slice(0, uri.path.lastIndexOf('/')) });

/** Resolves the version in use for one bundle. */
export async function locateVersion(bundle: vscode.Uri): Promise<ModelLocation | undefined> {
  if (bundle.path.endsWith('.xcdatamodel')) {
    const contents = vscode.Uri.joinPath(bundle, 'contents');
    return (await exists(contents)) ? { bundle, contents, label: basename(bundle) } : undefined;
  }
  let plistName: string | undefined;
  const plist = vscode.Uri.joinPath(bundle, '.xccurrentversion');
  if (await exists(plist)) plistName = readCurrentVersionPlist(await readText(plist)).name;
  const versions = (await vscode.workspace.fs.readDirectory(bundle))
    .filter(([n, t]) => n.endsWith('.xcdatamodel') && t === vscode.FileType.Directory).map(([n]) => n);
  // The plist's choice, else the only version, else the last by name (the model reader's rule).
  const version = currentVersionOf(versions, plistName);
  if (!version) return undefined;
  const contents = vscode.Uri.joinPath(bundle, version, 'contents');
  if (!(await exists(contents))) return undefined;
  return { bundle, contents, label: `${basename(bundle)} › ${version.replace(/\.xcdatamodel$/, '')}` };
}

/** Every model bundle in the workspace (`.xcdatamodeld`, plus `.xcdatamodel` folders outside one). */
export async function findModelBundles(): Promise<vscode.Uri[]> {
  const files = await vscode.workspace.findFiles('**/*.xcdatamodel/contents', '**/{node_modules,.git,DerivedData,build}/**', 200);
  const bundles = new Map<string, vscode.Uri>();
  for (const f of files) {
    const model = parent(f);
    const up = parent(model);
    const bundle = up.path.endsWith('.xcdatamodeld') ? up : model;
    bundles.set(bundle.toString(), bundle);
  }
  return [...bundles.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * The bundle to use: the remembered one if it still exists, the only one, or the user's pick
 * (`interactive`); undefined when there is none or the user cancelled.
 */
export async function chooseModelBundle(remembered: string | undefined, interactive: boolean): Promise<vscode.Uri | undefined> {
  const bundles = await findModelBundles();
  if (remembered) {
    const hit = bundles.find((b) => b.toString() === remembered);
    if (hit) return hit;
  }
  if (bundles.length <= 1 || !interactive) return bundles[0];
  const pick = await vscode.window.showQuickPick(
    bundles.map((b) => ({ label: basename(b), description: vscode.workspace.asRelativePath(b), uri: b })),
    { title: 'CloudKit Sandbox: choose the Core Data model', placeHolder: 'Several models are in this workspace' },
  );
  return pick?.uri;
}

export async function loadModel(location: ModelLocation): Promise<{ model?: ModelPayload; error?: string }> {
  try {
    const text = await readText(location.contents);
    const model = readModelIR(text);
    const fatal = model.problems.find((p) => p.severity === 'error');
    if (fatal && model.entities.length === 0) {
      return { error: `${vscode.workspace.asRelativePath(location.contents)}: ${fatal.message}` };
    }
    return { model: { path: vscode.workspace.asRelativePath(location.contents), label: location.label, model } };
  } catch (e) {
    return { error: `Cannot read ${vscode.workspace.asRelativePath(location.contents)}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** The file `cloudkit.schema.production` names (workspace-relative or absolute), if set. */
export function productionSchemaUri(): vscode.Uri | undefined {
  const setting = vscode.workspace.getConfiguration('cloudkit').get<string>('schema.production');
  if (!setting) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return setting.startsWith('/') || !folder ? vscode.Uri.file(setting) : vscode.Uri.joinPath(folder.uri, setting);
}

/** The production schema named by `cloudkit.schema.production`, if set and readable. */
export async function loadProductionSchema(log: vscode.LogOutputChannel): Promise<SchemaPayload | undefined> {
  const uri = productionSchemaUri();
  if (!uri) return undefined;
  const setting = vscode.workspace.asRelativePath(uri);
  try {
    // The panel parses it (and reports a syntax error there, falling back to the derived schema).
    return { path: vscode.workspace.asRelativePath(uri), text: await readText(uri) };
  } catch (e) {
    log.warn(`Sandbox: cannot read the production schema ${setting}: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}
