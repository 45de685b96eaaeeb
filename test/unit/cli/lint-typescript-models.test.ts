import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintCommand } from '../../../src/cli/commands/lint';
import { EXAMPLES_DIR } from '../../helpers/paths';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await lintCommand.run(args, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}

describe('ckdev lint on TypeScript model definitions (*.cdmodel.ts)', () => {
  it('finds the example web model in a folder and reports the same rules as the editor', async () => {
    const r = await run(path.join(EXAMPLES_DIR, 'web'), '--format', 'json');
    assert.equal(r.code, 1, r.err);
    const findings = JSON.parse(r.out) as { file: string; rule: string; severity: string; range: { start: { line: number } } }[];
    assert.deepEqual(findings.map((f) => `${path.basename(f.file)} ${f.rule} ${f.severity}`).sort(), [
      'ShoppingList.cdmodel.ts CK002 error',
      'ShoppingList.cdmodel.ts CK005 error',
    ]);
    const text = fs.readFileSync(path.join(EXAMPLES_DIR, 'web', 'ShoppingList.cdmodel.ts'), 'utf8').split('\n');
    const ck002 = findings.find((f) => f.rule === 'CK002')!;
    assert.match(text[ck002.range.start.line], /title: \{ type: 'String' \}/);
  });

  it('a clean definition lints clean, and an unknown shape is reported, not ignored', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-ts-lint-'));
    try {
      const clean = path.join(dir, 'Clean.cdmodel.ts');
      fs.writeFileSync(clean, "import { defineModel } from './cloudkit-modeldef';\nexport default defineModel({ usedWithCloudKit: true, entities: { Note: { attributes: { title: { type: 'String', optional: true } } } } });\n");
      assert.equal((await run(clean)).code, 0);
      const odd = path.join(dir, 'Odd.cdmodel.ts');
      fs.writeFileSync(odd, "import { defineModel } from './cloudkit-modeldef';\nconst extra = {};\nexport default defineModel({ usedWithCloudKit: true, entities: { ...extra } });\n");
      const r = await run(odd);
      assert.equal(r.code, 1);
      assert.match(r.out, /Odd\.cdmodel\.ts:3:\d+ error/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
