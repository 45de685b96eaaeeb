// Shared by the in-VS-Code test runner and `npm start`: where code-server is installed, how to start it
// on 127.0.0.1 with throwaway state, and how to stop it. code-server 4.100.3 bundles VS Code 1.100.3
// (web workbench + a remote Node extension host) and installs offline through
// scripts/setup-code-server.sh.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CODE_SERVER_DIR = path.resolve(process.env.CKDEV_CODE_SERVER_DIR ?? path.join(ROOT, '.cache/code-server'));
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'node_modules/code-server/out/node/entry.js');
export const CHROMIUM = process.env.CKDEV_CHROMIUM ?? '/usr/bin/chromium';
// The flags that keep Chromium off the network here (background services would try Google's hosts).
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function assertInstalled() {
  if (!fs.existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(`code-server is not installed in ${CODE_SERVER_DIR}: run \`bash scripts/setup-code-server.sh\``);
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** VS Code settings for a quiet, offline workbench. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
};

/**
 * Starts code-server with its state in `runDir` (never the home folder or /tmp: config, user data,
 * extensions and TMPDIR all live there). Resolves when /healthz answers.
 */
export async function startCodeServer({ runDir, port, env = {}, logFile, settings = {} }) {
  assertInstalled();
  const userData = path.join(runDir, 'user-data');
  const extensions = path.join(runDir, 'extensions');
  const tmp = path.join(runDir, 'tmp');
  for (const d of [path.join(userData, 'User'), extensions, tmp]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  const host = `127.0.0.1:${port}`; // webviews need a secure context: localhost or 127.0.0.1
  const childEnv = { ...process.env, TMPDIR: tmp, EXTENSIONS_GALLERY: '{}', ...env };
  delete childEnv.VSCODE_IPC_HOOK_CLI; // when run from a VS Code terminal, do not talk to that VS Code
  const out = logFile ? fs.openSync(logFile, 'w') : 'inherit';
  const child = spawn(process.execPath, [CODE_SERVER_ENTRY,
    '--config', path.join(runDir, 'config.yaml'), '--user-data-dir', userData, '--extensions-dir', extensions,
    '--bind-addr', host, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened'],
  { env: childEnv, stdio: ['ignore', out, out], detached: true });
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited during startup (code ${child.exitCode})${logFile ? `; see ${logFile}` : ''}`);
    if (Date.now() - t0 > 60_000) { await stopCodeServer(child); throw new Error('code-server did not answer /healthz within 60 s'); }
    if (await fetch(`http://${host}/healthz`).then((r) => r.ok, () => false)) break;
    await sleep(100);
  }
  return { child, host, startupMs: Date.now() - t0 };
}

export async function stopCodeServer(child) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  if (!(await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]))) {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    await exited;
  }
}

/** The workbench URL that opens `folder` with the given `payload` entries (extension dev/test paths). */
export function workbenchUrl(host, folder, payload = []) {
  return `http://${host}/?folder=${encodeURIComponent(folder)}`
    + (payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '');
}

export const remoteUri = (host, p) => `vscode-remote://${host}${p}`;
