/**
 * The part of a tree-sitter syntax node that the pure Swift readers use. It is structural: a
 * web-tree-sitter `Node` satisfies it, so src/core never imports web-tree-sitter (or anything Node- or
 * DOM-specific) and readers can be tested on any object of this shape.
 *
 * Offsets (`startIndex`, `endIndex`) are UTF-16 code-unit offsets into the parsed JavaScript string,
 * which is what web-tree-sitter reports when it parses a JS string, and what our text spans use.
 * Positions are zero-based rows and columns (columns also in UTF-16 code units).
 */
export interface SwiftPoint {
  readonly row: number;
  readonly column: number;
}

export interface SwiftSyntaxNode {
  /** Grammar node type (`class_declaration`, `property_declaration`, `ERROR`...). */
  readonly type: string;
  /** The source text the node covers. */
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: SwiftPoint;
  readonly endPosition: SwiftPoint;
  /** Whether the node is named in the grammar (anonymous nodes are punctuation and keywords). */
  readonly isNamed: boolean;
  /** An `ERROR` node: text the grammar could not place. */
  readonly isError: boolean;
  /** A node the parser inserted to recover (zero width). */
  readonly isMissing: boolean;
  /** Whether this node or one below it is an error or missing node. */
  readonly hasError: boolean;
  readonly childCount: number;
  readonly namedChildCount: number;
  child(index: number): SwiftSyntaxNode | null;
  namedChild(index: number): SwiftSyntaxNode | null;
  readonly children: readonly (SwiftSyntaxNode | null)[];
  readonly namedChildren: readonly (SwiftSyntaxNode | null)[];
  childForFieldName(fieldName: string): SwiftSyntaxNode | null;
  childrenForFieldName(fieldName: string): readonly (SwiftSyntaxNode | null)[];
  fieldNameForChild(index: number): string | null;
  readonly parent: SwiftSyntaxNode | null;
  readonly nextSibling: SwiftSyntaxNode | null;
  readonly previousSibling: SwiftSyntaxNode | null;
  readonly nextNamedSibling: SwiftSyntaxNode | null;
  readonly previousNamedSibling: SwiftSyntaxNode | null;
  /** The smallest node that spans the given offsets. */
  descendantForIndex(start: number, end?: number): SwiftSyntaxNode | null;
}

/** One parse result. `delete()` frees the tree's WebAssembly memory; nodes are invalid after it. */
export interface SwiftSyntaxTree {
  readonly rootNode: SwiftSyntaxNode;
  delete(): void;
}

/** A loaded Swift parser (see src/swift-parser/ for the loaders). */
export interface SwiftParser {
  /** Parses Swift source text; never throws on bad Swift (errors become `ERROR` nodes). */
  parse(text: string): SwiftSyntaxTree;
}
