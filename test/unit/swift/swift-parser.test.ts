import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { SwiftSyntaxNode } from '../../../src/core/swift/syntax-node';
import { loadSwiftParser as loadInBrowser } from '../../../src/swift-parser/load-browser';
import { loadSwiftParser } from '../../../src/swift-parser/load-node';
import type * as NodeEntry from '../../../src/swift-parser/node-entry';
import { REPO_ROOT } from '../../helpers/paths';

function find(node: SwiftSyntaxNode, type: string): SwiftSyntaxNode | undefined {
  if (node.type === type) return node;
  for (const child of node.namedChildren) {
    const hit = child && find(child, type);
    if (hit) return hit;
  }
  return undefined;
}

describe('Swift parser (web-tree-sitter + tree-sitter-swift wasm)', () => {
  it('parses a @Model class into a class_declaration with offsets in UTF-16 code units', async () => {
    const parser = await loadSwiftParser();
    // The comment holds characters outside ASCII and the BMP, so byte offsets would differ from these.
    const text = '// Café 🍕\n@Model final class Item {\n  var title: String = ""\n}\n';
    const tree = parser.parse(text);
    try {
      assert.equal(tree.rootNode.hasError, false);
      const cls = find(tree.rootNode, 'class_declaration');
      assert.ok(cls, 'class_declaration found');
      assert.equal(cls.childForFieldName('name')?.text, 'Item');
      const prop = find(cls, 'property_declaration');
      assert.ok(prop);
      assert.equal(text.slice(prop.startIndex, prop.endIndex), 'var title: String = ""');
      assert.deepEqual({ ...prop.startPosition }, { row: 2, column: 2 });
    } finally {
      tree.delete();
    }
  });

  it('returns the same parser on every call (cached) and reports bad Swift as ERROR nodes', async () => {
    const [a, b] = await Promise.all([loadSwiftParser(), loadSwiftParser()]);
    assert.equal(a, b);
    const tree = a.parse('class { var = = }}} @@@');
    try {
      assert.equal(tree.rootNode.hasError, true);
    } finally {
      tree.delete();
    }
  });

  it('the dist bundle parses with the .wasm files esbuild.mjs copied next to it', async () => {
    const dist = path.join(REPO_ROOT, 'dist');
    for (const f of ['swift-parser.js', 'web-tree-sitter.wasm', 'tree-sitter-swift.wasm']) {
      assert.ok(fs.existsSync(path.join(dist, f)), `dist/${f} exists (run node esbuild.mjs)`);
    }
    const bundle = require(path.join(dist, 'swift-parser.js')) as typeof NodeEntry;
    const parser = await bundle.createSwiftParser(
      fs.readFileSync(path.join(dist, bundle.SWIFT_PARSER_ASSETS.runtime)),
      fs.readFileSync(path.join(dist, bundle.SWIFT_PARSER_ASSETS.grammar)));
    // The bundle carries its own copy of web-tree-sitter, initialised here: its trees are read through lean nodes too.
    assert.equal(parser.nodes, 'lean');
    const tree = parser.parse('struct S { let x: Int }');
    try {
      assert.ok(find(tree.rootNode, 'class_declaration'), 'structs are class_declaration nodes in this grammar');
    } finally {
      tree.delete();
    }
  });

  it('a runtime .wasm that does not instantiate fails the load with its error, never leaves it pending', () => {
    // A process of its own: web-tree-sitter keeps the first runtime it instantiated, so only a fresh copy of it
    // instantiates the damaged bytes.
    const script = `
      const fs = require('node:fs');
      const { createSwiftParser } = require(${JSON.stringify(path.join(REPO_ROOT, 'out/src/swift-parser/create-parser.js'))});
      const runtime = fs.readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'));
      runtime.fill(7, 100, 400);
      const grammar = fs.readFileSync(require.resolve('@repomix/tree-sitter-wasms/out/tree-sitter-swift.wasm'));
      setTimeout(() => { console.log('pending'); process.exit(3); }, 15000).unref();
      createSwiftParser(runtime, grammar).then(() => console.log('loaded'), (e) => console.log('rejected: ' + e));`;
    const out = execFileSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 });
    assert.match(out, /^rejected: CompileError/);
  });

  it('the browser loader fetches both .wasm files from a base URL (served over HTTP from dist/) and parses', async () => {
    const dist = path.join(REPO_ROOT, 'dist');
    const requested: string[] = [];
    const server = http.createServer((req, res) => {
      requested.push(req.url ?? '');
      const file = path.join(dist, path.basename(req.url ?? ''));
      if (!fs.existsSync(file)) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'content-type': 'application/wasm' }).end(fs.readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const parser = await loadInBrowser(`http://127.0.0.1:${port}/assets/`);
      assert.equal((parser as { readonly nodes?: string }).nodes, 'lean');
      const tree = parser.parse('@Model class A { var x: Int = 0 }');
      try {
        assert.ok(find(tree.rootNode, 'property_declaration'));
      } finally {
        tree.delete();
      }
      assert.deepEqual(requested.sort(), ['/assets/tree-sitter-swift.wasm', '/assets/web-tree-sitter.wasm']);
    } finally {
      server.close();
    }
  });
});
