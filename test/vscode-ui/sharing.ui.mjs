#!/usr/bin/env node
// User's-eye UI walk of sharing in the CloudKit Sandbox panel (issue 15) in a REAL VS Code (code-server):
// through the command palette and the panel's own controls, device C signs in to a second Apple ID, A
// shares a list with it through the Share form, C accepts the invitation and edits the shared item, and A
// sees the edit. Every wait is a bounded condition. Screenshots go to test-results/sharing-ui/ (look at them).
//
//   node esbuild.mjs && node test/vscode-ui/sharing.ui.mjs [--keep] [--theme "Default Light Modern"]
import assert from 'node:assert/strict';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, createObject, openWorkbench, pick, runCommand, screenshot, syncUntilIdle, testIdText, typeInto, until, waitForPanel } from './driver.mjs';

const { values: opt } = parseArgs({ options: { keep: { type: 'boolean', default: false }, theme: { type: 'string', default: 'Default Dark Modern' } } });
const SHOTS = path.join(ROOT, 'test-results/sharing-ui');
const T0 = Date.now();
const log = (...a) => console.log(`[sharing-ui ${((Date.now() - T0) / 1000).toFixed(1).padStart(5)}s]`, ...a);
const shot = async (page, name) => { await screenshot(page, path.join(SHOTS, name)); log(`screenshot ${name}`); };

const text = testIdText;

const wb = await openWorkbench({ theme: opt.theme });
const { page } = wb;
let failed = false;
let step = 'start';
try {
  step = 'open the panel and run the model version CloudKit accepts';
  await until(async () => (await page.locator('.statusbar').count()) > 0, 'the workbench');
  await runCommand(page, 'CloudKit: Open Sandbox');
  let f = await waitForPanel(page);
  await until(async () => (await text(f, 'device-A-status')).includes('failed'), 'the 134060 setup failure of the current version');
  await f.locator('[data-testid="setup-help-choose-model"]').click();
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  await rows.nth(1).waitFor({ timeout: 15_000 });
  await rows.nth(1).click();
  await until(async () => (await text(f, 'model-label')).includes('not the current version'), 'the chosen version');

  step = 'three devices; C signs in to a second Apple ID';
  await pick(f, 'device-count', '3');
  await f.locator('[data-testid="device-C"]').waitFor({ timeout: 15_000 });
  await pick(f, 'device-C-user', 'user2');
  await until(async () => (await text(f, 'device-C-status')).includes('user2'), 'C signed in to user2');
  await until(async () => /User 2 \(user2\)\s+iPad/.test(await text(f, 'sharing-users')), 'the users table');
  await syncUntilIdle(f);
  await until(async () => (await text(f, 'device-C-status')).includes('succeeded'), 'setup on C');

  step = 'A makes a list with an item';
  await createObject(f, 'A', 'ShoppingList', { name: 'Groceries' });
  const listRow = f.locator('[data-testid="device-A-objects"] table[data-entity="ShoppingList"] tbody tr').first();
  await listRow.waitFor({ timeout: 10_000 });
  const list = await listRow.getAttribute('data-object');
  await pick(f, 'device-A-entity', 'Item');
  await typeInto(f, '[data-testid="device-A-form"] vscode-textfield[data-attr="title"]', 'Milk');
  await pick(f, 'form-A-rel-list', list);
  await f.locator('[data-testid="device-A-create"]').click();
  await until(async () => (await text(f, 'device-A-objects')).includes('Milk'), 'Milk on A');
  await syncUntilIdle(f);

  step = 'A shares the list with user2 (read-write) through the Share form';
  await listRow.locator('vscode-button', { hasText: 'Share' }).click();
  await f.locator('[data-testid="share-A-form"]').waitFor({ timeout: 10_000 });
  await f.locator('[data-testid="share-A-user-user2"]').click();
  await pick(f, 'share-A-perm-user2', 'readWrite');
  await typeInto(f, '[data-testid="share-A-title"]', 'Groceries');
  await shot(page, '01-share-form.png');
  await f.locator('[data-testid="share-A-submit"]').click();
  await until(async () => (await f.locator('[data-testid="share-A-form"]').count()) === 0, 'the share form closed');
  await syncUntilIdle(f);
  const participant = f.locator('[data-testid="server-shares"] tr[data-participant="user2"]');
  await until(async () => /read-write\s+pending/.test(await participant.innerText()), 'user2 invited on the server');

  step = 'C accepts the invitation';
  await f.locator('[data-testid="device-C-accept"]').click();
  await syncUntilIdle(f);
  await until(async () => /accepted/.test(await participant.innerText()), 'user2 accepted');
  await until(async () => (await text(f, 'device-C-shared-store')).includes('Milk'), 'the list in C\'s shared store');

  step = 'C edits the shared item; A sees it';
  await f.locator('[data-testid="device-C-shared-store"] tr', { hasText: 'Milk' }).locator('[data-testid="device-C-shared-edit"]').click();
  await typeInto(f, '[data-testid="device-C-form"] vscode-textfield[data-attr="title"]', 'Oat milk');
  await f.locator('[data-testid="device-C-create"]').click();
  await until(async () => (await text(f, 'device-C-shared-store')).includes('Oat milk'), 'the edit on C');
  await syncUntilIdle(f);
  await until(async () => (await text(f, 'device-A-objects')).includes('Oat milk'), 'C\'s edit on A');
  assert.equal(await text(f, 'device-C-share-error'), '', 'no refused share action');
  await f.locator('[data-testid="device-C"]').scrollIntoViewIfNeeded();
  await shot(page, '02-accepted-edited.png');

  step = 'the Sharing filter of the timeline';
  await pick(f, 'timeline-category', 'sharing');
  await until(async () => /^[1-9]\d* of \d+ events$/.test(await text(f, 'timeline-count')), 'sharing events in the timeline');
  assert.match(await text(f, 'timeline'), /accepted by user2/);
  await f.locator('[data-testid="timeline"]').scrollIntoViewIfNeeded();
  await shot(page, '03-sharing-timeline.png');
  assert.deepEqual(wb.problems, [], 'uncaught errors in the page');
  log('passed (no page errors)');
} catch (e) {
  failed = true;
  console.error(`[sharing-ui] FAILED at "${step}": ${e.stack ?? e}`);
  await shot(page, 'failure.png').catch(() => {});
} finally {
  await wb.close({ keep: failed || opt.keep });
  if (failed || opt.keep) console.error(`[sharing-ui] run folder kept: ${wb.run}`);
}
process.exit(failed ? 1 : 0);
