// Drives the sandbox panel in a REAL VS Code as a user would: code-server (VS Code 1.100.3) on a free
// 127.0.0.1 port with this extension in development mode on a throwaway copy of examples/, opened in
// Debian's headless Chromium (playwright-core; never a downloaded browser). The panel is used through
// its UI inside the webview iframes (`iframe.webview.ready` > `iframe#active-frame`).
//
// Shared by test/vscode-ui/sandbox.ui.mjs (the UI test) and scripts/screenshots-sandbox.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, CHROMIUM_ARGS, ROOT, freePort, remoteUri, sleep, startCodeServer, stopCodeServer, workbenchUrl,
} from '../../scripts/code-server.mjs';

export { ROOT, sleep };

/**
 * Starts code-server on a copy of examples/ and opens the workbench. `prepare(workspace)` may edit the
 * copy first. Returns { page, browser, workspace, close() }.
 */
export async function openWorkbench({ theme = 'Default Dark Modern', viewport = { width: 1400, height: 850 }, prepare } = {}) {
  if (!fs.existsSync(path.join(ROOT, 'dist/extension.js'))) throw new Error('missing dist/extension.js: run `npm run build` first');
  const runsDir = path.join(ROOT, '.cache/vscode-ui-runs');
  fs.mkdirSync(runsDir, { recursive: true });
  const run = fs.mkdtempSync(path.join(runsDir, 'run-'));
  const workspace = path.join(run, 'workspace');
  fs.cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
  if (prepare) prepare(workspace);
  const port = await freePort();
  const { child, host } = await startCodeServer({
    runDir: run, port, logFile: path.join(run, 'code-server.log'),
    settings: { 'workbench.colorTheme': theme, 'window.commandCenter': false, 'workbench.layoutControl.enabled': false },
  });
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport });
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(workbenchUrl(host, workspace, [['extensionDevelopmentPath', remoteUri(host, ROOT)], ['skipWelcome', 'true']]));
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForSelector('.statusbar', { timeout: 60_000 });
    return {
      page, browser, workspace, run, host, problems,
      async close({ keep = false } = {}) {
        await browser.close().catch(() => {});
        await stopCodeServer(child);
        if (!keep) fs.rmSync(run, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close().catch(() => {});
    await stopCodeServer(child);
    throw e;
  }
}

/**
 * Runs a command from the command palette by its title, as a user types it. Right after start the workbench may
 * drop the first F1, or list the commands before the extension's contributions are in: the palette is closed and
 * opened again until the command shows, at most `timeout` ms (then the walk fails).
 */
export async function runCommand(page, title, timeout = 45_000) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  const t = Date.now();
  for (;;) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 3_000 });
      await input.fill(`>${title}`);
      await row.waitFor({ timeout: 5_000 });
      break;
    } catch (e) {
      if (Date.now() - t > timeout) throw e;
      await page.keyboard.press('Escape');
    }
  }
  await page.keyboard.press('Enter');
}

/** Picks an item in an open quick pick by (part of) its label. */
export async function quickPick(page, label) {
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
}

/** The panel's document: the frame inside the webview's outer iframe. */
export function panelFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** Waits until the panel shows its devices. */
export async function waitForPanel(page, timeout = 60_000) {
  const f = panelFrame(page);
  await f.locator('[data-testid="device-A"]').waitFor({ timeout });
  return f;
}

/** Sets a <vscode-single-select> the way a user's pick does. */
export async function pick(frame, testid, value) {
  await frame.locator(`[data-testid="${testid}"]`).evaluate((el, v) => {
    el.value = v;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

export async function typeInto(frame, selector, text) {
  const field = frame.locator(selector);
  await field.click();
  await field.press('Control+A');
  await field.pressSequentially(text);
}

export async function createObject(frame, device, entity, values) {
  await pick(frame, `device-${device}-entity`, entity);
  for (const [k, v] of Object.entries(values)) {
    await typeInto(frame, `[data-testid="device-${device}-form"] vscode-textfield[data-attr="${k}"]`, v);
  }
  await frame.locator(`[data-testid="device-${device}-create"]`).click();
}

export async function screenshot(page, file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
}

/**
 * Answers VS Code's simple file dialog (code-server's save/open dialog, a quick input holding a path):
 * waits for its default value to settle, types the path and accepts it (a first Enter may only complete it).
 */
export async function answerFileDialog(page, file) {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await sleep(1000);
  await input.fill(file);
  await sleep(800);
  for (let i = 0; i < 3 && (await input.isVisible()); i++) {
    await input.press('Enter');
    await sleep(1000);
  }
}

/** Polls `fn` until it returns something truthy, at most `timeout` ms; the timeout fails the walk. */
export async function until(fn, what, timeout = 20_000) {
  const t = Date.now();
  let last;
  for (;;) {
    try { last = await fn(); if (last) return last; } catch (e) { last = e; }
    if (Date.now() - t > timeout) throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await sleep(200);
  }
}

/** The inner text of the element with `data-testid=testid` in frame `f`. */
export const testIdText = (f, testid) => f.locator(`[data-testid="${testid}"]`).innerText();

/**
 * "Sync until idle" as a user clicks it, then a bounded wait until the panel's engine has no task left but
 * background ones (the run loop's idea of idle) and the panel has painted: a run that hangs or gives up
 * fails here, and a check that something is NOT on a device afterwards means something.
 */
export async function syncUntilIdle(f) {
  await f.locator('[data-testid="run-until-idle"]').click();
  await until(() => f.locator('body').evaluate(() => {
    const engine = window.ckSandbox?.session?.engine;
    return engine !== undefined && engine.pendingTasks().every((t) => t.background);
  }), 'the sandbox idle after "Sync until idle"', 10_000);
  await f.locator('body').evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}
