import * as assert from 'node:assert/strict';
import { readModelIR } from '../../../src/core/model/xml/reader';
import type { CKErrorInfo, SandboxEvent } from '../../../src/core/sandbox/api';
import { configFor, productionSchemaSource, rowOf } from '../../../webview/session-data';
import { entitiesOf, inputKindOf, parseInput } from '../../../webview/entities';
import { modelFromSpec } from '../../../src/core/sandbox/model-spec';
import { categoryOf, describeInput, formatClock, isSharingEvent, laneOf, shortError, summarize } from '../../../webview/format';
import { modelSpecFromIR } from '../../../src/core/sandbox/model-spec';

const XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<model type="com.apple.IDECoreDataModeler.DataModel" usedWithCloudKit="YES">
  <entity name="Item" syncable="YES">
    <attribute name="title" optional="YES" attributeType="String"/>
    <attribute name="count" optional="YES" attributeType="Integer 64" defaultValueString="0" usesScalarValueType="YES"/>
    <attribute name="scratch" optional="YES" transient="YES" attributeType="String"/>
    <relationship name="list" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List" inverseName="items" inverseEntity="List"/>
  </entity>
  <entity name="List" syncable="YES">
    <attribute name="name" optional="YES" attributeType="String"/>
    <relationship name="items" optional="YES" toMany="YES" deletionRule="Cascade" destinationEntity="Item" inverseName="list" inverseEntity="Item"/>
  </entity>
  <entity name="Photo" parentEntity="Item" syncable="YES">
    <attribute name="data" optional="YES" attributeType="Binary"/>
  </entity>
</model>`;

const partialFailure: CKErrorInfo = {
  domain: 'CKErrorDomain', name: 'partialFailure', code: 2, internalCode: 1011, description: 'Partial Failure',
  message: 'Failed to modify some records',
  partialErrors: [{ itemId: 'r1:(com.apple.coredata.cloudkit.zone:__defaultOwner__)', error: { domain: 'CKErrorDomain', name: 'invalidArguments', code: 12, internalCode: 2006, description: 'Invalid Arguments', serverMessage: "Cannot create or modify field 'CD_title' in record 'CD_Item' in production schema" } }],
};

describe('sandbox panel logic (webview, pure parts)', () => {
  it('turns the workspace ModelIR into a compact ModelSpec', () => {
    const spec = modelSpecFromIR(readModelIR(XML));
    assert.deepEqual(spec.entities.map((e) => e.name), ['Item', 'List', 'Photo']);
    const item = spec.entities[0];
    assert.deepEqual(item.attributes?.map((a) => [a.name, a.type]), [['title', 'String'], ['count', 'Integer 64'], ['scratch', 'String']]);
    assert.equal(item.attributes?.[1].defaultValue, '0');
    assert.equal(item.attributes?.[2].transient, true);
    assert.deepEqual(item.relationships, [{ name: 'list', destination: 'List', inverse: 'items', optional: true }]);
    assert.equal(spec.entities[1].relationships?.[0].toMany, true);
    assert.equal(spec.entities[1].relationships?.[0].deletionRule, 'Cascade');
    assert.equal(spec.entities[2].parent, 'Item');
  });

  it('builds a session config of 2 to 6 devices on one account', () => {
    const model = readModelIR(XML);
    assert.equal(configFor({ model: modelSpecFromIR(model), deviceCount: 1, seed: 1 }).devices.length, 2);
    const c = configFor({ model: modelSpecFromIR(model), deviceCount: 9, seed: 3 });
    assert.deepEqual(c.devices.map((d) => d.id), ['A', 'B', 'C', 'D', 'E', 'F']);
    assert.ok(c.devices.every((d) => d.user === 'user1'));
    assert.equal(c.seed, 3);
    assert.deepEqual(c.productionSchema, { kind: 'derived' });
  });

  it('reads the configured production .ckdb into a span-free schema, and rejects a broken one', () => {
    const source = productionSchemaSource('DEFINE SCHEMA\n  RECORD TYPE CD_Item (\n    CD_title STRING QUERYABLE,\n    GRANT READ TO "_world"\n  );\n');
    assert.equal(source.kind, 'ir');
    const ir = source.kind === 'ir' ? source.ir : undefined;
    assert.deepEqual(ir?.recordTypes.map((t) => [t.name, t.fields.map((f) => f.name)]), [['CD_Item', ['CD_title']]]);
    assert.ok(!JSON.stringify(ir).includes('span'));
    assert.throws(() => productionSchemaSource('DEFINE SCHEMA RECORD TYPE ('), /line \d+/);
    const c = configFor({ model: modelSpecFromIR(readModelIR(XML)), deviceCount: 2, seed: 1, productionSchema: 'DEFINE SCHEMA\n' });
    assert.equal(c.productionSchema?.kind, 'ir');
    // Development starts as production (always a superset of it), never empty next to it (QA: deploys were always blocked).
    assert.deepEqual(c.developmentSchema, c.productionSchema);
    assert.deepEqual(configFor({ model: modelSpecFromIR(readModelIR(XML)), deviceCount: 2, seed: 1 }).developmentSchema, { kind: 'empty' });
  });

  it('gives forms the inherited, non-transient properties of each entity', () => {
    const entities = entitiesOf(configFor({ model: modelSpecFromIR(readModelIR(XML)), deviceCount: 2, seed: 1 }));
    const photo = entities.find((e) => e.name === 'Photo');
    assert.deepEqual(photo?.attributes.map((a) => a.name), ['title', 'count', 'data']);
    assert.deepEqual(photo?.relationships.map((r) => r.name), ['list']);
  });

  it('offers only the entities the store holds: a CloudKit configuration\'s, not the local ones', () => {
    const spec = { entities: [{ name: 'Item', attributes: [{ name: 'title', type: 'String' }] }, { name: 'Draft' }], configuration: 'Cloud', configurationEntities: ['Item'] };
    const base = configFor({ model: spec, deviceCount: 2, seed: 1 });
    assert.deepEqual(entitiesOf(base).map((e) => e.name), ['Item']);
    assert.deepEqual(entitiesOf(configFor({ model: { entities: spec.entities }, deviceCount: 2, seed: 1 })).map((e) => e.name), ['Item', 'Draft']);
    assert.deepEqual(entitiesOf({ ...base, model: { kind: 'ir', ir: modelFromSpec(spec) } }).map((e) => e.name), ['Item']);
  });

  it('parses form input per attribute type and rejects bad values', () => {
    assert.equal(parseInput(inputKindOf('Integer 16'), '42'), 42);
    assert.ok(parseInput(inputKindOf('Integer 16'), '4.2') instanceof Error);
    assert.equal(parseInput(inputKindOf('Double'), '4.5'), 4.5);
    assert.equal(parseInput(inputKindOf('Boolean'), true), true);
    assert.equal(parseInput(inputKindOf('Date'), '2026-01-01T00:00:00Z'), Date.UTC(2026, 0, 1));
    assert.deepEqual(parseInput(inputKindOf('Binary'), '1000000'), { kind: 'bytes', length: 1_000_000 });
    assert.equal(parseInput(inputKindOf('String'), '  '), undefined);
  });

  it('prints errors the way CloudKit logs them and files events into lanes', () => {
    assert.equal(shortError(partialFailure), '<CKError "Partial Failure" (2/1011)>');
    const failed: SandboxEvent = {
      seq: 4, t: 61_500, device: 'A', kind: 'cloudkit.event', eventType: 'export', identifier: 'x', storeIdentifier: 's',
      startDate: 60_000, endDate: 61_500, succeeded: false, error: partialFailure,
    };
    assert.equal(laneOf(failed), 'A');
    assert.equal(categoryOf(failed), 'error');
    assert.equal(summarize(failed), 'export failed <CKError "Partial Failure" (2/1011)>');
    const row = rowOf(failed);
    assert.match(row.errorText ?? '', /Cannot create or modify field 'CD_title'/);
    assert.ok(row.haystack.includes('2/1011'));
    const deploy: SandboxEvent = { seq: 5, t: 0, kind: 'server.deploy', ok: true, addedTypes: ['CD_Item'], addedFields: [], blocked: [] };
    assert.equal(laneOf(deploy), 'server');
    assert.equal(formatClock(61_500), '+01:01.500');
    assert.equal(formatClock(3_600_000 + 1), '+1:00:00.001');
  });

  it('files sharing events under the Sharing filter, a refused share action under errors too, and gives the session three Apple IDs', () => {
    const c = configFor({ model: modelSpecFromIR(readModelIR(XML)), deviceCount: 3, seed: 1 });
    assert.deepEqual(c.users?.map((u) => u.id), ['user1', 'user2', 'user3']);
    const accepted: SandboxEvent = { seq: 6, t: 0, device: 'C', kind: 'share.accepted', zone: 'com.apple.coredata.cloudkit.share.X', user: 'user2', owner: 'user1' };
    assert.equal(categoryOf(accepted), 'sharing');
    assert.ok(rowOf(accepted).sharing);
    assert.equal(summarize(accepted), 'share X of user1 accepted by user2');
    const refused: SandboxEvent = { seq: 7, t: 0, device: 'C', kind: 'share.failed', action: 'export', zone: null, message: 'refused', error: partialFailure };
    assert.equal(categoryOf(refused), 'error');
    assert.ok(isSharingEvent(refused));
    assert.match(rowOf(refused).errorText ?? '', /Partial Failure/);
    assert.equal(summarize(refused), 'share export failed <CKError "Partial Failure" (2/1011)>');
    const shareInput = { type: 'share', device: 'A', objects: ['L'], participants: [{ user: 'user2', permission: 'readWrite' }] } as const;
    const input: SandboxEvent = { seq: 8, t: 0, kind: 'input', input: shareInput };
    assert.equal(categoryOf(input), 'input');
    assert.ok(isSharingEvent(input));
    assert.equal(describeInput(shareInput), 'share on A: 1 object with user2 (readWrite)');
    const sharedSave: SandboxEvent = { seq: 9, t: 0, kind: 'input', input: { type: 'save', device: 'C', store: 'shared', changes: [{ op: 'update', id: 'M', values: {} }] } };
    assert.ok(isSharingEvent(sharedSave));
    assert.ok(!isSharingEvent({ seq: 10, t: 0, kind: 'input', input: { type: 'save', device: 'A', changes: [] } }));
    assert.ok(!rowOf({ seq: 11, t: 0, device: 'A', kind: 'push.delivered', pushId: 'p' }).sharing);
  });
});
