import path from 'node:path';
import * as vscode from 'vscode';
import { ModelCodeActionProvider } from './codeActions';
import { ModelHoverProvider } from './hover';
import { MODEL_SELECTOR, ModelLintService } from './service';
import { ModelSymbolProvider } from './symbols';

export { ModelLintService } from './service';

/**
 * Core Data model linting in the editor: diagnostics for every model version of the workspace, quick
 * fixes and fix-all, CloudKit hover, outline. Registered from `activate()` with one call.
 */
export function registerModelLinting(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): ModelLintService {
  const service = new ModelLintService(output, path.join(context.extensionPath, 'dist', 'model-lint-worker.js'));
  context.subscriptions.push(
    service,
    vscode.languages.registerCodeActionsProvider(MODEL_SELECTOR, new ModelCodeActionProvider(service), ModelCodeActionProvider.metadata),
    vscode.languages.registerHoverProvider(MODEL_SELECTOR, new ModelHoverProvider(service)),
    vscode.languages.registerDocumentSymbolProvider(MODEL_SELECTOR, new ModelSymbolProvider(service), { label: 'Core Data model' }),
  );
  // Off the activation path: the first scan starts once activation has returned.
  setTimeout(() => { void service.lintWorkspace().catch((e) => output.error(`model lint failed: ${e}`)); }, 0);
  return service;
}
