/**
 * Entry point of the in-VS-Code suite, loaded by the extension host (code-server through
 * scripts/run-vscode-tests.mjs, or desktop VS Code through @vscode/test-electron). Contract: export
 * `run(): Promise<void>`; a rejection makes VS Code exit with code 1. Results and the spec-style output
 * also go to $CKDEV_TEST_RESULT_FILE so the outside runner can print them.
 */
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

interface Results {
  vscodeVersion: string;
  passes: { title: string; ms: number }[];
  failures: { title: string; error: string }[];
  output: string[];
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const grep = process.env.CKDEV_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs.readdirSync(__dirname).filter((x) => x.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, f));
  }
  const results: Results = { vscodeVersion: vscode.version, passes: [], failures: [], output: [] };
  const write = () => {
    const file = process.env.CKDEV_TEST_RESULT_FILE;
    if (file) fs.writeFileSync(file, JSON.stringify(results, null, 2));
  };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      write();
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
    let depth = 0;
    runner.on('suite', (s) => { if (s.title) results.output.push(`${'  '.repeat(depth++)}${s.title}`); });
    runner.on('suite end', (s) => { if (s.title) depth--; });
    runner.on('pass', (t) => {
      results.passes.push({ title: t.fullTitle(), ms: t.duration ?? 0 });
      results.output.push(`${'  '.repeat(depth)}✔ ${t.title} (${t.duration ?? 0} ms)`);
    });
    runner.on('fail', (t, err: Error) => {
      results.failures.push({ title: t.fullTitle(), error: String(err?.stack ?? err) });
      results.output.push(`${'  '.repeat(depth)}✘ ${t.title}\n${String(err?.stack ?? err)}`);
    });
  });
}
