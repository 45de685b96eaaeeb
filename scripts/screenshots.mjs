#!/usr/bin/env node
// `npm run screenshots`: drives the REAL VS Code UI (code-server 4.100.3 in Debian's headless Chromium,
// through playwright-core) the way a user would, on a throwaway copy of examples/, with this extension
// loaded in development mode, and takes screenshots:
//   - test-results/screenshots/NN-*.png: every step of the walk-through (look at them);
//   - media/screenshots/*.png: the few polished ones the README shows (1400x850, light theme).
// It also copies a few real files of the shared corpus into the workspace (`--corpus`, default on when
// the corpus is present) and, at the end, scans the extension host log and the "CloudKit DevTools"
// output channel for errors. Exits 1 when a step fails or a log has an error.
//
// Not part of `npm test` (screenshots are looked at, not asserted). Needs `npm run build` first.
//   node scripts/screenshots.mjs [--keep] [--no-corpus] [--only readme]
//   env: CKDEV_CODE_SERVER_DIR, CKDEV_CHROMIUM, CKDEV_CORPUS
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, CHROMIUM_ARGS, ROOT, freePort, remoteUri, sleep, startCodeServer, stopCodeServer, workbenchUrl,
} from './code-server.mjs';

const { values: opt } = parseArgs({
  options: {
    keep: { type: 'boolean', default: false },
    'no-corpus': { type: 'boolean', default: false },
  },
});
const T0 = Date.now();
const log = (...a) => console.log(`[screenshots ${((Date.now() - T0) / 1000).toFixed(1).padStart(5)}s]`, ...a);

if (!fs.existsSync(path.join(ROOT, 'dist/extension.js'))) {
  console.error('missing dist/extension.js: run `npm run build` first');
  process.exit(1);
}

const SHOTS = path.join(ROOT, 'test-results/screenshots');
const MEDIA = path.join(ROOT, 'media/screenshots');
const runsDir = path.join(ROOT, '.cache/screenshot-runs');
fs.mkdirSync(runsDir, { recursive: true });
fs.rmSync(SHOTS, { recursive: true, force: true });
fs.mkdirSync(SHOTS, { recursive: true });
fs.mkdirSync(MEDIA, { recursive: true });
const RUN = fs.mkdtempSync(path.join(runsDir, 'run-'));
const WORKSPACE = path.join(RUN, 'workspace');
fs.cpSync(path.join(ROOT, 'examples'), WORKSPACE, { recursive: true });

// Real files from the shared corpus: big models, inheritance, configurations, fetched properties, and
// .ckdb files including the known-invalid ones (corpus MANIFEST.tsv).
const CORPUS = process.env.CKDEV_CORPUS ?? '/work/shared/corpus';
const CORPUS_MODELS = [
  'keybuk__EngineShed__EngineShed__2.xcdatamodel', // big, inheritance
  'Automattic__simplenote-ios__Simplenote_7.xcdatamodel', // inheritance, abstract, userInfo
  'JohnEstropia__CoreStore__Model.xcdatamodel', // configurations
  'kodecocodes__cdt-materials__EmployeeDirectory.xcdatamodel', // fetched properties
  'apple__sample-cloudkit-coredatasync__CoreDataSync.xcdatamodel', // CloudKit-flagged, ships
  'fatbobman__Todo__Model.xcdatamodel',
];
const CORPUS_SCHEMAS = [
  'brightdigit__CelestraCloud__schema__v04-87e758d6.ckdb', // INVALID: two roles in one GRANT
  'ivan-wize__Plenty__CloudKitSchema.ckdb', // INVALID: Swift source saved as .ckdb
  'WWDCScholars__cloudkit-schema__schema-development.ckdb', // roles, LOCATION
  'ajsutton__moolah-native__CloudKit_schema__v10-e81fb965.ckdb',
];
const withCorpus = !opt['no-corpus'] && fs.existsSync(path.join(CORPUS, 'xcdatamodel'));
if (withCorpus) {
  for (const m of CORPUS_MODELS) {
    const src = path.join(CORPUS, 'xcdatamodel', m);
    if (fs.existsSync(src)) fs.cpSync(src, path.join(WORKSPACE, 'corpus/models', m), { recursive: true });
  }
  fs.mkdirSync(path.join(WORKSPACE, 'corpus/schemas'), { recursive: true });
  for (const s of CORPUS_SCHEMAS) {
    const src = path.join(CORPUS, 'ckdb', s);
    // Renamed so that the deploy check's discovery (*development*.ckdb, *prod*.ckdb) still finds only
    // the examples' pair.
    if (fs.existsSync(src)) fs.copyFileSync(src, path.join(WORKSPACE, 'corpus/schemas', s.replace(/(development|production)/g, 'env')));
  }
}

// The workbench as a user would have it, minus what distracts from the screenshots.
const SETTINGS = {
  'workbench.colorTheme': 'Default Light Modern',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.layoutControl.enabled': false,
  'chat.commandCenter.enabled': false,
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'editor.fontSize': 13,
  'editor.hover.delay': 150,
  'breadcrumbs.enabled': true,
  'window.commandCenter': false,
  'files.exclude': { '**/.xccurrentversion': false },
};

const failures = [];
let shotNo = 0;
let page;

async function shot(name, { readme } = {}) {
  shotNo += 1;
  const file = path.join(SHOTS, `${String(shotNo).padStart(2, '0')}-${name}.png`);
  // Focusing a view can scroll the workbench's own element by a few pixels: put it back.
  await page.evaluate(() => { for (const el of [document.scrollingElement, document.body, document.querySelector('.monaco-workbench')]) if (el) el.scrollTop = 0; });
  await page.screenshot({ path: file });
  if (readme) await page.screenshot({ path: path.join(MEDIA, `${readme}.png`) });
  log(`  screenshot ${path.relative(ROOT, file)}${readme ? ` + media/screenshots/${readme}.png` : ''}`);
}

async function step(name, fn) {
  log(`step: ${name}`);
  try {
    await fn();
  } catch (e) {
    failures.push(`${name}: ${e.message ?? e}`);
    log(`  FAILED: ${e.message ?? e}`);
    await shot(`FAILED-${name.replace(/\W+/g, '-')}`).catch(() => {});
    await page.keyboard.press('Escape').catch(() => {});
  }
}

const CTRL = 'Control';
async function palette(prefix, text) {
  await page.keyboard.press(`${CTRL}+P`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(prefix + text);
  return input;
}

/** Quick Open (Ctrl+P) a workspace-relative file, as a user types its name. */
async function openFile(rel) {
  await palette('', rel);
  const row = page.locator('.quick-input-widget .monaco-list-row').first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await sleep(300);
  await page.keyboard.press('Enter');
  const base = path.basename(rel);
  await page.locator(`.tabs-container .tab.active[aria-label*="${base}"]`).waitFor({ timeout: 10_000 });
  await sleep(500);
}

/** Runs a command from the Command Palette by its title. */
async function runCommand(title) {
  await palette('>', title);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await sleep(200);
  await page.keyboard.press('Enter');
}

/** Ctrl+G line:col (1-based, as the status bar shows it). */
async function goTo(line, col = 1) {
  await page.keyboard.press(`${CTRL}+G`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${col}`);
  await sleep(200);
  await page.keyboard.press('Enter');
  await sleep(300);
}

async function closeAllEditors() {
  await page.keyboard.press(`${CTRL}+K`);
  await page.keyboard.press(`${CTRL}+W`);
  await sleep(400);
  // An unsaved editor (generated output) asks first: the walk-through never saves those.
  const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" });
  if (await dontSave.isVisible().catch(() => false)) { await dontSave.click(); await sleep(300); }
}

/** The text of the visible lines of the active editor (Monaco renders spaces as no-break spaces). */
async function editorText() {
  const lines = await editor().locator('.view-lines').evaluate((el) => [...el.querySelectorAll('.view-line')]
    .map((l) => ({ top: parseFloat(l.style.top) || 0, text: l.textContent ?? '' }))
    .sort((a, b) => a.top - b.top).map((l) => l.text));
  return lines.join('\n').replace(/\u00a0/g, ' ');
}

async function closePanel() {
  // workbench.action.closePanel has no default key: toggle it off with Ctrl+J when it is open.
  if (await page.locator('.part.panel').isVisible().catch(() => false)) {
    await page.keyboard.press(`${CTRL}+J`);
    await sleep(300);
  }
}

const editor = () => page.locator('.editor-group-container.active .monaco-editor').first();

/** Puts the cursor on `needle` on 1-based `line` and shows the hover there (Ctrl+K Ctrl+I, as a keyboard user would). */
async function hoverText(line, needle) {
  await goTo(line, 1);
  const lineEl = editor().locator('.view-line', { hasText: needle }).first();
  await lineEl.waitFor({ timeout: 5_000 });
  const text = (await lineEl.textContent()).replace(/\u00a0/g, ' ');
  const idx = text.indexOf(needle);
  if (idx < 0) throw new Error(`'${needle}' is not on line ${line}: ${text}`);
  await goTo(line, idx + Math.ceil(needle.length / 2) + 1);
  await page.keyboard.press(`${CTRL}+K`);
  await page.keyboard.press(`${CTRL}+I`);
  await page.locator('.monaco-hover:not(.hidden) .hover-contents').first().waitFor({ state: 'visible', timeout: 10_000 });
  await sleep(800);
}

async function statusBarText() {
  return (await page.locator('#workbench\\.parts\\.statusbar').textContent()) ?? '';
}

let cs;
let browser;
try {
  const port = await freePort();
  const started = await startCodeServer({
    runDir: RUN, port, logFile: path.join(RUN, 'code-server.log'), settings: SETTINGS,
  });
  cs = started.child;
  log(`code-server up on http://${started.host} in ${started.startupMs} ms; workspace ${WORKSPACE}`);

  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  const pageLog = fs.createWriteStream(path.join(RUN, 'page-console.log'));
  page.on('console', (m) => pageLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => pageLog.write(`[pageerror] ${e.stack ?? e}\n`));
  await page.goto(workbenchUrl(started.host, WORKSPACE, [
    ['extensionDevelopmentPath', remoteUri(started.host, ROOT)],
    ['skipWelcome', 'true'],
  ]));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  await sleep(3000);
  await page.keyboard.press('Escape');
  await shot('workbench');

  const MODEL = 'ShoppingList 2.xcdatamodel/contents';
  await step('open the current model version', async () => {
    await openFile(MODEL);
    await editor().locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
    await sleep(1500);
    await goTo(1);
    await shot('model-squiggles');
  });

  await step('hover a diagnostic (CK002 on ShoppingList.name) with the CloudKit record hover', async () => {
    await hoverText(33, 'name="name"');
    const hover = await page.locator('.monaco-hover:not(.hidden)').first().textContent();
    if (!/CK002/.test(hover)) throw new Error(`the hover does not show the CK002 diagnostic: ${hover.slice(0, 200)}`);
    if (!/CD_name/.test(hover)) throw new Error(`the hover does not show the CloudKit field: ${hover.slice(0, 200)}`);
    await shot('model-hover', { readme: 'model-diagnostics-hover' });
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');
  });

  await step('hover an entity: its record type and field count', async () => {
    await hoverText(20, 'name="Member"');
    const hover = await page.locator('.monaco-hover:not(.hidden)').first().textContent();
    if (!/CD_Member/.test(hover)) throw new Error(`no record type in the entity hover: ${hover.slice(0, 200)}`);
    await shot('model-entity-hover');
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');
  });

  await step('Problems panel', async () => {
    await page.keyboard.press(`${CTRL}+Shift+M`);
    await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 10_000 });
    // Only the model's problems (the list is virtual: rows out of view are not in the DOM).
    const filter = page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
    await filter.fill('contents');
    await sleep(1200);
    const problems = await page.locator('.markers-panel').textContent();
    for (const rule of ['CK001', 'CK002', 'CK004']) { // the first rows (errors); the others are below the fold
      if (!problems.includes(rule)) throw new Error(`Problems panel lacks ${rule}`);
    }
    await shot('problems-panel');
  });

  await step('quick fix menu (Ctrl+.) on ShoppingList.name and apply "make optional"', async () => {
    await closePanel();
    await page.locator('.editor-group-container.active .monaco-editor').first().click({ position: { x: 400, y: 200 } });
    await goTo(33, 27);
    await sleep(800);
    await page.keyboard.press(`${CTRL}+.`);
    const menu = page.locator('.action-widget');
    await menu.waitFor({ state: 'visible', timeout: 10_000 });
    await sleep(600);
    await shot('quick-fix-menu', { readme: 'quick-fix-menu' });
    const items = await menu.locator('.action-widget-action-bar, .monaco-list-row').allTextContents();
    log(`  quick fixes: ${items.join(' | ')}`);
    const first = (await menu.locator('.monaco-list-row.focused').textContent()) ?? '';
    if (!/optional/i.test(first)) throw new Error(`the first quick fix is not "make optional": ${first}`);
    await page.keyboard.press('Enter');
    await sleep(1500);
    const text = await editorText();
    if (!/<attribute name="name" optional="YES" attributeType="String"\/>\s*<relationship name="items"/.test(text)) throw new Error(`the fix did not make ShoppingList.name optional: ${text.slice(0, 300)}`);
    await shot('quick-fix-applied');
  });

  await step('Check Schema Deploy: tree, diagnostics, status bar', async () => {
    await runCommand('CloudKit: Check Schema Deploy');
    const view = page.locator('.pane-header', { hasText: 'CloudKit Deploy' });
    await view.waitFor({ state: 'visible', timeout: 30_000 });
    // The other Explorer sections take room the report needs.
    for (const other of ['Outline', 'Timeline']) {
      const h = page.locator('.pane-header', { hasText: other });
      if (await h.getAttribute('aria-expanded').catch(() => null) === 'true') await h.click();
    }
    await page.locator('.pane-body .monaco-list-row', { hasText: /blocked|CD_checked|CD_quantity/i }).first().waitFor({ timeout: 15_000 });
    await sleep(1000);
    const status = await statusBarText();
    if (!/CloudKit deploy/i.test(status)) throw new Error(`no deploy status bar item: ${status}`);
    await shot('deploy-tree');
  });

  await step('open development.ckdb: highlighting and the deploy diagnostics', async () => {
    await closeAllEditors();
    await openFile('cloudkit/development.ckdb');
    await editor().locator('.squiggly-error').first().waitFor({ timeout: 20_000 });
    await goTo(17, 1);
    await sleep(1000);
    await shot('ckdb-deploy-diagnostics');
    // The file tree makes room for the report in the README shot.
    const files = page.locator('.pane-header[aria-expanded="true"]', { hasText: /^workspace/i }).first();
    if (await files.isVisible().catch(() => false)) await files.click();
    await sleep(500);
    await hoverText(29, 'DOUBLE'); // where the blocked type change is reported
    await shot('deploy-check', { readme: 'deploy-check' });
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');
  });

  await step('.ckdb highlighting (README)', async () => {
    await openFile('cloudkit/production.ckdb');
    await page.keyboard.press(`${CTRL}+B`); // hide the side bar: the schema is the subject
    await sleep(300);
    await goTo(2); // a blank line: no word highlight on a keyword
    await sleep(800);
    await shot('ckdb-highlighting', { readme: 'ckdb-highlighting' });
    await page.keyboard.press(`${CTRL}+B`);
    await sleep(300);
  });

  await step('Format Document on a badly indented .ckdb', async () => {
    fs.writeFileSync(path.join(WORKSPACE, 'cloudkit/messy.ckdb'),
      'DEFINE SCHEMA\n  record type  Note(\n title STRING   QUERYABLE,\n"___recordID" REFERENCE QUERYABLE ,\n  body STRING,\n GRANT WRITE TO "_creator"\n);\n');
    await closeAllEditors();
    await openFile('cloudkit/messy.ckdb');
    await shot('ckdb-before-format');
    await runCommand('Format Document');
    await sleep(1500);
    const text = await editorText();
    if (!/RECORD TYPE Note/.test(text)) throw new Error(`not formatted: ${text.slice(0, 200)}`);
    await shot('ckdb-after-format');
  });

  await step('Generate Schema from Model', async () => {
    await closeAllEditors();
    await openFile(MODEL);
    await runCommand('CloudKit: Generate Schema from Model');
    await sleep(2500);
    const active = (await page.locator('.tabs-container .tab.active').textContent()) ?? '';
    const text = await editorText();
    if (!/RECORD TYPE/.test(text)) throw new Error(`no generated schema in the active editor (${active}): ${text.slice(0, 200)}`);
    await shot('generated-schema');
    await runCommand('View: Revert and Close Editor'); // an unsaved editor: leave no "save?" prompt behind
  });

  await step('TypeScript model definition', async () => {
    await closeAllEditors();
    await openFile('web/ShoppingList.cdmodel.ts');
    await editor().locator('.squiggly-error, .squiggly-warning').first().waitFor({ timeout: 60_000 });
    await sleep(1500);
    await shot('cdmodel-ts');
  });

  await step('Generate TypeScript Types', async () => {
    await openFile('cloudkit/development.ckdb');
    await runCommand('CloudKit: Generate TypeScript Types');
    // The save dialog (VS Code's own in the browser) proposes development.types.ts next to the schema.
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await sleep(800);
    await shot('generate-types-save-dialog');
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active[aria-label*=".types.ts"]').waitFor({ timeout: 30_000 });
    await sleep(1500);
    await shot('generated-types');
  });

  if (withCorpus) {
    for (const m of CORPUS_MODELS) {
      await step(`corpus model ${m}`, async () => {
        await closeAllEditors();
        await openFile(`${m}/contents`);
        await sleep(2500);
        await shot(`corpus-${m.split('__').pop().replace(/\.xcdatamodel$/, '')}`);
      });
    }
    for (const s of CORPUS_SCHEMAS) {
      await step(`corpus schema ${s}`, async () => {
        await closeAllEditors();
        await openFile(s.replace(/(development|production)/g, 'env'));
        await sleep(2000);
        await shot(`corpus-${s.split('__').slice(1, 2).join('')}-${s.split('__').pop().replace(/\.ckdb$/, '')}`);
      });
    }
    await step('Problems panel with the corpus files', async () => {
      await closeAllEditors();
      await page.keyboard.press(`${CTRL}+Shift+M`);
      await page.locator('.markers-panel-action-filter input, .viewpane-filter input').first().fill('corpus');
      await sleep(1500);
      await shot('problems-corpus');
    });
  }

  await step('Output channel "CloudKit DevTools"', async () => {
    await runCommand('CloudKit: Show Output');
    await sleep(1500);
    await shot('output-channel');
  });
  pageLog.end();
} catch (e) {
  failures.push(`setup: ${e.stack ?? e}`);
} finally {
  await browser?.close().catch(() => {});
  await stopCodeServer(cs);
}

// Errors in the logs: the extension host's and our own output channel.
const logs = [];
(function walk(d) {
  if (!fs.existsSync(d)) return;
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (/exthost.*\.log$|CloudKit DevTools\.log$/.test(e.name) || /exthost/.test(d) && e.name.endsWith('.log')) logs.push(p);
  }
})(path.join(RUN, 'user-data/logs'));
for (const f of logs) {
  const bad = fs.readFileSync(f, 'utf8').split('\n').filter((l) => /\[error\]|cloudkit.*\b(Error|TypeError|exception)\b/i.test(l));
  const ours = bad.filter((l) => /cloudkit|ckdb|xcdatamodel|cdmodel/i.test(l) || /CloudKit DevTools/.test(f));
  if (ours.length) failures.push(`${path.relative(RUN, f)}:\n  ${ours.slice(0, 20).join('\n  ')}`);
  log(`log ${path.relative(RUN, f)}: ${bad.length} error line(s), ${ours.length} about CloudKit DevTools`);
}

if (failures.length) {
  console.error(`[screenshots] ${failures.length} problem(s):\n- ${failures.join('\n- ')}`);
  console.error(`[screenshots] run folder kept: ${RUN}`);
} else if (!opt.keep) {
  fs.rmSync(RUN, { recursive: true, force: true });
} else {
  log(`run folder kept: ${RUN}`);
}
log(`screenshots in ${path.relative(ROOT, SHOTS)}/ and ${path.relative(ROOT, MEDIA)}/`);
process.exit(failures.length ? 1 : 0);
