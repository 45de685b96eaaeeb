import { loadSwiftParser } from '../../../src/swift-parser/load-node';
import type { SwiftSyntaxNode } from '../../../src/core/swift/syntax-node';
function dump(n: SwiftSyntaxNode, d = 0, field = ''): string {
  let s = `${'  '.repeat(d)}${field ? field + ': ' : ''}${n.type}${n.namedChildCount === 0 ? ' ' + JSON.stringify(n.text) : ''}\n`;
  for (let i = 0; i < n.childCount; i++) { const c = n.child(i)!; if (!c.isNamed) continue; s += dump(c, d + 1, n.fieldNameForChild(i) ?? ''); }
  return s;
}
it('dump', async () => {
  const p = await loadSwiftParser();
  for (const src of (process.env.SRCS ?? '').split('\n---\n')) { const t = p.parse(src); console.log(src + '\n' + dump(t.rootNode)); t.delete(); }
});
