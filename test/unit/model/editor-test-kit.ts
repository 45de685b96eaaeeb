import assert from 'node:assert/strict';
import type { ModelEditor } from '../../../src/core/model/editor';
import type { AttributeIR, EntityIR, ModelIR, RelationshipIR } from '../../../src/core/model/ir';
import { applyEdits, type TextEdit } from '../../../src/core/text/span';

/**
 * Shared helpers of the model-editor edit tests (XML and TypeScript): read a model we wrote (it must read
 * without problems), find offsets with indexOf, and check an edited file whole and that it still reads.
 */
export type ReadModel = (text: string) => { model: ModelIR; editor: ModelEditor };

export function editorTestKit(readModel: ReadModel) {
  const read = (text: string): { model: ModelIR; editor: ModelEditor } => {
    const r = readModel(text);
    assert.deepEqual(r.model.problems, []);
    return r;
  };
  /** Applies the edits, checks the whole result, and that it still reads cleanly. */
  const expectResult = (text: string, edits: readonly TextEdit[], expected: string): void => {
    const out = applyEdits(text, edits);
    assert.equal(out, expected);
    assert.deepEqual(readModel(out).model.problems, []);
  };
  return { read, expectResult };
}

/** The offset just after the first occurrence of `s` (which must be there once only). */
export function after(text: string, s: string): number {
  const i = text.indexOf(s);
  assert.ok(i >= 0 && text.indexOf(s, i + 1) < 0, `"${s}" must occur once`);
  return i + s.length;
}

export const insert = (at: number, newText: string): TextEdit => ({ span: { start: at, end: at }, newText });

export const entity = (m: ModelIR, name: string): EntityIR => m.entities.find((e) => e.name === name)!;
export const attribute = (m: ModelIR, e: string, name: string): AttributeIR => entity(m, e).attributes.find((a) => a.name === name)!;
export const relationship = (m: ModelIR, e: string, name: string): RelationshipIR => entity(m, e).relationships.find((r) => r.name === name)!;
