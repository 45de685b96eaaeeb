import type { SwiftSyntaxNode } from '../swift/syntax-node';
import type { Span } from '../text/span';
import type { SwiftValue } from './setup-model';

/** Small helpers over tree-sitter-swift nodes shared by the container-setup and Tuist readers. */
export const spanOf = (n: SwiftSyntaxNode): Span => ({ start: n.startIndex, end: n.endIndex });

/** The string a literal denotes, when it has no interpolation. */
export function stringLiteralOf(n: SwiftSyntaxNode | null | undefined): string | undefined {
  if (!n || (n.type !== 'line_string_literal' && n.type !== 'multi_line_string_literal')) return undefined;
  let out = '';
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (c.type === 'line_str_text' || c.type === 'multi_line_str_text') out += c.text;
    else if (c.type === 'str_escaped_char') out += c.text.length === 2 ? c.text[1] : c.text;
    else return undefined; // interpolation
  }
  return out;
}

export function valueOf(n: SwiftSyntaxNode): SwiftValue {
  const literal = stringLiteralOf(n);
  return { text: n.text, span: spanOf(n), ...(literal !== undefined ? { literal } : {}) };
}

/** The name a call's callee ends with: `Foo(...)`, `a.b.Foo(...)`, `.private(...)` -> `Foo` / `private`. */
export function calleeName(call: SwiftSyntaxNode): { name: string; node: SwiftSyntaxNode } | undefined {
  const callee = call.namedChild(0);
  if (!callee) return undefined;
  if (callee.type === 'simple_identifier' || callee.type === 'type_identifier') return { name: callee.text, node: callee };
  if (callee.type === 'navigation_expression' || callee.type === 'prefix_expression') {
    const last = lastIdentifier(callee);
    return last ? { name: last.text, node: last } : undefined;
  }
  if (callee.type === 'user_type') return { name: callee.text, node: callee };
  return undefined;
}

function lastIdentifier(n: SwiftSyntaxNode): SwiftSyntaxNode | undefined {
  let found: SwiftSyntaxNode | undefined;
  const suffix = n.childForFieldName('suffix') ?? n.childForFieldName('target');
  if (n.type === 'navigation_expression' && suffix) {
    const id = suffix.childForFieldName('suffix') ?? suffix.namedChild(suffix.namedChildCount - 1);
    if (id && id.type === 'simple_identifier') return id;
  }
  if (n.type === 'prefix_expression') {
    const t = n.childForFieldName('target');
    if (t?.type === 'simple_identifier') return t;
  }
  for (const c of n.namedChildren) if (c?.type === 'simple_identifier') found = c;
  return found;
}

export interface Arg { label?: string; value: SwiftSyntaxNode }

export function argumentsOf(call: SwiftSyntaxNode): Arg[] {
  const suffix = call.namedChildren.find((c) => c?.type === 'call_suffix');
  const args = suffix?.namedChildren.find((c) => c?.type === 'value_arguments');
  if (!args) return [];
  const out: Arg[] = [];
  for (const a of args.namedChildren) {
    if (a?.type !== 'value_argument') continue;
    const value = a.childForFieldName('value') ?? a.namedChild(a.namedChildCount - 1);
    const labelNode = a.childForFieldName('name');
    if (value) out.push({ label: labelNode?.text.replace(/:$/, ''), value });
  }
  return out;
}

