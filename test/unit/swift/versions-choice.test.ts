import assert from 'node:assert/strict';
import type { SwiftFileDeclarations, SwiftModelClass, SwiftVersionedSchema } from '../../../src/core/model/swift/declarations';
import { chooseVersions } from '../../../src/core/model/swift/versions';

/**
 * VersionedSchema / SchemaMigrationPlan choice (versions.ts) on declarations written by us: families by plan
 * and by name stem, order by plan then by `versionIdentifier`, the current version, and which classes a
 * version includes.
 */

const S0 = { start: 0, end: 0 };
function schema(name: string, versionIdentifier?: string, models?: string[]): SwiftVersionedSchema {
  return { name, span: S0, nameSpan: S0, ...(versionIdentifier ? { versionIdentifier } : {}), ...(models ? { models } : {}) };
}
function cls(name: string, namespace: string[] = []): SwiftModelClass {
  return { name, namespace, span: S0, nameSpan: S0, modelSpan: S0, inherits: [], properties: [], bodySpan: S0 };
}
function decls(more: Partial<SwiftFileDeclarations>): SwiftFileDeclarations {
  return { models: [], valueTypes: [], typeAliases: [], versionedSchemas: [], migrationPlans: [], problems: [], ...more };
}
const plan = (name: string, schemas: string[]) => ({ name, schemas, span: S0 });
const summary = (files: SwiftFileDeclarations[]) => chooseVersions(files).versions.map((v) => `${v.family} ${v.name}${v.versionIdentifier ? ` ${v.versionIdentifier}` : ''}`);

describe('SwiftData versions: families, order, current', () => {
  it('no versioned schema: no versions, every class current', () => {
    const c = chooseVersions([decls({ models: [cls('Item')] })]);
    assert.deepEqual([c.versions, c.current, c.inCurrent(cls('Item'))], [[], undefined, true]);
  });

  it('a schema declared twice: the first declaration wins', () => {
    assert.deepEqual(summary([decls({ versionedSchemas: [schema('AppV1', '1.0.0')] }), decls({ versionedSchemas: [schema('AppV1', '9.9.9')] })]), ['name:App AppV1 1.0.0']);
  });

  it('the family stem: the version number (V, v, _ and _n parts) at the end only', () => {
    const names = ['KadoSchemaV4', 'SchemaV1_2', 'SchemaV1_23', 'Models3', 'Store_7', 'Datav12', 'App2SchemaV3', 'V2'];
    const got = chooseVersions([decls({ versionedSchemas: names.map((n) => schema(n)) })]).versions.map((v) => [v.name, v.family] as const);
    assert.deepEqual(new Map(got), new Map([
      ['KadoSchemaV4', 'name:KadoSchema'], ['SchemaV1_2', 'name:Schema'], ['SchemaV1_23', 'name:Schema'], ['Models3', 'name:Models'],
      ['Store_7', 'name:Store'], ['Datav12', 'name:Data'], ['App2SchemaV3', 'name:App2Schema'], ['V2', 'name:'],
    ]));
  });

  it('unplanned versions: by versionIdentifier number by number (10 after 2, shorter first), none: by name, none before some', () => {
    const c = chooseVersions([decls({
      versionedSchemas: [
        schema('SchemaV10', 'Schema.Version(10, 0, 0)'), schema('SchemaV2', 'Schema.Version(2, 0, 0)'),
        schema('SchemaV1', 'Schema.Version(1, 0, 1)'), schema('SchemaV9', 'Schema.Version(1, 0)'),
        schema('OtherV2'), schema('OtherV1'), schema('MixV2', '2.0.0'), schema('MixV1'),
      ],
    })]);
    assert.deepEqual(c.versions.map((v) => v.name), ['SchemaV9', 'SchemaV1', 'SchemaV2', 'SchemaV10', 'OtherV1', 'OtherV2', 'MixV1', 'MixV2']);
    assert.equal(c.current, 'SchemaV10');
  });

  it('a plan orders its schemas, skips names that are no schema, and takes same-stem unplanned schemas after them', () => {
    const c = chooseVersions([decls({
      versionedSchemas: [
        schema('AppSchemaV2', '2.0.0'), schema('AppSchemaV1', '1.0.0'), schema('LegacyV1', '0.1.0'),
        schema('AppSchemaV4', '4.0.0'), schema('AppSchemaV3', '3.0.0'), schema('ToolsV1', '1.0.0'),
      ],
      migrationPlans: [plan('Plan', ['LegacyV1', 'AppSchemaV2', 'Missing', 'AppSchemaV1']), plan('Again', ['AppSchemaV1'])],
    })]);
    assert.deepEqual(c.versions.map((v) => `${v.family} ${v.name}`), [
      'plan:Plan LegacyV1', 'plan:Plan AppSchemaV2', 'plan:Plan AppSchemaV1', 'plan:Plan AppSchemaV3', 'plan:Plan AppSchemaV4', 'name:Tools ToolsV1',
    ]);
    assert.equal(c.current, 'AppSchemaV4');
  });

  it('includes: declared inside the version (innermost schema namespace), or outside every version and listed in models', () => {
    const c = chooseVersions([decls({
      versionedSchemas: [schema('V1', '1.0.0', ['Tag']), schema('V2', '2.0.0')],
    })]);
    const [v1, v2] = c.versions;
    assert.deepEqual([v1.name, v2.name], ['V1', 'V2']);
    assert.equal(v1.versionIdentifier, '1.0.0');
    assert.equal(v1.includes(cls('Item', ['V1', 'Helpers'])), true, 'a nested type inside V1 is V1\'s');
    assert.equal(v1.includes(cls('Item', ['V2', 'V1'])), true, 'the innermost schema');
    assert.equal(v2.includes(cls('Item', ['V2', 'V1'])), false);
    assert.equal(v1.includes(cls('Tag')), true);
    assert.equal(v2.includes(cls('Tag')), false, 'V2 lists no models');
    assert.equal(v1.includes(cls('Tag', ['V2'])), false, 'declared in another version');
  });

  it('inCurrent: a current version\'s class is current; an outside class is current unless the current version declares its name', () => {
    const c = chooseVersions([decls({
      versionedSchemas: [schema('V1', '1.0.0'), schema('V2', '2.0.0')],
      models: [cls('Item', ['V1']), cls('Item', ['V2']), cls('Old', ['V1']), cls('Item'), cls('Old'), cls('Free')],
    })]);
    assert.deepEqual(
      [c.inCurrent(cls('Item', ['V2'])), c.inCurrent(cls('Item', ['V1'])), c.inCurrent(cls('Item')), c.inCurrent(cls('Old')), c.inCurrent(cls('Free'))],
      [true, false, false, true, true],
    );
  });
});
