import assert from 'node:assert/strict';
import type { AttributeIR, EntityIR, RelationshipIR } from '../../src/core/model/ir';
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

/** The entity, attribute and relationship of that name, which the test expects to be there. */
export const entity = (m: SwiftModel, name: string): EntityIR => {
  const e = m.model.entities.find((x) => x.name === name);
  assert.ok(e, `entity ${name}`);
  return e;
};
export const attr = (e: EntityIR, name: string): AttributeIR => {
  const a = e.attributes.find((x) => x.name === name);
  assert.ok(a, `${e.name}.${name}`);
  return a;
};
export const rel = (e: EntityIR, name: string): RelationshipIR => {
  const r = e.relationships.find((x) => x.name === name);
  assert.ok(r, `${e.name}.${name}`);
  return r;
};
