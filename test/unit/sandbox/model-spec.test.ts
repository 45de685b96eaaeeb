import assert from 'node:assert/strict';
import type { ModelSpec } from '../../../src/core/sandbox/api';
import { modelFromSpec, modelSpecFromIR, SYNCED_MODELS_CONFIGURATION } from '../../../src/core/sandbox/model-spec';
import type { AttributeIR, ConfigurationIR, EntityIR, ModelIR, RelationshipIR } from '../../../src/core/model/ir';

/**
 * The compact model spec and the ModelIR, both ways (model-spec.ts): the exact IR a spec gives (every span
 * empty, attributes as the XML would spell them), the defaults, and the spec read back from an IR. The specs
 * and IR pieces are written by us.
 */
const NS = { start: 0, end: 0 };
const IGNORED = 'NSCloudKitMirroringDelegateIgnoredPropertyKey';
const attr = (value: string): { value: string; span: typeof NS; nameSpan: typeof NS; valueSpan: typeof NS } => ({ value, span: NS, nameSpan: NS, valueSpan: NS });

describe('sandbox: model spec → ModelIR', () => {
  it('an empty spec is a CloudKit model with nothing in it', () => {
    assert.deepEqual(modelFromSpec({ entities: [] }), {
      format: 'xml', root: { span: NS, headSpan: NS, attrs: { usedWithCloudKit: attr('YES') } }, usedWithCloudKit: true,
      entities: [], configurations: [], fetchRequests: [], composites: [], problems: [],
    });
  });

  it('a bare entity gets the defaults', () => {
    assert.deepEqual(modelFromSpec({ entities: [{ name: 'Tag' }] }).entities, [{
      span: NS, headSpan: NS, attrs: { name: attr('Tag') }, kind: 'entity', name: 'Tag', nameSpan: NS, isAbstract: false,
      attributes: [], relationships: [], fetchedProperties: [], uniquenessConstraints: [], userInfo: [],
    }]);
  });

  it('an entity with a parent, abstract, with uniqueness constraints', () => {
    const [e] = modelFromSpec({ entities: [{ name: 'Sub', parent: 'Base', abstract: true, uniquenessConstraints: [['a', 'b'], ['c']] }] }).entities;
    assert.deepEqual(e, {
      span: NS, headSpan: NS, attrs: { name: attr('Sub'), parentEntity: attr('Base'), isAbstract: attr('YES') }, kind: 'entity', name: 'Sub', nameSpan: NS,
      parentEntity: 'Base', isAbstract: true, attributes: [], relationships: [], fetchedProperties: [],
      uniquenessConstraints: [
        { span: NS, headSpan: NS, attrs: {}, properties: [{ name: 'a', span: NS }, { name: 'b', span: NS }] },
        { span: NS, headSpan: NS, attrs: {}, properties: [{ name: 'c', span: NS }] },
      ],
      userInfo: [],
    });
    assert.equal('parentEntity' in modelFromSpec({ entities: [{ name: 'X', abstract: false }] }).entities[0], false);
    assert.deepEqual(modelFromSpec({ entities: [{ name: 'X', abstract: false }] }).entities[0].attrs, { name: attr('X') });
  });

  it('an attribute is optional by default and has every flag off', () => {
    assert.deepEqual(modelFromSpec({ entities: [{ name: 'E', attributes: [{ name: 'title', type: 'String' }] }] }).entities[0].attributes, [{
      span: NS, headSpan: NS, attrs: { name: attr('title'), attributeType: attr('String'), optional: attr('YES') },
      kind: 'attribute', name: 'title', attributeType: 'String', optional: true, transient: false, derived: false,
      allowsCloudEncryption: false, allowsExternalBinaryDataStorage: false, preserveAfterDeletion: false, userInfo: [],
    }]);
  });

  it('an attribute with every option set', () => {
    const spec: ModelSpec = { entities: [{ name: 'E', attributes: [{
      name: 'n', type: 'Integer 64', optional: false, defaultValue: '0', transient: true, allowsCloudEncryption: true, allowsExternalBinaryDataStorage: true, ignored: true,
    }] }] };
    assert.deepEqual(modelFromSpec(spec).entities[0].attributes, [{
      span: NS, headSpan: NS, attrs: { name: attr('n'), attributeType: attr('Integer 64'), defaultValueString: attr('0'), transient: attr('YES') },
      kind: 'attribute', name: 'n', attributeType: 'Integer 64', optional: false, transient: true, derived: false, defaultValueString: '0',
      allowsCloudEncryption: true, allowsExternalBinaryDataStorage: true, preserveAfterDeletion: false,
      userInfo: [{ key: IGNORED, value: 'YES', span: NS }],
    }]);
  });

  it('a relationship is an optional to-one Nullify by default', () => {
    assert.deepEqual(modelFromSpec({ entities: [{ name: 'Item', relationships: [{ name: 'list', destination: 'List' }] }] }).entities[0].relationships, [{
      span: NS, headSpan: NS, attrs: { name: attr('list'), destinationEntity: attr('List'), optional: attr('YES') },
      kind: 'relationship', name: 'list', destinationEntity: 'List', optional: true, toMany: false, ordered: false, deletionRule: 'Nullify', transient: false, userInfo: [],
    }]);
  });

  it('a relationship with an inverse and every option set', () => {
    const spec: ModelSpec = { entities: [{ name: 'List', relationships: [{ name: 'items', destination: 'Item', inverse: 'list', toMany: true, optional: false, ordered: true, deletionRule: 'Cascade' }] }] };
    assert.deepEqual(modelFromSpec(spec).entities[0].relationships, [{
      span: NS, headSpan: NS,
      attrs: { name: attr('items'), destinationEntity: attr('Item'), inverseName: attr('list'), toMany: attr('YES'), ordered: attr('YES'), deletionRule: attr('Cascade') },
      kind: 'relationship', name: 'items', destinationEntity: 'Item', inverseName: 'list', inverseEntity: 'Item',
      optional: false, toMany: true, ordered: true, deletionRule: 'Cascade', transient: false, userInfo: [],
    }]);
  });
});

describe('sandbox: ModelIR → model spec', () => {
  it('reads a spec back with optional always spelled out and false flags left out', () => {
    const spec: ModelSpec = { entities: [
      { name: 'Base', abstract: true, attributes: [{ name: 'id', type: 'UUID' }] },
      {
        name: 'Item', parent: 'Base',
        attributes: [
          { name: 'title', type: 'String', optional: false, defaultValue: 'x' },
          { name: 'photo', type: 'Binary', transient: true, allowsCloudEncryption: true, allowsExternalBinaryDataStorage: true, ignored: true },
        ],
        relationships: [
          { name: 'list', destination: 'List', inverse: 'items' },
          { name: 'tags', destination: 'Tag', toMany: true, ordered: true, optional: false, deletionRule: 'Deny' },
        ],
        uniquenessConstraints: [['title']],
      },
    ] };
    assert.deepEqual(modelSpecFromIR(modelFromSpec(spec)), { entities: [
      { name: 'Base', abstract: true, attributes: [{ name: 'id', type: 'UUID', optional: true }], relationships: [] },
      {
        name: 'Item', parent: 'Base',
        attributes: [
          { name: 'title', type: 'String', optional: false, defaultValue: 'x' },
          { name: 'photo', type: 'Binary', optional: true, transient: true, allowsCloudEncryption: true, allowsExternalBinaryDataStorage: true, ignored: true },
        ],
        relationships: [
          { name: 'list', destination: 'List', inverse: 'items', optional: true },
          { name: 'tags', destination: 'Tag', toMany: true, optional: false, ordered: true, deletionRule: 'Deny' },
        ],
        uniquenessConstraints: [['title']],
      },
    ] });
  });

  it('leaves out attributes without a type, a Nullify rule and empty names', () => {
    const ir = modelFromSpec({ entities: [{ name: 'E', attributes: [{ name: 'a', type: 'String' }], relationships: [{ name: 'r', destination: 'D', deletionRule: 'Nullify' }] }] });
    const e = ir.entities[0];
    const untyped: AttributeIR = { ...e.attributes[0], name: 'b', attributeType: undefined };
    const r: RelationshipIR = { ...e.relationships[0], inverseName: '' };
    const patched: ModelIR = { ...ir, entities: [{ ...e, parentEntity: '', attributes: [...e.attributes, untyped], relationships: [r] } as EntityIR] };
    assert.deepEqual(modelSpecFromIR(patched), { entities: [
      { name: 'E', attributes: [{ name: 'a', type: 'String', optional: true }], relationships: [{ name: 'r', destination: 'D', optional: true }] },
    ] });
  });

  it('reads the ignored-property key as YES, 1 or true in any case, and only with that key', () => {
    const ignored = (key: string, value: string): boolean => {
      const ir = modelFromSpec({ entities: [{ name: 'E', attributes: [{ name: 'a', type: 'String' }] }] });
      const a: AttributeIR = { ...ir.entities[0].attributes[0], userInfo: [{ key, value, span: NS }] };
      const spec = modelSpecFromIR({ ...ir, entities: [{ ...ir.entities[0], attributes: [a] }] });
      return spec.entities[0].attributes?.[0].ignored === true;
    };
    for (const v of ['YES', 'yes', '1', 'true', 'TRUE']) assert.equal(ignored(IGNORED, v), true, v);
    for (const v of ['NO', '0', 'false', 'YESS', 'xYES', '', '11']) assert.equal(ignored(IGNORED, v), false, v);
    assert.equal(ignored('OtherKey', 'YES'), false);
  });

  it('names the CloudKit configuration other than Default with its entities, unless the Default one is flagged', () => {
    const conf = (name: string, usedWithCloudKit: boolean, members: string[] = []): ConfigurationIR => ({
      span: NS, headSpan: NS, attrs: {}, kind: 'configuration', name, usedWithCloudKit, memberEntities: members.map((m) => ({ name: m, span: NS })),
    });
    const base = { ...modelFromSpec({ entities: [] }), usedWithCloudKit: false };
    assert.deepEqual(modelSpecFromIR({ ...base, configurations: [conf('Default', true), conf('Local', false, ['A']), conf('Cloud', true, ['B', 'C']), conf('Other', true)] }),
      { entities: [], configuration: 'Cloud', configurationEntities: ['B', 'C'] });
    assert.deepEqual(modelSpecFromIR({ ...base, configurations: [conf('Default', true), conf('Local', false)] }), { entities: [] });
    // The model's own flag is the Default configuration: every entity is mirrored, whatever else is flagged.
    assert.deepEqual(modelSpecFromIR({ ...base, usedWithCloudKit: true, configurations: [conf('Cloud', true, ['B'])] }), { entities: [] });
  });

  it('follows what the app\'s code says syncs: a Core Data configuration, SwiftData model types, or (not synced) the flags', () => {
    const conf = (name: string, members: string[]): ConfigurationIR => ({
      span: NS, headSpan: NS, attrs: {}, kind: 'configuration', name, usedWithCloudKit: false, memberEntities: members.map((m) => ({ name: m, span: NS })),
    });
    const ir = { ...modelFromSpec({ entities: [{ name: 'Item' }, { name: 'Draft' }] }), usedWithCloudKit: false, configurations: [conf('Cloud', ['Item']), conf('Local', ['Draft'])] };
    const names = (spec: ModelSpec) => [spec.configuration, spec.configurationEntities];
    assert.deepEqual(names(modelSpecFromIR(ir)), [undefined, undefined], 'no flag, no code: every entity');
    assert.deepEqual(names(modelSpecFromIR(ir, { synced: true, configurations: ['Cloud'], origin: 'code' })), ['Cloud', ['Item']]);
    assert.deepEqual(names(modelSpecFromIR(ir, { synced: true, configurations: ['Default'], origin: 'user' })), [undefined, undefined]);
    assert.deepEqual(names(modelSpecFromIR(ir, { synced: true, entities: ['Draft'], origin: 'code' })), [SYNCED_MODELS_CONFIGURATION, ['Draft']]);
    assert.deepEqual(names(modelSpecFromIR(ir, { synced: false, origin: 'code' })), [undefined, undefined], 'the sandbox simulates the CloudKit store whatever the code says');
  });

  it('a spec with a configuration and its entities: that configuration flagged, not the Default one; both halves needed', () => {
    const ir = modelFromSpec({ entities: [{ name: 'Item' }, { name: 'Draft' }], configuration: 'Cloud', configurationEntities: ['Item'] });
    assert.equal(ir.usedWithCloudKit, false);
    assert.deepEqual(ir.root?.attrs, {});
    assert.deepEqual(ir.configurations, [{
      span: NS, headSpan: NS, attrs: { name: attr('Cloud'), usedWithCloudKit: attr('YES') },
      kind: 'configuration', name: 'Cloud', usedWithCloudKit: true, memberEntities: [{ name: 'Item', span: NS }],
    }]);
    assert.deepEqual(modelSpecFromIR(ir), { entities: [{ name: 'Item', attributes: [], relationships: [] }, { name: 'Draft', attributes: [], relationships: [] }], configuration: 'Cloud', configurationEntities: ['Item'] });
    for (const half of [{ configuration: 'Cloud' }, { configurationEntities: ['Item'] }]) {
      const only = modelFromSpec({ entities: [{ name: 'Item' }], ...half });
      assert.deepEqual([only.usedWithCloudKit, only.configurations], [true, []], JSON.stringify(half));
    }
  });
});
