import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { loadLogReader } from '../../logs-host/load';

/**
 * "CloudKit: Capture Sync Log": runs `log stream` (or `xcrun simctl spawn booted log stream`) with the
 * predicate built in core, appends its output to a `.cklog` file in the workspace and opens it; VS Code
 * reloads the file as it grows and the log's diagnostics follow. macOS only: elsewhere the spawn fails
 * and the user is told so.
 */
export const CAPTURE_COMMAND = 'cloudkit.captureSyncLog';
export const STOP_CAPTURE_COMMAND = 'cloudkit.stopSyncLogCapture';

let running: { child: ChildProcess; file: string } | undefined;

export function registerCapture(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CAPTURE_COMMAND, async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder || folder.uri.scheme !== 'file') { void vscode.window.showErrorMessage('Open a local workspace folder to capture a sync log into.'); return; }
      const target = await vscode.window.showQuickPick([
        { label: 'Simulator', description: 'xcrun simctl spawn booted log stream', value: 'simulator' as const },
        { label: 'This Mac', description: 'log stream', value: 'mac' as const },
      ], { title: 'Capture a CoreData+CloudKit log from' });
      if (!target) return;
      const process = await vscode.window.showInputBox({ title: 'App process name (empty: every process)', value: folder.name });
      if (process === undefined) return;
      const argv = loadLogReader().logStreamCommand({ target: target.value, process: process || undefined });
      const dir = path.join(folder.uri.fsPath, 'sync-logs');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.cklog`);
      const out = fs.createWriteStream(file);
      output.info(`capture: ${argv.join(' ')} > ${file}`);
      const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout?.pipe(out);
      child.stderr?.on('data', (d: Buffer) => output.warn(`log stream: ${d.toString().trim()}`));
      child.on('error', (e) => {
        output.error(`capture failed: ${e.message}`);
        void vscode.window.showErrorMessage(`Could not run ${argv[0]}: ${e.message}. Capturing a log needs macOS (and Xcode for a simulator).`);
      });
      child.on('exit', () => { out.end(); if (running?.child === child) running = undefined; });
      running = { child, file };
      await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
      const { CLOUDKIT_DEBUG_LEVELS, debugLaunchArguments } = loadLogReader();
      const levels = CLOUDKIT_DEBUG_LEVELS.map((l) => `${l.level}: ${l.what}`).join('; ');
      void vscode.window.showInformationMessage(`Capturing into ${path.basename(file)}. For more detail launch the app with ${debugLaunchArguments(1).join(' ')} (levels ${levels}).`);
    }),
    vscode.commands.registerCommand(STOP_CAPTURE_COMMAND, () => {
      running?.child.kill();
      running = undefined;
    }),
    { dispose: () => running?.child.kill() },
  );
}
