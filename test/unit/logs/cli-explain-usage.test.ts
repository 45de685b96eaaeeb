import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { explainCommand } from '../../../src/cli/commands/explain';

/** `ckdev explain`: usage errors (exit 2, the message and the usage on stderr), --progress, the text layout. */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await explainCommand.run(args, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}

// Written by us, in the compact `log stream` style: a quiet export line, then one error needing action.
const LOG = [
  '2026-12-05 10:00:00.123 Df ShoppingList[4242:2a4f1] [com.apple.coredata:cloudkit] CoreData+CloudKit: -[PFCloudKitExporter exportIfNecessary]_block_invoke_2(345): <NSCloudKitMirroringDelegate: 0x6000>: Found 0 objects needing export.',
  '2026-12-05 10:00:00.456 E  ShoppingList[4242:2a4f1] [com.apple.coredata:cloudkit] CoreData+CloudKit: -[NSCloudKitMirroringDelegate recoverFromPartialError:forStore:inMonitor:]block_invoke(1943): <NSCloudKitMirroringDelegate: 0x6000>: Found unknown error as part of a partial failure: <CKError 0x28112d500: "Partial Failure" (2/1011); "Failed to modify some records"; partial errors: {',
  '\tA1:(com.apple.coredata.cloudkit.zone:__defaultOwner__) = <CKError 0x2: "Invalid Arguments" (12/2006); server message = "Cannot create or modify field \'CD_isChecked\' in record \'CD_Item\' in production schema">',
  '}>',
  '',
].join('\n');

describe('ckdev explain: arguments', () => {
  let dir: string;
  let log: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-explain-args-'));
    log = path.join(dir, 'device.log');
    fs.writeFileSync(log, LOG);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cases: Array<[(log: string) => string[], string]> = [
    [() => [], 'missing input (a file, or - for stdin)'],
    [(l) => [l, l], 'only one input (a file or -)'],
    [(l) => [l, '--format', 'xml'], `unknown format 'xml' (text, json or sarif)`],
    [(l) => [l, '--format=yaml'], `unknown format 'yaml' (text, json or sarif)`],
    [(l) => [l, '--format'], '--format needs a value'],
    [(l) => [l, '--max-size-mb', '0'], '--max-size-mb takes a positive number'],
    [(l) => [l, '--max-file-size-mb=-3'], '--max-size-mb takes a positive number'],
    [(l) => [l, '--max-size-mb', 'lots'], '--max-size-mb takes a positive number'],
    [(l) => [l, '--verbose'], `unknown option '--verbose'`],
    [(l) => ['-x', l], `unknown option '-x'`],
  ];
  for (const [args, message] of cases) {
    it(`usage error: ${args('LOG').join(' ') || '(no arguments)'}: ${message}`, async () => {
      assert.deepEqual(await run(...args(log)), { code: 2, out: '', err: `ckdev explain: ${message}\n\n${explainCommand.usage}` });
    });
  }

  it('--progress prints how much was read to stderr, in tenths, ending at 100%; without it nothing (a small file)', async () => {
    const quiet = await run(log, '--no-project');
    assert.equal(quiet.err, '');
    const loud = await run(log, '--progress', '--no-project');
    assert.deepEqual(loud.err, 'ckdev explain: read 100% (0 MB)\n');
    assert.equal(loud.out, quiet.out);
    assert.equal(loud.code, quiet.code);
  });

  it('text: the error at its 1-based line and column, and the read summary; exit 1 (needs action)', async () => {
    const r = await run(log, '--no-project');
    assert.equal(r.code, 1);
    assert.match(r.out, /^read 4 lines, 2 events \(/m);
    // The error is placed at the CKError that carries it: line 2, 1-based column.
    const column = LOG.split('\n')[1].indexOf('<CKError 0x28112d500') + 1;
    assert.ok(column > 1);
    assert.match(r.out, new RegExp(`device\\.log:2:${column} error production-schema `));
  });
});
