import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { SwiftSyntaxNode } from '../../../src/core/swift/syntax-node';
import { fixSwiftGrammar } from '../../../src/swift-parser/grammar-fix';
import { loadSwiftParser } from '../../../src/swift-parser/load-node';
import { REPO_ROOT } from '../../helpers/paths';

const GRAMMAR = path.join(REPO_ROOT, 'node_modules', '@repomix', 'tree-sitter-wasms', 'out', 'tree-sitter-swift.wasm');

/** The tree as one line of node types with their ranges, to compare two parses of the same text. */
function outline(node: SwiftSyntaxNode): string {
  const kids = node.children.filter((c): c is SwiftSyntaxNode => c !== null).map(outline);
  return `(${node.type} ${node.startIndex}-${node.endIndex}${kids.length ? ' ' + kids.join(' ') : ''})`;
}

async function parseOutline(text: string): Promise<{ outline: string; hasError: boolean }> {
  const tree = (await loadSwiftParser()).parse(text);
  try {
    return { outline: outline(tree.rootNode), hasError: tree.rootNode.hasError };
  } finally {
    tree.delete();
  }
}

describe('tree-sitter-swift grammar repair (grammar-fix.ts)', () => {
  it('changes exactly one byte of the shipped grammar: calloc(0, 4) becomes calloc(1, 4)', () => {
    const shipped = new Uint8Array(fs.readFileSync(GRAMMAR));
    const fix = fixSwiftGrammar(shipped);
    assert.equal(fix.applied, true, 'the scanner create function was found (a grammar upgrade must re-check it)');
    assert.equal(fix.bytes.length, shipped.length);
    const changed = [...fix.bytes.keys()].filter((i) => fix.bytes[i] !== shipped[i]);
    assert.equal(changed.length, 1);
    const at = changed[0];
    assert.deepEqual([shipped[at - 1], shipped[at], shipped[at + 1], shipped[at + 2]], [0x41, 0, 0x41, 4]);
    assert.equal(fix.bytes[at], 1);
    assert.notEqual(fix.bytes, shipped, 'a copy: the caller\'s bytes are not changed');
    assert.equal(fixSwiftGrammar(fix.bytes).applied, false, 'a repaired grammar is not repaired twice');
  });

  it('a raw string parses the same after other parses as in the first (the scanner state is its own)', async () => {
    const raw = 'let pattern = #"\\d+ "quoted" \\#(x)"#\nlet two = ##"a"#b"##\n';
    const others = ['struct S { var x: Int = 2 }\n', 'let s = "plain"\n', raw, 'let open = #"never closed\n', 'func f() {}\n'];
    const first = await parseOutline(raw);
    assert.equal(first.hasError, false, first.outline);
    assert.match(first.outline, /raw_string_literal/);
    for (const other of others) {
      await parseOutline(other);
      const again = await parseOutline(raw);
      assert.equal(again.outline, first.outline, `after parsing ${JSON.stringify(other)}`);
    }
  });

  it('bytes that are not that grammar come back unchanged, without a throw or a hang', () => {
    const shipped = new Uint8Array(fs.readFileSync(GRAMMAR));
    const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    for (const bytes of [new Uint8Array(0), new Uint8Array(header), shipped.subarray(0, 1000), new Uint8Array([...header, 2, 0xff, 0xff, 0xff, 0xff, 0x0f])]) {
      const fix = fixSwiftGrammar(bytes);
      assert.equal(fix.applied, false);
      assert.equal(fix.bytes, bytes);
    }
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (tail) => {
      const bytes = new Uint8Array([...header, ...tail]);
      const fix = fixSwiftGrammar(bytes);
      return fix.applied ? fix.bytes.length === bytes.length : fix.bytes === bytes;
    }), { seed: 12, numRuns: 500 });
  });
});
