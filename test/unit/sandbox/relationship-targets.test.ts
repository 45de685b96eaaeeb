/**
 * Relationship targets of a save (src/core/sandbox/device/relationship-targets.ts): each target must be a
 * string id of an object that exists and is of the destination entity or a subentity, else a
 * SandboxInputError with an exact message. The model (Note/SpecialNote/Folder/Tag) and the objects are ours.
 */
import assert from 'node:assert/strict';
import { checkRelationshipTargets, isKindOf } from '../../../src/core/sandbox/device/relationship-targets';
import { SandboxInputError } from '../../../src/core/sandbox/api';
import type { ObjectChange } from '../../../src/core/sandbox/api';
import { modelInfo } from './device-fixtures';

const m = modelInfo();
const objects: Record<string, string> = { N1: 'Note', S1: 'SpecialNote', F1: 'Folder', T1: 'Tag', C1: 'Cover' };
const entityOf = (id: string): string | undefined => objects[id];
const exists = (id: string): boolean => id in objects || id === 'GHOST';

function check(changes: ObjectChange[]): void {
  checkRelationshipTargets(m, changes, entityOf, exists);
}

function throwsInput(changes: ObjectChange[], message: string): void {
  assert.throws(() => check(changes), (e: unknown) => e instanceof SandboxInputError && e.message === message);
}

describe('sandbox: device relationship targets', () => {
  it('accepts targets of the destination entity or a subentity, and empty values', () => {
    check([
      { op: 'insert', entity: 'Note', id: 'N2', relationships: { folder: 'F1', tags: ['T1'], cover: null } },
      { op: 'update', id: 'F1', relationships: { notes: ['N1', 'S1'] } },
      { op: 'update', id: 'N1', relationships: { folder: undefined as never } },
    ]);
  });

  it('refuses a target that is not a string', () => {
    throwsInput([{ op: 'insert', entity: 'Note', relationships: { folder: 5 as never } }], 'relationship Note.folder: object ids must be strings, not 5');
    throwsInput([{ op: 'update', id: 'F1', relationships: { notes: ['N1', null as never] } }], 'relationship Folder.notes: object ids must be strings, not null');
  });

  it('refuses a target that does not exist', () => {
    throwsInput([{ op: 'insert', entity: 'Note', relationships: { folder: 'F9' } }], "relationship Note.folder: no object 'F9' on this device");
  });

  it('refuses a target of another entity, naming to-one or to-many', () => {
    throwsInput([{ op: 'insert', entity: 'Note', relationships: { folder: 'T1' } }],
      'relationship Note.folder expects Folder objects; \'T1\' is Tag (Core Data: "Unacceptable type of value for to-one relationship")');
    throwsInput([{ op: 'update', id: 'F1', relationships: { notes: ['N1', 'C1'] } }],
      'relationship Folder.notes expects Note objects; \'C1\' is Cover (Core Data: "Unacceptable type of value for to-many relationship")');
  });

  it('a target that exists without a known entity is unknown', () => {
    throwsInput([{ op: 'insert', entity: 'Note', relationships: { folder: 'GHOST' } }],
      'relationship Note.folder expects Folder objects; \'GHOST\' is unknown (Core Data: "Unacceptable type of value for to-one relationship")');
  });

  it('a parent entity is not a kind of its subentity', () => {
    const sm = modelInfo({ entities: [
      { name: 'Note' }, { name: 'Special', parent: 'Note' },
      { name: 'Box', relationships: [{ name: 'special', destination: 'Special' }] },
    ] });
    assert.throws(() => checkRelationshipTargets(sm, [{ op: 'insert', entity: 'Box', relationships: { special: 'N' } }], () => 'Note', () => true),
      /relationship Box.special expects Special objects; 'N' is Note/);
  });

  it('skips deletes, unknown entities, unknown objects and unknown relationships', () => {
    check([
      { op: 'delete', id: 'N1', relationships: { folder: 'T1' } } as never,
      { op: 'insert', entity: 'Nope', relationships: { folder: 'T1' } },
      { op: 'update', id: 'N9', relationships: { folder: 'T1' } },
      { op: 'insert', entity: 'Note', relationships: { nope: 'T1' } },
      { op: 'insert', entity: 'Note' },
    ]);
  });

  it('checks every change, not only the first', () => {
    throwsInput([
      { op: 'insert', entity: 'Note', relationships: { folder: 'F1' } },
      { op: 'insert', entity: 'Note', relationships: { cover: 'F1' } },
    ], 'relationship Note.cover expects Cover objects; \'F1\' is Folder (Core Data: "Unacceptable type of value for to-one relationship")');
  });

  describe('isKindOf', () => {
    it('an entity is a kind of itself and of its ancestors, not of its descendants or strangers', () => {
      assert.equal(isKindOf(m, 'Note', 'Note'), true);
      assert.equal(isKindOf(m, 'SpecialNote', 'Note'), true);
      assert.equal(isKindOf(m, 'SpecialNote', 'Base'), true);
      assert.equal(isKindOf(m, 'Note', 'SpecialNote'), false);
      assert.equal(isKindOf(m, 'Folder', 'Note'), false);
      assert.equal(isKindOf(m, 'Unknown', 'Note'), false);
      assert.equal(isKindOf(m, 'Unknown', 'Unknown'), true);
    });

    it('terminates on a parent cycle', () => {
      const cyc = modelInfo({ entities: [{ name: 'P', parent: 'Q' }, { name: 'Q', parent: 'P' }, { name: 'R' }] });
      assert.equal(isKindOf(cyc, 'P', 'R'), false);
      assert.equal(isKindOf(cyc, 'P', 'Q'), true);
    });
  });
});
