import { Language, Parser, type Tree } from 'web-tree-sitter';
import type { SwiftParser, SwiftSyntaxTree } from '../core/swift/syntax-node';
import { fixSwiftGrammar } from './grammar-fix';
import { LEAN_PROBE, leanReadsLikeReference } from './lean-check';
import { LeanRuntime, LeanTree, type TreeSitterExports, type WasmMemory } from './lean-node';

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
 * web-tree-sitter instantiates its runtime once per copy of its JavaScript (later `init` calls reuse it),
 * so the exports and memory kept from that instantiation are kept once too.
 */
let runtime: { readonly exports: TreeSitterExports; readonly memory: WasmMemory } | undefined;

/**
 * Initialises web-tree-sitter from the runtime's bytes (so it never looks for the .wasm itself, which
 * differs between Node, a bundle and a browser) and loads the Swift grammar. Trees are read through lean
 * nodes (lean-node.ts) when they read the probe exactly as web-tree-sitter's nodes do; `nodes` says which.
 */
export async function createSwiftParser(runtimeWasm: Uint8Array, grammarWasm: Uint8Array): Promise<SwiftParser & { readonly nodes: 'lean' | 'web-tree-sitter' }> {
  // The hook cannot make `init` fail: a runtime that does not instantiate (corrupt bytes) would leave it pending
  // for ever. The failure is raced against it instead, so the caller gets the error.
  let fail: (e: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => { fail = reject; });
  await Promise.race([failed, Parser.init({
    wasmBinary: runtimeWasm,
    // Emscripten's hook for instantiating the module ourselves (its `Module.instantiateWasm`): the same
    // instantiation, and we keep the exports and the memory for the lean nodes (lean-node.ts).
    instantiateWasm(imports: { readonly env?: { readonly memory?: unknown } }, done: (instance: object, module: object) => void) {
      wasmApi().instantiate(runtimeWasm, imports).then(({ instance, module }) => {
        const memory = imports.env?.memory;
        if (memory instanceof wasmApi().Memory) runtime = { exports: instance.exports as TreeSitterExports, memory };
        done(instance, module);
      }).catch(fail);
      return {};
    },
  } as Parameters<typeof Parser.init>[0])]);
  // The shipped grammar's scanner state is a zero-byte allocation; see grammar-fix.ts.
  const language = await Language.load(fixSwiftGrammar(grammarWasm).bytes);
  const parser = new Parser();
  parser.setLanguage(language);
  const parseTree = (text: string): Tree => {
    // No progressCallback: with one, web-tree-sitter 0.27 parsed a 1 MB file ~50x slower (measured
    // 2.4 s -> 118 s). Readers bound the input size instead (src/core/model/swift/reader.ts).
    const tree = parser.parse(text);
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  };
  const rt = runtime && new LeanRuntime(runtime.exports, runtime.memory, language.types, language.fields);
  const lean = rt && leanReadsLikeReference(new LeanTree(rt, parseTree(LEAN_PROBE), LEAN_PROBE)) ? rt : undefined;
  return {
    nodes: lean ? 'lean' : 'web-tree-sitter',
    parse(text: string): SwiftSyntaxTree {
      const tree = parseTree(text);
      if (lean) return new LeanTree(lean, tree, text);
      return { rootNode: tree.rootNode, delete: () => tree.delete() };
    },
  };
}

/** The WebAssembly API of the host (Node or a browser); the project's TypeScript libraries declare only part of it. */
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ readonly instance: { readonly exports: object }; readonly module: object }>;
  readonly Memory: abstract new (...args: never[]) => WasmMemory;
}

function wasmApi(): WasmApi {
  return (globalThis as unknown as { readonly WebAssembly: WasmApi }).WebAssembly;
}
