import assert from 'node:assert/strict';
import type { EditableModel } from '../../../src/core/model/editor';
import { ModelSourceRegistry, type ModelSource } from '../../../src/core/model/model-source';
import { uniqueTypeName } from '../../../src/core/model/typescript/names';
import { typescriptModelSource } from '../../../src/core/model/typescript/source';

/**
 * Small pieces around the TypeScript model source, with values written by us: the interface names it
 * generates, which paths it claims and what it hands its lazily loaded reader, and how the source
 * registry picks a source by path or id.
 */

describe('TypeScript names: uniqueTypeName', () => {
  it('prefixes an empty name and one starting with a digit, keeps digits further in', () => {
    assert.equal(uniqueTypeName('', new Set()), '_');
    assert.equal(uniqueTypeName('1st', new Set()), '_1st');
    assert.equal(uniqueTypeName('a1', new Set()), 'a1');
    assert.equal(uniqueTypeName('a-b', new Set()), 'a_b');
  });

  it('counts up from _2 past the names taken, and records the one it returns', () => {
    const taken = new Set(['Item', 'Item_2']);
    assert.equal(uniqueTypeName('Item', taken), 'Item_3');
    assert.deepEqual([...taken], ['Item', 'Item_2', 'Item_3']);
  });
});

describe('TypeScript model source', () => {
  it('claims *.cdmodel.ts paths only', () => {
    const source = typescriptModelSource(() => { throw new Error('not loaded for claims'); });
    assert.equal(source.claims('/p/Model.cdmodel.ts'), true);
    assert.equal(source.claims('/p/model.ts'), false);
    assert.equal(source.claims('.cdmodel.ts.bak'), false);
  });

  it('hands the loaded reader the first file\'s text and path, or an empty text without a file', async () => {
    const calls: [string, string | undefined][] = [];
    const result = { model: undefined, editor: undefined } as unknown as EditableModel;
    const source = typescriptModelSource(() => ({ readTypeScriptModel: (text: string, fileName?: string) => { calls.push([text, fileName]); return result; } }));
    assert.equal(await source.read([{ path: '/p/A.cdmodel.ts', text: 'defineModel({})' }, { path: '/p/B.cdmodel.ts', text: 'x' }], {}), result);
    await source.read([], {});
    assert.deepEqual(calls, [['defineModel({})', '/p/A.cdmodel.ts'], ['', undefined]]);
  });
});

describe('model source registry', () => {
  const source = (id: string, ext: string): ModelSource => ({
    id, label: id, globs: [], languages: [], claims: (p) => p.endsWith(ext), read: () => { throw new Error('unused'); },
  });
  const registry = new ModelSourceRegistry([source('a', '.x'), source('b', '.y'), source('c', '.y')]);

  it('gives the first source that claims a path, or none', () => {
    assert.equal(registry.forPath('m.y')?.id, 'b');
    assert.equal(registry.forPath('m.x')?.id, 'a');
    assert.equal(registry.forPath('m.z'), undefined);
  });

  it('finds a source by its id, or none', () => {
    assert.equal(registry.byId('c')?.id, 'c');
    assert.equal(registry.byId('d'), undefined);
  });
});
