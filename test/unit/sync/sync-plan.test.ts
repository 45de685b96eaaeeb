import assert from 'node:assert/strict';
import { readModelXml } from '../../../src/core/model/xml';
import { lintModel } from '../../../src/core/rules';
import { cloudKitScope } from '../../../src/core/model/scope';
import { deriveSchema } from '../../../src/core/cloudkit/derive';
import { syncPlanFromSwift } from '../../../src/core/model/sync-read';
import { coreDataModelName, coreDataSyncScope, describeEntry, swiftDataSyncScope, syncScopeFor, type SyncPlan, type SyncPlanEntry } from '../../../src/core/model/sync-plan';
import { readSwift, swiftParser } from '../../helpers/swift';
import { CLOUD_AND_LOCAL_MODEL, entityXml, modelXml } from '../model/fixtures';

/** The sync plan of hand-made Swift setup code, one file per entry of `files`. */
async function planOf(files: Record<string, string>): Promise<SyncPlan> {
  return syncPlanFromSwift(Object.entries(files).map(([path, text]) => ({ path, text })), await swiftParser());
}

async function only(text: string): Promise<SyncPlanEntry> {
  const plan = await planOf({ 'App.swift': text });
  assert.equal(plan.entries.length, 1, JSON.stringify(plan.entries));
  return plan.entries[0];
}

describe('sync plan: which models sync, read from the setup code', () => {
  describe('SwiftData', () => {
    it('ModelConfiguration(cloudKitDatabase: .automatic) loaded by ModelContainer(for:configurations:): synced, its types, the first entitled container', async () => {
      const e = await only(`
let config = ModelConfiguration(cloudKitDatabase: .automatic)
let container = try ModelContainer(for: Trip.self, Stop.self, configurations: config)`);
      assert.equal(e.kind, 'swiftdata');
      assert.equal(e.synced, true);
      assert.deepEqual(e.models, ['Trip', 'Stop']);
      assert.equal(e.containerId, undefined);
      assert.equal(describeEntry(e), 'syncs 2 models to the first iCloud container of the entitlements, private database');
    });

    it('.private("iCloud.x") names the container; Schema([...]) inline gives the types', async () => {
      const e = await only(`let c = ModelConfiguration(schema: Schema([Item.self]), cloudKitDatabase: .private("iCloud.com.example.app"))`);
      assert.equal(e.synced, true);
      assert.equal(e.containerId, 'iCloud.com.example.app');
      assert.deepEqual(e.models, ['Item']);
      assert.equal(describeEntry(e), 'syncs 1 model to iCloud.com.example.app, private database');
    });

    it('cloudKitDatabase: .none is not synced, and says so', async () => {
      const e = await only(`let c = ModelConfiguration(schema: Schema([Item.self]), cloudKitDatabase: .none)`);
      assert.equal(e.synced, false);
      assert.equal(describeEntry(e), 'not synced: cloudKitDatabase: .none');
    });

    it('no cloudKitDatabase argument is .automatic (doc ModelConfiguration)', async () => {
      const e = await only(`let c = ModelConfiguration(schema: Schema([Item.self]))`);
      assert.equal(e.synced, true);
      assert.match(e.reason, /\.automatic/);
    });

    it('named configurations with named schemas: each its own scope (nucleus "Synced"/"Local")', async () => {
      const plan = await planOf({
        'Database.swift': `
enum Database {
  static let cloudID = "iCloud.net.example"
  static let syncedSchema = Schema([Note.self, Tag.self])
  static let localSchema = Schema([MailMessage.self])
  static func make() throws -> ModelContainer {
    let synced = ModelConfiguration("Synced", schema: syncedSchema, cloudKitDatabase: .private(cloudID))
    let local = ModelConfiguration("Local", schema: localSchema, cloudKitDatabase: .none)
    return try ModelContainer(for: Schema([Note.self, Tag.self, MailMessage.self]), configurations: [synced, local])
  }
}`,
      });
      const byName = new Map(plan.entries.map((e) => [e.configuration, e]));
      assert.deepEqual([...byName.keys()].sort(), ['Local', 'Synced']);
      assert.deepEqual(byName.get('Synced')!.models, ['Note', 'Tag']);
      assert.equal(byName.get('Synced')!.containerId, 'iCloud.net.example', 'a static let constant resolves');
      assert.equal(byName.get('Local')!.synced, false);
      assert.equal(describeEntry(byName.get('Synced')!), 'syncs 2 models ("Synced") to iCloud.net.example, private database');
    });

    it('Schema(allModels) with a static type list; a configuration without schema takes its container\'s types', async () => {
      const plan = await planOf({
        'Factory.swift': `
enum Factory {
  static let allModels: [any PersistentModel.Type] = [Account.self, Entry.self]
  static func make() throws -> ModelContainer {
    let schema = Schema(allModels)
    let configuration = ModelConfiguration(isStoredInMemoryOnly: false, cloudKitDatabase: .automatic)
    return try ModelContainer(for: schema, configurations: [configuration])
  }
}`,
      });
      assert.equal(plan.entries.length, 1);
      assert.deepEqual(plan.entries[0].models, ['Account', 'Entry']);
    });

    it('ModelContainer(for:) and .modelContainer(for:) without configurations: one .automatic store', async () => {
      const a = await only(`let c = try ModelContainer(for: Item.self)`);
      assert.equal(a.synced, true);
      assert.deepEqual(a.models, ['Item']);
      const b = await only(`
@main struct App: SwiftUI.App {
  var body: some Scene { WindowGroup { Text("x") }.modelContainer(for: [Recipe.self, Cookbook.self]) }
}`);
      assert.equal(b.synced, true);
      assert.deepEqual(b.models, ['Recipe', 'Cookbook']);
    });

    it('a value that is not one literal syncs when it may (useCloudKit ? .automatic : .none); in-memory stores do not', async () => {
      const e = await only(`let c = ModelConfiguration(schema: Schema([Item.self]), cloudKitDatabase: useCloudKit ? .automatic : .none)`);
      assert.equal(e.synced, true);
      assert.match(e.reason, /useCloudKit \? \.automatic : \.none/);
      const m = await only(`let c = ModelConfiguration(schema: Schema([Item.self]), isStoredInMemoryOnly: true)`);
      assert.equal(m.synced, false);
      assert.match(describeEntry(m), /isStoredInMemoryOnly: true/);
    });

    it('Schema(versionedSchema:) and an unresolved schema name: every model (types unknown)', async () => {
      const e = await only(`
let schema = Schema(versionedSchema: SchemaV4.self)
let c = ModelConfiguration(schema: schema, url: url, cloudKitDatabase: .private(CloudID.app))`);
      assert.equal(e.models, undefined);
      assert.equal(e.containerExpression, 'CloudID.app');
      assert.equal(describeEntry(e), "syncs the container's models to the container in CloudID.app, private database");
      const p = await only(`func make(schema: Schema) { let c = ModelConfiguration(schema: schema, cloudKitDatabase: .automatic) }`);
      assert.equal(p.models, undefined);
    });
  });

  describe('Core Data', () => {
    it('NSPersistentCloudKitContainer(name:) syncs the model of that name; NSPersistentContainer does not', async () => {
      const e = await only(`let container = NSPersistentCloudKitContainer(name: "Shopping")`);
      assert.equal(e.kind, 'coredata');
      assert.equal(e.modelName, 'Shopping');
      assert.equal(e.synced, true);
      assert.equal(describeEntry(e), 'syncs model "Shopping" to the first iCloud container of the entitlements, private database');
      const n = await only(`let container = NSPersistentContainer(name: "Shopping")`);
      assert.equal(n.synced, false);
      assert.equal(describeEntry(n), 'not synced: NSPersistentContainer (no CloudKit)');
    });

    it('store descriptions: configuration = "Cloud" with options syncs, "Local" without options does not', async () => {
      const plan = await planOf({
        'Stack.swift': `
let container = NSPersistentCloudKitContainer(name: "Shopping")
let cloud = NSPersistentStoreDescription(url: cloudURL)
cloud.configuration = "Cloud"
cloud.cloudKitContainerOptions = NSPersistentCloudKitContainerOptions(containerIdentifier: "iCloud.com.example.shop")
let local = NSPersistentStoreDescription(url: localURL)
local.configuration = "Local"
container.persistentStoreDescriptions = [cloud, local]`,
      });
      const byName = new Map(plan.entries.map((e) => [e.configuration, e]));
      assert.equal(byName.get('Cloud')!.synced, true);
      assert.equal(byName.get('Cloud')!.containerId, 'iCloud.com.example.shop');
      assert.equal(byName.get('Local')!.synced, false);
      assert.equal(describeEntry(byName.get('Cloud')!), 'syncs configuration "Cloud" of model "Shopping" to iCloud.com.example.shop, private database');
      assert.deepEqual(coreDataSyncScope(plan, 'Shopping'), { synced: true, origin: 'code', configurations: ['Cloud'], databases: ['private'], reason: 'cloud.configuration = "Cloud" (Stack.swift)' });
    });

    it('cloudKitContainerOptions = nil on the default description: not synced; databaseScope = .shared is read', async () => {
      const off = await only(`
let container = NSPersistentCloudKitContainer(name: "M")
container.persistentStoreDescriptions.first!.cloudKitContainerOptions = nil`);
      assert.equal(off.synced, false);
      assert.match(off.reason, /nil/);
      const shared = await only(`
let container = NSPersistentCloudKitContainer(name: "M")
let options = NSPersistentCloudKitContainerOptions(containerIdentifier: "iCloud.x")
options.databaseScope = .shared`);
      assert.deepEqual(shared.databases, ['shared']);
    });

    it('the model name of a model file', () => {
      assert.equal(coreDataModelName('/a/Shop.xcdatamodeld/Shop 2.xcdatamodel/contents'), 'Shop');
      assert.equal(coreDataModelName('C:\\a\\Shop.xcdatamodel\\contents'), 'Shop');
      assert.equal(coreDataModelName('/a/Shop.cdmodel.ts'), undefined);
    });
  });

  it('bad Swift never throws: a file that does not parse gives what it can', async () => {
    const plan = await planOf({ 'Broken.swift': 'let c = ModelConfiguration(cloudKitDatabase: .none\n}}} class {{ @@@ ' });
    assert.ok(plan.entries.every((e) => e.kind === 'swiftdata'));
  });
});

describe('sync plan in lint mode auto', () => {
  const syncedAndLocal = {
    'Models.swift': `
import SwiftData
@Model final class Note { var title: String = ""; var tag: Tag? }
@Model final class Tag { var name: String = ""; @Relationship(inverse: \\Note.tag) var notes: [Note]? }
@Model final class MailMessage { @Attribute(.unique) var id: String; var subject: String; init(id: String, subject: String) { self.id = id; self.subject = subject } }`,
  };
  const setup = {
    'Database.swift': `
let synced = ModelConfiguration("Synced", schema: Schema([Note.self]), cloudKitDatabase: .private("iCloud.x"))
let local = ModelConfiguration("Local", schema: Schema([MailMessage.self]), cloudKitDatabase: .none)`,
  };

  it('SwiftData: only the synced configuration\'s models (and the models they relate to) are CloudKit models', async () => {
    const model = (await readSwift(syncedAndLocal)).model;
    const plan = await planOf(setup);
    const sync = swiftDataSyncScope(plan, model)!;
    assert.deepEqual(sync.entities, ['Note', 'Tag'], 'Tag is reached from Note');
    const withCode = lintModel(model, undefined, { sync }).filter((f) => f.ruleId.startsWith('CK'));
    assert.deepEqual(withCode, [], 'MailMessage (.unique, non-optional) lives in the .none store');
    const without = lintModel(model, undefined, {}).filter((f) => f.ruleId.startsWith('CK'));
    assert.ok(without.some((f) => f.ruleId === 'CK001'), 'without the code every model is a CloudKit model');
    const schema = deriveSchema(model, { entities: cloudKitScope(model, 'auto', sync).entities });
    assert.deepEqual(schema.recordTypes.map((r) => r.name).filter((n) => n.startsWith('CD_')).sort(), ['CD_Note', 'CD_Tag']);
  });

  it('SwiftData: a model only .none stores load is no CloudKit model in auto, still one in always', async () => {
    const model = (await readSwift(syncedAndLocal)).model;
    const plan = await planOf({ 'Database.swift': 'let c = ModelConfiguration(cloudKitDatabase: .none)\nlet m = try ModelContainer(for: Note.self, MailMessage.self, configurations: c)' });
    const sync = syncScopeFor(model, 'Models.swift', plan)!;
    assert.equal(sync.synced, false);
    assert.deepEqual(lintModel(model, undefined, { sync }).filter((f) => f.ruleId.startsWith('CK')), []);
    assert.ok(lintModel(model, undefined, { sync, mode: 'always' }).some((f) => f.ruleId === 'CK001'));
  });

  const twoConfigurations = CLOUD_AND_LOCAL_MODEL;
  const cloudOnly = `
let container = NSPersistentCloudKitContainer(name: "Shop")
let cloud = NSPersistentStoreDescription(url: a)
cloud.configuration = "Cloud"
cloud.cloudKitContainerOptions = NSPersistentCloudKitContainerOptions(containerIdentifier: "iCloud.x")
let local = NSPersistentStoreDescription(url: b)
local.configuration = "Local"
local.cloudKitContainerOptions = nil`;

  it('.xcdatamodel: code that syncs only "Cloud" checks that configuration alone, and its schema has its entities alone', async () => {
    const { model } = readModelXml(twoConfigurations);
    const plan = await planOf({ 'Stack.swift': cloudOnly });
    const sync = syncScopeFor(model, '/p/Shop.xcdatamodeld/Shop.xcdatamodel/contents', plan)!;
    assert.deepEqual(sync.configurations, ['Cloud']);
    const ids = lintModel(model, undefined, { sync }).map((f) => f.ruleId);
    assert.ok(ids.includes('CK002'), 'Item.title non-optional without default');
    assert.ok(!ids.includes('CK001'), 'Log is local');
    assert.ok(!ids.includes('CK017'), 'the code said what syncs');
    assert.deepEqual(lintModel(model, undefined, {}).map((f) => f.ruleId), ['CK017'], 'without code: no flag, rules silent');
    const schema = deriveSchema(model, { entities: cloudKitScope(model, 'auto', sync).entities });
    assert.deepEqual(schema.recordTypes.map((r) => r.name).filter((n) => n.startsWith('CD_')), ['CD_Item']);
  });

  it('.xcdatamodel: another model name, or an unknown configuration, leaves the flags in charge', async () => {
    const { model } = readModelXml(twoConfigurations);
    const plan = await planOf({ 'Stack.swift': cloudOnly });
    assert.equal(syncScopeFor(model, '/p/Other.xcdatamodeld/Other.xcdatamodel/contents', plan), undefined);
    const sync = syncScopeFor(model, '/p/Shop.xcdatamodel/contents', plan, 'Nope')!;
    assert.deepEqual(lintModel(model, undefined, { sync }).map((f) => f.ruleId), ['CK017'], 'unknown configuration: the flags decide, as without it');
  });

  it('.xcdatamodel: NSPersistentContainer only: a flagged model is not checked in auto', async () => {
    const flagged = modelXml(entityXml('Item', '        <attribute name="title" attributeType="String"/>'));
    const { model } = readModelXml(flagged);
    assert.ok(lintModel(model, undefined, {}).some((f) => f.ruleId === 'CK002'));
    const plan = await planOf({ 'Stack.swift': 'let c = NSPersistentContainer(name: "Shop")' });
    const sync = syncScopeFor(model, '/p/Shop.xcdatamodel/contents', plan)!;
    assert.equal(sync.synced, false);
    assert.deepEqual(lintModel(model, undefined, { sync }), []);
  });

  it('the user\'s configuration wins over the code', async () => {
    const { model } = readModelXml(twoConfigurations);
    const plan = await planOf({ 'Stack.swift': cloudOnly });
    const sync = syncScopeFor(model, '/p/Shop.xcdatamodel/contents', plan, 'Local')!;
    assert.equal(sync.origin, 'user');
    const ids = lintModel(model, undefined, { sync }).map((f) => f.ruleId);
    assert.ok(ids.includes('CK001') && !ids.includes('CK002'));
    const all = syncScopeFor(model, '/p/Shop.xcdatamodel/contents', plan, 'Default')!;
    const both = lintModel(model, undefined, { sync: all }).map((f) => f.ruleId);
    assert.ok(both.includes('CK001') && both.includes('CK002'));
  });
});
