import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MODELDEF_HELPER_FILE, MODELDEF_HELPER_SOURCE } from '../../../src/modeldef/source';
import { readTypeScriptModel } from '../../../src/typescript/model-reader';
import { REPO_ROOT } from '../../helpers/paths';
import { toTs } from '../../helpers/modelSpec';
import { typeCheck } from '../../helpers/tscheck';

const MODEL = `import { defineModel } from './cloudkit-modeldef';

export default defineModel({
  usedWithCloudKit: true,
  entities: {
    Note: {
      attributes: {
        title: { type: 'String', optional: true },
        created: { type: 'Date', default: 0 },
      },
      relationships: {
        folder: { destination: 'Folder', inverse: 'notes', optional: true, deletionRule: 'Nullify' },
      },
    },
    Folder: {
      attributes: { name: { type: 'String', default: '' } },
      relationships: { notes: { destination: 'Note', inverse: 'folder', toMany: true, optional: true } },
      uniquenessConstraints: [['name']],
    },
  },
  configurations: { Cloud: { entities: ['Note', 'Folder'], usedWithCloudKit: true } },
});
`;

describe('defineModel helper (src/modeldef)', () => {
  it('the helper text written into projects is exactly src/modeldef/index.ts', () => {
    assert.equal(MODELDEF_HELPER_SOURCE, fs.readFileSync(path.join(REPO_ROOT, 'src/modeldef/index.ts'), 'utf8'));
    assert.equal(MODELDEF_HELPER_FILE, 'cloudkit-modeldef.ts');
  });

  it('the copy in examples/web is the helper the command writes (it is what a user workspace holds)', () => {
    assert.equal(fs.readFileSync(path.join(REPO_ROOT, 'examples/web', MODELDEF_HELPER_FILE), 'utf8'), MODELDEF_HELPER_SOURCE);
  });

  it('a model written with it compiles with tsc --strict, and the reader reads the same file', () => {
    assert.deepEqual(typeCheck({ 'cloudkit-modeldef.ts': MODELDEF_HELPER_SOURCE, 'notes.cdmodel.ts': MODEL }), []);
    const { model } = readTypeScriptModel(MODEL);
    assert.deepEqual(model.problems, []);
    assert.deepEqual(model.entities.map((e) => e.name), ['Note', 'Folder']);
  });

  it('the test models of the parity suite compile against it too', () => {
    const def = { usedWithCloudKit: true, entities: { A: { attributes: { x: { type: 'Integer 64' as const, optional: true, userInfo: { k: 'v' } } } } } };
    assert.deepEqual(typeCheck({ 'cloudkit-modeldef.ts': MODELDEF_HELPER_SOURCE, 'a.cdmodel.ts': toTs(def) }), []);
  });

  it('tsc rejects a misspelt type, deletion rule or key (authors get errors and completion)', () => {
    const bad = MODEL.replace("type: 'String', optional: true", "type: 'Strng', optional: true")
      .replace("deletionRule: 'Nullify'", "deletionRule: 'Delete'")
      .replace('toMany: true', 'tomany: true');
    const errors = typeCheck({ 'cloudkit-modeldef.ts': MODELDEF_HELPER_SOURCE, 'notes.cdmodel.ts': bad });
    assert.ok(errors.some((e) => e.includes('"Strng"')), errors.join('\n'));
    assert.ok(errors.some((e) => e.includes('"Delete"')), errors.join('\n'));
    assert.ok(errors.some((e) => e.includes('tomany')), errors.join('\n'));
  });
});
