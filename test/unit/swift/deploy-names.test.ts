import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkCommand } from '../../../src/cli/commands/check';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { checkModelAgainstProduction, declarationNameAt, nameCodeDeclarations } from '../../../src/core/deploy';
import { readModelIR } from '../../../src/core/model/xml';
import { readSwift } from '../../helpers/swift';

/** Our own one-class app and a production schema where CD_count has another type and CD_note is missing. */
const ITEM = `import SwiftData

@Model final class Item {
    var title: String = ""
    var count: Int = 0
    var note: String?
    init() {}
}
`;
const PROD = `DEFINE SCHEMA
RECORD TYPE CD_Item (
  "___recordID" REFERENCE QUERYABLE,
  CD_entityName STRING,
  CD_title STRING,
  CD_count STRING
);
`;

describe('Check Schema Deploy on a SwiftData model names the Swift declarations', () => {
  it('each change inside a class or property ends with `(Swift: Item.count)`; the spans are unchanged', async () => {
    const m = await readSwift({ 'Item.swift': ITEM });
    const plan = checkModelAgainstProduction(m.model, parseCkdb(PROD).schema);
    const named = nameCodeDeclarations(plan, m.model);
    const mismatch = named.changes.find((c) => c.kind === 'field-type-mismatch-in-production')!;
    assert.match(mismatch.message, / \(Swift: Item\.count\)$/);
    assert.equal(ITEM.slice(mismatch.devSpan!.start, mismatch.devSpan!.end), 'count');
    const note = named.changes.find((c) => c.field === 'CD_note')!;
    assert.match(note.message, /\(Swift: Item\.note\)$/);
    assert.deepEqual(named.changes.map((c) => c.devSpan), plan.changes.map((c) => c.devSpan));
    assert.equal(declarationNameAt(m.model, { start: 0, end: 1 }), undefined);
  });

  it('an Xcode model is left as it is', () => {
    const xml = '<?xml version="1.0"?><model usedWithCloudKit="YES"><entity name="Item" representedClassName="Item"><attribute name="count" optional="YES" attributeType="Integer 64" defaultValueString="0" usesScalarValueType="YES"/></entity></model>';
    const model = readModelIR(xml);
    const plan = checkModelAgainstProduction(model, parseCkdb(PROD).schema);
    assert.ok(plan.changes.length > 0);
    assert.equal(nameCodeDeclarations(plan, model), plan);
  });

  it('ckdev check --dev <Swift folder> reports at the Swift line with the declaration (text and SARIF)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-swift-check-'));
    fs.writeFileSync(path.join(dir, 'Package.swift'), '// swift-tools-version:5.9\n');
    fs.mkdirSync(path.join(dir, 'Sources'));
    fs.writeFileSync(path.join(dir, 'Sources', 'Item.swift'), ITEM);
    fs.writeFileSync(path.join(dir, 'prod.ckdb'), PROD);
    const run = async (...args: string[]) => {
      let out = '';
      const code = await checkCommand.run(args, { stdout: (s) => { out += s; }, stderr: () => {} });
      return { code, out };
    };
    const text = await run('--dev', dir, '--prod', path.join(dir, 'prod.ckdb'));
    assert.equal(text.code, 1);
    assert.match(text.out, /Item\.swift:5:\d+ error field-type-mismatch-in-production .*\(Swift: Item\.count\)/);
    const sarif = JSON.parse((await run('--dev', dir, '--prod', path.join(dir, 'prod.ckdb'), '--format', 'sarif')).out) as { runs: { results: { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const hit = sarif.runs[0].results.find((r) => r.ruleId === 'field-type-mismatch-in-production')!;
    assert.equal(path.basename(hit.locations[0].physicalLocation.artifactLocation.uri), 'Item.swift');
    assert.equal(hit.locations[0].physicalLocation.region.startLine, 5);
    assert.match(hit.message.text, /Item\.count/);
  });
});
