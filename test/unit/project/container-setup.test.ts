import assert from 'node:assert/strict';
import { readContainerSetups, type ContainerSetupFile } from '../../../src/core/project/container-setup';
import type { SwiftParser } from '../../../src/core/swift/syntax-node';
import { loadSwiftParser } from '../../../src/swift-parser/load-node';

/**
 * The setup-code reader on Swift we wrote: each setup call kind with what it reads (names, container IDs,
 * scopes, models, configurations, bindings), assignments to store descriptions, string constants, type
 * lists and sharing calls. Call shapes follow reference/swiftdata.md and reference/project-config.md.
 */
let parser: SwiftParser;
before(async () => { parser = await loadSwiftParser(); });

function read(src: string): ContainerSetupFile & { src: string } {
  const tree = parser.parse(src);
  try {
    return { ...readContainerSetups(tree.rootNode), src };
  } finally {
    tree.delete();
  }
}
const at = (r: { src: string }, span: { start: number; end: number }) => r.src.slice(span.start, span.end);

describe('project: the container setup reader', () => {
  it('NSPersistentCloudKitContainer: its name; options with a container ID; a scope assignment', () => {
    const r = read([
      'let container = NSPersistentCloudKitContainer(name: "Notes")',
      'let options = NSPersistentCloudKitContainerOptions(containerIdentifier: "iCloud.com.example.notes")',
      'options.databaseScope = .shared',
      'description.cloudKitContainerOptions = nil',
    ].join('\n'));
    assert.deepEqual(r.calls.map((c) => [c.kind, c.name?.literal, c.containerId?.literal]), [
      ['NSPersistentCloudKitContainer', 'Notes', undefined],
      ['NSPersistentCloudKitContainerOptions', undefined, 'iCloud.com.example.notes'],
    ]);
    assert.equal(at(r, r.calls[0].nameSpan), 'NSPersistentCloudKitContainer');
    assert.deepEqual(r.scopeAssignments.map((s) => [s.value, at(r, s.span)]), [['shared', '.shared']]);
    assert.deepEqual(r.optionsCleared.map((s) => at(r, s)), ['description.cloudKitContainerOptions = nil']);
  });

  it('NSPersistentContainer(name:); a name from a constant is kept as text', () => {
    const r = read('let a = NSPersistentContainer(name: "Model")\nlet b = NSPersistentCloudKitContainer(name: modelName)');
    assert.deepEqual(r.calls.map((c) => [c.kind, c.name?.text, c.name?.literal]), [['NSPersistentContainer', '"Model"', 'Model'], ['NSPersistentCloudKitContainer', 'modelName', undefined]]);
  });

  it('ModelConfiguration: name, cloudKitDatabase with a container, group container, URL, in-memory, models, binding', () => {
    const r = read([
      'let config = ModelConfiguration("Cloud", schema: Schema([Item.self, Tag.self]), url: storeURL, isStoredInMemoryOnly: true,',
      '    groupContainer: .identifier("group.com.example"), cloudKitDatabase: .private("iCloud.com.example.app"))',
    ].join('\n'));
    const [c] = r.calls;
    assert.equal(c.kind, 'ModelConfiguration');
    assert.deepEqual([c.name?.literal, c.containerId?.literal, c.databaseScope?.value, c.inMemory, c.url?.text, c.groupContainer?.literal, c.boundTo], [
      'Cloud', 'iCloud.com.example.app', 'private', true, 'storeURL', 'group.com.example', 'config',
    ]);
    assert.deepEqual(c.models.map((m) => [m.name, at(r, m.span)]), [['Item', 'Item.self'], ['Tag', 'Tag.self']]);
    assert.equal(c.databaseText, '.private("iCloud.com.example.app")');
  });

  it('ModelConfiguration: .none, .automatic; a database chosen by a condition lists its words', () => {
    const r = read([
      'var a = ModelConfiguration(cloudKitDatabase: .none)',
      'self.b = ModelConfiguration(schema: Schema([Item.self]), cloudKitDatabase: .automatic)',
      'let c = ModelConfiguration(cloudKitDatabase: sync ? .private("iCloud.x") : .none)',
      'let d = ModelConfiguration(isStoredInMemoryOnly: false)',
    ].join('\n'));
    assert.deepEqual(r.calls.map((c) => [c.databaseScope?.value, c.boundTo, c.databaseWords, c.inMemory]), [
      ['none', 'a', undefined, undefined],
      ['automatic', 'b', undefined, undefined],
      // The scope is the last word; all the words are listed for the caller to judge.
      ['none', 'c', ['private', 'none'], undefined],
      [undefined, 'd', undefined, undefined],
    ]);
    assert.deepEqual(r.calls[1].models.map((m) => m.name), ['Item']);
  });

  it('ModelConfiguration(for:isStoredInMemoryOnly:): the `for:` type and the variadic ones after it are its models', () => {
    const r = read([
      'let one = ModelConfiguration(for: Recipe.self)',
      'let two = ModelConfiguration(for: Recipe.self, Comment.self, isStoredInMemoryOnly: true)',
    ].join('\n'));
    assert.deepEqual(r.calls.map((c) => [c.boundTo, c.models.map((m) => [m.name, at(r, m.span)]), c.inMemory, c.name]), [
      ['one', [['Recipe', 'Recipe.self']], undefined, undefined],
      ['two', [['Recipe', 'Recipe.self'], ['Comment', 'Comment.self']], true, undefined],
    ]);
  });

  it('ModelContainer: types, a schema reference, configurations by name and inline', () => {
    const r = read([
      'let container = try ModelContainer(for: Item.self, Tag.self, configurations: cloud, local)',
      'let other = try ModelContainer(for: schema, configurations: [ModelConfiguration(cloudKitDatabase: .none)])',
      'let third = ModelContainer(for: Item.self)',
    ].join('\n'));
    const [a, b, c] = r.calls.filter((x) => x.kind === 'ModelContainer');
    assert.deepEqual([a.models.map((m) => m.name), a.configurationRefs, a.hasConfigurations, a.schemaRef], [['Item', 'Tag'], ['cloud', 'local'], true, undefined]);
    assert.deepEqual([b.models.length, b.schemaRef, b.hasConfigurations, b.configurationRefs], [0, 'schema', true, undefined]);
    assert.deepEqual([c.models.map((m) => m.name), c.hasConfigurations], [['Item'], undefined]);
    assert.equal(r.calls.filter((x) => x.kind === 'ModelConfiguration').length, 1);
  });

  it('.modelContainer(for:) in a SwiftUI scene', () => {
    const r = read('var body: some Scene { WindowGroup { ContentView() }.modelContainer(for: [Item.self, Tag.self]) }');
    const [c] = r.calls.filter((x) => x.kind === 'modelContainer');
    assert.deepEqual(c.models.map((m) => m.name), ['Item', 'Tag']);
  });

  it('CKContainer(identifier:) and the default container; group URLs; sharing calls', () => {
    const r = read([
      'let ck = CKContainer(identifier: "iCloud.com.example.shared")',
      'let url = FileManager.default.containerURL(forSecurityApplicationGroupIdentifier: "group.com.example")!',
      'let controller = UICloudSharingController(share: share, container: ck)',
      'container.share([item], to: nil) { _, _, _, _ in }',
      'let s = CKShare(rootRecord: record)',
      'container.share(objects)',
    ].join('\n'));
    assert.deepEqual(r.calls.map((c) => [c.kind, c.containerId?.literal]), [['CKContainer', 'iCloud.com.example.shared']]);
    assert.deepEqual(r.groupUrls.map((g) => g.literal), ['group.com.example']);
    assert.equal(r.sharingCalls.length, 3);
  });

  it('string constants: iCloud./group. literals, static lets with their type, labelled arguments', () => {
    const r = read([
      'enum CloudContainerID {',
      '    static let kado = "iCloud.com.example.kado"',
      '    static let other = "not a container"',
      '}',
      'struct Config { static let group = "group.com.example" }',
      'let plain = "iCloud.top"',
      'let c = NSPersistentCloudKitContainerOptions(containerIdentifier: "iCloud.inline")',
    ].join('\n'));
    const byValue = new Map(r.constants.map((c) => [c.value, c.names]));
    assert.deepEqual(byValue.get('iCloud.com.example.kado'), ['CloudContainerID.kado', 'kado']);
    assert.deepEqual(byValue.get('group.com.example'), ['Config.group', 'group']);
    assert.deepEqual(byValue.get('iCloud.top'), ['plain']);
    assert.deepEqual(byValue.get('iCloud.inline'), ['containerIdentifier']);
  });

  it('store descriptions: configuration and options assigned on a receiver; fresh descriptions; type lists', () => {
    const r = read([
      'let cloud = NSPersistentStoreDescription(url: url)',
      'cloud.configuration = "Cloud"',
      'container.persistentStoreDescriptions.first?.cloudKitContainerOptions = options',
      'let models: [any PersistentModel.Type] = [Item.self, Tag.self]',
      'let schema = Schema([Item.self, Note.self])',
      'let versioned = Schema(versionedSchema: SchemaV2.self)',
      'let empty = Schema([])',
    ].join('\n'));
    assert.deepEqual(r.freshDescriptions, ['cloud']);
    assert.deepEqual(r.descriptionAssignments?.map((d) => [d.receiver, d.property, d.value.literal ?? d.value.text]), [
      ['cloud', 'configuration', 'Cloud'],
      ['container.persistentStoreDescriptions.first', 'cloudKitContainerOptions', 'options'],
    ]);
    assert.deepEqual(r.typeLists?.map((t) => [t.name, t.models.map((m) => m.name), t.refs, t.versioned]), [
      ['models', ['Item', 'Tag'], [], undefined],
      ['schema', ['Item', 'Note'], [], undefined],
      ['versioned', ['SchemaV2'], [], true],
      ['empty', [], [], undefined],
    ]);
  });

  it('calls are listed in source order, with their whole span', () => {
    const r = read('func make() {\n  let b = ModelContainer(for: Item.self)\n}\nlet a = NSPersistentCloudKitContainer(name: "A")');
    assert.deepEqual(r.calls.map((c) => at(r, c.span)), ['ModelContainer(for: Item.self)', 'NSPersistentCloudKitContainer(name: "A")']);
  });
});
