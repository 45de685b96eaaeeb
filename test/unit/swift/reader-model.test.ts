import assert from 'node:assert/strict';
import type { FileAccess } from '../../../src/core/model/file-access';
import { readSwiftSources } from '../../../src/core/model/swift/model-read';
import { projectRootOf, swiftFilesUnder, swiftModelSource } from '../../../src/core/model/swift/source';
import { readSwift, swiftParser } from '../../helpers/swift';

/**
 * The SwiftData reader's model assembly (reader.ts): file offsets, too-large files, configurations, duplicate
 * classes, macros outside a model, @Model declarations that did not parse; and the Swift model source's
 * file walk (source.ts) and read (model-read.ts). Inputs and expected values are written by us.
 */

const warn = (start: number, end: number, message: string) => ({ severity: 'warning', span: { start, end }, message });

describe('SwiftData reader: model assembly (reader.ts)', () => {
  it('locates sourceText offsets in their files, file ends included', async () => {
    const m = await readSwift({ 'a.swift': 'abc', 'b.swift': 'de' });
    const at = (o: number) => { const l = m.locate(o); return l && [l.file.path, l.offset]; };
    assert.deepEqual([0, 3, 4, 5, 6, 7].map(at), [['a.swift', 0], ['a.swift', 3], ['b.swift', 0], ['b.swift', 1], ['b.swift', 2], undefined]);
    assert.deepEqual(m.files.map((f) => f.start), [0, 4]);
  });

  it('a file longer than the limit is not read: a warning on its first line', async () => {
    const m = await readSwift({ 'ok.swift': '@Model class A {}', 'big.swift': '@Model class B {}\n// more text' }, { maxFileLength: 17 });
    assert.deepEqual(m.model.entities.map((e) => e.name), ['A']);
    assert.deepEqual(m.model.problems, [warn(18, 18 + 17, 'This file was not read: it has 0.0 million characters, more than the 0.0 million the SwiftData reader parses (generated code?). Its @Model classes are not checked.')]);
  });

  it('a too-large file without a newline gets the warning over its whole text', async () => {
    const m = await readSwift({ 'big.swift': '@Model class B { var b = 1 }' }, { maxFileLength: 5 });
    assert.deepEqual(m.model.problems.map((p) => p.span), [{ start: 0, end: 28 }]);
    assert.deepEqual([m.model.entities, m.versions], [[], []]);
  });

  it('configurations name their member entities (only the known ones) and turn the model\'s own flag off', async () => {
    const m = await readSwift({ 'a.swift': '@Model class A { var a = 1 }' }, { configurations: [{ name: 'Main', usedWithCloudKit: true, models: ['A', 'Missing'] }] });
    const none = { start: 0, end: 0 };
    assert.equal(m.model.usedWithCloudKit, false);
    assert.deepEqual(m.model.configurations, [{
      kind: 'configuration', name: 'Main', usedWithCloudKit: true, span: none, headSpan: none, attrs: {}, memberEntities: [{ name: 'A', span: none }],
    }]);
  });

  it('a second class of the same name is left out, with a warning on its name', async () => {
    const b = '@Model class A { var b = 1 }';
    const m = await readSwift({ 'a.swift': '@Model class A { var a = 1 }', 'b.swift': b });
    assert.deepEqual(m.model.entities.map((e) => e.attributes.map((a) => a.name)), [['a']]);
    const start = 29 + b.indexOf('A');
    assert.deepEqual(m.model.problems, [warn(start, start + 1, 'Another @Model class named A was read first (a.swift); SwiftData names entities after the class, so only the first is in the model.')]);
  });

  it('a type alias is taken from the first file that declares it', async () => {
    const m = await readSwift({ 'a.swift': 'typealias Stamp = Date\n@Model class A { var s: Stamp? }', 'b.swift': 'typealias Stamp = String' });
    assert.equal(m.model.entities[0].attributes[0].attributeType, 'Date');
  });

  it('a macro belongs to the innermost @Model class around it; one outside every class is reported', async () => {
    const text = `@Model class Outer {
  var a: String = ""
  @Model class Inner {
    #Unique<Inner>([\\.b])
    var b: String = ""
  }
}
#Index<Outer>([\\.a])
`;
    const m = await readSwift({ 'm.swift': text });
    const constraints = (name: string) => m.model.entities.find((e) => e.name === name)!.uniquenessConstraints.map((c) => c.properties.map((p) => p.name));
    assert.deepEqual([constraints('Outer'), constraints('Inner')], [[], [['b']]]);
    const at = text.indexOf('#Index');
    assert.deepEqual(m.model.problems, [warn(at, text.indexOf(')', at) + 1, '#Index is not inside a @Model class the reader could read; it was ignored.')]);
  });

  it('an @Model in code on something that is not a class is reported; @ModelActor, comments and strings are not', async () => {
    const text = '// @Model\nlet s = "@Model"\n@ModelActor actor Store {}\n@Model\nfunc f() {}\n@Model class A { var a = 1 }\n';
    const m = await readSwift({ 'f.swift': text });
    const at = text.indexOf('@Model\nfunc');
    assert.deepEqual(m.model.problems, [warn(at, at + 6, 'This @Model declaration does not parse, so its class was not read; fix the Swift syntax error around it.')]);
    assert.deepEqual(m.model.entities.map((e) => e.name), ['A']);
  });

  it('versions carry their identifier and the span of the first declaration of their name, and no problems', async () => {
    const a = 'enum V1: VersionedSchema {\n  static var versionIdentifier = Schema.Version(1, 0, 0)\n  static var models: [any PersistentModel.Type] { [A.self] }\n  @Model class A { var a = 1 }\n}';
    const b = 'enum V1: VersionedSchema {\n  static var models: [any PersistentModel.Type] { [] }\n}';
    const m = await readSwift({ 'a.swift': a, 'b.swift': b });
    assert.deepEqual(m.versions.map((v) => [v.name, v.versionIdentifier, v.span, v.model.problems, v.model.fetchRequests, v.model.composites]),
      [['V1', 'Schema.Version(1, 0, 0)', { start: 5, end: 7 }, [], [], []]]);
  });
});

describe('Swift model source (source.ts, model-read.ts)', () => {
  /** A fake file tree: folders are objects, files strings; locations are `/`-joined paths. */
  const fakeFs = (tree: Record<string, unknown>): FileAccess<string> => {
    const at = (p: string): unknown => p.split('/').filter(Boolean).reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined), tree);
    return {
      join: (dir, ...names) => [dir, ...names].join('/'),
      basename: (l) => l.split('/').pop()!,
      parent: (l) => l.split('/').slice(0, -1).join('/') || '/',
      list: async (dir) => {
        const n = at(dir);
        if (!n || typeof n !== 'object') throw new Error(`no folder ${dir}`);
        return Object.entries(n).map(([name, v]) => ({ name, kind: typeof v === 'string' ? 'file' as const : v === null ? 'other' as const : 'directory' as const }));
      },
      readText: async (f) => { const n = at(f); if (typeof n !== 'string') throw new Error(`no file ${f}`); return n; },
      stat: async () => undefined,
    };
  };

  it('walks .swift files below a folder, sorted by relative path, skipping build, dependency and hidden folders', async () => {
    const fs = fakeFs({ p: {
      'b.swift': 'B', 'a.txt': 'A', 'z.swift': 'Z', weird: null, 'x.swift': {},
      Sources: { 'm.swift': 'M', Deep: { 'a.swift': 'DA' } },
      '.build': { 'x.swift': 'X' }, Pods: { 'y.swift': 'Y' }, '.hidden': { 'h.swift': 'H' }, 'dir.': { 'd.swift': 'D' },
    } });
    const files = await swiftFilesUnder(fs, '/p', (t) => t !== 'Z');
    assert.deepEqual(files, [
      { at: '/p/Sources/Deep/a.swift', text: 'DA' }, { at: '/p/Sources/m.swift', text: 'M' }, { at: '/p/b.swift', text: 'B' }, { at: '/p/dir./d.swift', text: 'D' },
    ]);
  });

  it('the project root is the nearest folder with a marker, else the file\'s folder', async () => {
    const fs = fakeFs({ r: { 'Package.swift': '', Sources: { App: { 'a.swift': '' } } }, n: { s: { 'b.swift': '' } } });
    assert.equal(await projectRootOf(fs, '/r/Sources/App/a.swift'), '/r');
    assert.equal(await projectRootOf(fs, '/n/s/b.swift'), '/n/s');
  });

  it('reads only files that declare a @Model, and never loads the reader without one', async () => {
    let loads = 0;
    const seen: string[][] = [];
    const source = swiftModelSource(async () => { loads++; return { read: (files) => { seen.push(files.map((f) => f.path)); return readSwiftSources(files, parser); } }; });
    const parser = await swiftParser();
    const empty = await source.read([{ path: 'a.swift', text: '@ModelActor actor A {}' }], {});
    assert.deepEqual([loads, empty.model.entities, empty.model.problems, empty.fileStart?.('a.swift')], [0, [], [], undefined]);
    await source.read([{ path: 'a.swift', text: 'struct S {}' }, { path: 'b.swift', text: '@Model class B {}' }], {});
    assert.deepEqual([loads, seen], [1, [['b.swift']]]);
    assert.deepEqual([source.claims('x/a.swift'), source.claims('x/a.swiftx')], [true, false]);
  });

  it('a read gives each file\'s start, and versions only when there are some', async () => {
    const parser = await swiftParser();
    const r = readSwiftSources([{ path: 'a.swift', text: '@Model class A {}' }, { path: 'b.swift', text: '@Model class B {}' }], parser);
    assert.deepEqual([r.fileStart?.('a.swift'), r.fileStart?.('b.swift'), r.fileStart?.('c.swift')], [0, 18, undefined]);
    assert.deepEqual(['versions' in r, 'currentVersion' in r], [false, false]);
    const v = readSwiftSources([{ path: 'v.swift', text: 'enum V1: VersionedSchema {\n  static var models: [any PersistentModel.Type] { [A.self] }\n  @Model class A {}\n}' }], parser);
    assert.deepEqual([v.versions?.map((x) => x.name), v.currentVersion], [['V1'], 'V1']);
  });
});
