import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintCommand } from '../../../src/cli/commands/lint';
import { EXAMPLES_DIR } from '../../helpers/paths';

async function lint(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await lintCommand.run(argv, { stdout: (s) => { out += s; }, stderr: () => {} });
  return { code, out };
}

const bundle = path.join(EXAMPLES_DIR, 'ShoppingList', 'ShoppingList.xcdatamodeld');

describe('cli: ckdev lint reports CK016 on the current model version', () => {
  it('the renamed and the retyped attribute of the example, on their lines, as warnings', async () => {
    const r = await lint(bundle, '--format', 'json');
    const ck016 = (JSON.parse(r.out) as { file: string; rule: string; severity: string; range: { start: { line: number } } }[])
      .filter((f) => f.rule === 'CK016');
    assert.deepEqual(ck016.map((f) => [path.basename(path.dirname(f.file)), f.severity, f.range.start.line + 1]),
      [['ShoppingList 2.xcdatamodel', 'warning', 5], ['ShoppingList 2.xcdatamodel', 'warning', 8]]);
  });

  it('--rule CK016=off and --rule CK016=error apply', async () => {
    const off = await lint(bundle, '--format', 'json', '--rule', 'CK016=off');
    assert.ok(!(JSON.parse(off.out) as { rule: string }[]).some((f) => f.rule === 'CK016'));
    const err = await lint(bundle, '--format', 'json', '--rule', 'CK016=error');
    assert.deepEqual((JSON.parse(err.out) as { rule: string; severity: string }[]).filter((f) => f.rule === 'CK016').map((f) => f.severity), ['error', 'error']);
  });

  describe('a non-current version that has a predecessor', () => {
    // A copy of the example bundle whose current version is the FIRST one: version 2 is then non-current
    // but still has version 1 before it, with a rename and a retype between them.
    let dir = '';
    let copy = '';
    const v2 = (): string => path.join(copy, 'ShoppingList 2.xcdatamodel', 'contents');
    const setCurrent = (name: string): void => fs.writeFileSync(path.join(copy, '.xccurrentversion'),
      `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>_XCCurrentVersionName</key>\n\t<string>${name}</string>\n</dict>\n</plist>\n`);
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-ck016-'));
      copy = path.join(dir, 'ShoppingList.xcdatamodeld');
      fs.cpSync(bundle, copy, { recursive: true });
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('gets no CK016 and its findings are capped at info', async () => {
      setCurrent('ShoppingList.xcdatamodel');
      const r = await lint(v2(), '--format', 'json');
      const findings = JSON.parse(r.out) as { rule: string; severity: string }[];
      assert.ok(findings.length > 0, 'the version has findings (capped, not dropped)');
      assert.deepEqual(findings.filter((f) => f.rule === 'CK016'), []);
      assert.deepEqual([...new Set(findings.map((f) => f.severity))], ['info']);
    });

    it('gets its two CK016 findings once it is the current version (the control)', async () => {
      setCurrent('ShoppingList 2.xcdatamodel');
      const r = await lint(v2(), '--format', 'json');
      assert.equal((JSON.parse(r.out) as { rule: string }[]).filter((f) => f.rule === 'CK016').length, 2);
    });
  });

  it('the previous (non-current) version gets no CK016', async () => {
    const r = await lint(path.join(bundle, 'ShoppingList.xcdatamodel', 'contents'), '--format', 'json');
    assert.ok(!(JSON.parse(r.out) as { rule: string }[]).some((f) => f.rule === 'CK016'));
  });
});
