import assert from 'node:assert/strict';
import type { RelationshipIR } from '../../../src/core/model/ir';
import type { TextEdit } from '../../../src/core/text/span';
import { after, attribute, editorTestKit, entity, insert, relationship } from '../model/editor-test-kit';
import { readTypeScriptModel } from '../../../src/typescript/model-reader';

/**
 * The TypeScript model editor's exact edits on a `defineModel({...})` file written by us: default value
 * literals per type, the deletion rule, the inverse relationship, and the no-op cases. Offsets are found
 * with indexOf; each case pins the edit list, and the edited file is read again without problems.
 */

const wrap = (entities: string): string =>
  `import { defineModel } from './cloudkit-modeldef';\n\nexport default defineModel({\n  usedWithCloudKit: true,\n  entities: ${entities},\n});\n`;

const { read, expectResult } = editorTestKit((text) => readTypeScriptModel(text));

describe('TypeScript model editor: setDefaultValue literals', () => {
  const text = wrap(`{
    Note: {
      attributes: {
        raw: { type: 'Undefined' },
        flag: { type: 'Boolean' },
        count: { type: 'Integer 32' },
        label: { type: 'String' },
      },
    },
  }`);
  const { model, editor } = read(text);
  const at = (name: string): number => after(text, `${name}: { type: '${name === 'flag' ? 'Boolean' : name === 'count' ? 'Integer 32' : 'String'}'`);
  const def = (name: string, value: string): TextEdit[] | undefined => editor.setDefaultValue(attribute(model, 'Note', name), value);

  it('has no default for an Undefined attribute', () => {
    assert.equal(def('raw', '0'), undefined);
  });

  it('writes a Boolean as true only for a whole YES, true or 1 (blanks trimmed, any case)', () => {
    assert.deepEqual(def('flag', ' yes '), [insert(at('flag'), ', default: true')]);
    assert.deepEqual(def('flag', '1'), [insert(at('flag'), ', default: true')]);
    assert.deepEqual(def('flag', 'NOYES'), [insert(at('flag'), ', default: false')]);
    assert.deepEqual(def('flag', 'YESNO'), [insert(at('flag'), ', default: false')]);
  });

  it('writes a number bare (trimmed) for a numeric type, quoted otherwise', () => {
    assert.deepEqual(def('count', ' 42 '), [insert(at('count'), ', default: 42')]);
    assert.deepEqual(def('count', 'many'), [insert(at('count'), ", default: 'many'")]);
    assert.deepEqual(def('label', '42'), [insert(at('label'), ", default: '42'")]);
    expectResult(text, def('count', ' 42 ')!, text.slice(0, at('count')) + ', default: 42' + text.slice(at('count')));
  });
});

describe('TypeScript model editor: relationships and constraints', () => {
  const text = wrap(`{
    List: {
      attributes: { title: { type: 'String', optional: true } },
      relationships: {
        tags: { destination: 'Tag', toMany: true, optional: true },
      },
    },
    Item: {
      attributes: { name: { type: 'String', optional: true } },
      relationships: {
        list: { destination: 'List', optional: true },
        tag: { destination: 'Tag', inverse: 'wrong', optional: true, deletionRule: 'Nullify' },
      },
    },
    Tag: { attributes: { name: { type: 'String', optional: true } } },
  }`);
  const { model, editor } = read(text);

  it('has nothing to do for an entity without constraints or a relationship without ordered', () => {
    assert.deepEqual(editor.removeUniquenessConstraints(entity(model, 'List')), []);
    assert.deepEqual(editor.setUnordered(relationship(model, 'List', 'tags')), []);
  });

  it('inserts a deletion rule when there is none, and replaces the value of an existing one', () => {
    assert.deepEqual(editor.setDeletionRule(relationship(model, 'Item', 'list'), 'Cascade'),
      [insert(after(text, "list: { destination: 'List', optional: true"), ", deletionRule: 'Cascade'")]);
    const v = after(text, "deletionRule: '");
    assert.deepEqual(editor.setDeletionRule(relationship(model, 'Item', 'tag'), 'Deny'), [{ span: { start: v, end: v + 'Nullify'.length }, newText: 'Deny' }]);
  });

  it('adds a to-many inverse into the destination\'s relationships object, and sets `inverse`', () => {
    const edits = editor.addInverseRelationship(entity(model, 'Item'), relationship(model, 'Item', 'list'), { name: 'items', toMany: true });
    const own = after(text, "list: { destination: 'List', optional: true");
    const last = after(text, "tags: { destination: 'Tag', toMany: true, optional: true }");
    const added = ",\n        items: { destination: 'Item', inverse: 'list', toMany: true, optional: true }";
    assert.deepEqual(edits, [insert(own, ", inverse: 'items'"), insert(last, added)]);
    expectResult(text, edits, text.slice(0, last) + added + text.slice(last, own) + ", inverse: 'items'" + text.slice(own));
  });

  it('replaces a wrong inverse name, and opens a relationships object where the destination has none', () => {
    const edits = editor.addInverseRelationship(entity(model, 'Item'), relationship(model, 'Item', 'tag'), { name: 'item', toMany: false });
    const wrong = after(text, "inverse: '");
    const tag = after(text, "Tag: { attributes: { name: { type: 'String', optional: true } }");
    const added = ", relationships: { item: { destination: 'Item', inverse: 'tag', optional: true } }";
    assert.deepEqual(edits, [{ span: { start: wrong, end: wrong + 'wrong'.length }, newText: 'item' }, insert(tag, added)]);
    expectResult(text, edits, text.slice(0, wrong) + 'item' + text.slice(wrong + 'wrong'.length, tag) + added + text.slice(tag));
  });

  it('gives no edit for a node the file\'s layout does not hold', () => {
    const stranger = { ...relationship(model, 'Item', 'list'), attrs: {} } as RelationshipIR;
    assert.deepEqual(editor.setOptional(stranger), []);
  });
});
