import type { TextEdit } from '../text/span';
import type { AttributeIR, DeletionRule, EntityIR, ModelIR, RelationshipIR } from './ir';

/**
 * Minimal source edits on a model, per source format. Rules describe *what* to change through this
 * interface and never build text themselves, so every rule's quick fix works on `contents` XML and on
 * TypeScript model definitions alike. Implementations must change only the bytes they must: never
 * re-serialize the document (Xcode owns that format; reference/vscode-ecosystem.md §1 gap 3).
 */
export interface ModelEditor {
  /** Mark an attribute or relationship optional. */
  setOptional(target: AttributeIR | RelationshipIR): TextEdit[];
  /**
   * Give an attribute a default value, written the way the format stores it for the attribute's type
   * (XML: `defaultValueString`, or `defaultDateTimeInterval` for dates). `undefined` when the type has no
   * default in the format (UUID, URI, Binary, Transformable, Composite: reference §2.3).
   */
  setDefaultValue(target: AttributeIR, value: string): TextEdit[] | undefined;
  /** Remove every uniqueness constraint of the entity. */
  removeUniquenessConstraints(entity: EntityIR): TextEdit[];
  /** Make a to-many relationship unordered. */
  setUnordered(target: RelationshipIR): TextEdit[];
  setDeletionRule(target: RelationshipIR, rule: DeletionRule): TextEdit[];
  /**
   * Add the inverse of `relationship` (declared on `owner`) to its destination entity, and point
   * `relationship` at it. `toMany` and `name` describe the new inverse.
   */
  addInverseRelationship(owner: EntityIR, relationship: RelationshipIR, inverse: { name: string; toMany: boolean }): TextEdit[];
}

/** A model read from one source, with the editor that knows how to change that source. */
export interface EditableModel {
  readonly model: ModelIR;
  readonly editor: ModelEditor;
}
