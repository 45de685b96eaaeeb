#!/usr/bin/env node
// Screenshots of the sync log explainer in a real VS Code (code-server), driven through the UI like the
// other screenshot scripts (test/vscode-ui/driver.mjs). Not part of `npm test`; look at the results:
//
//   node esbuild.mjs && node scripts/screenshots-logs.mjs   (env CKDEV_CODE_SERVER_DIR to reuse code-server)
//
// Writes media/screenshots/sync-log-hover.png: examples/logs/setup-failed.cklog with its diagnostics, the
// hover over the production-schema error (decoded tree), and the CloudKit Sync Log timeline view.
import path from 'node:path';
import { ROOT, openWorkbench, sleep } from '../test/vscode-ui/driver.mjs';

const OUT = path.join(ROOT, 'media/screenshots');
const wb = await openWorkbench({ theme: 'Default Light Modern', viewport: { width: 1400, height: 900 } });
const { page } = wb;
let failed = false;
try {
  await sleep(1500);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill('setup-failed.cklog');
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: 15_000 });
  await sleep(300);
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active[aria-label*="setup-failed.cklog"]').waitFor({ timeout: 15_000 });
  await page.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
  await page.locator('.view-lines .view-line', { hasText: 'CD_isChecked' }).first().locator('span', { hasText: 'CD_isChecked' }).first().hover();
  await page.locator('.monaco-hover:visible', { hasText: 'Partial Failure' }).first().waitFor({ timeout: 15_000 });
  await sleep(500);
  const file = path.join(OUT, 'sync-log-hover.png');
  await page.screenshot({ path: file });
  console.log(`wrote ${path.relative(ROOT, file)}`);
} catch (e) {
  failed = true;
  console.error(`screenshot failed: ${e.message ?? e}`);
  await page.screenshot({ path: path.join(OUT, 'sync-log-FAILED.png') }).catch(() => {});
} finally {
  await wb.close();
}
process.exit(failed ? 1 : 0);
