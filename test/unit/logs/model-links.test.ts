import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { containerMismatches } from '../../../src/core/logs/container-check';
import { findModelElement } from '../../../src/core/logs/model-link';
import { readSyncLog } from '../../../src/core/logs/reader';
import { namesValidatorItem } from '../../../src/core/logs/validator-item-match';
import { modelSources } from '../../../src/model-sources';
import { EXAMPLES_DIR } from '../../helpers/paths';

/**
 * A CloudKit name in a log opens the element in whatever format the model is written in: the link goes
 * through the model-source registry (src/model-sources.ts, as the editor's ModelIndex reads models) and
 * the one record-type mapping. And the log's container is compared with the project's.
 */
async function readThroughRegistry(files: readonly string[]) {
  const texts = files.map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8') }));
  const read = await modelSources.forPath(files[0])!.read(texts, {});
  // The span in the file it falls in, as ModelIndex maps it.
  const slice = (span: { start: number; end: number }) => {
    let start = 0;
    for (const t of texts) {
      const at = read.fileStart?.(t.path) ?? start;
      if (span.start >= at && span.start < at + t.text.length) return [path.basename(t.path), t.text.slice(span.start - at, span.end - at)];
      start = at + t.text.length;
    }
    return undefined;
  };
  return { model: read.model, slice };
}

describe('sync logs: links to every model format, container check', () => {
  it('CD_Item.CD_isChecked is Item.isChecked in the TypeScript model', async () => {
    const { model, slice } = await readThroughRegistry([path.join(EXAMPLES_DIR, 'web', 'ShoppingList.cdmodel.ts')]);
    const l = findModelElement(model, 'CD_Item', 'CD_isChecked');
    assert.ok(l);
    assert.deepEqual([l.entity, l.property, ...slice(l.span)!], ['Item', 'isChecked', 'ShoppingList.cdmodel.ts', 'isChecked']);
    assert.equal(findModelElement(model, 'CD_Item', 'CD_nope'), undefined);
  });

  it('CD_Recipe.CD_title is the title property of the SwiftData @Model class, in its own file of the multi-file model', async function () {
    this.timeout(30_000);
    const dir = path.join(EXAMPLES_DIR, 'swiftdata', 'Recipes', 'Models');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.swift')).sort().map((f) => path.join(dir, f));
    const { model, slice } = await readThroughRegistry(files);
    const title = findModelElement(model, 'CD_Recipe', 'CD_title');
    assert.ok(title);
    assert.deepEqual([title.entity, title.property, ...slice(title.span)!], ['Recipe', 'title', 'Recipe.swift', 'title']);
    const qty = findModelElement(model, 'CD_Ingredient', 'CD_quantity');
    assert.ok(qty);
    assert.deepEqual(slice(qty.span), ['Ingredient.swift', 'quantity']);
    const entity = findModelElement(model, 'CD_Cookbook');
    assert.deepEqual(entity && slice(entity.span), ['Cookbook.swift', 'Cookbook']);
  });

  it('a container the project does not name is one warning at its first mention; the project\'s own is not', () => {
    const log = readSyncLog(fs.readFileSync(path.join(EXAMPLES_DIR, 'logs', 'setup-failed.cklog'), 'utf8'));
    assert.deepEqual(containerMismatches(log, []), [], 'no project containers: nothing to compare');
    assert.deepEqual(containerMismatches(log, [{ id: 'iCloud.com.example.ShoppingList', where: 'App.entitlements' }]), []);
    const m = containerMismatches(log, [{ id: 'iCloud.com.example.Other', where: 'App.entitlements' }]);
    assert.equal(m.length, 1);
    assert.equal(m[0].container, 'iCloud.com.example.ShoppingList');
    assert.equal(m[0].range.start.line, 0, 'the options dump, where it is first named');
    assert.deepEqual(m[0].expected, ['iCloud.com.example.Other']);
    assert.match(m[0].message, /iCloud\.com\.example\.Other \(App\.entitlements\)/);
  });
});

describe('sync logs: 134060 items and the model rules\' findings', () => {
  it('a finding names a validator item when the item stands as a word in its message', () => {
    const msg = 'CloudKit integration requires that all attributes be optional, or have a default value set. The following attributes are marked non-optional but do not have a default value: ShoppingList: name';
    assert.equal(namesValidatorItem(msg, 'ShoppingList: name'), true);
    assert.equal(namesValidatorItem(msg, 'ShoppingList:name'), true, 'spacing after the colon');
    assert.equal(namesValidatorItem(msg, 'ShoppingList: nam'), false, 'a prefix of the property');
    assert.equal(namesValidatorItem(msg, 'List: name'), false, 'a suffix of the entity');
    assert.equal(namesValidatorItem(msg, 'Item: name'), false);
    assert.equal(namesValidatorItem('… are marked ordered: A.B: items.', 'A.B: items'), true, 'dots in the name, a full stop after');
    assert.equal(namesValidatorItem(msg, 'no colon'), false);
  });
});
