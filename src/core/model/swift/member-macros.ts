import type { SwiftParser, SwiftSyntaxNode } from '../../swift/syntax-node';
import type { SwiftMemberMacro } from './entity-builder';
import type { MemberMacroSite } from './macro-mask';
import { childList, lastComponent } from './syntax';

/**
 * Reads a `#Unique<T>([\.a, \.b], [\.c])` or `#Index<T>(...)` found by macro-mask.ts by parsing its
 * text alone (at top level the grammar reads it as a macro_invocation). Each array literal is one
 * group of key paths; spans are made file-local again.
 */
export function readMemberMacro(site: MemberMacroSite, text: string, parser: SwiftParser): SwiftMemberMacro {
  const snippet = text.slice(site.span.start, site.span.end);
  const tree = parser.parse(snippet);
  try {
    const base = site.span.start;
    const groups: { span: { start: number; end: number }; names: { name: string; span: { start: number; end: number } }[] }[] = [];
    let typeName: string | undefined;
    const visit = (n: SwiftSyntaxNode): void => {
      if (!typeName && (n.type === 'type_parameters' || n.type === 'type_arguments')) {
        const id = n.text.replace(/^<|>$/g, '').trim();
        if (id) typeName = lastComponent(id);
      }
      if (n.type === 'array_literal') {
        const names = n.childrenForFieldName('element').flatMap((e) => {
          if (!e) return [];
          const path = e.text.replace(/\s+/g, '');
          if (!path.startsWith('\\')) return [];
          const parts = path.slice(1).split('.');
          const name = parts.length >= 2 ? parts[1] : '';
          return name ? [{ name, span: { start: e.startIndex + base, end: e.endIndex + base } }] : [];
        });
        groups.push({ span: { start: n.startIndex + base, end: n.endIndex + base }, names });
        return;
      }
      for (const c of childList(n)) visit(c);
    };
    visit(tree.rootNode);
    return { name: site.name, span: site.span, ...(typeName ? { typeName } : {}), groups };
  } finally {
    tree.delete();
  }
}
