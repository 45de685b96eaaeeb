import type { Span } from '../../text/span';
import type { ModelNode } from '../ir';

/**
 * Where the object literals of a TypeScript model definition are, so the TypeScript ModelEditor can
 * insert or remove properties with minimal edits. Produced by the ts-morph reader (src/typescript),
 * consumed by the pure editor in this folder: plain data keyed by the IR nodes of the same read.
 */
export interface ObjectLayout {
  /** The object literal, `{` to `}` inclusive. */
  readonly span: Span;
  /** End of the last property (before any trailing comma), when the object has properties. */
  readonly lastPropertyEnd?: number;
  /** Leading whitespace of the last property when it starts its own line (multi-line object). */
  readonly propertyIndent?: string;
}

export interface TypeScriptModelLayout {
  /** The object literal of each entity, attribute and relationship node. */
  readonly objects: ReadonlyMap<ModelNode, ObjectLayout>;
  /** The `relationships: { ... }` object of each entity that has one. */
  readonly relationshipObjects: ReadonlyMap<ModelNode, ObjectLayout>;
  /** The quote the file uses for string literals (the first one read). */
  readonly quote: "'" | '"';
  /** The line break the file uses. */
  readonly eol: '\n' | '\r\n';
}
