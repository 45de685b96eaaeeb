import path from 'node:path';
import * as vscode from 'vscode';
import { modelSources } from '../../model-sources';
import { ModelCodeActionProvider } from './codeActions';
import { ModelHoverProvider } from './hover';
import { ModelLintService } from './service';
import { ModelSymbolProvider } from './symbols';

export { ModelLintService } from './service';

/**
 * Model documents in the editor, for every registered model source (src/model-sources.ts): diagnostics
 * for every model file of the workspace, quick fixes and fix-all, CloudKit hover, outline. Registered
 * from `activate()` with one call; a new source needs nothing here.
 */
export function registerModelLinting(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): ModelLintService {
  const service = new ModelLintService(output, path.join(context.extensionPath, 'dist', 'model-lint-worker.js'), modelSources);
  // Each source's files by language and by glob; the service answers only for files a source claims.
  const selector: vscode.DocumentFilter[] = modelSources.sources.flatMap((s) => [
    ...s.languages.map((language) => ({ language })),
    ...(s.heavy ? [] : s.globs.map((pattern) => ({ scheme: 'file', pattern }))),
  ]);
  context.subscriptions.push(
    service,
    vscode.languages.registerCodeActionsProvider(selector, new ModelCodeActionProvider(service), ModelCodeActionProvider.metadata),
    vscode.languages.registerHoverProvider(selector, new ModelHoverProvider(service)),
    vscode.languages.registerDocumentSymbolProvider(selector, new ModelSymbolProvider(service), { label: 'Core Data model' }),
  );
  // Off the activation path: the first scan starts once activation has returned.
  setTimeout(() => { void service.lintWorkspace().catch((e) => output.error(`model lint failed: ${e}`)); }, 0);
  return service;
}
