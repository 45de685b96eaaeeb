// Standalone harness for the sandbox panel's webview: serves the built dist/webview from a tiny HTTP
// server on 127.0.0.1, with the page the extension serves (same HTML, same CSP: renderWebviewHtml)
// plus an `acquireVsCodeApi` stand-in that records posted messages, keeps get/setState in
// sessionStorage (so a reload keeps it, like VS Code's webview state) and plays the host: it answers
// `ready` with the `init` message given in the page.
//
// Never downloads a browser: Debian's chromium only.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const require = createRequire(import.meta.url);
const { renderWebviewHtml } = require(path.join(ROOT, 'out/src/extension/sandbox/webviewHtml.js'));
const { readModelIR } = require(path.join(ROOT, 'out/src/core/model/xml/reader.js'));
const { modelSpecFromIR } = require(path.join(ROOT, 'out/src/core/sandbox/model-spec.js'));

export const CHROMIUM = process.env.CKDEV_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * A model of the examples workspace, as the host would send it. Version 1 is CloudKit-compatible (the
 * current version 2 carries the lint demo's violations, so its setup fails in the sandbox, as it would
 * on a device).
 */
export function exampleModel(version = 'ShoppingList.xcdatamodel') {
  const bundle = path.join(ROOT, 'examples/ShoppingList/ShoppingList.xcdatamodeld');
  const text = fs.readFileSync(path.join(bundle, version, 'contents'), 'utf8');
  const model = modelSpecFromIR(readModelIR(text)); // what the host posts (src/extension/sandbox/modelSource.ts)
  return { path: `ShoppingList/ShoppingList.xcdatamodeld/${version}/contents`, label: `ShoppingList.xcdatamodeld › ${version.replace(/\.xcdatamodel$/, '')}`, model };
}

const SHIM = `
(() => {
  const KEY = 'ck-webview-state';
  const init = JSON.parse(document.getElementById('ck-init').textContent);
  window.__posted = [];
  window.__hostReply = (m) => window.postMessage(m, '*');
  window.acquireVsCodeApi = () => ({
    postMessage(m) {
      window.__posted.push(JSON.parse(JSON.stringify(m)));
      if (m && m.type === 'ready') setTimeout(() => window.postMessage(init, '*'), 0);
    },
    getState() { const s = sessionStorage.getItem(KEY); return s ? JSON.parse(s) : undefined; },
    setState(s) { sessionStorage.setItem(KEY, JSON.stringify(s)); },
  });
})();`;

export async function startServer({ init }) {
  const nonce = 'T3stN0nceT3stN0nceT3stN0nce12345';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const origin = `http://${req.headers.host}`;
      const initJson = JSON.stringify(init).replace(/</g, '\\u003c');
      const extraHead = `<script type="application/json" id="ck-init">${initJson}</script>\n<script nonce="${nonce}">${SHIM}</script>`;
      // The shim must run before main.js, so it goes into the head.
      const html = renderWebviewHtml({ cspSource: origin, scriptUri: `${origin}/dist/webview/main.js`, nonce, extraHead });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
      return;
    }
    if (url.pathname === '/favicon.ico') { res.writeHead(204); res.end(); return; }
    if (url.pathname.startsWith('/dist/webview/')) {
      const file = path.join(ROOT, url.pathname);
      if (!file.startsWith(path.join(ROOT, 'dist/webview')) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** A page with console errors and CSP violations collected. */
export async function openPanel(browser, url, { theme = 'dark', viewport = { width: 1500, height: 1100 } } = {}) {
  const page = await browser.newPage({ viewport, colorScheme: theme === 'light' ? 'light' : 'dark' });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.stack ?? e}`));
  await page.goto(url);
  await setTheme(page, theme);
  return { page, problems };
}

/**
 * VS Code injects its theme as CSS variables on <html>; the stand-in sets a small subset of the real
 * Dark Modern / Light Modern / High Contrast values so screenshots look like the panel in VS Code.
 */
export const THEMES = {
  dark: {
    '--vscode-settings-dropdownBackground': '#313131', '--vscode-settings-dropdownForeground': '#cccccc', '--vscode-settings-dropdownBorder': '#3c3c3c', '--vscode-settings-dropdownListBorder': '#454545', '--vscode-settings-textInputForeground': '#cccccc', '--vscode-settings-textInputBorder': '#3c3c3c', '--vscode-settings-checkboxBackground': '#313131', '--vscode-settings-checkboxBorder': '#3c3c3c', '--vscode-input-placeholderForeground': '#989898', '--vscode-button-hoverBackground': '#026ec1', '--vscode-button-secondaryHoverBackground': '#3c3c3c',
    '--vscode-foreground': '#cccccc', '--vscode-editor-background': '#1f1f1f', '--vscode-sideBar-background': '#181818',
    '--vscode-panel-border': '#2b2b2b', '--vscode-descriptionForeground': '#9d9d9d', '--vscode-errorForeground': '#f85149',
    '--vscode-focusBorder': '#0078d4', '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff',
    '--vscode-button-secondaryBackground': '#313131', '--vscode-button-secondaryForeground': '#cccccc',
    '--vscode-input-background': '#313131', '--vscode-input-foreground': '#cccccc', '--vscode-input-border': '#3c3c3c',
    '--vscode-dropdown-background': '#313131', '--vscode-dropdown-foreground': '#cccccc', '--vscode-dropdown-border': '#3c3c3c',
    '--vscode-list-hoverBackground': '#2a2d2e', '--vscode-list-activeSelectionBackground': '#04395e', '--vscode-badge-background': '#616161',
    '--vscode-badge-foreground': '#f8f8f8', '--vscode-editorWidget-background': '#202020', '--vscode-font-family': 'sans-serif',
    '--vscode-font-size': '13px', '--vscode-editor-font-family': 'monospace', '--vscode-testing-iconPassed': '#73c991',
    '--vscode-editorWarning-foreground': '#cca700', '--vscode-checkbox-background': '#313131', '--vscode-checkbox-border': '#3c3c3c',
    '--vscode-settings-textInputBackground': '#313131',
  },
  light: {
    '--vscode-settings-dropdownBackground': '#ffffff', '--vscode-settings-dropdownForeground': '#3b3b3b', '--vscode-settings-dropdownBorder': '#cecece', '--vscode-settings-dropdownListBorder': '#c8c8c8', '--vscode-settings-textInputBackground': '#ffffff', '--vscode-settings-textInputForeground': '#3b3b3b', '--vscode-settings-textInputBorder': '#cecece', '--vscode-settings-checkboxBackground': '#f8f8f8', '--vscode-settings-checkboxBorder': '#cecece', '--vscode-checkbox-foreground': '#3b3b3b', '--vscode-input-placeholderForeground': '#767676', '--vscode-button-hoverBackground': '#0258a8', '--vscode-button-secondaryHoverBackground': '#cccccc', '--vscode-list-activeSelectionForeground': '#000000', '--vscode-list-focusOutline': '#005fb8',
    '--vscode-foreground': '#3b3b3b', '--vscode-editor-background': '#ffffff', '--vscode-sideBar-background': '#f8f8f8',
    '--vscode-panel-border': '#e5e5e5', '--vscode-descriptionForeground': '#717171', '--vscode-errorForeground': '#c72e0f',
    '--vscode-focusBorder': '#005fb8', '--vscode-button-background': '#005fb8', '--vscode-button-foreground': '#ffffff',
    '--vscode-button-secondaryBackground': '#e5e5e5', '--vscode-button-secondaryForeground': '#3b3b3b',
    '--vscode-input-background': '#ffffff', '--vscode-input-foreground': '#3b3b3b', '--vscode-input-border': '#cecece',
    '--vscode-dropdown-background': '#ffffff', '--vscode-dropdown-foreground': '#3b3b3b', '--vscode-dropdown-border': '#cecece',
    '--vscode-list-hoverBackground': '#f2f2f2', '--vscode-list-activeSelectionBackground': '#e8e8e8', '--vscode-badge-background': '#cccccc',
    '--vscode-badge-foreground': '#3b3b3b', '--vscode-editorWidget-background': '#f8f8f8', '--vscode-font-family': 'sans-serif',
    '--vscode-font-size': '13px', '--vscode-editor-font-family': 'monospace', '--vscode-testing-iconPassed': '#388a34',
    '--vscode-editorWarning-foreground': '#bf8803', '--vscode-checkbox-background': '#f8f8f8', '--vscode-checkbox-border': '#cecece',
  },
  hc: {
    '--vscode-settings-dropdownBackground': '#000000', '--vscode-settings-dropdownForeground': '#ffffff', '--vscode-settings-dropdownBorder': '#6fc3df', '--vscode-settings-dropdownListBorder': '#6fc3df', '--vscode-settings-textInputBackground': '#000000', '--vscode-settings-textInputForeground': '#ffffff', '--vscode-settings-textInputBorder': '#6fc3df', '--vscode-settings-checkboxBackground': '#000000', '--vscode-settings-checkboxBorder': '#6fc3df', '--vscode-checkbox-foreground': '#ffffff', '--vscode-input-placeholderForeground': '#ffffffb3',
    '--vscode-foreground': '#ffffff', '--vscode-editor-background': '#000000', '--vscode-sideBar-background': '#000000',
    '--vscode-panel-border': '#6fc3df', '--vscode-descriptionForeground': '#ffffff', '--vscode-errorForeground': '#f48771',
    '--vscode-focusBorder': '#f38518', '--vscode-button-background': '#000000', '--vscode-button-foreground': '#ffffff', '--vscode-button-border': '#6fc3df',
    '--vscode-button-secondaryBackground': '#000000', '--vscode-button-secondaryForeground': '#ffffff',
    '--vscode-input-background': '#000000', '--vscode-input-foreground': '#ffffff', '--vscode-input-border': '#6fc3df',
    '--vscode-dropdown-background': '#000000', '--vscode-dropdown-foreground': '#ffffff', '--vscode-dropdown-border': '#6fc3df',
    '--vscode-list-hoverBackground': '#000000', '--vscode-list-activeSelectionBackground': '#000000', '--vscode-list-focusOutline': '#f38518',
    '--vscode-badge-background': '#000000', '--vscode-badge-foreground': '#ffffff', '--vscode-contrastBorder': '#6fc3df',
    '--vscode-editorWidget-background': '#0c141f', '--vscode-font-family': 'sans-serif', '--vscode-font-size': '13px',
    '--vscode-editor-font-family': 'monospace', '--vscode-testing-iconPassed': '#73c991', '--vscode-editorWarning-foreground': '#ffd700',
  },
};

/** Applies a theme through CSSOM (allowed by the CSP, unlike inline style attributes). */
export async function setTheme(page, theme) {
  await page.evaluate((vars) => {
    for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
  }, THEMES[theme]);
}

export async function posted(page, type) {
  return page.evaluate((t) => window.__posted.filter((m) => !t || m.type === t), type);
}

export async function waitFor(fn, { timeout = 10_000, interval = 50, what = 'condition' } = {}) {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
