import assert from 'node:assert/strict';
import { Sandbox } from '../../../src/core/sandbox';
import { ImportedValues } from '../../../src/core/sandbox/device/imported-values';
import { ModelInfo } from '../../../src/core/sandbox/device/model-info';
import { modelFromSpec } from '../../../src/core/sandbox/model-spec';
import type { ServerRecord } from '../../../src/core/sandbox/server/storage';
import { config, devices } from './fixtures';

/**
 * Issue 17 (sandbox memory): devices that import the same record version share one frozen values object;
 * a local write copies it first, so no device, and not the server, sees another device's edit.
 */
describe('sandbox: values shared between devices after an import', () => {
  const valuesOf = (s: Sandbox, d: string, id: string): unknown => s.inspectDevice(d, { limit: 1e6 }).objects.find((o) => o.id === id)?.values;

  it('an edit on one device changes neither the other devices nor the server until it is exported', () => {
    const s = new Sandbox(config({ devices: devices(3) }));
    s.runUntilIdle();
    const id = s.create('A', 'Item', { title: 'Milk', quantity: 2 });
    s.runUntilIdle();
    assert.deepEqual(valuesOf(s, 'C', id), valuesOf(s, 'B', id));
    s.apply({ type: 'setNetwork', device: 'B', mode: 'offline' });
    s.update('B', id, { title: 'Oat milk' });
    s.runUntilIdle();
    assert.equal((valuesOf(s, 'B', id) as { title: string }).title, 'Oat milk');
    assert.equal((valuesOf(s, 'C', id) as { title: string }).title, 'Milk');
    assert.equal((valuesOf(s, 'A', id) as { title: string }).title, 'Milk');
    const server = JSON.stringify(s.inspectServer({ limit: 1e6 }));
    assert.ok(server.includes('"Milk"') && !server.includes('Oat milk'), 'the server still has the old title');
    s.apply({ type: 'setNetwork', device: 'B', mode: 'online' });
    s.runUntilIdle();
    for (const d of ['A', 'C']) assert.equal((valuesOf(s, d, id) as { title: string }).title, 'Oat milk', d);
  });

  it('the memo returns the same frozen object for a record it remembers, and equal values once it forgot it', () => {
    const model = new ModelInfo(modelFromSpec({ entities: [{ name: 'Item', attributes: [{ name: 'title', type: 'String' }, { name: 'n', type: 'Integer 64', optional: false, defaultValue: '7' }] }] }));
    const info = model.entity('Item')!;
    const rec = (name: string, title: string): ServerRecord => ({
      recordName: name, recordType: 'CD_Item', fields: { CD_entityName: 'Item', CD_title: title, CD_title_ckAsset: null }, changeTag: 't', createdT: 0, modifiedT: 0, modifiedBy: null, size: 1, seq: 1,
    });
    const memo = new ImportedValues(2);
    const a = rec('a', 'x');
    const first = memo.valuesOf(a, info, () => undefined);
    assert.ok(Object.isFrozen(first));
    assert.deepEqual(first, { title: 'x', n: 7 });
    assert.equal(memo.valuesOf(a, info, () => undefined), first);
    memo.valuesOf(rec('b', 'y'), info, () => undefined);
    memo.valuesOf(rec('c', 'z'), info, () => undefined);
    const again = memo.valuesOf(a, info, () => undefined);
    assert.notEqual(again, first, 'forgotten after two newer records');
    assert.deepEqual(again, first);
  });
});
