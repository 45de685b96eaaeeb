import assert from 'node:assert/strict';
import type { SandboxConfig } from '../../../src/core/sandbox/api';
import { Sandbox } from '../../../src/core/sandbox/sandbox';
import { config } from './fixtures';

/**
 * The server inspector's snapshot (server-snapshot.ts): the order of databases, the per-user and per-zone
 * filters, the entity filter (by record type or Core Data entity name), the offset/limit window, tombstones
 * newest first, quotas and the container id. Sessions are written by us; ids come from the objects we create.
 */
const ZONE = 'com.apple.coredata.cloudkit.zone';

function session(over: Partial<SandboxConfig> = {}): { s: Sandbox; ids: string[] } {
  const s = new Sandbox(config({ devices: [{ id: 'A' }, { id: 'B', user: 'u2' }], options: { quotaBytes: 5_000 }, ...over }));
  s.runUntilIdle();
  const ids = ['one', 'two', 'three', 'four'].map((title) => s.create('A', 'Item', { title }));
  s.runUntilIdle();
  s.delete('A', ids[0]);
  s.runUntilIdle();
  s.delete('A', ids[2]);
  s.apply({ type: 'setQuota', user: 'u2', bytes: 100 });
  s.apply({ type: 'addErrorRule', rule: { id: 'r1', match: { op: 'fetchDatabaseChanges' }, error: { code: 23 }, times: 0 } });
  s.runUntilIdle();
  return { s, ids };
}

describe('sandbox: server snapshot', () => {
  it('lists the private databases by user, then the public one, with quotas, schemas and rules', () => {
    const { s } = session();
    const snap = s.inspectServer();
    assert.deepEqual(Object.keys(snap), ['containerId', 'environment', 'schemas', 'databases', 'quota', 'errorRules']);
    assert.equal(snap.containerId, 'iCloud.com.example.sandbox');
    assert.equal(snap.environment, 'development');
    assert.deepEqual(snap.databases.map((d) => [d.scope, d.user]), [['private', 'u2'], ['private', 'user1'], ['public', null]]);
    // The user's own quota wins over the option; the option is the default.
    assert.deepEqual(snap.quota, { u2: 100, user1: 5_000 });
    assert.deepEqual(snap.errorRules, [{ id: 'r1', match: { op: 'fetchDatabaseChanges' }, error: { code: 23 }, times: 0 }]);
    // Development grew just in time with the one type saved; production is the derived, deployed schema.
    assert.deepEqual(snap.schemas.development.recordTypes.map((t) => t.name), ['CD_Item']);
    assert.deepEqual(snap.schemas.production.recordTypes.map((t) => t.name), ['CD_Item', 'CD_ShoppingList']);
  });

  it('names the configured container and a null quota without the option', () => {
    const { s } = session({ containerId: 'iCloud.org.test', options: {} });
    const snap = s.inspectServer();
    assert.equal(snap.containerId, 'iCloud.org.test');
    assert.deepEqual(snap.quota, { u2: 100, user1: null });
  });

  it('shows a zone with its counters, records in save order and tombstones newest first', () => {
    const { s, ids } = session();
    const db = s.inspectServer().databases[1];
    assert.deepEqual(Object.keys(db), ['scope', 'user', 'zones', 'subscriptions', 'changeCounter', 'usedBytes']);
    assert.deepEqual(db.subscriptions, ['com.apple.coredata.cloudkit.private.subscription']);
    const zone = db.zones[0];
    assert.deepEqual([zone.name, zone.owner, zone.recordCount, zone.tombstoneCount], [ZONE, '__defaultOwner__', 2, 2]);
    assert.deepEqual(zone.records.map((r) => [r.recordName, r.recordType, r.fields.CD_title]), [[ids[1], 'CD_Item', 'two'], [ids[3], 'CD_Item', 'four']]);
    assert.deepEqual(Object.keys(zone.records[0]), ['recordName', 'recordType', 'changeTag', 'fields', 'createdT', 'modifiedT', 'modifiedBy', 'sizeBytes']);
    assert.equal(zone.records[0].modifiedBy, 'A');
    assert.deepEqual(zone.tombstones?.map((t) => [t.recordName, t.recordType]), [[ids[2], 'CD_Item'], [ids[0], 'CD_Item']]);
    assert.deepEqual(Object.keys(zone.tombstones![0]), ['recordName', 'recordType', 'deletedT']);
    assert.ok(zone.tombstones![0].deletedT > zone.tombstones![1].deletedT);
  });

  it('a record\'s fields are a copy', () => {
    const { s } = session();
    const rec = s.inspectServer().databases[1].zones[0].records[0];
    (rec.fields as Record<string, unknown>).CD_title = 'changed';
    assert.equal(s.inspectServer().databases[1].zones[0].records[0].fields.CD_title, 'two');
  });

  it('filters by user (no public database then) and by zone', () => {
    const { s } = session();
    assert.deepEqual(s.inspectServer({ user: 'user1' }).databases.map((d) => [d.scope, d.user]), [['private', 'user1']]);
    assert.deepEqual(s.inspectServer({ user: 'nobody' }).databases, []);
    assert.deepEqual(s.inspectServer({ zone: 'other' }).databases[1].zones, []);
    assert.deepEqual(s.inspectServer({ zone: ZONE }).databases[1].zones.map((z) => z.name), [ZONE]);
  });

  it('filters records by record type or by Core Data entity name; counts stay whole', () => {
    const { s } = session();
    const records = (entity: string): number => s.inspectServer({ user: 'user1', entity }).databases[0].zones[0].records.length;
    assert.equal(records('CD_Item'), 2);
    assert.equal(records('Item'), 2);
    assert.equal(records('ShoppingList'), 0);
    assert.equal(s.inspectServer({ user: 'user1', entity: 'ShoppingList' }).databases[0].zones[0].recordCount, 2);
  });

  it('cuts records to the offset/limit window and tombstones to the limit', () => {
    const { s, ids } = session();
    const zone = (offset?: number, limit?: number) => s.inspectServer({ user: 'user1', offset, limit }).databases[0].zones[0];
    assert.deepEqual(zone(1).records.map((r) => r.recordName), [ids[3]]);
    assert.deepEqual(zone(0, 1).records.map((r) => r.recordName), [ids[1]]);
    assert.deepEqual(zone(0, 1).tombstones?.map((t) => t.recordName), [ids[2]]);
    assert.deepEqual(zone(2).records, []);
    assert.deepEqual(zone(0, 0).records, []);
    assert.equal(zone(0, 0).tombstones?.length, 0);
  });
});
