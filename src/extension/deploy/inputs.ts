import * as vscode from 'vscode';
import { schemaSettings } from '../common/settings';
import { exists } from '../common/workspace-fs';
import { classifySchemaFiles } from '../../core/deploy';
import { activeSwiftModelDocument, findSwiftModelFiles } from '../common/swift-models';

/**
 * Which two files the deploy check compares: the `cloudkit.schema.development` / `.production`
 * settings (workspace-relative paths), else the pair the user picked earlier in this workspace, else
 * likely files (`*development*.ckdb` / `*prod*.ckdb`, or `schema.ckdb` + `*prod*.ckdb`), asking with
 * a quick pick when there are several. The development side may be a Core Data model
 * (`.xcdatamodeld`, `.xcdatamodel`, or a `contents` file): then its current version is checked; or a
 * Swift file declaring `@Model` (the setting, or the active editor when the command runs): then the
 * SwiftData model of its project is checked.
 */
export interface DeployInputs {
  readonly dev: vscode.Uri;
  readonly prod: vscode.Uri;
}

const REMEMBERED_KEY = 'cloudkit.deploy.inputs';
const EXCLUDE = '{**/node_modules/**,**/.build/**,**/DerivedData/**,**/.git/**}';

export function isModelPath(uri: vscode.Uri): boolean {
  return /\.xcdatamodeld?\/?$/i.test(uri.path) || /\.xcdatamodel\/contents$/i.test(uri.path);
}

function resolveSetting(value: string): vscode.Uri | undefined {
  if (!value.trim()) return undefined;
  if (value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value)) return vscode.Uri.file(value);
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, value) : undefined;
}

const base = (u: vscode.Uri) => u.path.slice(u.path.lastIndexOf('/') + 1);

async function pick(title: string, uris: readonly vscode.Uri[], placeHolder: string): Promise<vscode.Uri | undefined> {
  const items = uris.map((uri) => ({ label: base(uri), description: vscode.workspace.asRelativePath(uri, true), uri }));
  const chosen = await vscode.window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true, matchOnDescription: true });
  return chosen?.uri;
}

/**
 * The inputs, or a sentence saying why there are none. `interactive` allows quick picks (the command);
 * refreshes never ask.
 */
export async function resolveInputs(context: vscode.ExtensionContext, interactive: boolean, swiftModel?: vscode.Uri): Promise<DeployInputs | string> {
  const config = schemaSettings();
  let dev = resolveSetting(config.get<string>('development', ''));
  let prod = resolveSetting(config.get<string>('production', ''));
  for (const [name, uri] of [['development', dev], ['production', prod]] as const) {
    if (uri && !(await exists(uri))) return `The cloudkit.schema.${name} setting names a file that does not exist: ${vscode.workspace.asRelativePath(uri)}`;
  }
  // The command run on a SwiftData file (its menu passes it) or from one (the active editor) checks that
  // model, unless the setting names the development side.
  const swiftDoc = interactive && !dev ? swiftModel ?? activeSwiftModelDocument()?.uri : undefined;
  if (swiftDoc) dev = swiftDoc;
  if (!dev || !prod) {
    const remembered = context.workspaceState.get<{ dev: string; prod: string }>(REMEMBERED_KEY);
    if (remembered) {
      const r = { dev: vscode.Uri.parse(remembered.dev), prod: vscode.Uri.parse(remembered.prod) };
      if (await exists(r.dev) && await exists(r.prod)) {
        dev ??= r.dev;
        prod ??= r.prod;
      }
    }
  }
  if (!dev || !prod) {
    const ckdb = (await vscode.workspace.findFiles('**/*.ckdb', EXCLUDE, 200)).sort((a, b) => a.path.localeCompare(b.path));
    const c = classifySchemaFiles(ckdb, (u) => u.path);
    if (!prod) {
      const options = c.prod.length ? c.prod : ckdb;
      if (options.length === 1 && c.prod.length === 1) prod = options[0];
      else if (options.length && interactive) prod = await pick('CloudKit: production schema', options, 'Which .ckdb is the production schema (cktool export-schema --environment production)?');
      if (!prod) return options.length ? 'No production schema chosen.' : 'No production schema found: set cloudkit.schema.production to a .ckdb exported from production.';
    }
    if (!dev) {
      const devOptions = c.dev.filter((u) => u.toString() !== prod!.toString());
      if (devOptions.length === 1) dev = devOptions[0];
      else if (interactive) {
        const models = [
          ...(await vscode.workspace.findFiles('**/*.xcdatamodeld/.xccurrentversion', EXCLUDE, 50)).map((u) => vscode.Uri.joinPath(u, '..')),
          ...(await findSwiftModelFiles()),
        ];
        const options = [...(devOptions.length ? devOptions : ckdb.filter((u) => u.toString() !== prod!.toString())), ...models];
        if (options.length) dev = await pick('CloudKit: development side', options, 'Which schema (or Core Data model) would you deploy?');
        else return 'No development schema found: set cloudkit.schema.development to a .ckdb or a .xcdatamodeld.';
      }
      if (!dev) return devOptions.length ? 'No development schema chosen.' : 'No development schema found: set cloudkit.schema.development.';
    }
    if (interactive && !swiftDoc) await context.workspaceState.update(REMEMBERED_KEY, { dev: dev.toString(), prod: prod.toString() });
  }
  return { dev, prod };
}
