import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FromWebview } from '../../src/protocol/sandbox-messages';
import { parseSessionText } from '../../src/protocol/session-file';
import type { SandboxApi } from '../../src/extension/sandbox/register-sandbox';
import { CURRENT_MODEL, activateExtension, workspaceRoot } from './helpers';

type Rendered = FromWebview.Rendered;

/** Resolves with the first render report that satisfies `ok` (the latest one, if it already does). */
function waitForRender(api: SandboxApi, ok: (r: Rendered) => boolean, what: string, timeoutMs = 30_000): Promise<Rendered> {
  const last = api.lastRendered();
  if (last && ok(last)) return Promise.resolve(last);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; last render: ${JSON.stringify(api.lastRendered())}`));
    }, timeoutMs);
    const sub = api.onDidRender((r) => {
      if (!ok(r)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(r);
    });
  });
}

function waitForSave(api: SandboxApi, timeoutMs = 20_000): Promise<{ uri?: string; error?: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error('timed out waiting for the session save')); }, timeoutMs);
    const sub = api.onDidSaveSession((e) => { clearTimeout(timer); sub.dispose(); resolve(e); });
  });
}

describe('sandbox panel (in a real VS Code)', () => {
  let api: SandboxApi;

  before(async () => {
    const ext = await activateExtension();
    assert.ok(ext.sandbox, 'the extension API exposes the sandbox');
    api = ext.sandbox;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('contributes the sandbox commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['cloudkit.sandbox.open', 'cloudkit.sandbox.saveSession', 'cloudkit.sandbox.openSession']) assert.ok(commands.includes(c), c);
  });

  it('opens the panel, and the webview renders the devices of the workspace model', async () => {
    await vscode.commands.executeCommand('cloudkit.sandbox.open');
    assert.ok(api.isOpen());
    const r = await waitForRender(api, (x) => x.devices === 2 && x.events > 0, 'two devices rendered');
    assert.equal(r.devices, 2);
  });

  it('runs sync from a command, and the webview\'s Save button reaches the extension and writes the session', async () => {
    const initial = api.lastRendered();
    assert.ok(initial);
    // The command presses the panel's "Sync until idle" button; the run is recorded as an input event.
    await vscode.commands.executeCommand('cloudkit.sandbox.runUntilIdle');
    const synced = await waitForRender(api, (x) => x.inputs > initial.inputs, 'sync run');
    const target = vscode.Uri.joinPath(workspaceRoot(), 'repro.cksandbox.json');
    const saved = waitForSave(api);
    // The command posts `invoke` → the webview clicks its own Save button → `saveSession` → the host writes.
    await vscode.commands.executeCommand('cloudkit.sandbox.saveSession', target);
    const result = await saved;
    assert.equal(result.error, undefined);
    assert.equal(result.uri, target.toString());
    const parsed = parseSessionText(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)));
    assert.ok(parsed.ok, !parsed.ok ? parsed.error : '');
    assert.equal(parsed.session.inputs.length, synced.inputs, 'the session records the sync run');
    assert.equal(parsed.session.eventCount, synced.events);
  });

  it('reopens a saved session in the same state', async () => {
    const before = api.lastRendered();
    assert.ok(before);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitUntil(() => !api.isOpen(), 'panel closed');
    const target = vscode.Uri.joinPath(workspaceRoot(), 'repro.cksandbox.json');
    const opened = await vscode.commands.executeCommand<boolean>('cloudkit.sandbox.openSession', target);
    assert.equal(opened, true);
    const after = await waitForRender(api, (x) => x.inputs === before.inputs && x.events === before.events && x.clock === before.clock, 'the reopened session');
    assert.deepEqual(after, before);
  });

  it('follows edits to the model: an untouched session restarts with the new model', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitUntil(() => !api.isOpen(), 'panel closed');
    await vscode.commands.executeCommand('cloudkit.sandbox.open');
    const first = await waitForRender(api, (x) => x.devices === 2 && x.inputs === 0, 'a fresh session');
    const contents = vscode.Uri.joinPath(workspaceRoot(), ...CURRENT_MODEL);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(contents));
    const added = text.replace('</model>', '    <entity name="Sticker" representedClassName="Sticker" syncable="YES">\n        <attribute name="label" optional="YES" attributeType="String"/>\n    </entity>\n</model>');
    assert.notEqual(added, text);
    await vscode.workspace.fs.writeFile(contents, new TextEncoder().encode(added));
    const after = await waitForRender(api, (x) => x.entities === first.entities + 1, 'the new entity');
    assert.equal(after.inputs, 0);
  });

  it('runs only the entities of the configuration that syncs (cloudkit.configuration = "Cloud")', async function () {
    this.timeout(120_000);
    const contents = vscode.Uri.joinPath(workspaceRoot(), ...CURRENT_MODEL);
    const model0 = new TextDecoder().decode(await vscode.workspace.fs.readFile(contents));
    const write = (t: string) => vscode.workspace.fs.writeFile(contents, new TextEncoder().encode(t));
    const settings = vscode.workspace.getConfiguration('cloudkit');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitUntil(() => !api.isOpen(), 'panel closed');
    await vscode.commands.executeCommand('cloudkit.sandbox.open');
    const fresh = await waitForRender(api, (x) => x.devices === 2 && x.inputs === 0 && x.entities > 1, 'a fresh session');
    const names = [...model0.matchAll(/<entity name="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(fresh.entities, names.length);
    // The last entity stays out of the "Cloud" configuration (a local-only entity). The model keeps its own
    // "Used with CloudKit" flag on the Default configuration: what the setting (or the setup code) says wins.
    const cloud = names.slice(0, -1);
    const withConfiguration = model0.replace('</model>', `    <configuration name="Cloud">\n${cloud.map((n) => `        <memberEntity name="${n}"/>\n`).join('')}    </configuration>\n</model>`);
    try {
      await settings.update('configuration', 'Cloud', vscode.ConfigurationTarget.Workspace);
      await write(withConfiguration);
      await waitForRender(api, (x) => x.entities === cloud.length && x.inputs === 0, 'the Cloud configuration\'s entities');
    } finally {
      await settings.update('configuration', undefined, vscode.ConfigurationTarget.Workspace);
      await write(model0);
    }
    await waitForRender(api, (x) => x.entities === names.length, 'every entity again, with the setting and the model restored');
  });

  it('refuses to open a damaged session file, and never overwrites it', async () => {
    const damaged = vscode.Uri.joinPath(workspaceRoot(), 'damaged.cksandbox.json');
    const text = '{"format": "cloudkit-sandbox-session", "version": 1, "config": ';
    await vscode.workspace.fs.writeFile(damaged, new TextEncoder().encode(text));
    const opened = await vscode.commands.executeCommand<boolean>('cloudkit.sandbox.openSession', damaged);
    assert.equal(opened, false);
    const saved = waitForSave(api);
    await vscode.commands.executeCommand('cloudkit.sandbox.saveSession', damaged);
    const result = await saved;
    assert.match(result.error ?? '', /Not overwriting/);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(damaged)), text);
  });
});

async function waitUntil(ok: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
