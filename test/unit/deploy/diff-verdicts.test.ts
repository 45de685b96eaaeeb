import assert from 'node:assert/strict';
import type { SchemaIR } from '../../../src/core/cloudkit/schema-ir';
import { changeKey, diffSchemas, summaryText } from '../../../src/core/deploy';
import { SYSTEM, schema } from './schema-builder';

const keys = (dev: SchemaIR, prod: SchemaIR) => diffSchemas(dev, prod).changes.map(changeKey);

describe('core/deploy diffSchemas: verdict kinds (hand-made pairs)', () => {
  const prod = schema({
    Note: { ...SYSTEM, title: 'STRING QUERYABLE SEARCHABLE', body: 'STRING', $grants: ['READ TO _world', 'WRITE TO _creator'] },
  });

  it('identical schemas: no changes, deployable', () => {
    const plan = diffSchemas(prod, prod);
    assert.deepEqual(plan.changes, []);
    assert.equal(plan.deployable, true);
    assert.equal(summaryText(plan), 'no changes');
  });

  it('is order-insensitive and merges grants per role', () => {
    const dev = schema({
      Note: { body: 'STRING', title: 'STRING SEARCHABLE QUERYABLE', ...SYSTEM, $grants: ['WRITE TO _creator', 'READ TO _world'] },
    });
    assert.deepEqual(keys(dev, prod), []);
    const merged = schema({ T: { a: 'STRING', $grants: ['READ TO _world', 'CREATE TO _icloud', 'WRITE TO _icloud'] } });
    const split = schema({ T: { a: 'STRING', $grants: ['CREATE, WRITE TO _icloud', 'READ TO _world'] } });
    assert.deepEqual(keys(merged, split), []);
  });

  it('safe: new record type, new field, new index, new role', () => {
    const dev = schema({
      Note: { ...SYSTEM, title: 'STRING QUERYABLE SEARCHABLE SORTABLE', body: 'STRING', pinned: 'INT64 QUERYABLE', $grants: ['READ TO _world', 'WRITE TO _creator'] },
      Tag: { ...SYSTEM, name: 'STRING' },
    }, ['Editor']);
    const plan = diffSchemas(dev, prod);
    assert.equal(plan.deployable, true);
    assert.deepEqual(plan.changes.map(changeKey), [
      'safe role-added Editor',
      'safe field-added Note.pinned',
      'safe index-added Note.title',
      'safe record-type-added Tag',
    ]);
    assert.match(plan.changes[2].message, /new SORTABLE index/);
    assert.match(plan.changes[3].message, /1 field\b/);
  });

  it('blocked: record type deleted; field deleted; the spans point at production', () => {
    const p = schema({ Note: { title: 'STRING', body: 'STRING' }, Old: { x: 'INT64' } });
    const d = schema({ Note: { title: 'STRING' } });
    const plan = diffSchemas(d, p);
    assert.equal(plan.deployable, false);
    assert.deepEqual(plan.changes.map(changeKey), ['blocked field-deleted Note.body', 'blocked record-type-deleted Old']);
    const body = p.recordTypes[0].fields[1];
    assert.deepEqual(plan.changes[0].prodSpan, body.span);
    assert.deepEqual(plan.changes[0].devSpan, d.recordTypes[0].nameSpan);
    assert.deepEqual(plan.changes[1].prodSpan, p.recordTypes[1].nameSpan);
    assert.match(plan.changes[0].message, /can't delete a field/);
    assert.equal(plan.changes[0].probableRename, undefined);
  });

  it('blocked: a field rename is reported as a deletion that says it looks like a rename', () => {
    const p = schema({ Note: { title: 'STRING', createdAt: 'TIMESTAMP' } });
    const d = schema({ Note: { title: 'STRING', creationDate: 'TIMESTAMP', count: 'INT64' } });
    const plan = diffSchemas(d, p);
    assert.deepEqual(plan.changes.map(changeKey), [
      'blocked field-deleted Note.createdAt', 'safe field-added Note.count', 'safe field-added Note.creationDate',
    ]);
    assert.deepEqual(plan.changes[0].probableRename, { from: 'createdAt', to: 'creationDate' });
    assert.match(plan.changes[0].message, /looks like a rename to 'creationDate'/);
    assert.match(plan.changes[2].message, /If it is 'createdAt' renamed/);
    assert.equal(plan.changes[1].probableRename, undefined, 'an INT64 is not a renamed TIMESTAMP');
  });

  it('blocked: a record type rename (same fields, new name) says so', () => {
    const p = schema({ CD_Profile: { CD_name: 'STRING', CD_age: 'INT64', CD_entityName: 'STRING' } });
    const d = schema({ CD_ProfileV3: { CD_name: 'STRING', CD_age: 'INT64', CD_entityName: 'STRING', CD_extra: 'BYTES' } });
    const plan = diffSchemas(d, p);
    assert.deepEqual(plan.changes.map(changeKey), ['blocked record-type-deleted CD_Profile', 'safe record-type-added CD_ProfileV3']);
    assert.deepEqual(plan.changes[0].probableRename, { from: 'CD_Profile', to: 'CD_ProfileV3' });
    assert.match(plan.changes[0].message, /rename to 'CD_ProfileV3'/);
  });

  it('blocked: field type changes, each with its own kind', () => {
    const p = schema({ T: {
      a: 'STRING', b: 'LIST<STRING>', c: 'STRING', d: 'ENCRYPTED STRING', e: 'NUMBER PREFERRED AS INT64',
      f: 'LIST<INT64>', g: 'NUMBER PREFERRED AS DOUBLE',
    } });
    const d = schema({ T: {
      a: 'INT64', b: 'LIST<INT64>', c: 'ENCRYPTED STRING', d: 'STRING', e: 'NUMBER PREFERRED AS DOUBLE',
      f: 'INT64', g: 'NUMBER',
    } });
    const plan = diffSchemas(d, p);
    assert.deepEqual(plan.changes.map(changeKey), [
      'blocked field-type-changed T.a',
      'blocked list-element-type-changed T.b',
      'blocked encryption-added T.c',
      'blocked encryption-removed T.d',
      'blocked number-preference-changed T.e',
      'blocked field-type-changed T.f',
      'blocked number-preference-changed T.g',
    ]);
    assert.equal(plan.deployable, false);
    assert.match(plan.changes[0].message, /from STRING to INT64/);
    assert.match(plan.changes[2].message, /Only encrypt new fields/);
    assert.match(plan.changes[4].message, /must not change that type/);
    assert.match(plan.changes[5].message, /list and a single value/);
  });

  it('safe: a bare NUMBER gets its preferred type (what PREFERRED AS is for)', () => {
    const plan = diffSchemas(schema({ T: { n: 'NUMBER PREFERRED AS INT64' } }), schema({ T: { n: 'NUMBER' } }));
    assert.deepEqual(plan.changes.map(changeKey), ['safe number-preference-set T.n']);
    assert.equal(plan.deployable, true);
  });

  it('system fields: omitting one is not a deletion, but its dropped index is a warning', () => {
    const p = schema({ T: { ...SYSTEM, a: 'STRING' } });
    const d = schema({ T: { a: 'STRING' } });
    const plan = diffSchemas(d, p);
    assert.deepEqual(plan.changes.map(changeKey), ['warning index-removed T.___recordID']);
    assert.equal(plan.deployable, true);
    assert.match(plan.changes[0].message, /drops its QUERYABLE index/);
    assert.match(plan.changes[0].message, /recordName is not marked queryable/);
    // The other way round: listing a system field adds nothing, listing it with an index adds an index.
    assert.deepEqual(keys(schema({ T: { ___etag: 'STRING', a: 'STRING' } }), schema({ T: { a: 'STRING' } })), []);
    assert.deepEqual(keys(schema({ T: { ___modTime: 'TIMESTAMP SORTABLE', a: 'STRING' } }), schema({ T: { a: 'STRING' } })),
      ['safe index-added T.___modTime']);
  });

  it('system fields: a changed type is blocked', () => {
    const plan = diffSchemas(schema({ T: { ___createTime: 'STRING' } }), schema({ T: { ___createTime: 'TIMESTAMP' } }));
    assert.deepEqual(plan.changes.map(changeKey), ['blocked field-type-changed T.___createTime']);
    assert.match(plan.changes[0].message, /can't change the type of these system fields/);
  });

  it('Users is a system type: leaving it out is not a deletion, nor is its roles field', () => {
    const p = schema({ Users: { ...SYSTEM, roles: 'LIST<INT64>', $grants: ['WRITE TO _creator', 'READ TO _world'] }, T: { a: 'STRING' } });
    assert.deepEqual(keys(schema({ T: { a: 'STRING' } }), p), []);
    assert.deepEqual(keys(schema({ Users: { ...SYSTEM, $grants: ['WRITE TO _creator', 'READ TO _world'] }, T: { a: 'STRING' } }), p), []);
    assert.deepEqual(keys(p, schema({ T: { a: 'STRING' } })), [], 'nor is it a new record type');
  });

  it('warning: index removed (Apple does not document it)', () => {
    const plan = diffSchemas(schema({ T: { a: 'STRING QUERYABLE' } }), schema({ T: { a: 'STRING QUERYABLE SORTABLE SEARCHABLE' } }));
    assert.deepEqual(plan.changes.map(changeKey), ['warning index-removed T.a']);
    assert.equal(plan.deployable, true);
    assert.match(plan.changes[0].message, /loses its SORTABLE, SEARCHABLE indexes\. Apple does not document/);
  });

  it('warning: grant added, changed or removed; role removed (Apple does not document these)', () => {
    const p = schema({ T: { a: 'STRING', $grants: ['READ TO _world', 'WRITE TO _creator', 'CREATE TO _icloud'] } }, ['Manager']);
    const d = schema({ T: { a: 'STRING', $grants: ['READ, WRITE TO _creator', 'CREATE TO _icloud', 'READ TO Admin'] } }, ['Admin']);
    const plan = diffSchemas(d, p);
    assert.deepEqual(plan.changes.map(changeKey), [
      'warning role-removed Manager',
      'warning grant-added T',
      'warning grant-changed T',
      'warning grant-removed T',
      'safe role-added Admin',
    ]);
    assert.equal(plan.deployable, true);
    for (const c of plan.changes.filter((x) => x.verdict === 'warning')) assert.match(c.message, /Apple does not document/);
    assert.match(plan.changes[2].message, /grants READ, WRITE to _creator in development \(production: WRITE\)/);
  });

  it('blocked first, then warnings, then safe, and the plan says not deployable', () => {
    const p = schema({ A: { x: 'STRING QUERYABLE', gone: 'INT64' } });
    const d = schema({ A: { x: 'STRING', y: 'STRING' }, B: { z: 'STRING' } });
    const plan = diffSchemas(d, p);
    assert.deepEqual(plan.changes.map((c) => c.verdict), ['blocked', 'warning', 'safe', 'safe']);
    assert.equal(plan.deployable, false);
    assert.equal(summaryText(plan), '1 blocked, 1 warning, 2 safe');
  });

  it('a duplicate record type or field in a file: the first declaration wins, no crash', () => {
    const d: SchemaIR = { roles: [], recordTypes: [...schema({ T: { a: 'STRING' } }).recordTypes, ...schema({ T: { b: 'INT64' } }).recordTypes] };
    assert.deepEqual(keys(d, schema({ T: { a: 'STRING' } })), []);
    assert.deepEqual(keys(schema({}), schema({})), []);
  });
});
