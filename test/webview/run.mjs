#!/usr/bin/env node
// Webview tests of the sandbox panel in Debian's chromium (playwright-core, never a downloaded browser),
// on the built dist/webview served standalone with an acquireVsCodeApi stand-in (harness.mjs).
// Screenshots go to test-results/webview/*.png. Figures (render / filter times) are printed, never asserted.
//
//   npm run test:webview            (builds first)
//   node test/webview/run.mjs [--grep PATTERN]
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, exampleModel, launch, openPanel, posted, setTheme, startServer, waitFor } from './harness.mjs';

const { values: opt } = parseArgs({ options: { grep: { type: 'string' } } });
const SHOTS = path.join(ROOT, 'test-results/webview');
fs.mkdirSync(SHOTS, { recursive: true });

const init = { type: 'init', protocol: 1, model: exampleModel(), hostState: {} };
const tests = [];
const it = (title, fn) => tests.push({ title, fn });

// ------------------------------------------------------------------------------------------------

it('starts under the strict CSP, says ready and renders two devices', async ({ browser, url }) => {
  const { page, problems } = await openPanel(browser, url);
  const ready = await waitFor(() => posted(page, 'ready').then((m) => m[0]), { what: 'ready' });
  assert.equal(ready.protocol, 1);
  await page.screenshot({ path: path.join(SHOTS, 'start.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

// ------------------------------------------------------------------------------------------------

const browser = await launch();
const server = await startServer({ init });
let failures = 0;
try {
  for (const t of tests) {
    if (opt.grep && !t.title.includes(opt.grep)) continue;
    const t0 = Date.now();
    try {
      await t.fn({ browser, url: server.url });
      console.log(`  ✔ ${t.title} (${Date.now() - t0} ms)`);
    } catch (e) {
      failures++;
      console.log(`  ✘ ${t.title}\n    ${String(e.stack ?? e).split('\n').join('\n    ')}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(failures ? `\n${failures} failing` : '\nall passing');
process.exit(failures ? 1 : 0);
