import type { SwiftSyntaxNode } from '../../swift/syntax-node';
import type { Span } from '../../text/span';
import { childList, isPlainIdentifier, lastComponent, spanOf } from './syntax';

/** A property's declared type, as far as SwiftData's mapping needs it. */
export interface SwiftTypeRef {
  /** The type's text as written (`[Tag]?`, `String!`). */
  readonly text: string;
  /** The type node's span (without the `:`), where a fix appends `?`. */
  readonly span: Span;
  /** `T?`, `Optional<T>` or `T!` (an implicitly unwrapped optional is optional to Core Data). */
  readonly optional: boolean;
  readonly core: SwiftTypeCore;
}

export type SwiftTypeCore =
  | { readonly kind: 'named'; readonly name: string }
  | { readonly kind: 'array'; readonly element: SwiftTypeCore }
  | { readonly kind: 'dictionary' }
  | { readonly kind: 'other' };

/** The type of a `type_annotation` node. */
export function readTypeRef(annotation: SwiftSyntaxNode): SwiftTypeRef | undefined {
  // Usually the annotation is `:`, space and the type (its `name` field) to its end: then the type is that
  // field, one lookup, where listing the children takes several times longer (measured 51 vs 573 ns per call).
  const named = annotation.childForFieldName('name');
  if (named && named.endIndex === annotation.endIndex && /^:\s*$/.test(annotation.text.slice(0, named.startIndex - annotation.startIndex))) {
    return typeRefOf(named, false);
  }
  // Otherwise its children once (`:`, the type, `!` for an implicitly unwrapped optional, comments).
  let node: SwiftSyntaxNode | undefined;
  let iuo = false;
  for (const c of childList(annotation)) {
    const t = c.type;
    if (t === '!') iuo = true;
    else if (!node && t !== ':' && t !== 'comment' && t !== 'multiline_comment') node = c;
  }
  return node ? typeRefOf(node, iuo) : undefined;
}

function typeRefOf(node: SwiftSyntaxNode, iuo: boolean): SwiftTypeRef {
  const { optional, core } = unwrap(node);
  const span = spanOf(node);
  return { text: node.text + (iuo ? '!' : ''), span, optional: optional || iuo, core };
}

function unwrap(node: SwiftSyntaxNode): { optional: boolean; core: SwiftTypeCore } {
  const type = node.type;
  if (type === 'optional_type') {
    const inner = node.childForFieldName('wrapped') ?? node.namedChild(0);
    return { optional: true, core: inner ? unwrap(inner).core : { kind: 'other' } };
  }
  if (type === 'user_type') {
    const parts = userTypeParts(node);
    return { optional: parts.name === 'Optional', core: userTypeCore(parts) };
  }
  return { optional: false, core: coreOf(node, type) };
}

/** A `user_type`'s identifiers and generic arguments, from one listing of its children. */
interface UserTypeParts {
  /** The last identifier (`Array` in `Swift.Array<T>`), or the whole text without identifiers. */
  readonly name: string;
  /** The qualified spelling without generic arguments (`Pizza.SupportedGame`). */
  readonly qualified: string;
  readonly args?: SwiftSyntaxNode;
}

function userTypeParts(node: SwiftSyntaxNode): UserTypeParts {
  // Most property types are one identifier (`String`, `Date`): then the text is the name.
  const whole = node.text;
  if (isPlainIdentifier(whole)) return { name: whole, qualified: whole };
  const ids: string[] = [];
  let args: SwiftSyntaxNode | undefined;
  for (const c of childList(node)) {
    const t = c.type;
    if (t === 'type_identifier') ids.push(c.text);
    else if (t === 'type_arguments' && !args) args = c;
  }
  const text = ids.length > 0 ? '' : whole;
  return { name: ids.length > 0 ? ids[ids.length - 1] : text, qualified: ids.join('.') || text, ...(args ? { args } : {}) };
}

function coreOf(node: SwiftSyntaxNode, type = node.type): SwiftTypeCore {
  switch (type) {
    case 'optional_type': return unwrap(node).core;
    case 'array_type': {
      const el = node.childForFieldName('element') ?? node.childForFieldName('name') ?? node.namedChild(0);
      return { kind: 'array', element: el ? coreOf(el) : { kind: 'other' } };
    }
    case 'dictionary_type': return { kind: 'dictionary' };
    case 'user_type': return userTypeCore(userTypeParts(node));
    default: return { kind: 'other' };
  }
}

function userTypeCore(parts: UserTypeParts): SwiftTypeCore {
  const first = parts.args?.namedChild(0);
  if (parts.name === 'Optional' && first) return coreOf(first);
  if ((parts.name === 'Array' || parts.name === 'Set') && first) return { kind: 'array', element: coreOf(first) };
  if (parts.name === 'Dictionary') return { kind: 'dictionary' };
  // Keep the qualified spelling without generic arguments (`Pizza.SupportedGame`).
  return { kind: 'named', name: parts.qualified };
}

/**
 * The type of an initializer when the declaration has no annotation (`var id = UUID()`, moolah-native
 * 27b6286a; `= Data()`, ngs/tides-swift): literals, `T(...)`, `T.member`, `T.member(...)`.
 */
export function inferTypeFromValue(value: SwiftSyntaxNode): string | undefined {
  switch (value.type) {
    case 'line_string_literal': case 'multi_line_string_literal': case 'raw_string_literal': return 'String';
    case 'integer_literal': case 'hex_literal': case 'oct_literal': case 'bin_literal': return 'Int';
    case 'real_literal': return 'Double';
    case 'boolean_literal': return 'Bool';
    case 'prefix_expression': {
      const target = value.childForFieldName('target');
      const op = value.child(0)?.text;
      return op === '-' && target ? inferTypeFromValue(target) : undefined;
    }
    case 'call_expression': {
      const callee = value.namedChild(0);
      return callee ? typeNameFromCallee(callee) : undefined;
    }
    case 'navigation_expression': {
      // `Date.now`, `Kind.one`: the target when it reads like a type name.
      const target = value.childForFieldName('target');
      const name = target && /^[A-Za-z0-9_.]+$/.test(target.text) ? lastComponent(target.text) : '';
      return /^[A-Z]/.test(name) ? name : undefined;
    }
    default: return undefined;
  }
}

function typeNameFromCallee(callee: SwiftSyntaxNode): string | undefined {
  if (callee.type === 'simple_identifier' && /^[A-Z]/.test(callee.text)) return callee.text;
  if (callee.type === 'navigation_expression') return inferTypeFromValue(callee);
  return undefined;
}
