#!/usr/bin/env node
// README screenshots of the CloudKit Sandbox panel, taken in a real VS Code (code-server) driven through
// the UI (test/vscode-ui/driver.mjs). Not part of `npm test`:
//
//   npm run screenshots:sandbox        (env CKDEV_CODE_SERVER_DIR to reuse an installed code-server)
//
// Writes media/screenshots/sandbox-sync.png (two devices syncing: the timeline shows export, push and
// import) and media/screenshots/sandbox-schema-error.png (the current model version fails setup with
// 134060, and the panel says how to proceed) and media/screenshots/sandbox-sharing.png (issue 15: the Mac's
// Apple ID shares a list with the iPad's, which accepted it and edited an item in its shared store).
import path from 'node:path';
import {
  ROOT, createObject, openWorkbench, pick, runCommand, sleep, typeInto, waitForPanel,
} from '../test/vscode-ui/driver.mjs';

const OUT = path.join(ROOT, 'media/screenshots');
const VIEWPORT = { width: 1400, height: 1000 };

/** The editor area only (no explorer), as the README shows it. */
async function capture(page, name) {
  await page.keyboard.press('Control+B').catch(() => {}); // hide the side bar
  await sleep(600);
  const file = path.join(OUT, name);
  await page.screenshot({ path: file });
  await page.keyboard.press('Control+B').catch(() => {});
  await sleep(300);
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

/** Scrolls the panel so `selector` sits just under its sticky header. */
async function scrollPanel(f, selector) {
  await f.locator(selector).evaluate((el) => {
    const header = document.querySelector('header');
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - (header ? header.getBoundingClientRect().height : 0) - 8);
  });
  await sleep(300);
}

/** Creates an Item on `device` in the first ShoppingList (the form's to-one `list` picker). */
async function createItem(f, device, title, quantity) {
  await pick(f, `device-${device}-entity`, 'Item');
  const list = await f.locator(`[data-testid="form-${device}-rel-list"] vscode-option`).nth(1).getAttribute('value');
  await pick(f, `form-${device}-rel-list`, list);
  await typeInto(f, `[data-testid="device-${device}-form"] vscode-textfield[data-attr="title"]`, title);
  await typeInto(f, `[data-testid="device-${device}-form"] vscode-textfield[data-attr="quantity"]`, quantity);
  await f.locator(`[data-testid="device-${device}-create"]`).click();
}

const wb = await openWorkbench({ viewport: VIEWPORT });
const { page } = wb;
try {
  await sleep(1500);
  await runCommand(page, 'CloudKit: Open Sandbox');
  const f = await waitForPanel(page);
  await f.locator('[data-testid="setup-help"]').waitFor({ state: 'visible', timeout: 20_000 });
  await sleep(500);

  // 1. The current version (ShoppingList 2) breaks CloudKit's rules: setup fails with 134060.
  await capture(page, 'sandbox-schema-error.png');

  // 2. Run the clean version, create a list and items on the iPhone, sync to the Mac.
  await f.locator('[data-testid="setup-help-choose-model"]').click();
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  await rows.nth(1).waitFor();
  await rows.nth(1).click();
  await f.locator('[data-testid="model-label"]', { hasText: 'not the current version' }).waitFor();
  await f.locator('[data-testid="run-until-idle"]').click();
  await sleep(400);
  await createObject(f, 'A', 'ShoppingList', { name: 'Groceries' });
  await createItem(f, 'A', 'Oat milk', '2');
  await createItem(f, 'A', 'Eggs', '12');
  await f.locator('[data-testid="run-until-idle"]').click();
  await sleep(600);
  await f.locator('[data-testid="device-B-objects"]', { hasText: 'Eggs' }).waitFor();
  // Devices side by side with their latest events, and the timeline's swimlanes: the iPhone's export, the
  // server's save and push, the Mac's import (a taller window so both fit).
  await page.setViewportSize({ width: 1400, height: 1500 });
  await sleep(500);
  // Scroll the timeline (24 px rows, all shown) to the iPhone's export of the new objects.
  await f.locator('[data-testid="timeline"]').evaluate((el) => {
    const rows = window.ckSandbox.session.rows;
    const at = rows.findIndex((r) => r.lane === 'A' && /export started/.test(r.summary));
    el.scrollTop = Math.max(0, at - 1) * 24;
  });
  await scrollPanel(f, '.devices');
  await capture(page, 'sandbox-sync.png');

  // 3. Sharing: three devices, the iPad on a second Apple ID; the iPhone shares the list, the iPad accepts
  // and edits an item in its shared store.
  await page.setViewportSize(VIEWPORT);
  await pick(f, 'device-count', '3');
  await f.locator('[data-testid="device-C"]').waitFor();
  await pick(f, 'device-C-user', 'user2');
  await f.locator('[data-testid="device-C-status"]', { hasText: 'user2' }).waitFor();
  await f.locator('[data-testid="run-until-idle"]').click();
  await createObject(f, 'A', 'ShoppingList', { name: 'Groceries' });
  await createItem(f, 'A', 'Milk', '1');
  await createItem(f, 'A', 'Eggs', '12');
  await f.locator('[data-testid="run-until-idle"]').click();
  await f.locator('[data-testid="device-A-objects"] table[data-entity="ShoppingList"] vscode-button', { hasText: 'Share' }).click();
  await f.locator('[data-testid="share-A-user-user2"]').click();
  await pick(f, 'share-A-perm-user2', 'readWrite');
  await typeInto(f, '[data-testid="share-A-title"]', 'Groceries');
  await f.locator('[data-testid="share-A-submit"]').click();
  await f.locator('[data-testid="run-until-idle"]').click();
  await f.locator('[data-testid="device-C-accept"]').click();
  await f.locator('[data-testid="run-until-idle"]').click();
  await f.locator('[data-testid="device-C-shared-store"]', { hasText: 'Milk' }).waitFor();
  await f.locator('[data-testid="device-C-shared-store"] tr', { hasText: 'Milk' }).locator('[data-testid="device-C-shared-edit"]').click();
  await typeInto(f, '[data-testid="device-C-form"] vscode-textfield[data-attr="title"]', 'Oat milk');
  await f.locator('[data-testid="device-C-create"]').click();
  await f.locator('[data-testid="run-until-idle"]').click();
  await f.locator('[data-testid="device-A-objects"]', { hasText: 'Oat milk' }).waitFor();
  await scrollPanel(f, '[data-testid="device-C-sharing"]');
  await capture(page, 'sandbox-sharing.png');
} finally {
  await wb.close();
}
