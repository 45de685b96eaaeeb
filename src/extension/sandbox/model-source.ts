import * as vscode from 'vscode';
import { currentVersions } from '../common/current-versions';
import { schemaSettings } from '../common/settings';
import { findModelBundles } from '../common/workspace-models';
import { exists, readText, workspaceFileAccess } from '../common/workspace-fs';
import { findSwiftModelFiles, isSwiftUri, readSwiftDataModel } from '../common/swift-models';
import { projectRootOf } from '../../core/model/swift/source';
import type { ModelPayload, SchemaPayload } from '../../protocol/sandbox-messages';
import { orderVersionChoices } from '../../core/model/bundle';
import { readModelIR } from '../../core/model/xml/reader';
import { modelSpecFromIR } from '../../core/sandbox/model-spec';
import { storeDatabase } from '../../core/sandbox/store-model';
import type { ModelIR } from '../../core/model/ir';
import { syncPlans } from '../common/sync-plans';
import { errorMessage } from '../../core/error-message';

/**
 * Finds and reads the workspace model the sandbox runs on: the current version of an `.xcdatamodeld`
 * (named by its `.xccurrentversion` plist, the file Xcode writes when you set the current version), or
 * a lone `.xcdatamodel`; or a SwiftData model, named by one of its Swift files (the model is every `@Model`
 * file of that file's project, its current `VersionedSchema`). Also reads the production schema when
 * `cloudkit.schema.production` is set.
 */

export interface ModelLocation {
  /** The `.xcdatamodeld` bundle, or the lone `.xcdatamodel` folder; for a SwiftData model, the Swift file. */
  readonly bundle: vscode.Uri;
  /** The `contents` file of the version in use (a SwiftData model: the Swift file). */
  readonly contents: vscode.Uri;
  readonly label: string;
  /** The version folder the user chose when it is not the current one (the panel then stays on it). */
  readonly version?: string;
}

const basename = (uri: vscode.Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1);
const parent = (uri: vscode.Uri): vscode.Uri => uri.with({ path: uri.path.slice(0, uri.path.lastIndexOf('/')) });

/**
 * Resolves the version in use for one bundle: `version` (a folder name such as `Model 1.xcdatamodel`,
 * chosen by the user) when given and present, else the current version.
 */
export async function locateVersion(bundle: vscode.Uri, version?: string): Promise<ModelLocation | undefined> {
  if (isSwiftUri(bundle)) return (await exists(bundle)) ? { bundle, contents: bundle, label: await swiftLabel(bundle) } : undefined;
  if (bundle.path.endsWith('.xcdatamodel')) {
    const contents = vscode.Uri.joinPath(bundle, 'contents');
    return (await exists(contents)) ? { bundle, contents, label: basename(bundle) } : undefined;
  }
  const { versions, current } = await currentVersions().versionsOf(bundle);
  const chosen = version !== undefined && versions.includes(version) ? version : current;
  if (!chosen) return undefined;
  const contents = vscode.Uri.joinPath(bundle, chosen, 'contents');
  if (!(await exists(contents))) return undefined;
  const pinned = chosen !== current ? chosen : undefined;
  return { bundle, contents, label: `${basename(bundle)} › ${chosen.replace(/\.xcdatamodel$/, '')}${pinned ? ' (not the current version)' : ''}`, version: pinned };
}

/** `Recipes (SwiftData)`: a SwiftData model is named after its project folder. */
async function swiftLabel(file: vscode.Uri): Promise<string> {
  const root = await projectRootOf(workspaceFileAccess(), file);
  return `${basename(root)} (SwiftData)`;
}

/** The folder and glob whose changes reload the model: the bundle, or a SwiftData project's Swift files. */
export async function modelWatchPattern(bundle: vscode.Uri): Promise<vscode.RelativePattern> {
  return isSwiftUri(bundle) ? new vscode.RelativePattern(await projectRootOf(workspaceFileAccess(), bundle), '**/*.swift') : new vscode.RelativePattern(bundle, '**');
}

/** One entry of the "choose model version" quick pick. */
export interface VersionChoice {
  readonly bundle: vscode.Uri;
  /** Folder name of the version (undefined for a lone `.xcdatamodel`). */
  readonly version: string | undefined;
  readonly current: boolean;
}

/**
 * Every version of every bundle, for the quick pick: per bundle the current version first (marked), then
 * the others by name. Pure ordering in `orderVersionChoices` (unit-tested).
 */
export async function listModelVersions(bundles: readonly vscode.Uri[]): Promise<VersionChoice[]> {
  const out: VersionChoice[] = [];
  for (const bundle of bundles) {
    if (bundle.path.endsWith('.xcdatamodel') || isSwiftUri(bundle)) {
      out.push({ bundle, version: undefined, current: true });
      continue;
    }
    const { versions, current } = await currentVersions().versionsOf(bundle);
    for (const v of orderVersionChoices(versions, current)) out.push({ bundle, version: v, current: v === current });
  }
  return out;
}

export { findModelBundles };

/**
 * The bundle to use: the remembered one if it still exists, the only one, or the user's pick
 * (`interactive`); undefined when there is none or the user cancelled.
 */
export async function chooseModelBundle(remembered: string | undefined, interactive: boolean): Promise<{ bundle: vscode.Uri; picked?: VersionChoice } | undefined> {
  // A SwiftData model asked for (a Swift file: the command's argument or the active editor) or remembered.
  if (remembered && isSwiftUri(vscode.Uri.parse(remembered)) && (await exists(vscode.Uri.parse(remembered)))) return { bundle: vscode.Uri.parse(remembered) };
  // Xcode models first; SwiftData models when the workspace has no Xcode model (or through "Choose model version…").
  const xcode = await findModelBundles();
  const bundles = xcode.length > 0 ? xcode : await findSwiftModelFiles();
  if (remembered) {
    const hit = bundles.find((b) => b.toString() === remembered);
    if (hit) return { bundle: hit };
  }
  if (bundles.length <= 1 || !interactive) return bundles[0] ? { bundle: bundles[0] } : undefined;
  // Several models: the user picks one of their versions (QA: the version picked here used to be ignored).
  const picked = await pickModelVersion(bundles);
  return picked ? { bundle: picked.bundle, picked } : undefined;
}

/**
 * The "Choose model version…" quick pick: every version of every bundle, the current version of each
 * bundle first and marked. Undefined when the user cancelled.
 */
export async function pickModelVersion(bundles?: readonly vscode.Uri[], inUse?: ModelLocation): Promise<VersionChoice | undefined> {
  const choices = await listModelVersions(bundles ?? [...(await findModelBundles()), ...(await findSwiftModelFiles())]);
  if (choices.length === 0) return undefined;
  const inUseVersion = inUse ? basename(parent(inUse.contents)) : undefined;
  const items = await Promise.all(choices.map(async (c) => {
    // A SwiftData model is named after its project folder (Package.swift / Xcode project), not the folder of its first file.
    const name = c.version ? c.version.replace(/\.xcdatamodel$/, '')
      : isSwiftUri(c.bundle) ? `${basename(await projectRootOf(workspaceFileAccess(), c.bundle))} (SwiftData)` : basename(c.bundle);
    const using = inUse && inUse.bundle.toString() === c.bundle.toString() && (c.version === undefined || c.version === inUseVersion);
    return {
      label: name,
      description: [c.current ? 'current version' : '', using ? 'in the sandbox now' : ''].filter(Boolean).join(' · '),
      detail: vscode.workspace.asRelativePath(c.bundle),
      iconPath: c.current ? new vscode.ThemeIcon('star-full') : undefined,
      choice: c,
    };
  }));
  const pick = await vscode.window.showQuickPick(items, {
    title: 'CloudKit Sandbox: choose the model version to run',
    placeHolder: 'The current version is what your app loads; an older one runs as if you had not migrated yet',
    matchOnDetail: true,
  });
  return pick?.choice;
}

export async function loadModel(location: ModelLocation): Promise<{ model?: ModelPayload; error?: string }> {
  if (isSwiftUri(location.contents)) return loadSwiftModel(location);
  try {
    const text = await readText(location.contents);
    const model = readModelIR(text);
    const fatal = model.problems.find((p) => p.severity === 'error');
    if (fatal && model.entities.length === 0) {
      return { error: `${vscode.workspace.asRelativePath(location.contents)}: ${fatal.message}` };
    }
    return { model: await modelPayload(model, location.contents, location.contents, location.label) };
  } catch (e) {
    return { error: `Cannot read ${vscode.workspace.asRelativePath(location.contents)}: ${errorMessage(e)}` };
  }
}

/** A SwiftData model: the current model (current VersionedSchema) over its project's `@Model` files, as a model spec. */
async function loadSwiftModel(location: ModelLocation): Promise<{ model?: ModelPayload; error?: string }> {
  try {
    const swift = await readSwiftDataModel(location.contents);
    if (typeof swift === 'string') return { error: swift };
    const version = swift.read.currentVersion ? ` › ${swift.read.currentVersion}` : '';
    return { model: await modelPayload(swift.read.model, location.contents, swift.root, `${swift.label}${version}`) };
  } catch (e) {
    return { error: `Cannot read the SwiftData model of ${vscode.workspace.asRelativePath(location.contents)}: ${errorMessage(e)}` };
  }
}

/**
 * What the webview gets: the plain model spec the engine reads (computed in core next to its inverse), not the
 * ModelIR. The store holds what the app's setup code (or `cloudkit.configuration`) says syncs, as lint mode `auto`
 * reads it, on the public database when that code puts it there.
 */
async function modelPayload(model: ModelIR, file: vscode.Uri, shown: vscode.Uri, label: string): Promise<ModelPayload> {
  const sync = await syncPlans().scopeFor(model, file, file.fsPath);
  return {
    path: vscode.workspace.asRelativePath(shown), label, model: modelSpecFromIR(model, sync),
    ...(storeDatabase(sync) === 'public' ? { database: 'public' as const } : {}),
  };
}

/** The file `cloudkit.schema.production` names (workspace-relative or absolute), if set. */
export function productionSchemaUri(): vscode.Uri | undefined {
  // Resource-scoped: read for the folder the path is relative to (common/settings.ts).
  const folder = vscode.workspace.workspaceFolders?.[0];
  const setting = schemaSettings().get<string>('production');
  if (!setting) return undefined;
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
    log.warn(`Sandbox: cannot read the production schema ${setting}: ${errorMessage(e)}`);
    return undefined;
  }
}

