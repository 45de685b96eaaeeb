#!/usr/bin/env node
// `npm run test:electron`: the same in-VS-Code suite (out/test/vscode) through @vscode/test-electron, for
// contributors with a desktop VS Code and internet access (it downloads VS Code unless
// CKDEV_VSCODE_EXECUTABLE points at an installed one). Not run by CI here: this network cannot download
// VS Code, so CI runs the suite in code-server instead (scripts/run-vscode-tests.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT } from './code-server.mjs';

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-electron-'));
fs.cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
// The folder tests write files in during the run, there before VS Code starts watching (run-vscode-tests.mjs says why).
fs.mkdirSync(path.join(workspace, 'scratch'));
try {
  await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out/test/vscode/index.js'),
    vscodeExecutablePath: process.env.CKDEV_VSCODE_EXECUTABLE,
    version: process.env.CKDEV_VSCODE_VERSION ?? '1.100.3',
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { CKDEV_TEST_WORKSPACE: workspace },
  });
} catch (e) {
  console.error(`[electron-tests] FAILED: ${e.message ?? e}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(workspace, { recursive: true, force: true });
}
