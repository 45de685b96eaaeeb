import type { SwiftParser } from '../core/swift/syntax-node';
import { createSwiftParser, SWIFT_PARSER_ASSETS } from './create-parser';

/**
 * Loads the Swift parser in a browser (webview, web extension host) on first use and caches it. The two
 * .wasm files are fetched from `assetBase` (a URL ending in `/` where dist/ is served; in a webview,
 * `webview.asWebviewUri(dist)`). A bundle that imports this module carries web-tree-sitter's
 * JavaScript, so import it only from a bundle that needs Swift.
 */
let cached: Promise<SwiftParser> | undefined;

export function loadSwiftParser(assetBase: string | URL): Promise<SwiftParser> {
  cached ??= load(assetBase).catch((e: unknown) => {
    cached = undefined;
    throw e;
  });
  return cached;
}

async function load(assetBase: string | URL): Promise<SwiftParser> {
  const [runtimeWasm, grammarWasm] = await Promise.all([
    fetchBytes(new URL(SWIFT_PARSER_ASSETS.runtime, assetBase)),
    fetchBytes(new URL(SWIFT_PARSER_ASSETS.grammar, assetBase)),
  ]);
  return createSwiftParser(runtimeWasm, grammarWasm);
}

async function fetchBytes(url: URL): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load ${url.href}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
