import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { nodeFileAccess } from '../../../src/cli/node-file-access';
import { swiftModelFilesUnder } from '../../../src/core/model/swift/source';
import { readSwiftSources } from '../../../src/core/model/swift/model-read';
import { Sandbox } from '../../../src/core/sandbox';
import { modelSpecFromIR } from '../../../src/core/sandbox/model-spec';
import { EXAMPLES_DIR } from '../../helpers/paths';
import { swiftParser } from '../../helpers/swift';
import { config } from '../sandbox/fixtures';

/** The sandbox's model from a SwiftData app, as the panel builds it (extension/sandbox/model-source.ts). */
async function specOf(folder: string) {
  const files = await swiftModelFilesUnder(nodeFileAccess, path.join(EXAMPLES_DIR, folder));
  const read = readSwiftSources(files.map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8') })), await swiftParser());
  return modelSpecFromIR(read.model);
}

describe('sandbox on a SwiftData model (examples/SwiftDataShopping)', () => {
  it('the example\'s three @Model classes become the sandbox model, with their relationships and inverses', async () => {
    const spec = await specOf('SwiftDataShopping');
    assert.deepEqual(spec.entities.map((e) => e.name).sort(), ['GroceryItem', 'GroceryList', 'Tag']);
    const item = spec.entities.find((e) => e.name === 'GroceryItem')!;
    assert.deepEqual((item.attributes ?? []).map((a) => `${a.name}:${a.type}`).sort(), ['isDone:Boolean', 'note:String', 'quantity:Integer 64', 'title:String']);
    assert.deepEqual((item.relationships ?? []).map((r) => `${r.name}->${r.destination}/${r.inverse}${r.toMany ? '*' : ''}`).sort(), ['list->GroceryList/items', 'tags->Tag/items*']);
  });

  it('sets up, and objects made on device A (to-one and many-to-many) reach device B through CD_ records', async () => {
    const s = new Sandbox(config({ model: { kind: 'spec', spec: await specOf('SwiftDataShopping') } }));
    s.runUntilIdle();
    assert.equal(s.inspectDevice('A').mirroring.setup, 'succeeded');
    const list = s.create('A', 'GroceryList', { name: 'Saturday' });
    const tag = s.create('A', 'Tag', { name: 'organic' });
    const item = s.create('A', 'GroceryItem', { title: 'Apples', quantity: 6 }, { list, tags: [tag] });
    s.runUntilIdle();
    const onB = s.inspectDevice('B').objects.find((o) => o.id === item);
    assert.equal(onB?.values.title, 'Apples');
    assert.equal(onB?.relationships.list, list);
    assert.deepEqual(onB?.relationships.tags, [tag]);
    const records = s.inspectServer({ user: 'user1' }).databases[0].zones[0].records;
    assert.deepEqual([...new Set(records.map((r) => r.recordType))].sort(), ['CDMR', 'CD_GroceryItem', 'CD_GroceryList', 'CD_Tag']);
  });

  it('the Recipes example (planted CK001 / CK002) fails setup with 134060, as the app would', async () => {
    const s = new Sandbox(config({ model: { kind: 'spec', spec: await specOf('swiftdata') } }));
    s.runUntilIdle();
    const err = s.inspectDevice('A').mirroring.setupError;
    assert.equal(err?.code, 134060);
    assert.match(err?.message ?? '', /Recipe: slug/);
  });
});
