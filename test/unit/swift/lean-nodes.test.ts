import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { SwiftSyntaxNode } from '../../../src/core/swift/syntax-node';
import { firstDifference, LEAN_PROBE, leanReadsLikeReference } from '../../../src/swift-parser/lean-check';
import { LeanRuntime, LeanTree, type TreeSitterExports } from '../../../src/swift-parser/lean-node';
import { loadSwiftParser } from '../../../src/swift-parser/load-node';
import { corpusPath, swiftFilesBelow } from '../../helpers/paths';

/**
 * The lean nodes (src/swift-parser/lean-node.ts) call web-tree-sitter's runtime through its internal
 * transfer buffer. They must read every tree exactly as web-tree-sitter's own nodes do: compared here
 * node by node, through every member the readers may use, on every Swift file of the corpus.
 */
async function leanTree(text: string): Promise<LeanTree> {
  const tree = (await loadSwiftParser()).parse(text);
  assert.ok(tree instanceof LeanTree, 'the parser reads through lean nodes');
  return tree;
}

async function assertSameAsReference(text: string, label: string): Promise<void> {
  const tree = await leanTree(text);
  try {
    assert.equal(firstDifference(tree.rootNode, tree.tree.rootNode), undefined, label);
  } finally {
    tree.delete();
  }
}

describe('lean syntax nodes', () => {
  it('are what the loaded parser reads with (the probe at load time found no difference)', async () => {
    const parser = await loadSwiftParser() as { readonly nodes?: string };
    assert.equal(parser.nodes, 'lean');
  });

  it('read every Swift file of the corpus as web-tree-sitter does', async function () {
    this.timeout(120_000);
    const files = [...swiftFilesBelow(corpusPath('swiftdata')), ...swiftFilesBelow(corpusPath('project-config'))];
    assert.ok(files.length >= 60, `corpus Swift files: ${files.length}`);
    for (const f of files) await assertSameAsReference(fs.readFileSync(f, 'utf8'), path.relative(corpusPath('.'), f));
  });

  it('read hand-made edge cases the same: non-BMP text, errors, missing tokens, macros, an empty text', async () => {
    const cases = [
      '',
      '// 🍕 Café\n@Model final class Crème { var naïve: String = "😀"; var x = 1 }\n',
      'class { var = = }}} @@@',
      '@Model class A {\n  #Unique<A>([\\.a, \\.b])\n  #Index<A>([\\.a])\n  var a: Int = 0\n  var b: String?\n}',
      'let container = try ModelContainer(for: Item.self, configurations: ModelConfiguration(cloudKitDatabase: .private("iCloud.x")))',
      'func f() { if let x = y {',
    ];
    for (const [i, text] of cases.entries()) await assertSameAsReference(text, `case ${i}`);
  });

  it('still read an older tree after a large parse grew the runtime memory (the typed view is renewed)', async () => {
    const small = await leanTree('@Model class Early { var title: String = "" }');
    try {
      const before = small.rt.words().length;
      const big = await leanTree(`${'@Model class Big { var title: String = "" }\n'.repeat(40_000)}`);
      big.delete();
      assert.ok(small.rt.words().length > before, 'the runtime memory grew');
      assert.equal(firstDifference(small.rootNode, small.tree.rootNode), undefined);
      assert.equal(small.rootNode.children[0]?.type, 'class_declaration');
    } finally {
      small.delete();
    }
  });

  it('the comparison finds a difference when there is one (it can fail)', async () => {
    const tree = await leanTree('@Model class A { var x: Int = 0 }');
    try {
      const off = (n: SwiftSyntaxNode, depth: number): SwiftSyntaxNode => new Proxy(n, {
        get(target, key) {
          if (depth >= 3 && key === 'endIndex') return target.endIndex + 1;
          if (key === 'children') return target.children.map((c) => c && off(c, depth + 1));
          const v = Reflect.get(target, key, target) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
      // The attribute `@Model` (0-6) is at depth 3; its parent's children list already shows it one longer.
      assert.equal(firstDifference(off(tree.rootNode, 0), tree.tree.rootNode),
        'source_file > class_declaration[0] > modifiers[0]: children attribute@0-7 vs attribute@0-6');
    } finally {
      tree.delete();
    }
  });

  it('the load-time probe rejects a runtime whose layout differs (then the parser keeps web-tree-sitter\'s nodes)', async () => {
    const good = await leanTree(LEAN_PROBE);
    const rt = good.rt;
    // A runtime that reports every end one code unit too far, as a changed transfer-buffer layout might.
    const shifted: TreeSitterExports = { ...rt.x, ts_node_end_index_wasm: (t: number) => rt.x.ts_node_end_index_wasm(t) + 1 };
    const other = await leanTree(LEAN_PROBE);
    assert.equal(leanReadsLikeReference(new LeanTree(new LeanRuntime(shifted, rt.memory, rt.types, rt.fields), other.tree, LEAN_PROBE)), false);
    assert.equal(leanReadsLikeReference(good), true);
  });
});
