import assert from 'node:assert/strict';
import type { ModelSpec, SandboxConfig } from '../../../src/core/sandbox/api';
import { Sandbox } from '../../../src/core/sandbox/sandbox';
import { storeDatabase } from '../../../src/core/sandbox/store-model';
import { configFor } from '../../../webview/session-data';

/**
 * A model whose CloudKit store is opened with a named configuration: the sandbox's store holds only that
 * configuration's entities (store-model.ts). Hand-made models: Item syncs ("Cloud"), Draft stays local.
 */
const SPEC: ModelSpec = {
  entities: [
    { name: 'Item', attributes: [{ name: 'title', type: 'String' }] },
    { name: 'Draft', attributes: [{ name: 'body', type: 'String' }] },
  ],
  configuration: 'Cloud',
  configurationEntities: ['Item'],
};

const config = (model: SandboxConfig['model']): SandboxConfig => ({ model, seed: 3, environment: 'development', devices: [{ id: 'A' }, { id: 'B' }] });

describe('sandbox: the store holds the CloudKit configuration\'s entities only', () => {
  it('Item syncs; a Draft save is refused as an unknown entity; the derived schema has no CD_Draft', () => {
    const s = new Sandbox(config({ kind: 'spec', spec: SPEC }));
    s.apply({ type: 'runUntilIdle' });
    s.apply({ type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: 'I', values: { title: 'x' } }] });
    s.apply({ type: 'runUntilIdle' });
    assert.deepEqual(s.inspectDevice('B').objects.map((o) => o.id), ['I']);
    assert.throws(() => s.apply({ type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Draft', id: 'D', values: { body: 'y' } }] }), /unknown entity 'Draft'/);
    assert.equal(s.validation.ok, true);
    const types = s.inspectServer().schemas.development.recordTypes.map((t) => t.name).sort();
    assert.ok(types.includes('CD_Item') && !types.includes('CD_Draft'), types.join(','));
  });

  it('without the configuration the same entities are all held (control)', () => {
    const s = new Sandbox(config({ kind: 'spec', spec: { entities: SPEC.entities } }));
    s.apply({ type: 'runUntilIdle' });
    s.apply({ type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Draft', id: 'D', values: { body: 'y' } }] });
    s.apply({ type: 'runUntilIdle' });
    assert.deepEqual(s.inspectDevice('B').objects.map((o) => o.id), ['D']);
  });

  it('an Xcode model with a "Used with CloudKit" configuration, and a relationship out of it failing setup (CK009)', () => {
    const xml = (rel: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<model type="com.apple.IDECoreDataModeler.DataModel" documentVersion="1.0">
    <entity name="Item" representedClassName="Item" syncable="YES">
        <attribute name="title" optional="YES" attributeType="String"/>${rel}
    </entity>
    <entity name="Draft" representedClassName="Draft" syncable="YES">
        <attribute name="body" optional="YES" attributeType="String"/>
    </entity>
    <configuration name="Cloud" usedWithCloudKit="YES">
        <memberEntity name="Item"/>
    </configuration>
</model>`;
    const ok = new Sandbox(config({ kind: 'xml', text: xml('') }));
    assert.equal(ok.validation.ok, true);
    assert.throws(() => ok.apply({ type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Draft', id: 'D', values: {} }] }), /unknown entity 'Draft'/);
    const crossing = new Sandbox(config({ kind: 'xml', text: xml('\n        <relationship name="draft" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="Draft"/>') }));
    assert.equal(crossing.validation.ok, false);
    assert.match(crossing.validation.reason, /Item: draft - Draft/);
  });
});

describe('sandbox: the database of the store the code sets up (store-model.ts storeDatabase)', () => {
  const code = (databases: ('private' | 'shared' | 'public')[], synced = true) => ({ synced, origin: 'code' as const, databases, reason: 'r' });

  it('public only when every synced store is on the public database', () => {
    assert.equal(storeDatabase(code(['public'])), 'public');
    assert.equal(storeDatabase(code(['private', 'public'])), 'private', 'a private and a public store: the private one runs');
    assert.equal(storeDatabase(code(['private', 'shared'])), 'private');
    assert.equal(storeDatabase(code(['public'], false)), 'private', 'not synced: nothing to say');
    assert.equal(storeDatabase({ synced: true, origin: 'user', reason: 'r' }), 'private');
    assert.equal(storeDatabase(undefined), 'private');
  });

  it('the panel\'s config runs on the public database when the host says so', () => {
    assert.equal(configFor({ model: SPEC, deviceCount: 2, seed: 1, database: 'public' }).database, 'public');
    assert.equal(configFor({ model: SPEC, deviceCount: 2, seed: 1 }).database, undefined);
    const s = new Sandbox(configFor({ model: { entities: SPEC.entities }, deviceCount: 2, seed: 1, database: 'public' }));
    s.apply({ type: 'runUntilIdle' });
    assert.deepEqual(s.inspectServer().databases.map((d) => d.scope).filter((x, i, a) => a.indexOf(x) === i), ['public']);
  });
});
