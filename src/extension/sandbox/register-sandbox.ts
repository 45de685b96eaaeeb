import * as vscode from 'vscode';
import type { FromWebview } from '../../protocol/sandbox-messages';
import { activeSwiftModelDocument, isSwiftUri } from '../common/swift-models';
import { SANDBOX_VIEW_TYPE, SandboxPanel, type SandboxHostEvents } from './sandbox-panel';

/** What the extension API exposes about the sandbox panel (used by the in-VS-Code tests). */
export interface SandboxApi {
  /** The counts the webview reported after its latest render, if a panel is open. */
  lastRendered(): FromWebview.Rendered | undefined;
  readonly onDidRender: vscode.Event<FromWebview.Rendered>;
  /** A session save finished (uri) or failed (error). */
  readonly onDidSaveSession: vscode.Event<{ readonly uri?: string; readonly error?: string }>;
  isOpen(): boolean;
}

/** Commands "CloudKit: Open Sandbox", "Save Sandbox Session", "Open Sandbox Session", and the panel serializer. */
export function registerSandbox(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): SandboxApi {
  const events: SandboxHostEvents = { rendered: new vscode.EventEmitter(), saved: new vscode.EventEmitter() };
  const open = (model?: vscode.Uri): SandboxPanel => SandboxPanel.createOrShow(context.extensionUri, log, events, model);
  const asUri = (x: unknown): vscode.Uri | undefined => (x instanceof vscode.Uri ? x : typeof x === 'string' ? vscode.Uri.parse(x) : undefined);

  context.subscriptions.push(
    events.rendered,
    events.saved,
    // Optional argument: a Swift file of a SwiftData model (the explorer or editor menu, tests); without
    // one, a Swift file with @Model in the active editor is the model to run.
    vscode.commands.registerCommand('cloudkit.sandbox.open', (target?: unknown) => {
      const uri = asUri(target);
      open(uri && isSwiftUri(uri) ? uri : activeSwiftModelDocument()?.uri);
    }),
    // Optional argument: the target file (scripts and tests; the panel asks otherwise).
    vscode.commands.registerCommand('cloudkit.sandbox.saveSession', (target?: unknown) => {
      const panel = SandboxPanel.current;
      if (!panel) {
        void vscode.window.showInformationMessage('Open the CloudKit Sandbox first (CloudKit: Open Sandbox).');
        return;
      }
      panel.requestSave(asUri(target), false);
    }),
    vscode.commands.registerCommand('cloudkit.sandbox.step', () => SandboxPanel.current?.invoke('step')),
    vscode.commands.registerCommand('cloudkit.sandbox.runUntilIdle', () => SandboxPanel.current?.invoke('runUntilIdle')),
    // Optional argument: the session file (the explorer context menu passes it).
    vscode.commands.registerCommand('cloudkit.sandbox.openSession', async (target?: unknown) => {
      const panel = open();
      return panel.openSession(asUri(target));
    }),
    vscode.window.registerWebviewPanelSerializer(SANDBOX_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        SandboxPanel.revive(panel, state, context.extensionUri, log, events);
      },
    }),
    { dispose: () => SandboxPanel.current?.panel.dispose() },
  );

  return {
    lastRendered: () => SandboxPanel.current?.lastRendered,
    onDidRender: events.rendered.event,
    onDidSaveSession: events.saved.event,
    isOpen: () => SandboxPanel.current !== undefined,
  };
}
