import assert from 'node:assert/strict';
import type { SandboxConfig, SchemaSource } from '../../../src/core/sandbox/api';
import { SandboxConfigError } from '../../../src/core/sandbox/api';
import { loadModel, loadSchema, validateConfig } from '../../../src/core/sandbox/config-check';
import type { RuntimeSchema } from '../../../src/core/sandbox/server/schema';
import { config, devices } from './fixtures';

/**
 * A session config's checks and the loading of its model and schemas (config-check.ts): the exact message of
 * each refused config, the order of the checks, and what each model/schema source kind loads. The configs,
 * models and .ckdb texts are written by us.
 */
function refusal(c: unknown): string {
  try {
    validateConfig(c as SandboxConfig);
  } catch (e) {
    assert.ok(e instanceof SandboxConfigError, `not a SandboxConfigError: ${String(e)}`);
    return e.message;
  }
  return 'accepted';
}

const TAG_SPEC = { entities: [{ name: 'Tag', attributes: [{ name: 'name', type: 'String' }, { name: 'n', type: 'Integer 64' }] }, { name: 'Note', attributes: [{ name: 'body', type: 'String' }] }] };

/** Record type → sorted field names → base type: what a schema holds, readable in an assertion. */
function shape(s: RuntimeSchema): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [t, fields] of s.types) {
    out[t] = {};
    for (const [name, ty] of fields) out[t][name] = ty.kind === 'primitive' ? ty.base : `LIST<${ty.element.base}>`;
  }
  return out;
}

describe('sandbox: config checks', () => {
  it('accepts the fixture config, 2 and 6 devices, and a public database', () => {
    assert.equal(refusal(config()), 'accepted');
    assert.equal(refusal(config({ devices: devices(6) })), 'accepted');
    assert.equal(refusal(config({ database: 'public' })), 'accepted');
    assert.equal(refusal(config({ database: 'private', environment: 'production' })), 'accepted');
  });

  it('a config that is not an object is refused', () => {
    assert.equal(refusal(null), 'the session config must be an object');
    assert.equal(refusal(undefined), 'the session config must be an object');
    assert.equal(refusal('config'), 'the session config must be an object');
  });

  it('the seed must be an integer', () => {
    assert.equal(refusal(config({ seed: 1.5 })), '`seed` must be an integer');
    assert.equal(refusal(config({ seed: '42' as unknown as number })), '`seed` must be an integer');
    assert.equal(refusal(config({ seed: -3 })), 'accepted');
  });

  it('a session has 2 to 6 devices', () => {
    assert.equal(refusal(config({ devices: devices(1) })), 'a session has 2 to 6 devices');
    assert.equal(refusal(config({ devices: [...devices(6), { id: 'G' }] })), 'a session has 2 to 6 devices');
    assert.equal(refusal(config({ devices: 'AB' as unknown as [] })), 'a session has 2 to 6 devices');
  });

  it('every device needs a non-empty string id, and ids are unique', () => {
    assert.equal(refusal(config({ devices: [{ id: 'A' }, null as unknown as { id: string }] })), 'every device needs a non-empty `id`');
    assert.equal(refusal(config({ devices: [{ id: 'A' }, { id: '' }] })), 'every device needs a non-empty `id`');
    assert.equal(refusal(config({ devices: [{ id: 'A' }, { id: 2 as unknown as string }] })), 'every device needs a non-empty `id`');
    assert.equal(refusal(config({ devices: [{ id: 'A' }, { id: 'B' }, { id: 'A' }] })), "duplicate device id 'A'");
  });

  it('the environment is development or production', () => {
    assert.equal(refusal(config({ environment: 'staging' as 'production' })), '`environment` must be development or production');
    assert.equal(refusal(config({ environment: undefined as unknown as 'production' })), '`environment` must be development or production');
  });

  it('a model is required', () => {
    assert.equal(refusal(config({ model: undefined as unknown as SandboxConfig['model'] })), '`model` is required');
    assert.equal(refusal(config({ model: 'spec' as unknown as SandboxConfig['model'] })), '`model` is required');
  });

  it('options are checked and their problem is prefixed with options:', () => {
    assert.equal(refusal(config({ options: { importPageSize: 0 } })), "options: option 'importPageSize' must be an integer from 1 to 100000, not 0");
    assert.equal(refusal(config({ options: [] as unknown as SandboxConfig['options'] })), 'options: `options` must be an object');
    assert.equal(refusal(config({ options: { importPageSize: 3 } })), 'accepted');
  });

  it('the shared database is refused as the main store with its own explanation', () => {
    assert.equal(refusal(config({ database: 'shared' })),
      '`database` is the scope of the main mirrored store (private or public); a shared store comes with sharing: use the share and acceptShare inputs');
  });

  it('checks in order: seed before devices before environment before model before options', () => {
    assert.equal(refusal({ seed: 0.5, devices: [], environment: 'x', options: 5 }), '`seed` must be an integer');
    assert.equal(refusal({ seed: 1, devices: [], environment: 'x', options: 5 }), 'a session has 2 to 6 devices');
    assert.equal(refusal({ seed: 1, devices: devices(2), environment: 'x', options: 5 }), '`environment` must be development or production');
    assert.equal(refusal({ seed: 1, devices: devices(2), environment: 'development', options: 5 }), '`model` is required');
    assert.equal(refusal({ ...config(), options: 5, database: 'shared' }), 'options: `options` must be an object');
  });
});

describe('sandbox: model loading', () => {
  it('a spec model is turned into a ModelIR with its entities', () => {
    const m = loadModel(config({ model: { kind: 'spec', spec: TAG_SPEC } }));
    assert.deepEqual(m.entities.map((e) => [e.name, e.attributes.map((a) => a.name)]), [['Tag', ['name', 'n']], ['Note', ['body']]]);
  });

  it('an IR model is used as it is', () => {
    const ir = loadModel(config({ model: { kind: 'spec', spec: TAG_SPEC } }));
    assert.equal(loadModel(config({ model: { kind: 'ir', ir } })), ir);
  });

  it('an XML model is read', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?><model type="com.apple.IDECoreDataModeler.DataModel" usedWithCloudKit="YES">'
      + '<entity name="Tag" representedClassName="Tag"><attribute name="name" optional="YES" attributeType="String"/></entity></model>';
    const m = loadModel(config({ model: { kind: 'xml', text: xml } }));
    assert.deepEqual(m.entities.map((e) => e.name), ['Tag']);
    assert.equal(m.format, 'xml');
  });

  it('a damaged XML model, an unknown kind or a broken spec is a config error prefixed with model:', () => {
    assert.throws(() => loadModel(config({ model: { kind: 'xml', text: '<model' } })),
      (e: unknown) => e instanceof SandboxConfigError && e.message === 'model: the model XML cannot be read: Malformed XML: document must contain a root element.');
    assert.throws(() => loadModel(config({ model: { kind: 'json' } as unknown as SandboxConfig['model'] })),
      (e: unknown) => e instanceof SandboxConfigError && e.message === "model: unknown model kind 'json'");
    assert.throws(() => loadModel(config({ model: { kind: 'spec', spec: {} as never } })),
      (e: unknown) => e instanceof SandboxConfigError && e.message.startsWith('model: '));
  });
});

describe('sandbox: schema loading', () => {
  const model = loadModel(config({ model: { kind: 'spec', spec: TAG_SPEC } }));

  it('an empty schema has no record types', () => {
    assert.deepEqual(shape(loadSchema({ kind: 'empty' }, model)), {});
  });

  it('a derived schema is what NSPersistentCloudKitContainer creates for the model', () => {
    assert.deepEqual(shape(loadSchema({ kind: 'derived' }, model)), {
      CD_Tag: { CD_entityName: 'STRING', CD_moveReceipt: 'BYTES', CD_moveReceipt_ckAsset: 'ASSET', CD_n: 'INT64', CD_name: 'STRING', CD_name_ckAsset: 'ASSET' },
      CD_Note: { CD_body: 'STRING', CD_body_ckAsset: 'ASSET', CD_entityName: 'STRING', CD_moveReceipt: 'BYTES', CD_moveReceipt_ckAsset: 'ASSET' },
    });
  });

  it('a derived schema leaves out the omitted types and Type.field fields (unknown ones are ignored)', () => {
    const s = loadSchema({ kind: 'derived', omitTypes: ['CD_Note'], omitFields: ['CD_Tag.CD_n', 'CD_Tag.CD_name_ckAsset', 'CD_Nope.CD_x'] }, model);
    assert.deepEqual(shape(s), { CD_Tag: { CD_entityName: 'STRING', CD_moveReceipt: 'BYTES', CD_moveReceipt_ckAsset: 'ASSET', CD_name: 'STRING' } });
  });

  it('a .ckdb schema is parsed without the implicit ___ system fields', () => {
    const text = 'DEFINE SCHEMA\n  RECORD TYPE Foo (\n    "___recordID" REFERENCE QUERYABLE,\n    bar STRING,\n    baz INT64\n  );\n';
    assert.deepEqual(shape(loadSchema({ kind: 'ckdb', text }, model)), { Foo: { bar: 'STRING', baz: 'INT64' } });
  });

  it('an IR schema is loaded type by type', () => {
    const ir = loadSchema({ kind: 'derived', omitTypes: ['CD_Note'] }, model).toIR();
    assert.deepEqual(shape(loadSchema({ kind: 'ir', ir }, model)), shape(loadSchema({ kind: 'derived', omitTypes: ['CD_Note'] }, model)));
  });

  it('a broken .ckdb text or an unknown kind is a config error prefixed with schema:', () => {
    assert.throws(() => loadSchema({ kind: 'ckdb', text: 'DEFINE SCHEMA RECORD TYPE' }, model),
      (e: unknown) => e instanceof SandboxConfigError && e.message === "schema: the .ckdb text has errors: Expected a record type name after 'RECORD TYPE', found end of file.");
    assert.throws(() => loadSchema({ kind: 'file' } as unknown as SchemaSource, model),
      (e: unknown) => e instanceof SandboxConfigError && e.message === "schema: unknown schema kind 'file'");
  });
});
