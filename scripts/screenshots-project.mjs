#!/usr/bin/env node
// Screenshots of the project configuration checks in the REAL VS Code UI (code-server in headless
// Chromium, this extension in development mode): a workspace with an app and a widget that both sync one
// App Group store (the hand-made fixture of test/unit/project/fixtures.ts). Shows the 134410 warning on
// the app's setup call with the Problems panel, and the CloudKit Project view listing both targets.
// Looked at, not asserted. Needs `node esbuild.mjs && node esbuild.mjs --tests` first.
//   node scripts/screenshots-project.mjs      -> test-results/screenshots/project-*.png
//   env: CKDEV_CODE_SERVER_DIR, CKDEV_CHROMIUM
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, freePort, remoteUri, sleep, startCodeServer, stopCodeServer, workbenchUrl } from './code-server.mjs';

const require = createRequire(import.meta.url);
const { appAndWidgetSharingOneStore } = require(path.join(ROOT, 'out/test/unit/project/fixtures.js'));
const SHOTS = path.join(ROOT, 'test-results/screenshots');
fs.mkdirSync(SHOTS, { recursive: true });
const runsDir = path.join(ROOT, '.cache/screenshot-runs');
fs.mkdirSync(runsDir, { recursive: true });
const RUN = fs.mkdtempSync(path.join(runsDir, 'project-'));
const WORKSPACE = path.join(RUN, 'workspace');
for (const f of appAndWidgetSharingOneStore()) {
  const p = path.join(WORKSPACE, f.path);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, f.text ?? f.bytes);
}

let cs;
let browser;
let code = 0;
try {
  const started = await startCodeServer({ runDir: RUN, port: await freePort(), logFile: path.join(RUN, 'code-server.log') });
  cs = started.child;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  await page.goto(workbenchUrl(started.host, WORKSPACE, [['extensionDevelopmentPath', remoteUri(started.host, ROOT)], ['skipWelcome', 'true']]));
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill('NotesStore.swift');
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active[aria-label*="NotesStore.swift"]').waitFor({ timeout: 10_000 });
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel', { hasText: '134410' }).first().waitFor({ timeout: 60_000 });
  // Collapse the file tree so the CloudKit Project view has room, then open it.
  await page.locator('.pane-header', { hasText: 'Workspace' }).first().click();
  await page.locator('.pane-header', { hasText: 'Outline' }).first().waitFor({ timeout: 10_000 });
  const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'CloudKit Project' }) });
  if (!(await view.locator('.monaco-list-row').count())) await page.locator('.pane-header', { hasText: 'CloudKit Project' }).first().click();
  await view.locator('.monaco-list-row', { hasText: 'app-extension' }).first().waitFor({ timeout: 30_000 });
  await sleep(500);
  await page.screenshot({ path: path.join(SHOTS, 'project-134410-and-summary.png') });
  // Expand the widget's Debug configuration to show its store line.
  await view.locator('.monaco-list-row .label-name', { hasText: /^Debug$/ }).last().click();
  await view.locator('.monaco-list-row', { hasText: 'SwiftData' }).first().waitFor({ timeout: 10_000 });
  await sleep(300);
  await page.screenshot({ path: path.join(SHOTS, 'project-summary-store.png') });
  console.log(`screenshots in ${path.relative(ROOT, SHOTS)}/project-*.png`);
} catch (e) {
  code = 1;
  console.error(`[screenshots-project] FAILED: ${e.message ?? e}`);
} finally {
  await browser?.close().catch(() => {});
  if (cs) await stopCodeServer(cs);
}
process.exit(code);
