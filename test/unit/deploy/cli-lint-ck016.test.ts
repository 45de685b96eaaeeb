import assert from 'node:assert/strict';
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

  it('the previous (non-current) version gets no CK016', async () => {
    const r = await lint(path.join(bundle, 'ShoppingList.xcdatamodel', 'contents'), '--format', 'json');
    assert.ok(!(JSON.parse(r.out) as { rule: string }[]).some((f) => f.rule === 'CK016'));
  });
});
