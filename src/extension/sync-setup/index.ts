import * as vscode from 'vscode';
import { SyncSetupCodeLensProvider, SyncSetupHoverProvider } from './providers';

/**
 * "Which models sync" shown where the app sets its stores up: a code lens above each `ModelConfiguration`,
 * `ModelContainer(for:)`, `.modelContainer(for:)`, `NSPersistentCloudKitContainer` and
 * `NSPersistentContainer` call ("syncs 3 models to iCloud.x, private database", "not synced:
 * cloudKitDatabase: .none"), and the same with its reason in a hover on the call's name. The plan comes from
 * src/extension/common/sync-plans.ts, the one the model lint uses. Nothing loads until a Swift file with such
 * a call is opened.
 */
export function registerSyncSetup(context: vscode.ExtensionContext): void {
  const selector: vscode.DocumentSelector = [{ language: 'swift' }];
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(selector, new SyncSetupCodeLensProvider()),
    vscode.languages.registerHoverProvider(selector, new SyncSetupHoverProvider()),
  );
}
