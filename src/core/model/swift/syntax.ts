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
export function attributeArguments(attr: SwiftSyntaxNode, text: string): SwiftArgument[] {
  const kids = childList(attr);
  const open = kids.findIndex((k) => k.type === '(');
  if (open < 0) return [];
  const out: SwiftArgument[] = [];
  let label: SwiftSyntaxNode | undefined;
  let value: SwiftSyntaxNode[] = [];
  const flush = (): void => {
    if (!label && value.length === 0) return;
    const first = label ?? value[0];
    const last = value.length > 0 ? value[value.length - 1] : label!;
    const span = { start: first.startIndex, end: last.endIndex };
    out.push({
      ...(label ? { label: label.text, labelSpan: spanOf(label) } : {}),
      valueSpan: value.length > 0 ? { start: value[0].startIndex, end: last.endIndex } : { start: span.end, end: span.end },
      span,
      valueText: value.length > 0 ? text.slice(value[0].startIndex, last.endIndex) : '',
    });
    label = undefined;
    value = [];
  };
  for (let i = open + 1; i < kids.length; i++) {
    const k = kids[i];
    if (k.type === ')' ) break;
    if (k.type === ',') { flush(); continue; }
    if (k.type === ':') continue;
    if (k.type === 'simple_identifier' && kids[i + 1]?.type === ':' && value.length === 0) { label = k; continue; }
    if (k.type === 'comment' || k.type === 'multiline_comment') continue;
    value.push(k);
  }
  flush();
  return out;
}

/** The `(`...`)` of an attribute, when it has one. */
export function argumentParens(attr: SwiftSyntaxNode): { open: Span; close: Span } | undefined {
  const kids = childList(attr);
  const open = kids.find((k) => k.type === '(');
  const close = [...kids].reverse().find((k) => k.type === ')');
  return open && close ? { open: spanOf(open), close: spanOf(close) } : undefined;
}

/** The attribute's name (`Model`, `Attribute`, `Relationship`...), last component of a qualified name. */
export function attributeName(attr: SwiftSyntaxNode): string | undefined {
  const type = childOfType(attr, 'user_type');
  if (!type) return undefined;
  const ids = childrenOfType(type, 'type_identifier');
  return ids.length > 0 ? ids[ids.length - 1].text : undefined;
}

/** The `@...` attributes in a declaration's `modifiers`. */
export function attributesOf(decl: SwiftSyntaxNode): SwiftSyntaxNode[] {
  const mods = childOfType(decl, 'modifiers');
  return mods ? childrenOfType(mods, 'attribute') : [];
}

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
