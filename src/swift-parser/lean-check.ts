import type { SwiftSyntaxNode } from '../core/swift/syntax-node';
import type { LeanTree } from './lean-node';

/**
 * The lean nodes rely on web-tree-sitter's internal transfer-buffer layout (lean-node.ts): before they
 * are used, a probe text is read through both kinds of node, and any difference (or error) keeps
 * web-tree-sitter's. Deletes the tree.
 */
export function leanReadsLikeReference(probe: LeanTree): boolean {
  try {
    return firstDifference(probe.rootNode, probe.tree.rootNode) === undefined;
  } catch {
    return false;
  } finally {
    probe.delete();
  }
}

/**
 * The probe has what a wrong layout would get wrong: text after a surrogate pair and an accented letter
 * (UTF-16 offsets and columns), several lines, fields, attributes with arguments, an error and a missing node.
 */
export const LEAN_PROBE = [
  'import SwiftData',
  'let s = "é😀" ; let t = 1',
  '@Model final class Item {',
  '  @Attribute(.unique, originalName: "x") var name: String? = nil',
  '  @Relationship(deleteRule: .cascade, inverse: \\Tag.items) var tags: [Tag]? = []',
  '  var broken: = ',
  '  init(name: String) { self.name = name ',
  '}',
].join('\n');

/**
 * Compares two syntax trees of the same text node by node, through every member of SwiftSyntaxNode:
 * the lean nodes (lean-node.ts) against web-tree-sitter's own. Returns the first difference, described
 * with the path to the node, or undefined when the trees read the same. Used when the parser loads (on
 * a probe text) and by the tests (on every Swift file of the corpus).
 */
export function firstDifference(lean: SwiftSyntaxNode, reference: SwiftSyntaxNode): string | undefined {
  const root = { lean, reference };
  const pending: { lean: SwiftSyntaxNode; reference: SwiftSyntaxNode; path: string }[] = [{ ...root, path: reference.type }];
  while (pending.length > 0) {
    const { lean: a, reference: b, path } = pending.pop()!;
    const differs = nodeDifference(a, b) ?? neighbourDifference(a, b) ?? fieldDifference(a, b) ?? descendantDifference(root, b);
    if (differs) return `${path}: ${differs}`;
    const kids = a.children;
    const refKids = b.children;
    for (let i = kids.length - 1; i >= 0; i--) pending.push({ lean: kids[i]!, reference: refKids[i]!, path: `${path} > ${refKids[i]!.type}[${i}]` });
  }
  return undefined;
}

/** What identifies a node when it is the answer to a navigation (same start, end and type). */
function brief(n: SwiftSyntaxNode | null | undefined): string {
  return n ? `${n.type}@${n.startIndex}-${n.endIndex}` : 'null';
}

function nodeDifference(a: SwiftSyntaxNode, b: SwiftSyntaxNode): string | undefined {
  const scalar = (name: string, x: unknown, y: unknown): string | undefined => (x === y ? undefined : `${name} ${String(x)} vs ${String(y)}`);
  const point = (p: { row: number; column: number }): string => `${p.row}:${p.column}`;
  return scalar('type', a.type, b.type) ?? scalar('startIndex', a.startIndex, b.startIndex) ?? scalar('endIndex', a.endIndex, b.endIndex)
    ?? scalar('startPosition', point(a.startPosition), point(b.startPosition)) ?? scalar('endPosition', point(a.endPosition), point(b.endPosition))
    ?? scalar('text', a.text, b.text) ?? scalar('isNamed', a.isNamed, b.isNamed) ?? scalar('isError', a.isError, b.isError)
    ?? scalar('isMissing', a.isMissing, b.isMissing) ?? scalar('hasError', a.hasError, b.hasError)
    ?? scalar('childCount', a.childCount, b.childCount) ?? scalar('namedChildCount', a.namedChildCount, b.namedChildCount)
    ?? scalar('children', a.children.map(brief).join(' '), b.children.map(brief).join(' '))
    ?? scalar('namedChildren', a.namedChildren.map(brief).join(' '), b.namedChildren.map(brief).join(' '))
    ?? listDifference('child', a.childCount, (i) => brief(a.child(i)), (i) => brief(b.child(i)))
    ?? listDifference('namedChild', a.namedChildCount, (i) => brief(a.namedChild(i)), (i) => brief(b.namedChild(i)))
    ?? listDifference('fieldNameForChild', a.childCount, (i) => String(a.fieldNameForChild(i)), (i) => String(b.fieldNameForChild(i)));
}

function listDifference(name: string, count: number, x: (i: number) => string, y: (i: number) => string): string | undefined {
  // One past the end too: both must answer "none" there.
  for (let i = 0; i <= count; i++) if (x(i) !== y(i)) return `${name}(${i}) ${x(i)} vs ${y(i)}`;
  return undefined;
}

function neighbourDifference(a: SwiftSyntaxNode, b: SwiftSyntaxNode): string | undefined {
  const pairs: [string, SwiftSyntaxNode | null, SwiftSyntaxNode | null][] = [
    ['parent', a.parent, b.parent], ['nextSibling', a.nextSibling, b.nextSibling], ['previousSibling', a.previousSibling, b.previousSibling],
    ['nextNamedSibling', a.nextNamedSibling, b.nextNamedSibling], ['previousNamedSibling', a.previousNamedSibling, b.previousNamedSibling],
  ];
  for (const [name, x, y] of pairs) if (brief(x) !== brief(y)) return `${name} ${brief(x)} vs ${brief(y)}`;
  return undefined;
}

function fieldDifference(a: SwiftSyntaxNode, b: SwiftSyntaxNode): string | undefined {
  const names = new Set<string>(['name', 'no_such_field']);
  for (let i = 0; i < b.childCount; i++) {
    const f = b.fieldNameForChild(i);
    if (f) names.add(f);
  }
  for (const f of names) {
    if (brief(a.childForFieldName(f)) !== brief(b.childForFieldName(f))) return `childForFieldName(${f}) ${brief(a.childForFieldName(f))} vs ${brief(b.childForFieldName(f))}`;
    const x = a.childrenForFieldName(f).map(brief).join(' ');
    const y = b.childrenForFieldName(f).map(brief).join(' ');
    if (x !== y) return `childrenForFieldName(${f}) ${x} vs ${y}`;
  }
  return undefined;
}

/** The smallest node around this node's span, asked of both roots. */
function descendantDifference(root: { lean: SwiftSyntaxNode; reference: SwiftSyntaxNode }, b: SwiftSyntaxNode): string | undefined {
  const ranges: [number, number][] = [[b.startIndex, b.endIndex], [b.startIndex, b.startIndex]];
  for (const [s, e] of ranges) {
    const x = brief(root.lean.descendantForIndex(s, e));
    const y = brief(root.reference.descendantForIndex(s, e));
    if (x !== y) return `descendantForIndex(${s}, ${e}) ${x} vs ${y}`;
  }
  return undefined;
}
