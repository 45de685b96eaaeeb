import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Sandbox } from '../../../src/core/sandbox';
import { EXAMPLES_DIR } from '../../helpers/paths';
import { config } from './fixtures';

const MODEL_DIR = path.join(EXAMPLES_DIR, 'ShoppingList', 'ShoppingList.xcdatamodeld');
const read = (...p: string[]): string => fs.readFileSync(path.join(...p), 'utf8');

describe('sandbox with real inputs', () => {
  it('many-to-many relationships sync as CDMR join records', () => {
    const spec = {
      entities: [
        { name: 'Post', attributes: [{ name: 'title', type: 'String' }], relationships: [{ name: 'tags', destination: 'Tag', inverse: 'posts', toMany: true }] },
        { name: 'Tag', attributes: [{ name: 'name', type: 'String' }], relationships: [{ name: 'posts', destination: 'Post', inverse: 'tags', toMany: true }] },
      ],
    };
    const s = new Sandbox(config({ model: { kind: 'spec', spec } }));
    s.runUntilIdle();
    const t1 = s.create('A', 'Tag', { name: 'swift' });
    const t2 = s.create('A', 'Tag', { name: 'cloudkit' });
    const p = s.create('A', 'Post', { title: 'Hello' }, { tags: [t1, t2] });
    s.runUntilIdle();
    const zone = s.inspectServer({ user: 'user1' }).databases[0].zones[0];
    const joins = zone.records.filter((r) => r.recordType === 'CDMR');
    assert.equal(joins.length, 2);
    assert.equal(joins[0].fields.CD_entityNames, 'Post:Tag');
    assert.equal(joins[0].fields.CD_relationships, 'tags:posts');
    assert.deepEqual(s.inspectDevice('B').objects.find((o) => o.id === p)?.relationships.tags, [t1, t2].sort());
    s.update('B', t1, undefined, { posts: [] });
    s.runUntilIdle();
    assert.deepEqual(s.inspectDevice('A').objects.find((o) => o.id === p)?.relationships.tags, [t2]);
  });

  it('runs the example model (version 1) against the example production schema', () => {
    const s = new Sandbox(config({
      environment: 'production',
      model: { kind: 'xml', text: read(MODEL_DIR, 'ShoppingList.xcdatamodel', 'contents') },
      productionSchema: { kind: 'ckdb', text: read(EXAMPLES_DIR, 'cloudkit', 'production.ckdb') },
    }));
    s.runUntilIdle();
    assert.equal(s.inspectDevice('A').mirroring.setup, 'succeeded');
    const list = s.create('A', 'ShoppingList', { name: 'Groceries' });
    s.runUntilIdle();
    assert.equal(s.inspectDevice('B').objects.find((o) => o.id === list)?.values.name, 'Groceries');
  });

  it('the example model version 2 fails setup with 134060 and the validator reasons', () => {
    const s = new Sandbox(config({ model: { kind: 'xml', text: read(MODEL_DIR, 'ShoppingList 2.xcdatamodel', 'contents') } }));
    s.runUntilIdle();
    const err = s.inspectDevice('A').mirroring.setupError;
    assert.equal(err?.code, 134060);
    assert.match(err?.message ?? '', /CloudKit integration does not support unique constraints/);
    assert.match(err?.message ?? '', /Member: email/);
  });

  it('a broken model XML is a clear config error', () => {
    assert.throws(() => new Sandbox(config({ model: { kind: 'xml', text: '<model><entity' } })), /model: the model XML cannot be read/);
  });
});
