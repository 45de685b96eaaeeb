import { Language, Parser } from 'web-tree-sitter';
import type { SwiftParser, SwiftSyntaxTree } from '../core/swift/syntax-node';

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

/** Parses beyond this many milliseconds are abandoned (a pathological file must not hang the host). */
const PARSE_TIMEOUT_MS = 20_000;

/**
 * Initialises web-tree-sitter from the runtime's bytes (so it never looks for the .wasm itself, which
 * differs between Node, a bundle and a browser) and loads the Swift grammar.
 */
export async function createSwiftParser(runtimeWasm: Uint8Array, grammarWasm: Uint8Array): Promise<SwiftParser> {
  await Parser.init({ wasmBinary: runtimeWasm });
  const language = await Language.load(grammarWasm);
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    parse(text: string): SwiftSyntaxTree {
      const started = Date.now();
      const tree = parser.parse(text, null, {
        progressCallback: () => Date.now() - started > PARSE_TIMEOUT_MS,
      });
      if (!tree) throw new Error(`Swift parse abandoned after ${PARSE_TIMEOUT_MS} ms`);
      return { rootNode: tree.rootNode, delete: () => tree.delete() };
    },
  };
}
