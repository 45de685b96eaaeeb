import { readSwiftModel, type SwiftModel, type SwiftReadOptions, type SwiftSource } from '../../src/core/model/swift/reader';
import type { SwiftParser } from '../../src/core/swift/syntax-node';
import { loadSwiftParser } from '../../src/swift-parser/load-node';

/** The Swift parser (web-tree-sitter + tree-sitter-swift wasm), loaded once for all tests. */
export function swiftParser(): Promise<SwiftParser> {
  return loadSwiftParser();
}

/** Reads Swift sources given as `{ path: text }` (hand-made cases) or as a list. */
export async function readSwift(files: Readonly<Record<string, string>> | readonly SwiftSource[], options?: SwiftReadOptions): Promise<SwiftModel> {
  const sources = Array.isArray(files) ? files as readonly SwiftSource[] : Object.entries(files).map(([path, text]) => ({ path, text }));
  return readSwiftModel(sources, await swiftParser(), options);
}
