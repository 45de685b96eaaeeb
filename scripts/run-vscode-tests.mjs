#!/usr/bin/env node
// Runs the mocha suite in test/vscode inside a REAL VS Code: code-server 4.100.3 (VS Code 1.100.3,
// remote Node extension host), opened in Debian's headless Chromium through playwright-core, with the
// workbench `payload` URL parameter naming this extension (extensionDevelopmentPath) and the compiled
// suite (extensionTestsPath = out/test/vscode/index.js). This is the mechanism of VS Code's own browser
// integration tests: the extension host loads the suite, calls its `run()` (the @vscode/test-electron
// contract) and the workbench reports the exit code through `window.codeAutomationExit(code)`.
//
// Exits non-zero when a test fails, when no test ran, when the extension host never reports, or on
// timeout. The workspace is a throwaway copy of examples/, so tests may edit files freely.
//
//   node scripts/run-vscode-tests.mjs [--keep] [--grep PATTERN]
//   env: CKDEV_VSCODE_TEST_TIMEOUT (seconds, default 300), CKDEV_CODE_SERVER_DIR, CKDEV_CHROMIUM
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, CHROMIUM_ARGS, ROOT, freePort, remoteUri, sleep, startCodeServer, stopCodeServer, workbenchUrl,
} from './code-server.mjs';

const { values: opt } = parseArgs({ options: { keep: { type: 'boolean', default: false }, grep: { type: 'string' } } });
const TIMEOUT_S = Number(process.env.CKDEV_VSCODE_TEST_TIMEOUT ?? 300);
const T0 = Date.now();
const log = (...a) => console.log(`[vscode-tests ${((Date.now() - T0) / 1000).toFixed(1).padStart(5)}s]`, ...a);

const testsIndex = path.join(ROOT, 'out/test/vscode/index.js');
if (!fs.existsSync(testsIndex)) { console.error(`missing ${testsIndex}: run \`node esbuild.mjs --tests\` first`); process.exit(1); }
if (!fs.existsSync(path.join(ROOT, 'dist/extension.js'))) { console.error('missing dist/extension.js: run `npm run build` first'); process.exit(1); }

const runsDir = path.join(ROOT, '.cache/vscode-test-runs');
fs.mkdirSync(runsDir, { recursive: true });
const RUN = fs.mkdtempSync(path.join(runsDir, 'run-'));
const WORKSPACE = path.join(RUN, 'workspace');
const RESULT_FILE = path.join(RUN, 'results.json');
const SHOTS = path.join(ROOT, 'test-results/vscode');
fs.cpSync(path.join(ROOT, 'examples'), WORKSPACE, { recursive: true });
// An empty folder for tests that write files during the run, made before VS Code starts watching. On a fresh
// machine's first run, changes in a folder a test had just created went unseen by VS Code's file watcher (the
// editor never reloaded a file rewritten there), while folders that existed at start-up were watched.
fs.mkdirSync(path.join(WORKSPACE, 'scratch'));
fs.mkdirSync(SHOTS, { recursive: true });

let cs;
let browser;
let failed = false;
try {
  const port = await freePort();
  const started = await startCodeServer({
    runDir: RUN, port, logFile: path.join(RUN, 'code-server.log'),
    env: { CKDEV_TEST_RESULT_FILE: RESULT_FILE, CKDEV_TEST_WORKSPACE: WORKSPACE, CKDEV_TEST_GREP: opt.grep ?? '' },
  });
  cs = started.child;
  log(`code-server up on http://${started.host} in ${started.startupMs} ms; workspace ${WORKSPACE}`);

  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const pageLog = fs.createWriteStream(path.join(RUN, 'page-console.log'));
  page.on('console', (m) => pageLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => pageLog.write(`[pageerror] ${e.stack ?? e}\n`));
  let resolveExit;
  const exited = new Promise((r) => { resolveExit = r; });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit({ code }));
  await page.exposeFunction('codeAutomationLog', () => {});
  await page.goto(workbenchUrl(started.host, WORKSPACE, [
    ['extensionDevelopmentPath', remoteUri(started.host, ROOT)],
    ['extensionTestsPath', remoteUri(started.host, testsIndex)],
    ['skipWelcome', 'true'],
  ]));
  const res = await Promise.race([exited, sleep(TIMEOUT_S * 1000).then(() => null)]);
  await page.screenshot({ path: path.join(SHOTS, 'suite-finished.png') }).catch(() => {});
  pageLog.end();
  if (!res) throw new Error(`the extension host did not report within ${TIMEOUT_S} s (see ${RUN})`);

  const results = fs.existsSync(RESULT_FILE) ? JSON.parse(fs.readFileSync(RESULT_FILE, 'utf8')) : undefined;
  if (!results) throw new Error(`the suite wrote no results (exit code ${res.code}); see ${RUN}/code-server.log`);
  for (const line of results.output ?? []) console.log(line);
  log(`VS Code ${results.vscodeVersion}: ${results.passes.length} passing, ${results.failures.length} failing (exit code ${res.code})`);
  if (res.code !== 0 || results.failures.length > 0) throw new Error('in-VS-Code tests failed');
  if (results.passes.length === 0) throw new Error('no in-VS-Code test ran');
} catch (e) {
  failed = true;
  console.error(`[vscode-tests] FAILED: ${e.message ?? e}`);
  const logFile = path.join(RUN, 'code-server.log');
  if (fs.existsSync(logFile)) console.error(fs.readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n'));
} finally {
  await browser?.close().catch(() => {});
  await stopCodeServer(cs);
  if (!failed && !opt.keep) fs.rmSync(RUN, { recursive: true, force: true });
  else console.error(`[vscode-tests] run folder kept: ${RUN}`);
}
process.exit(failed ? 1 : 0);
