import assert from 'node:assert/strict';
import type { ContainerSetupCall, ContainerSetupFile, DescriptionAssignment, SwiftValue, TypeList } from '../../../src/core/project/setup-model';
import {
  coreDataModelName, coreDataSyncScope, describeEntry, swiftDataSyncScope, syncPlanOf, syncScopeFor, userSyncScope,
  type SetupFileInput, type SyncPlan, type SyncPlanEntry,
} from '../../../src/core/model/sync-plan';

/**
 * The rules of sync-plan.ts taken one by one, on setup data written by us (the container-setup reader's
 * output shape, built by hand so each rule is reached without the reader): which store syncs, its types,
 * container, databases and reason, and the scopes lint mode `auto` gets from a plan. Whole entries are
 * compared so that a changed reason, database list or extra key shows.
 */

const S0 = { start: 0, end: 1 };
const N0 = { start: 0, end: 0 };

function call(kind: ContainerSetupCall['kind'], more: Partial<ContainerSetupCall> = {}): ContainerSetupCall {
  return { kind, span: S0, nameSpan: N0, models: [], ...more };
}
function types(...names: string[]): ContainerSetupCall['models'] {
  return names.map((name) => ({ name, span: S0 }));
}
function value(text: string, literal?: string): SwiftValue {
  return { text, span: S0, ...(literal !== undefined ? { literal } : {}) };
}
function list(name: string, models: string[], refs: string[] = [], versioned?: boolean): TypeList {
  return { name, models: types(...models), refs, span: S0, ...(versioned ? { versioned } : {}) };
}
function assign(receiver: string, property: DescriptionAssignment['property'], v: SwiftValue): DescriptionAssignment {
  return { receiver, property, value: v, span: S0 };
}
function file(setup: Partial<ContainerSetupFile>, path = '/app/App.swift'): SetupFileInput {
  return { path, setup: { calls: [], scopeAssignments: [], optionsCleared: [], groupUrls: [], constants: [], sharingCalls: [], typeLists: [], ...setup } };
}
function entries(...files: SetupFileInput[]): readonly SyncPlanEntry[] {
  return syncPlanOf(files).entries;
}
/** The SwiftData entry fields every configuration entry below shares. */
const SD = { kind: 'swiftdata' as const, file: '/app/App.swift', span: S0, nameSpan: N0 };
const CD = { kind: 'coredata' as const, file: '/app/App.swift', span: S0, nameSpan: N0 };

describe('sync plan rules (hand-built setup data)', () => {
  describe('constants and type lists across files', () => {
    it('the first file that declares a constant wins', () => {
      const a = file({ constants: [{ names: ['cloudID'], value: 'iCloud.first', span: S0 }] }, '/app/A.swift');
      const b = file({
        constants: [{ names: ['cloudID'], value: 'iCloud.second', span: S0 }],
        calls: [call('ModelConfiguration', { containerId: value('cloudID'), models: types('Item') })],
      }, '/app/B.swift');
      assert.equal(entries(a, b)[0].containerId, 'iCloud.first');
    });

    it('the first file that declares a type list wins', () => {
      const a = file({ typeLists: [list('all', ['Note'])] }, '/app/A.swift');
      const b = file({ typeLists: [list('all', ['Other'])], calls: [call('ModelConfiguration', { schemaRef: 'all' })] }, '/app/B.swift');
      assert.deepEqual(entries(a, b)[0].models, ['Note']);
    });

    it('type lists that refer to each other in a cycle end, with the models of both', () => {
      const f = file({ typeLists: [list('a', ['A'], ['b']), list('b', ['B'], ['a'])], calls: [call('ModelConfiguration', { schemaRef: 'a' })] });
      assert.deepEqual(entries(f)[0].models, ['A', 'B']);
    });

    it('a chain of type lists is followed for 65 lists at most', () => {
      const lists = Array.from({ length: 70 }, (_, i) => list(`l${i}`, [`M${i}`], i < 69 ? [`l${i + 1}`] : []));
      const f = file({ typeLists: lists, calls: [call('ModelConfiguration', { schemaRef: 'l0' })] });
      assert.deepEqual(entries(f)[0].models, Array.from({ length: 65 }, (_, i) => `M${i}`));
    });

    it('a versioned list, or a list not found, means every model; own types join a resolved list', () => {
      const v = file({ typeLists: [list('s', ['SchemaV2'], [], true)], calls: [call('ModelConfiguration', { schemaRef: 's' })] });
      assert.equal(entries(v)[0].models, undefined);
      const both = file({ typeLists: [list('s', ['B', 'A'])], calls: [call('ModelConfiguration', { models: types('A'), schemaRef: 's' })] });
      assert.deepEqual(entries(both)[0].models, ['A', 'B']);
    });
  });

  describe('SwiftData ModelConfiguration', () => {
    it('a configuration without types takes those of the container whose configurations name its variable', () => {
      const f = file({
        calls: [
          call('ModelContainer', { models: types('Plain') }),
          call('ModelContainer', { models: types('Local'), hasConfigurations: true, configurationRefs: ['local'] }),
          call('ModelConfiguration', { boundTo: 'cloud' }),
          call('ModelContainer', { models: types('Cloud'), hasConfigurations: true, configurationRefs: ['cloud'] }),
        ],
      });
      const cfg = entries(f).find((e) => e.reason.startsWith('no cloudKitDatabase'))!;
      assert.deepEqual(cfg.models, ['Cloud']);
    });

    it('.modelContainer(for:configurations:) is such a container too', () => {
      const f = file({
        calls: [
          call('ModelConfiguration', { boundTo: 'cfg' }),
          call('modelContainer', { models: types('Recipe'), hasConfigurations: true, configurationRefs: ['cfg'] }),
        ],
      });
      assert.deepEqual(entries(f), [{ ...SD, synced: true, reason: 'no cloudKitDatabase argument (.automatic)', databases: ['private'], models: ['Recipe'] }]);
    });

    it('a configuration not stored in a variable takes the types of the one container that has configurations', () => {
      const f = file({
        calls: [
          call('ModelContainer', { models: types('Elsewhere') }),
          call('ModelConfiguration', {}),
          call('ModelContainer', { models: types('Loaded'), hasConfigurations: true }),
        ],
      });
      const cfg = entries(f).find((e) => e.reason.startsWith('no cloudKitDatabase'))!;
      assert.deepEqual(cfg.models, ['Loaded']);
    });

    it('two containers with configurations: the types stay unknown', () => {
      const f = file({
        calls: [
          call('ModelConfiguration', {}),
          call('ModelContainer', { models: types('A'), hasConfigurations: true }),
          call('ModelContainer', { models: types('B'), hasConfigurations: true }),
        ],
      });
      assert.equal(entries(f)[0].models, undefined);
    });

    it('no container at all: the types stay unknown (and nothing throws)', () => {
      assert.deepEqual(entries(file({ calls: [call('ModelConfiguration', {})] })), [
        { ...SD, synced: true, reason: 'no cloudKitDatabase argument (.automatic)', databases: ['private'] },
      ]);
    });

    it('own types are kept, not replaced by the container\'s', () => {
      const f = file({
        calls: [
          call('ModelConfiguration', { models: types('Own') }),
          call('ModelContainer', { models: types('Other'), hasConfigurations: true }),
        ],
      });
      assert.deepEqual(entries(f)[0].models, ['Own']);
    });

    it('an unresolved schema name is not replaced by the container\'s types', () => {
      const f = file({
        calls: [
          call('ModelConfiguration', { schemaRef: 'param' }),
          call('ModelContainer', { models: types('Other'), hasConfigurations: true }),
        ],
      });
      assert.equal(entries(f)[0].models, undefined);
    });

    it('a non-literal cloudKitDatabase: reason in the code\'s words, synced when one word is not .none', () => {
      const f = file({ calls: [call('ModelConfiguration', { models: types('A'), databaseText: 'flag ? .automatic : .none', databaseWords: ['automatic', 'none'] })] });
      assert.deepEqual(entries(f), [{ ...SD, synced: true, reason: 'cloudKitDatabase: flag ? .automatic : .none', databases: ['private'], models: ['A'] }]);
      const off = file({ calls: [call('ModelConfiguration', { models: types('A'), databaseText: 'flag ? .none : .none', databaseWords: ['none', 'none'] })] });
      assert.equal(entries(off)[0].synced, false);
    });

    it('empty databaseWords fall back to the scope literal', () => {
      const f = file({ calls: [call('ModelConfiguration', { models: types('A'), databaseWords: [], databaseScope: { value: 'automatic', span: S0 } })] });
      assert.deepEqual(entries(f), [{ ...SD, synced: true, reason: 'cloudKitDatabase: .automatic', databases: ['private'], models: ['A'] }]);
    });

    it('a scope literal without text: reason `.none`, no databases', () => {
      const f = file({ calls: [call('ModelConfiguration', { models: types('A'), databaseScope: { value: 'none', span: S0 } })] });
      assert.deepEqual(entries(f), [{ ...SD, synced: false, reason: 'cloudKitDatabase: .none', databases: [], models: ['A'] }]);
    });

    it('in memory: not synced, whatever cloudKitDatabase says; name and container expression are kept', () => {
      const f = file({
        calls: [call('ModelConfiguration', {
          models: types('A'), inMemory: true, databaseScope: { value: 'automatic', span: S0 }, name: value('"Preview"', 'Preview'), containerId: value('Ids.app'),
        })],
      });
      assert.deepEqual(entries(f), [{ ...SD, synced: false, reason: 'isStoredInMemoryOnly: true', databases: [], containerExpression: 'Ids.app', configuration: 'Preview', models: ['A'] }]);
    });
  });

  describe('SwiftData containers without configurations', () => {
    it('ModelContainer(for:): one synced store, reason names the initializer', () => {
      const f = file({ calls: [call('ModelContainer', { models: types('Item') })] });
      assert.deepEqual(entries(f), [{ ...SD, synced: true, reason: 'ModelContainer(for:) without configurations (.automatic)', databases: ['private'], models: ['Item'] }]);
    });

    it('.modelContainer(for:): one synced store, reason names the modifier', () => {
      const f = file({ calls: [call('modelContainer', { models: types('Item') })] });
      assert.deepEqual(entries(f), [{ ...SD, synced: true, reason: '.modelContainer(for:) without configurations (.automatic)', databases: ['private'], models: ['Item'] }]);
    });

    it('.modelContainer(container) without types is set up elsewhere: no entry; ModelContainer without types is every model', () => {
      assert.deepEqual(entries(file({ calls: [call('modelContainer', {})] })), []);
      assert.deepEqual(entries(file({ calls: [call('ModelContainer', {})] })), [
        { ...SD, synced: true, reason: 'ModelContainer(for:) without configurations (.automatic)', databases: ['private'] },
      ]);
    });
  });

  describe('Core Data', () => {
    const cloudKit = (more: Partial<ContainerSetupCall> = {}) => call('NSPersistentCloudKitContainer', { name: value('"Shop"', 'Shop'), ...more });

    it('NSPersistentContainer: not synced, no databases', () => {
      assert.deepEqual(entries(file({ calls: [call('NSPersistentContainer', { name: value('"Shop"', 'Shop') })] })), [
        { ...CD, modelName: 'Shop', synced: false, reason: 'NSPersistentContainer (no CloudKit)', databases: [] },
      ]);
    });

    it('a model name that is not a literal nor a known constant: no modelName key', () => {
      assert.deepEqual(entries(file({ calls: [call('NSPersistentCloudKitContainer', { name: value('config.name') })] })), [
        { ...CD, synced: true, reason: 'NSPersistentCloudKitContainer', databases: ['private'] },
      ]);
    });

    it('the container id: the first literal of the options calls, not of CKContainer, skipping options without an id', () => {
      const f = file({
        calls: [
          call('CKContainer', { containerId: value('"iCloud.ck"', 'iCloud.ck') }),
          call('NSPersistentCloudKitContainerOptions', {}),
          call('NSPersistentCloudKitContainerOptions', { containerId: value('Ids.cloud') }),
          call('NSPersistentCloudKitContainerOptions', { containerId: value('"iCloud.opt"', 'iCloud.opt') }),
          cloudKit(),
        ],
      });
      assert.deepEqual(entries(f), [{ ...CD, modelName: 'Shop', synced: true, reason: 'NSPersistentCloudKitContainer', databases: ['private'], containerId: 'iCloud.opt' }]);
    });

    it('no literal id: the first expression', () => {
      const f = file({ calls: [call('NSPersistentCloudKitContainerOptions', { containerId: value('Ids.cloud') }), cloudKit()] });
      assert.equal(entries(f)[0].containerExpression, 'Ids.cloud');
    });

    it('databases: the private/shared/public scopes set, once each; other words ignored', () => {
      const f = file({
        calls: [cloudKit()],
        scopeAssignments: [{ value: 'private', span: S0 }, { value: 'none', span: S0 }, { value: 'public', span: S0 }, { value: 'shared', span: S0 }, { value: 'private', span: S0 }],
      });
      assert.deepEqual(entries(f)[0].databases, ['private', 'public', 'shared']);
      const none = file({ calls: [cloudKit()], scopeAssignments: [{ value: 'automatic', span: S0 }] });
      assert.deepEqual(entries(none)[0].databases, ['private']);
    });

    it('default description: options set to nil on one path and to options on another still sync', () => {
      const f = file({
        calls: [cloudKit()],
        descriptionAssignments: [assign('d', 'cloudKitContainerOptions', value('nil')), assign('d', 'cloudKitContainerOptions', value('options'))],
      });
      assert.equal(entries(f)[0].synced, true);
      const off = file({ calls: [cloudKit()], descriptionAssignments: [assign('d', 'cloudKitContainerOptions', value('nil'))] });
      assert.deepEqual(entries(off), [{ ...CD, modelName: 'Shop', synced: false, reason: 'cloudKitContainerOptions = nil', databases: [] }]);
    });

    it('configured descriptions: synced, cleared and fresh-without-options, each with its reason', () => {
      const f = file({
        calls: [call('NSPersistentCloudKitContainerOptions', { containerId: value('"iCloud.x"', 'iCloud.x') }), cloudKit()],
        freshDescriptions: ['cloud', 'local', 'bare'],
        descriptionAssignments: [
          assign('cloud', 'configuration', value('"Cloud"', 'Cloud')),
          assign('cloud', 'cloudKitContainerOptions', value('options')),
          assign('local', 'configuration', value('"Local"', 'Local')),
          assign('local', 'cloudKitContainerOptions', value('nil')),
          assign('bare', 'configuration', value('"Bare"', 'Bare')),
        ],
      });
      assert.deepEqual(entries(f), [
        { ...CD, modelName: 'Shop', synced: true, reason: 'cloud.configuration = "Cloud"', databases: ['private'], containerId: 'iCloud.x', configuration: 'Cloud' },
        { ...CD, modelName: 'Shop', synced: false, reason: 'local.cloudKitContainerOptions = nil', databases: [], configuration: 'Local' },
        { ...CD, modelName: 'Shop', synced: false, reason: 'bare has no cloudKitContainerOptions', databases: [], configuration: 'Bare' },
      ]);
    });

    it('a description not created in the file syncs without options, not with options = nil', () => {
      const f = file({
        calls: [cloudKit()],
        descriptionAssignments: [
          assign('desc', 'configuration', value('"Cloud"', 'Cloud')),
          assign('other', 'configuration', value('"Local"', 'Local')),
          assign('other', 'cloudKitContainerOptions', value('nil')),
        ],
      });
      assert.deepEqual(entries(f).map((e) => [e.configuration, e.synced]), [['Cloud', true], ['Local', false]]);
    });

    it('the same configuration twice with the same outcome is one entry; non-literal names differ by their text', () => {
      const f = file({
        calls: [cloudKit()],
        descriptionAssignments: [
          assign('a', 'configuration', value('"Cloud"', 'Cloud')),
          assign('b', 'configuration', value('"Cloud"', 'Cloud')),
          assign('c', 'configuration', value('cfgOne')),
          assign('d', 'configuration', value('cfgTwo')),
        ],
      });
      assert.deepEqual(entries(f).map((e) => e.reason), ['a.configuration = "Cloud"', 'c.configuration = cfgOne', 'd.configuration = cfgTwo']);
      assert.ok(!('configuration' in entries(f)[1]), 'a non-literal configuration is not named');
    });
  });

  describe('swiftDataSyncScope', () => {
    const entity = (name: string, rels: string[] = [], parentEntity?: string) => ({ name, relationships: rels.map((destinationEntity) => ({ destinationEntity })), ...(parentEntity ? { parentEntity } : {}) });
    const sd = (more: Partial<SyncPlanEntry>): SyncPlanEntry => ({ ...SD, synced: true, reason: 'r', databases: ['private'], ...more });
    const plan = (...e: SyncPlanEntry[]): SyncPlan => ({ entries: e });

    it('no SwiftData entry, or only stores of other models: undefined', () => {
      const model = { entities: [entity('Note')] };
      assert.equal(swiftDataSyncScope(plan({ ...CD, synced: true, reason: 'r', databases: [] }), model), undefined);
      assert.equal(swiftDataSyncScope(plan(sd({ models: ['Other'], synced: false })), model), undefined);
    });

    it('a store with one of this model\'s types among others counts; not synced: reason with the file\'s base name', () => {
      const model = { entities: [entity('Note')] };
      assert.deepEqual(swiftDataSyncScope(plan(sd({ models: ['Other', 'Note'], synced: false, reason: 'cloudKitDatabase: .none', file: '/a/b/Db.swift' })), model),
        { synced: false, origin: 'code', reason: 'cloudKitDatabase: .none (Db.swift)' });
      assert.deepEqual(swiftDataSyncScope(plan(sd({ synced: false, reason: 'x', file: 'C:\\a\\Db.swift' })), model),
        { synced: false, origin: 'code', reason: 'x (Db.swift)' });
    });

    it('a synced store with unknown types: every model (no entities key)', () => {
      const model = { entities: [entity('Note')] };
      assert.deepEqual(swiftDataSyncScope(plan(sd({ models: ['Note'] }), sd({ reason: 'all' })), model), { synced: true, origin: 'code', reason: 'r (App.swift)' });
    });

    it('closure: related models through several rounds and subclasses of listed classes, nothing else', () => {
      const model = {
        entities: [
          entity('C'), entity('B', ['C']), entity('A', ['B']), entity('Sub', [], 'A'),
          entity('Lone', ['Far']), entity('Far'), entity('Orphan', [], 'Base'), entity('Base'),
        ],
      };
      assert.deepEqual(swiftDataSyncScope(plan(sd({ models: ['A'] })), model), { synced: true, origin: 'code', entities: ['A', 'B', 'C', 'Sub'], reason: 'r (App.swift)' });
    });
  });

  describe('coreDataSyncScope and userSyncScope', () => {
    const cd = (more: Partial<SyncPlanEntry>): SyncPlanEntry => ({ ...CD, modelName: 'Shop', synced: true, reason: 'r', databases: ['private'], ...more });

    it('nothing synced: not synced, the first entry\'s reason', () => {
      assert.deepEqual(coreDataSyncScope({ entries: [cd({ synced: false, reason: 'off' })] }, 'Shop'), { synced: false, origin: 'code', reason: 'off (App.swift)' });
    });

    it('one synced store without a configuration: every configuration', () => {
      assert.deepEqual(coreDataSyncScope({ entries: [cd({ configuration: 'Cloud' }), cd({ reason: 'default' })] }, 'Shop'), { synced: true, origin: 'code', databases: ['private'], reason: 'r (App.swift)' });
    });

    it('the databases of the synced stores, once each (a store not synced adds none)', () => {
      const scope = coreDataSyncScope({ entries: [cd({ configuration: 'Cloud', databases: ['public'] }), cd({ configuration: 'Mine', databases: ['private', 'public'] }), cd({ synced: false, databases: ['shared'] })] }, 'Shop');
      assert.deepEqual(scope?.databases, ['public', 'private']);
      assert.deepEqual(scope?.configurations, ['Cloud', 'Mine']);
    });

    it('user: Core Data takes the configuration name', () => {
      assert.deepEqual(userSyncScope('Cloud', 'xml'), { synced: true, origin: 'user', configurations: ['Cloud'], reason: 'configuration "Cloud" (set by the user)' });
    });

    it('user: SwiftData takes the types of the SwiftData configuration of that name that lists them', () => {
      const p: SyncPlan = {
        entries: [
          cd({ configuration: 'Synced' }),
          { ...SD, synced: true, reason: 'r', databases: [], configuration: 'Local', models: ['Mail'] },
          { ...SD, synced: true, reason: 'r', databases: [], configuration: 'Synced' },
          { ...SD, synced: true, reason: 'r', databases: [], configuration: 'Synced', models: ['Note'] },
        ],
      };
      assert.deepEqual(userSyncScope('Synced', 'swift', p), { synced: true, origin: 'user', entities: ['Note'], reason: 'configuration "Synced" (set by the user)' });
      assert.deepEqual(userSyncScope('Nope', 'swift', p), { synced: true, origin: 'user', reason: 'configuration "Nope" (set by the user)' });
    });

    it('syncScopeFor: a file that is no Core Data model gets no scope even when a container has no literal name', () => {
      const p: SyncPlan = { entries: [{ ...CD, synced: true, reason: 'r', databases: ['private'] }] };
      assert.equal(syncScopeFor({ format: 'typescript', entities: [] }, '/p/shop.cdmodel.ts', p), undefined);
    });
  });

  describe('describeEntry and coreDataModelName', () => {
    it('several databases are joined and plural; none listed means private', () => {
      const e: SyncPlanEntry = { ...CD, synced: true, reason: 'r', databases: ['shared', 'public'], containerId: 'iCloud.x' };
      assert.equal(describeEntry(e), 'syncs the model to iCloud.x, shared and public databases');
      assert.equal(describeEntry({ ...e, databases: [] }), 'syncs the model to iCloud.x, private database');
    });

    it('a bundle or version folder name at the end of the path', () => {
      assert.equal(coreDataModelName('/p/Shop.xcdatamodeld'), 'Shop');
      assert.equal(coreDataModelName('/p/Shop.xcdatamodel'), 'Shop');
    });
  });
});
