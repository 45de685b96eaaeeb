import { Language, Parser } from 'web-tree-sitter';
import type { SwiftParser, SwiftSyntaxTree } from '../core/swift/syntax-node';
import { fixSwiftGrammar } from './grammar-fix';

/**
 * The two WebAssembly files a Swift parser needs, copied into dist/ by esbuild.mjs:
 * - web-tree-sitter's runtime (npm `web-tree-sitter`, MIT);
 * - the Swift grammar (alex-pinkus/tree-sitter-swift 0.7.x, MIT) as prebuilt by npm
 *   `@repomix/tree-sitter-wasms` (built with tree-sitter-cli 0.26; the same pairing repomix ships with
 *   web-tree-sitter 0.27).
 */
export const SWIFT_PARSER_ASSETS = {
  runtime: 'web-tree-sitter.wasm',
  grammar: 'tree-sitter-swift.wasm',
} as const;

/**
 * Initialises web-tree-sitter from the runtime's bytes (so it never looks for the .wasm itself, which
 * differs between Node, a bundle and a browser) and loads the Swift grammar.
 */
export async function createSwiftParser(runtimeWasm: Uint8Array, grammarWasm: Uint8Array): Promise<SwiftParser> {
  await Parser.init({ wasmBinary: runtimeWasm });
  // The shipped grammar's scanner state is a zero-byte allocation; see grammar-fix.ts.
  const language = await Language.load(fixSwiftGrammar(grammarWasm).bytes);
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    parse(text: string): SwiftSyntaxTree {
      // No progressCallback: with one, web-tree-sitter 0.27 parsed a 1 MB file ~50x slower (measured
      // 2.4 s -> 118 s). Readers bound the input size instead (src/core/model/swift/reader.ts).
      const tree = parser.parse(text);
      if (!tree) throw new Error('tree-sitter returned no tree');
      return { rootNode: tree.rootNode, delete: () => tree.delete() };
    },
  };
}
