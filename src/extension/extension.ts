import * as vscode from 'vscode';
import { registerCkdbSupport } from './ckdb';
import { registerCurrentVersions } from './common/current-versions';
import { SHARED_WATCHERS } from './common/shared-watchers';
import { registerSwiftModelFiles, type SwiftModelFiles } from './common/swift-model-files';
import { registerSyncPlans } from './common/sync-plans';
import { registerDeployCheck } from './deploy';
import { registerModelLinting } from './model-linting';
import { registerProjectChecks, type ProjectApi } from './project';
import { registerTypeScriptModels } from './typescript/register-typescript-models';
import { registerSandbox, type SandboxApi } from './sandbox/register-sandbox';
import { registerSyncLogs } from './logs';
import { registerSyncSetup } from './sync-setup';

/**
 * Entry point of the extension. Activation stays light: each feature registers its providers from its
 * own module, and heavy dependencies (ts-morph) load only when their feature is used.
 */
export interface CloudKitDevToolsApi {
  /** The output channel the extension logs to (also used by the tests). */
  readonly output: vscode.LogOutputChannel;
  /** The sync sandbox panel (what its webview last rendered; session saves). */
  readonly sandbox?: SandboxApi;
  /** Project configuration checks (PC01-PC12). */
  readonly project?: ProjectApi;
  /** The Swift files known to declare `@Model` (the menus' context key). */
  readonly swiftModelFiles?: SwiftModelFiles;
}

export function activate(context: vscode.ExtensionContext): CloudKitDevToolsApi {
  const output = vscode.window.createOutputChannel('CloudKit DevTools', { log: true });
  context.subscriptions.push(
    output,
    SHARED_WATCHERS,
    vscode.commands.registerCommand('cloudkit.showOutput', () => output.show()),
  );
  registerCurrentVersions(context);
  registerSyncPlans(context);
  registerDeployCheck(context, output);
  const modelLinting = registerModelLinting(context, output);
  registerCkdbSupport(context, output);
  registerTypeScriptModels(context, output);
  const sandbox = registerSandbox(context, output);
  registerSyncLogs(context, output, modelLinting);
  registerSyncSetup(context);
  const project = registerProjectChecks(context, output);
  const swiftModelFiles = registerSwiftModelFiles(context);
  output.info(`CloudKit DevTools ${context.extension.packageJSON.version} activated`);
  return { output, sandbox, project, swiftModelFiles };
}

export function deactivate(): void {
  // Everything registered is disposed through context.subscriptions.
}
