import * as vscode from 'vscode';
import { generateSchemaFromModel, GENERATE_SCHEMA_COMMAND } from './generate-schema';
import { CkdbCodeActionProvider, CkdbCompletionProvider, CkdbFormattingProvider, CkdbHoverProvider, CkdbSymbolProvider } from './providers';
import { CKDB_SELECTOR, CkdbService } from './service';

/**
 * `.ckdb` support: diagnostics (open files and the workspace), quick fixes, formatting, outline, hover,
 * completion, and "CloudKit: Generate Schema from Model". Highlighting is the TextMate grammar
 * syntaxes/ckdb.tmLanguage.json, contributed in package.json.
 */
export function registerCkdbSupport(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): void {
  const service = new CkdbService(output);
  context.subscriptions.push(
    service,
    vscode.languages.registerDocumentFormattingEditProvider(CKDB_SELECTOR, new CkdbFormattingProvider()),
    vscode.languages.registerDocumentSymbolProvider(CKDB_SELECTOR, new CkdbSymbolProvider(service), { label: 'CloudKit schema' }),
    vscode.languages.registerHoverProvider(CKDB_SELECTOR, new CkdbHoverProvider(service)),
    vscode.languages.registerCompletionItemProvider(CKDB_SELECTOR, new CkdbCompletionProvider(service), ' ', '<', ','),
    vscode.languages.registerCodeActionsProvider(CKDB_SELECTOR, new CkdbCodeActionProvider(service), CkdbCodeActionProvider.metadata),
    vscode.commands.registerCommand(GENERATE_SCHEMA_COMMAND, (arg?: unknown) => generateSchemaFromModel(arg)),
  );
}
