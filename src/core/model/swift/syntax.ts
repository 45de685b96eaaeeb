import type { SwiftSyntaxNode } from '../../swift/syntax-node';
import type { Span } from '../../text/span';

/** Small helpers over tree-sitter-swift nodes (grammar alex-pinkus/tree-sitter-swift 0.7). */

export function spanOf(node: SwiftSyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

// `children` marshals every child in one call into WebAssembly; `child(i)` crosses once per child
// (measured: node marshalling was ~20% of reading a 300-file package).
export function childOfType(node: SwiftSyntaxNode, type: string): SwiftSyntaxNode | undefined {
  for (const c of node.children) if (c && c.type === type) return c;
  return undefined;
}

export function childrenOfType(node: SwiftSyntaxNode, type: string): SwiftSyntaxNode[] {
  const out: SwiftSyntaxNode[] = [];
  for (const c of node.children) if (c && c.type === type) out.push(c);
  return out;
}

/** Every child, nulls dropped (web-tree-sitter types them as nullable). */
export function childList(node: SwiftSyntaxNode): SwiftSyntaxNode[] {
  const out: SwiftSyntaxNode[] = [];
  for (const c of node.children) if (c) out.push(c);
  return out;
}

/** A node's children and their grammar types, index for index. */
export interface TypedChildren {
  readonly nodes: readonly SwiftSyntaxNode[];
  readonly types: readonly string[];
}

/**
 * The children with each one's type read once: `type` is not a stored field of a web-tree-sitter node
 * but a call into WebAssembly, and code that tests a child's type against several candidates would pay
 * that call per test (measured: 290 `type` reads per file of the 300-file benchmark before this).
 */
export function typedChildren(node: SwiftSyntaxNode): TypedChildren {
  // One pass over `children`, without first copying it into a null-free list (`childList`): a node is
  // listed here for every child the reader may look at, so this runs for most nodes it reads.
  const all = node.children;
  const nodes: SwiftSyntaxNode[] = [];
  const types: string[] = [];
  for (let i = 0; i < all.length; i++) {
    const c = all[i];
    if (c) { nodes.push(c); types.push(c.type); }
  }
  return { nodes, types };
}

/** One argument of an attribute or macro: `label: value` or a bare value, with spans. */
export interface SwiftArgument {
  readonly label?: string;
  readonly labelSpan?: Span;
  /**
   * The value's span (empty at the label's end when there is none). Plain data, never nodes: a node is
   * invalid once its tree is deleted, and the declarations outlive the tree.
   */
  readonly valueSpan: Span;
  /** From the label (or value) to the end of the value, without the comma. */
  readonly span: Span;
  readonly valueText: string;
}

/**
 * The arguments of an `@Attribute(...)`-like attribute. tree-sitter-swift gives an attribute's
 * arguments as a flat list of children (`(`, label, `:`, value, `,` ... `)`), so they are regrouped
 * at the comma tokens; a `simple_identifier` directly followed by `:` is a label.
 */
export function attributeArguments(attr: SwiftSyntaxNode, text: string, typed: TypedChildren = typedChildren(attr)): SwiftArgument[] {
  const { nodes: kids, types } = typed;
  const open = types.indexOf('(');
  if (open < 0) return [];
  const out: SwiftArgument[] = [];
  let label: SwiftSyntaxNode | undefined;
  let value: SwiftSyntaxNode[] = [];
  const flush = (): void => {
    if (!label && value.length === 0) return;
    const first = label ?? value[0];
    const last = value.length > 0 ? value[value.length - 1] : label!;
    const span = { start: first.startIndex, end: last.endIndex };
    // Built field by field: with an object spread per argument, a profile of the declaration walk put `flush` at 7.6%.
    const arg: { -readonly [K in keyof SwiftArgument]: SwiftArgument[K] } = {
      valueSpan: value.length > 0 ? { start: value[0].startIndex, end: last.endIndex } : { start: span.end, end: span.end },
      span,
      valueText: value.length > 0 ? text.slice(value[0].startIndex, last.endIndex) : '',
    };
    if (label) { arg.label = label.text; arg.labelSpan = spanOf(label); }
    out.push(arg);
    label = undefined;
    value = [];
  };
  for (let i = open + 1; i < kids.length; i++) {
    const k = kids[i];
    const type = types[i];
    if (type === ')') break;
    if (type === ',') { flush(); continue; }
    if (type === ':') continue;
    if (type === 'simple_identifier' && types[i + 1] === ':' && value.length === 0) { label = k; continue; }
    if (type === 'comment' || type === 'multiline_comment') continue;
    value.push(k);
  }
  flush();
  return out;
}

/** The `(`...`)` of an attribute, when it has one. */
export function argumentParens(attr: SwiftSyntaxNode, typed: TypedChildren = typedChildren(attr)): { open: Span; close: Span } | undefined {
  const open = typed.types.indexOf('(');
  const close = typed.types.lastIndexOf(')');
  return open >= 0 && close >= 0 ? { open: spanOf(typed.nodes[open]), close: spanOf(typed.nodes[close]) } : undefined;
}

/**
 * The attribute's name (`Model`, `Attribute`, `Relationship`...), last component of a qualified name. Called
 * without its children (`typed`), it reads the plain `@Name` form from the text and lists them only otherwise.
 */
export function attributeName(attr: SwiftSyntaxNode, typed?: TypedChildren): string | undefined {
  if (!typed) {
    // `@Name` alone (most attributes): the text says it without listing the children.
    const plain = plainAttributeName(attr.text);
    if (plain !== undefined) return plain;
    typed = typedChildren(attr);
  }
  const at = typed.types.indexOf('user_type');
  if (at < 0) return undefined;
  const ids = childrenOfType(typed.nodes[at], 'type_identifier');
  return ids.length > 0 ? ids[ids.length - 1].text : undefined;
}

/** `Transient` for an attribute written `@Transient`; undefined when it has arguments, a qualified name or spaces. */
export function plainAttributeName(attributeText: string): string | undefined {
  return attributeText.charCodeAt(0) === 64 /* @ */ && isPlainIdentifier(attributeText.slice(1)) ? attributeText.slice(1) : undefined;
}

/**
 * Whether the text is one plain identifier (`name`, `String`): then a node's text
 * is all a reader needs, and listing its children (a WebAssembly call and a node object each) can be skipped.
 */
export function isPlainIdentifier(text: string): boolean {
  return PLAIN_IDENTIFIER.test(text);
}

const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The last identifier of a possibly qualified type name (`KadoSchemaV4.HabitRecord` -> `HabitRecord`). */
export function lastComponent(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? name : name.slice(i + 1);
}

/** Node types whose text is comment or string content (where `#Unique` is not code). */
export const NON_CODE_TYPES: ReadonlySet<string> = new Set([
  'comment', 'multiline_comment', 'line_str_text', 'multi_line_str_text', 'line_string_literal', 'multi_line_string_literal',
  'raw_string_literal', 'raw_str_part', 'str_escaped_char', '"', '"""',
]);
