import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { explainCommand } from '../../../src/cli/commands/explain';
import { main } from '../../../src/cli/main';
import { debugLaunchArguments, logStreamCommand, logStreamPredicate } from '../../../src/core/logs/capture-command';
import { findModelElement } from '../../../src/core/logs/model-link';
import { readModelIR } from '../../../src/core/model/xml';
import { corpusPath, EXAMPLES_DIR } from '../../helpers/paths';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await explainCommand.run(args, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}

describe('ckdev explain', () => {
  const schemaLog = corpusPath('logs', '011-tn3164-134406-schema-not-deployed.log');
  const benignLog = corpusPath('logs', '032-tn3163-export-lifecycle-and-134417.log');

  it('text: the headline, then each error at file:line:col with severity, kind and what to do; exit 1 when action is needed', async () => {
    const r = await run(schemaLog);
    assert.equal(r.code, 1);
    assert.match(r.out, /setup never completed: the production schema lacks/);
    assert.match(r.out, /:5:8 error production-schema /);
    assert.match(r.out, /what to do: Deploy the development schema to production/);
  });

  it('exit 0 when nothing needs action (benign and transient only)', async () => {
    assert.equal((await run(benignLog)).code, 0);
    assert.equal((await run(corpusPath('logs', '017-forum770908-rate-limited-7-2061.log'))).code, 0);
  });

  it('json: codes, classification, chain and the decoded tree', async () => {
    const r = await run(schemaLog, '--format', 'json');
    const j = JSON.parse(r.out);
    assert.equal(j.summary.needsAction, 1);
    assert.deepEqual(j.errors[0].codes, ['134406', '2/1011', '12/2006']);
    assert.equal(j.errors[0].classification, 'needs-action');
    assert.equal(j.errors[0].error.underlying[0].omittedBatchErrors, 44);
  });

  it('sarif: one result per error, level from the classification, the rule described', async () => {
    const r = await run(corpusPath('logs', '016-tn3162-503-and-7-2008.log'), '--format=sarif');
    const s = JSON.parse(r.out);
    assert.equal(s.version, '2.1.0');
    assert.deepEqual(s.runs[0].results.map((x: { ruleId: string; level: string }) => [x.ruleId, x.level]), [['service-unavailable', 'warning'], ['rate-limited', 'warning']]);
    assert.deepEqual(s.runs[0].tool.driver.rules.map((x: { id: string }) => x.id), ['service-unavailable', 'rate-limited']);
    assert.equal(r.code, 0);
  });

  it('usage and input errors exit 2: no input, unknown option, missing file, a folder, over the size cap', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-explain-'));
    try {
      assert.equal((await run()).code, 2);
      assert.equal((await run(schemaLog, '--colour')).code, 2);
      assert.equal((await run(path.join(dir, 'missing.cklog'))).code, 2);
      const folder = await run(dir);
      assert.equal(folder.code, 2);
      assert.match(folder.err, /not a regular file/);
      const big = path.join(dir, 'big.cklog');
      fs.writeFileSync(big, 'x'.repeat(2 * 1024 * 1024));
      const capped = await run(big, '--max-size-mb', '1');
      assert.equal(capped.code, 2);
      assert.match(capped.err, /over the limit of 1 MB/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--project: a container the log names and the project does not is a warning in text, JSON and SARIF; the same container is not', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-explain-project-'));
    try {
      // A project whose setup code names its container (written here, not copied).
      fs.writeFileSync(path.join(dir, 'Persistence.swift'), [
        'import CoreData',
        'let container = NSPersistentCloudKitContainer(name: "Model")',
        'let description = container.persistentStoreDescriptions.first!',
        'description.cloudKitContainerOptions = NSPersistentCloudKitContainerOptions(containerIdentifier: "iCloud.com.example.mine")',
        '',
      ].join('\n'));
      const options = (id: string) => `2026-12-05 10:00:00.123 Df App[1:2] [com.apple.coredata:cloudkit] CoreData+CloudKit: -[NSCloudKitMirroringDelegate _setUpCloudKitIntegration:](562): <NSCloudKitMirroringDelegate: 0x1>: Validating options: <NSCloudKitMirroringDelegateOptions: 0x2> containerIdentifier:${id} databaseScope:Private\n`;
      const other = path.join(dir, 'other.cklog');
      fs.writeFileSync(other, options('iCloud.com.example.theirs'));
      const mine = path.join(dir, 'mine.cklog');
      fs.writeFileSync(mine, options('iCloud.com.example.mine'));

      const text = await run(other, '--project', dir);
      assert.equal(text.code, 0, 'a warning does not fail the run');
      assert.match(text.out, /other\.cklog:1:\d+ warning container-mismatch The log's container iCloud\.com\.example\.theirs is not one of the project's: iCloud\.com\.example\.mine \(Persistence\.swift\)/);
      const json = JSON.parse((await run(other, '--project', dir, '--format', 'json')).out);
      assert.deepEqual(json.containerMismatches.map((m: { container: string; expected: string[]; line: number }) => [m.container, m.expected, m.line]), [['iCloud.com.example.theirs', ['iCloud.com.example.mine'], 1]]);
      const sarif = JSON.parse((await run(other, '--project', dir, '--format', 'sarif')).out);
      assert.deepEqual(sarif.runs[0].results.map((x: { ruleId: string; level: string }) => [x.ruleId, x.level]), [['container-mismatch', 'warning']]);

      assert.doesNotMatch((await run(mine, '--project', dir)).out, /container-mismatch/, 'the project\'s own container');
      assert.doesNotMatch((await run(other, '--project', dir, '--no-project')).out, /container-mismatch/, '--no-project');
      const cwd = process.cwd();
      try {
        process.chdir(dir);
        assert.match((await run(other)).out, /container-mismatch/, 'the current folder is the project by default');
      } finally {
        process.chdir(cwd);
      }
      assert.equal((await run(other, '--project')).code, 2, '--project needs a folder');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is listed by `ckdev --help`', async () => {
    let out = '';
    assert.equal(await main(['--help'], { stdout: (s) => { out += s; }, stderr: () => undefined }), 0);
    assert.match(out, /explain +explain the CloudKit errors of a sync log/);
  });
});

describe('sync logs: capture command line and model links', () => {
  it('log stream for the app and the daemons, on a Mac or in the booted simulator', () => {
    assert.deepEqual(logStreamCommand({ target: 'mac', process: 'ShoppingList' }).slice(0, 6), ['log', 'stream', '--style', 'compact', '--info', '--debug']);
    const sim = logStreamCommand({ target: 'simulator', process: 'ShoppingList', container: 'iCloud.com.example.ShoppingList', style: 'ndjson', includeDebug: false });
    assert.deepEqual(sim.slice(0, 8), ['xcrun', 'simctl', 'spawn', 'booted', 'log', 'stream', '--style', 'ndjson']);
    assert.equal(sim[8], '--predicate');
    assert.equal(sim[9], '(subsystem == "com.apple.coredata" AND process == "ShoppingList") OR (process == "dasd" AND eventMessage CONTAINS[c] "com.apple.coredata.cloudkit") OR (process == "cloudd" AND eventMessage CONTAINS "iCloud.com.example.ShoppingList") OR (process == "apsd" AND eventMessage CONTAINS[c] "ShoppingList")');
    assert.equal(logStreamPredicate({ process: 'My "App"' }).includes('process == "My \\"App\\""'), true);
    assert.deepEqual(debugLaunchArguments(3), ['-com.apple.CoreData.CloudKitDebug', '3', '-com.apple.CoreData.Logging.stderr', '1']);
  });

  it('CD_Item.CD_isChecked is Item.isChecked in the example model; relationships and asset twins too; other names are not Core Data\'s', () => {
    const text = fs.readFileSync(path.join(EXAMPLES_DIR, 'ShoppingList', 'ShoppingList.xcdatamodeld', 'ShoppingList 2.xcdatamodel', 'contents'), 'utf8');
    const model = readModelIR(text);
    const at = (rt: string, f?: string) => {
      const l = findModelElement(model, rt, f);
      return l && [l.entity, l.property, text.slice(l.span.start, l.span.end)];
    };
    assert.deepEqual(at('CD_Item', 'CD_isChecked'), ['Item', 'isChecked', 'isChecked']);
    assert.deepEqual(at('CD_Item', 'CD_list'), ['Item', 'list', 'list']);
    assert.deepEqual(at('CD_Item', 'CD_note_ckAsset'), ['Item', 'note', 'note']);
    assert.deepEqual(at('CD_Item'), ['Item', undefined, 'Item']);
    assert.equal(at('CD_Item', 'CD_nope'), undefined);
    assert.equal(at('Todo', 'order'), undefined);
  });
});
