import assert from 'node:assert/strict';
import { readContainerSetups } from '../../../src/core/project/container-setup';
import { refOfCall, resolveValue, spanRef, storesOf } from '../../../src/core/project/stores';
import type { SwiftParser } from '../../../src/core/swift/syntax-node';
import { loadSwiftParser } from '../../../src/swift-parser/load-node';

/**
 * The stores a Swift file sets up, from its setup calls (the modelling choices are stated in stores.ts):
 * Core Data containers with the file's options and scopes, one store per ModelConfiguration, a default
 * SwiftData store, CKContainer use, App Groups and constants. Setup code written by us.
 */
let parser: SwiftParser;
before(async () => { parser = await loadSwiftParser(); });

function stores(src: string, constants: Record<string, string> = {}) {
  const tree = parser.parse(src);
  try {
    return storesOf('App/Store.swift', readContainerSetups(tree.rootNode), new Map(Object.entries(constants)));
  } finally {
    tree.delete();
  }
}
const view = (s: ReturnType<typeof stores>) =>
  s.map((x) => [x.kind, x.containerIds.map((c) => c.literal ?? c.text), x.scopes, x.syncs, x.group?.literal ?? x.group?.text, x.name, x.models, x.mayOptOut]);

describe('project: stores from setup code', () => {
  it('Core Data: the file\'s options and scope assignments, private by default; the name is the model; opting out', () => {
    assert.deepEqual(view(stores('let c = NSPersistentCloudKitContainer(name: "Notes")')), [['coredata', [], ['private'], true, undefined, 'Notes', ['Notes'], false]]);
    const src = [
      'let c = NSPersistentCloudKitContainer(name: "Notes")',
      'let o = NSPersistentCloudKitContainerOptions(containerIdentifier: "iCloud.a")',
      'o.databaseScope = .shared',
      'o.databaseScope = .shared',
      'if off { d.cloudKitContainerOptions = nil }',
    ].join('\n');
    assert.deepEqual(view(stores(src)), [['coredata', ['iCloud.a'], ['shared'], true, undefined, 'Notes', ['Notes'], true]]);
    assert.deepEqual(view(stores('let c = NSPersistentCloudKitContainer(name: modelName)')), [['coredata', [], ['private'], true, undefined, undefined, [], false]]);
  });

  it('SwiftData: a store per configuration with its scope, container, group; the container\'s models added', () => {
    const src = [
      'let cloud = ModelConfiguration("Cloud", schema: Schema([Item.self]), groupContainer: .identifier("group.a"), cloudKitDatabase: .private("iCloud.a"))',
      'let local = ModelConfiguration("Local", schema: Schema([Cache.self]), groupContainer: .none, cloudKitDatabase: .none)',
      'let auto = ModelConfiguration(groupContainer: .automatic)',
      'let container = try ModelContainer(for: Tag.self, configurations: cloud, local, auto)',
      'let url = FileManager.default.containerURL(forSecurityApplicationGroupIdentifier: "group.file")',
    ].join('\n');
    assert.deepEqual(view(stores(src)), [
      ['swiftdata', ['iCloud.a'], ['private'], true, 'group.a', 'Cloud', ['Item', 'Tag'], false],
      ['swiftdata', [], ['none'], false, undefined, 'Local', ['Cache', 'Tag'], false],
      ['swiftdata', [], ['automatic'], true, 'group.file', undefined, ['Tag'], false],
    ]);
  });

  it('a ModelContainer without configurations is one default store; not beside a Core Data container', () => {
    assert.deepEqual(view(stores('let c = try ModelContainer(for: Item.self)')), [['swiftdata', [], ['automatic'], true, undefined, undefined, ['Item'], false]]);
    assert.deepEqual(view(stores('let a = NSPersistentCloudKitContainer(name: "M")\nlet c = try ModelContainer(for: Item.self)')).map((x) => x[0]), ['coredata']);
  });

  it('CKContainer(identifier:) is CloudKit use; the default CKContainer is not listed', () => {
    assert.deepEqual(view(stores('let ck = CKContainer(identifier: "iCloud.ck")\nlet d = CKContainer.default()')), [['cloudkit', ['iCloud.ck'], [], true, undefined, undefined, [], false]]);
  });

  it('constants resolve container IDs by their full or last name; a literal group URL wins over an unknown one', () => {
    const src = [
      'let o = NSPersistentCloudKitContainerOptions(containerIdentifier: Config.cloud)',
      'let c = NSPersistentCloudKitContainer(name: "M")',
      'let u1 = FileManager.default.containerURL(forSecurityApplicationGroupIdentifier: groupID)',
      'let u2 = FileManager.default.containerURL(forSecurityApplicationGroupIdentifier: "group.lit")',
    ].join('\n');
    const [s] = stores(src, { cloud: 'iCloud.resolved' });
    assert.deepEqual([s.containerIds.map((c) => c.literal), s.group?.literal], [['iCloud.resolved'], 'group.lit']);
    const [t] = stores(src.split('\n').slice(0, 3).join('\n'), { 'Config.cloud': 'iCloud.full', groupID: 'group.const' });
    assert.deepEqual([t.containerIds.map((c) => c.literal), t.group?.literal], [['iCloud.full'], 'group.const']);
    const [u] = stores(src.split('\n').slice(0, 3).join('\n'));
    assert.deepEqual([u.containerIds.map((c) => [c.literal, c.text]), u.group?.text], [[[undefined, 'Config.cloud']], 'groupID']);
  });

  it('resolveValue keeps literals and unknown names; spaces in a name are ignored', () => {
    const lit = { text: '"x"', literal: 'x', span: { start: 0, end: 3 } };
    assert.equal(resolveValue(lit, new Map([['x', 'y']])), lit);
    assert.equal(resolveValue(undefined, new Map()), undefined);
    assert.deepEqual(resolveValue({ text: 'A . b', span: { start: 0, end: 5 } }, new Map([['A.b', 'v']])), { text: 'A . b', literal: 'v', span: { start: 0, end: 5 } });
    const unknown = { text: 'zzz', span: { start: 0, end: 3 } };
    assert.equal(resolveValue(unknown, new Map()), unknown);
  });

  it('references: a store\'s call name in its file; a span in a file', () => {
    const [s] = stores('let c = NSPersistentCloudKitContainer(name: "Notes")');
    assert.deepEqual(refOfCall(s), { file: 'App/Store.swift', span: s.call.nameSpan });
    assert.deepEqual(spanRef('f', { start: 1, end: 2 }), { file: 'f', span: { start: 1, end: 2 } });
  });
});
