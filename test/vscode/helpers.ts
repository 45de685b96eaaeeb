import * as vscode from 'vscode';
import type { CloudKitDevToolsApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'cloudkit-devtools.cloudkit-devtools';

/** Which lazy bundles were loaded once activation and its first background work (project checks) ended. */
export interface ActivationLoads {
  readonly swiftParser: boolean;
  readonly typescriptSupport: boolean;
  readonly logReader: boolean;
}

const loaded = (bundle: string): boolean => Object.keys(require.cache).some((k) => k.endsWith(bundle));
let firstActivation: Promise<ActivationLoads> | undefined;

export async function activateExtension(): Promise<CloudKitDevToolsApi> {
  const ext = vscode.extensions.getExtension<CloudKitDevToolsApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  // Taken once, before any test opens a file or writes a project: what activation itself costs.
  firstActivation ??= (api.project?.whenIdle() ?? Promise.resolve()).then(() => ({ swiftParser: loaded('swift-parser.js'), typescriptSupport: loaded('typescript-support.js'), logReader: loaded('log-reader.js') }));
  await firstActivation;
  return api;
}

/** What the first activation in this run loaded (the examples workspace has no @Model file open and no project). */
export async function activationLoads(): Promise<ActivationLoads> {
  await activateExtension();
  return firstActivation!;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri;
}

export function workspaceFile(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...segments);
}

/** Polls `fn` until it returns a truthy value (diagnostics and providers update asynchronously). */
export async function waitFor<T>(fn: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const CURRENT_MODEL = ['ShoppingList', 'ShoppingList.xcdatamodeld', 'ShoppingList 2.xcdatamodel', 'contents'];
export const PREVIOUS_MODEL = ['ShoppingList', 'ShoppingList.xcdatamodeld', 'ShoppingList.xcdatamodel', 'contents'];

/** A diagnostic's rule id (`CK002`), whether its code is plain or carries a link. */
export const ruleOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
