#!/usr/bin/env node
// User's-eye UI test of the CloudKit Sandbox panel in a REAL VS Code (code-server, VS Code 1.100.3):
// everything goes through the command palette, quick picks and the panel's own controls inside the
// webview iframes, as a user would. Screenshots go to test-results/sandbox-ui/ (look at them).
//
// Covers what the in-extension-host suite (test/vscode/sandbox.test.ts) cannot: the 134060 state and
// "Choose model version…", forms (to-one and to-many), offline catch-up, fault injection, tombstones,
// deploy, a scenario saved to a file and reopened with its player, and a real window reload restoring
// the panel through its serializer.
//
//   npm run test:vscode-ui            (builds first)
//   node test/vscode-ui/sandbox.ui.mjs [--keep] [--theme "Default Light Modern"]
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT, answerFileDialog, createObject, openWorkbench, panelFrame, pick, quickPick, runCommand, screenshot, sleep, syncUntilIdle, testIdText,
  until, waitForPanel,
} from './driver.mjs';

const { values: opt } = parseArgs({ options: { keep: { type: 'boolean', default: false }, theme: { type: 'string', default: 'Default Dark Modern' } } });
const SHOTS = path.join(ROOT, 'test-results/sandbox-ui');
const T0 = Date.now();
const log = (...a) => console.log(`[sandbox-ui ${((Date.now() - T0) / 1000).toFixed(1).padStart(5)}s]`, ...a);
const shot = async (page, name) => { await screenshot(page, path.join(SHOTS, name)); log(`screenshot ${name}`); };

const text = testIdText;
/**
 * Checks that `fn` stays false for `ms` (polling, failing as soon as it turns true). Only meaningful when
 * the caller then shows that the same kind of change does show within that time (see the model watcher).
 */
async function staysAbsent(fn, what, ms) {
  const t = Date.now();
  while (Date.now() - t < ms) {
    assert.equal(await fn(), false, what);
    await sleep(100);
  }
}

const wb = await openWorkbench({ theme: opt.theme });
const { page } = wb;
let failed = false;
let step = 'start';
try {
  await sleep(1500);
  step = 'open the panel from the command palette';
  await runCommand(page, 'CloudKit: Open Sandbox');
  let f = await waitForPanel(page);
  await until(async () => (await text(f, 'device-A-status')).includes('failed'), 'the 134060 setup failure');

  step = 'the 134060 state says how to proceed';
  const help = f.locator('[data-testid="setup-help"]');
  await help.waitFor({ state: 'visible' });
  const helpText = await help.innerText();
  assert.match(helpText, /134060 on every device/);
  assert.match(helpText, /fix the model/);
  assert.match(helpText, /run a version CloudKit accepts/);
  await shot(page, '01-setup-134060.png');

  step = 'choose the clean model version';
  await f.locator('[data-testid="setup-help-choose-model"]').click();
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  await rows.first().waitFor({ timeout: 15_000 });
  const first = await rows.nth(0).innerText();
  assert.match(first, /ShoppingList 2/, 'the current version is listed first');
  assert.match(first, /current version/, 'and marked');
  const details = await rows.allInnerTexts();
  assert.equal(details.filter((t) => t.includes('ShoppingList/ShoppingList.xcdatamodeld')).length, 2, 'every version of the bundle is listed');
  // The workspace's SwiftData models follow the Xcode bundle's versions (each is its own model, current version only).
  assert.deepEqual(details.slice(2).map((t) => /\(SwiftData\)/.test(t)), [true, true], 'then the two SwiftData models of the workspace');
  await shot(page, '02-choose-version.png');
  await rows.nth(1).click();
  await until(async () => (await text(f, 'model-label')).includes('not the current version'), 'the chosen version in the model bar');
  await syncUntilIdle(f);
  await until(async () => (await text(f, 'device-B-status')).includes('succeeded'), 'setup succeeded on B');
  assert.equal(await help.isVisible(), false, 'the 134060 help is gone');

  step = 'create objects (to-one and to-many relationships)';
  await createObject(f, 'A', 'ShoppingList', { name: 'Groceries' });
  await createObject(f, 'A', 'Item', { title: 'Milk' });
  await createObject(f, 'A', 'Item', { title: 'Eggs' });
  // Edit the list: tick both items in its to-many "items" relationship.
  await f.locator('[data-testid="device-A-objects"] table[data-entity="ShoppingList"] vscode-button', { hasText: 'Edit' }).first().click();
  const many = f.locator('[data-testid="device-A-form"] [data-to-many="items"] vscode-checkbox');
  assert.equal(await many.count(), 2);
  await many.nth(0).click();
  await many.nth(1).click();
  await f.locator('[data-testid="device-A-create"]').click();
  await until(async () => (await f.locator('[data-testid="device-A-objects"] table[data-entity="ShoppingList"] td[data-rel="items"]').innerText()) === '2 objects', 'the list holds two items');
  await syncUntilIdle(f);
  await until(async () => (await text(f, 'device-B-objects')).includes('Eggs'), 'the items on B');
  assert.equal(await f.locator('[data-testid="device-B-objects"] table[data-entity="ShoppingList"] td[data-rel="items"]').innerText(), '2 objects', 'B imported the relationship');
  await shot(page, '03-synced.png');

  step = 'B offline catches up after coming back';
  await pick(f, 'device-B-network', 'offline');
  await createObject(f, 'A', 'Item', { title: 'Bread' });
  await syncUntilIdle(f);
  assert.ok(!(await text(f, 'device-B-objects')).includes('Bread'), 'offline B has not imported Bread');
  await pick(f, 'device-B-network', 'online');
  await syncUntilIdle(f);
  await until(async () => (await text(f, 'device-B-objects')).includes('Bread'), 'B catches up');

  step = 'push dropped: B imports nothing until "Import now"';
  await pick(f, 'device-B-push', 'drop');
  await createObject(f, 'A', 'Item', { title: 'Jam' });
  await syncUntilIdle(f);
  assert.match(await text(f, 'server-zones'), /Jam/, 'A exported Jam');
  assert.ok(!(await text(f, 'device-B-objects')).includes('Jam'), 'B got no push, so no import');
  await f.locator('[data-testid="device-B-import"]').click();
  await syncUntilIdle(f);
  await until(async () => (await text(f, 'device-B-objects')).includes('Jam'), 'B imports after "Import now"');
  await pick(f, 'device-B-push', 'deliver');

  step = 'editing another version of the model does not disturb the chosen one';
  const bundle = path.join(wb.workspace, 'ShoppingList/ShoppingList.xcdatamodeld');
  const v2 = path.join(bundle, 'ShoppingList 2.xcdatamodel/contents');
  // No offer for the edit of the version not in use: watched for a window, which the edit of the version in use
  // below must beat (else the window proved nothing: the watcher may simply not have fired yet).
  const ABSENT_MS = 6_000;
  fs.writeFileSync(v2, fs.readFileSync(v2, 'utf8').replace('</model>', '<!-- edited -->\n</model>'));
  await staysAbsent(async () => /model changed/i.test(await text(f, 'banner')), 'no "model changed" offer for a version not in use', ABSENT_MS);
  const v1 = path.join(bundle, 'ShoppingList.xcdatamodel/contents');
  const editedV1 = Date.now();
  fs.writeFileSync(v1, fs.readFileSync(v1, 'utf8').replace('</model>', '    <entity name="Sticker" representedClassName="Sticker" syncable="YES">\n        <attribute name="label" optional="YES" attributeType="String"/>\n    </entity>\n</model>'));
  await until(async () => /model changed on disk/i.test(await text(f, 'banner')), 'the offer for the version in use', ABSENT_MS);
  log(`the model watcher answered in ${Date.now() - editedV1} ms (the "not in use" window was ${ABSENT_MS} ms)`);

  step = 'delete: the server lists the tombstone';
  const breadRow = f.locator('[data-testid="device-A-objects"] tr', { hasText: 'Bread' });
  await breadRow.locator('vscode-button', { hasText: 'Delete' }).click();
  await syncUntilIdle(f);
  const tomb = f.locator('[data-testid="tombstones-com.apple.coredata.cloudkit.zone"]');
  await tomb.waitFor({ timeout: 10_000 });
  assert.match(await tomb.innerText(), /CD_Item/);
  await tomb.scrollIntoViewIfNeeded();
  await shot(page, '04-tombstones.png');

  step = 'inject a schema error: it shows in the timeline the way CloudKit logs it';
  await pick(f, 'server-environment', 'production');
  await pick(f, 'fault-preset', 'schema-field');
  await f.locator('[data-testid="fault-inject"]').click();
  await createObject(f, 'A', 'Item', { title: 'Butter' });
  await syncUntilIdle(f);
  // The rule's error as CloudKit logs it: a partial failure (2/1011) wrapping invalidArguments 12/2006.
  await pick(f, 'timeline-category', 'error');
  const timelineText = await until(async () => { const t = await text(f, 'timeline'); return /12\/2006/.test(t) ? t : undefined; }, 'the 12/2006 error in the timeline');
  assert.match(timelineText, /modifyRecords partialFailure .*<CKError "Partial Failure" \(2\/1011\)>/);
  assert.match(timelineText, /sent \d+ saves, \d+ deletes, [1-9]\d* failed <CKError "Invalid Arguments" \(12\/2006\)>/);
  await pick(f, 'timeline-category', 'all');
  await f.locator('[data-testid="timeline"]').scrollIntoViewIfNeeded();
  await shot(page, '05-schema-error.png');

  step = 'deploy the schema';
  await f.locator('[data-testid="deploy-schema"]').click();
  await until(async () => (await text(f, 'deploy-result')) !== '', 'the deploy result');
  assert.match(await text(f, 'deploy-result'), /^Deploy to production succeeded: \+\d+ types, \+\d+ fields/);

  step = 'load and play a scenario, save it to a file';
  await f.locator('[data-testid="scenario-load"]').click();
  await f.locator('[data-testid="scenario-next"]').click();
  await f.locator('[data-testid="scenario-next"]').click();
  const progress = await text(f, 'scenario-progress');
  assert.match(progress, /^Step 3 of/);
  await f.locator('[data-testid="save-session-as"]').click();
  // code-server's save dialog is VS Code's simple file dialog (a quick input with the path).
  await answerFileDialog(page, path.join(wb.workspace, 'scenario.cksandbox.json'));
  await until(() => fs.existsSync(path.join(wb.workspace, 'scenario.cksandbox.json')), 'the session file');
  const saved = JSON.parse(fs.readFileSync(path.join(wb.workspace, 'scenario.cksandbox.json'), 'utf8'));
  assert.equal(saved.ui.scenarioStep, 2);
  await shot(page, '06-scenario-saved.png');

  step = 'reopen the file: the scenario player comes back';
  await f.locator('[data-testid="new-session"]').click();
  await until(async () => (await f.locator('[data-testid="scenario-progress"]').count()) === 0, 'a plain session');
  // The command lists the workspace's session files in a quick pick (plus "Browse…").
  await runCommand(page, 'CloudKit: Open Sandbox Session');
  await quickPick(page, 'scenario.cksandbox.json');
  await until(async () => (await f.locator('[data-testid="scenario-progress"]').count()) === 1, 'the scenario player');
  assert.equal(await text(f, 'scenario-progress'), progress);
  const clockBefore = await text(f, 'clock');
  const eventsBefore = await text(f, 'timeline-count');

  step = 'reload the window: the serializer restores the panel and its state';
  // "Developer: Reload Window", as a user does it (it flushes the workbench's storage, where the webview's
  // state lives, before reloading; a raw page reload may lose the last seconds in VS Code for the Web).
  await sleep(1000);
  const navigated = page.waitForNavigation({ timeout: 60_000 });
  await runCommand(page, 'Developer: Reload Window');
  await navigated;
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  f = await waitForPanel(page);
  await until(async () => (await f.locator('[data-testid="scenario-progress"]').count()) === 1, 'the scenario player after reload');
  assert.equal(await text(f, 'scenario-progress'), progress);
  assert.equal(await text(f, 'clock'), clockBefore);
  assert.equal(await text(f, 'timeline-count'), eventsBefore);
  assert.match(await text(f, 'session-label'), /scenario\.cksandbox\.json/);
  assert.match(await text(f, 'model-label'), /› ShoppingList \(not the current version\)/, 'the chosen model version survives the reload');
  await shot(page, '07-after-reload.png');

  step = 'reload the browser page: the panel comes back again';
  // Nothing changed since the last reload, so what the workbench stored is current (a raw page reload
  // in VS Code for the Web may not flush the last seconds of state: "Reload Window" above does).
  await page.reload();
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  f = await waitForPanel(page);
  await until(async () => (await f.locator('[data-testid="scenario-progress"]').count()) === 1, 'the scenario player after a page reload');
  assert.equal(await text(f, 'scenario-progress'), progress);
  assert.equal(await text(f, 'clock'), clockBefore);
  assert.match(await text(f, 'session-label'), /scenario\.cksandbox\.json/);

  step = 'narrow window';
  await page.setViewportSize({ width: 900, height: 850 });
  await until(async () => (await page.evaluate(() => window.innerWidth)) === 900, 'the narrow viewport');
  await shot(page, '08-narrow.png');
  step = 'no page errors';
  assert.deepEqual(wb.problems, [], 'uncaught errors in the page');
  log('passed (no page errors)');
} catch (e) {
  failed = true;
  console.error(`[sandbox-ui] FAILED at "${step}": ${e.stack ?? e}`);
  await shot(page, 'failure.png').catch(() => {});
} finally {
  await wb.close({ keep: failed || opt.keep });
  if (failed || opt.keep) console.error(`[sandbox-ui] run folder kept: ${wb.run}`);
}
process.exit(failed ? 1 : 0);
