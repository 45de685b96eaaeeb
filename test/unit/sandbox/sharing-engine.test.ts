import assert from 'node:assert/strict';
import { Sandbox, loadSession, SandboxInputError, SHARE_ZONE_PREFIX, isShareZone } from '../../../src/core/sandbox';
import type { SandboxEvent } from '../../../src/core/sandbox';
import { COREDATA_ZONE } from '../../../src/core/cloudkit/mapping';
import { sharedList, sharingConfig } from './sharing-fixtures';

const ZONE = `${SHARE_ZONE_PREFIX}S1`;

function sharedStore(s: Sandbox, device: string): Record<string, unknown> {
  const d = s.inspectSharing({ limit: 1e6 }).devices.find((x) => x.device === device)!;
  return Object.fromEntries(d.sharedStore.map((o) => [o.id, o.values.title ?? o.values.name]));
}
function privateTitle(s: Sandbox, device: string, id: string): unknown {
  return s.inspectDevice(device, { limit: 1e6 }).objects.find((o) => o.id === id)?.values.title;
}
function zoneRecords(s: Sandbox, user: string, zone: string): string[] {
  const db = s.inspectServer({ user, zone, limit: 1e6 }).databases.find((d) => d.user === user && d.scope === 'private');
  return (db?.zones.find((z) => z.name === zone)?.records ?? []).map((r) => r.recordName).sort();
}
function kinds<K extends SandboxEvent['kind']>(s: Sandbox, kind: K, device?: string): Extract<SandboxEvent, { kind: K }>[] {
  return s.events().filter((e): e is Extract<SandboxEvent, { kind: K }> => e.kind === kind && (device === undefined || e.device === device));
}

describe('sandbox sharing engine', () => {
  it('share() moves the list and its items into a new share zone with a zone-wide cloudkit.share record', () => {
    const s = sharedList();
    assert.deepEqual(zoneRecords(s, 'alice', ZONE), ['EGGS', 'LIST', 'MILK', 'cloudkit.zoneshare']);
    assert.deepEqual(zoneRecords(s, 'alice', COREDATA_ZONE), [], 'moved records leave the Core Data zone');
    const share = s.inspectSharing().shares[0];
    assert.equal(share.recordName, 'cloudkit.zoneshare');
    assert.equal(share.title, 'Groceries');
    assert.ok(isShareZone(share.zone));
    // The objects stay in Alice's private store on both her devices.
    for (const d of ['A', 'A2']) assert.equal(privateTitle(s, d, 'MILK'), 'Milk');
    assert.equal(s.inspectServer().schemas.development.recordTypes.some((t) => t.name === 'cloudkit.share'), true);
  });

  it('accepting mirrors the zone into the participant\'s shared store; edits flow both ways', () => {
    const s = sharedList('readWrite');
    assert.deepEqual(sharedStore(s, 'C'), { LIST: 'Groceries', MILK: 'Milk', EGGS: 'Eggs' });
    assert.equal(s.inspectDevice('C').objectCount, 0, 'nothing lands in Bob\'s private store');
    s.apply({ type: 'save', device: 'C', store: 'shared', changes: [{ op: 'update', id: 'MILK', values: { title: 'Oat milk' } }] });
    s.runUntilIdle();
    assert.equal(privateTitle(s, 'A', 'MILK'), 'Oat milk');
    assert.equal(privateTitle(s, 'A2', 'MILK'), 'Oat milk');
    s.update('A2', 'EGGS', { title: 'Free-range eggs' });
    s.runUntilIdle();
    assert.equal(sharedStore(s, 'C').EGGS, 'Free-range eggs');
  });

  it('objects a participant inserts next to shared ones go to the share zone; unrelated ones cannot be exported', () => {
    const s = sharedList('readWrite');
    s.apply({ type: 'save', device: 'C', store: 'shared', changes: [
      { op: 'insert', entity: 'Item', id: 'JAM', values: { title: 'Jam' }, relationships: { list: 'LIST' } },
      { op: 'insert', entity: 'Item', id: 'LOOSE', values: { title: 'Loose' } },
    ] });
    s.runUntilIdle();
    assert.equal(privateTitle(s, 'A', 'JAM'), 'Jam');
    assert.equal(privateTitle(s, 'A', 'LOOSE'), undefined);
    const f = kinds(s, 'share.failed', 'C').find((e) => e.action === 'export');
    assert.match(f?.message ?? '', /Failed to assign an object to a record zone/);
  });

  it('a read-only participant\'s edit fails with permissionFailure 10 inside partialFailure 2 and stays local, once', () => {
    const s = sharedList('readOnly');
    s.apply({ type: 'save', device: 'C', store: 'shared', changes: [{ op: 'update', id: 'MILK', values: { title: 'Soy' } }] });
    s.runUntilIdle();
    const f = kinds(s, 'share.failed', 'C');
    assert.equal(f.length, 1);
    assert.equal(f[0].error?.code, 2);
    assert.equal(f[0].error?.partialErrors?.[0].error.code, 10);
    assert.equal(privateTitle(s, 'A', 'MILK'), 'Milk');
    assert.equal(sharedStore(s, 'C').MILK, 'Soy');
    assert.deepEqual(s.inspectSharing().devices.find((d) => d.device === 'C')!.rejectedIds, ['MILK']);
    // Read-write after persistUpdatedShare: a new edit goes through.
    s.apply({ type: 'persistUpdatedShare', device: 'A', share: 'S1', add: [{ user: 'bob', permission: 'readWrite' }] });
    s.runUntilIdle();
    assert.equal(s.inspectSharing().shares[0].participants.find((p) => p.user === 'bob')?.permission, 'readWrite');
    s.apply({ type: 'save', device: 'C', store: 'shared', changes: [{ op: 'update', id: 'EGGS', values: { title: 'Brown eggs' } }] });
    s.runUntilIdle();
    assert.equal(privateTitle(s, 'A', 'EGGS'), 'Brown eggs');
  });

  it('the participant list change shows as joined / left on the owner\'s devices, and a removed participant loses the zone', () => {
    const s = sharedList('readWrite', 7, true);
    s.apply({ type: 'persistUpdatedShare', device: 'A', share: 'S1', add: [{ user: 'carol' }] });
    s.runUntilIdle();
    s.apply({ type: 'acceptShare', device: 'D', share: 'S1' });
    s.runUntilIdle();
    s.apply({ type: 'persistUpdatedShare', device: 'A', share: 'S1', remove: ['bob'] });
    s.runUntilIdle();
    const seen = kinds(s, 'share.participantsChanged', 'A2').map((e) => `+${e.joined.join(',')}-${e.left.join(',')}`);
    assert.deepEqual(seen, ['+bob-', '+carol-', '+-bob']);
    assert.deepEqual(sharedStore(s, 'C'), {});
    assert.equal(Object.keys(sharedStore(s, 'D')).length, 3);
    assert.deepEqual(s.inspectSharing().sharedDatabases.find((d) => d.user === 'bob')?.zones, []);
  });

  it('leaving removes the graph from the shared store; the share stays for the owner', () => {
    const s = sharedList();
    s.apply({ type: 'leaveShare', device: 'C', share: 'S1' });
    s.runUntilIdle();
    assert.deepEqual(sharedStore(s, 'C'), {});
    assert.equal(kinds(s, 'share.left').length, 1);
    assert.equal(s.inspectSharing().shares.length, 1);
    assert.equal(privateTitle(s, 'A', 'MILK'), 'Milk');
  });

  it('stop sharing: participants lose the zone; purge also deletes the zone and the owner\'s objects', () => {
    const s = sharedList();
    s.apply({ type: 'stopSharing', device: 'A', share: 'S1', purge: true });
    s.runUntilIdle();
    assert.deepEqual(sharedStore(s, 'C'), {});
    assert.equal(privateTitle(s, 'A', 'MILK'), undefined);
    assert.equal(privateTitle(s, 'A2', 'MILK'), undefined, 'the owner\'s other device follows the deleted zone');
    assert.deepEqual(zoneRecords(s, 'alice', ZONE), []);
    assert.equal(kinds(s, 'share.stopped').length, 1);
  });

  it('accepting: the owner cannot accept their own share, an uninvited user gets permissionFailure, an unknown share unknownItem', () => {
    const s = sharedList('readWrite', 7, true);
    s.apply({ type: 'acceptShare', device: 'A2', share: 'S1' });
    s.apply({ type: 'acceptShare', device: 'D', share: 'S1' });
    s.apply({ type: 'acceptShare', device: 'C', share: 'NOPE' });
    s.runUntilIdle();
    const f = kinds(s, 'share.failed').filter((e) => e.action === 'accept').map((e) => `${e.device}:${e.error?.code}`).sort();
    assert.deepEqual(f, ['A2:12', 'C:11', 'D:10']);
  });

  it('an object already in another share cannot be shared again (HDR-SHARING)', () => {
    const s = sharedList();
    s.apply({ type: 'share', device: 'A', objects: ['MILK'], shareId: 'S2' });
    const f = kinds(s, 'share.failed', 'A');
    assert.match(f[0]?.message ?? '', /already shared/);
  });

  it('rejects invalid sharing inputs without recording them', () => {
    const s = sharedList();
    const n = s.save().inputs.length;
    assert.throws(() => s.apply({ type: 'share', device: 'A', objects: ['NOPE'] }), SandboxInputError);
    assert.throws(() => s.apply({ type: 'leaveShare', device: 'A', share: 'S1' }), /not a participant/);
    assert.throws(() => s.apply({ type: 'stopSharing', device: 'C', share: 'S1' }), /not a share owned/);
    assert.throws(() => s.apply({ type: 'share', device: 'A', objects: ['LIST'], participants: [{ user: 'bob', permission: 'admin' as never }] }), /permission/);
    assert.throws(() => s.apply({ type: 'setPushResponse', device: 'A', answer: 'maybe' as never }), /answer/);
    assert.equal(s.save().inputs.length, n);
  });

  it('a participant offline while the owner purges the zone loses it when back online', () => {
    const s = sharedList();
    s.apply({ type: 'setNetwork', device: 'C', mode: 'offline' });
    s.apply({ type: 'purgeZone', device: 'A', share: 'S1' });
    s.runUntilIdle();
    assert.equal(Object.keys(sharedStore(s, 'C')).length, 3);
    s.apply({ type: 'setNetwork', device: 'C', mode: 'online' });
    s.runUntilIdle();
    assert.deepEqual(sharedStore(s, 'C'), {});
  });

  it('each device subscribes to its shared database; share-zone tokens advance so a second fetch brings nothing', () => {
    const s = sharedList();
    const server = s.inspectServer({ user: 'bob' });
    assert.ok(server.databases.some((d) => d.user === 'bob' && d.scope === 'shared' && d.subscriptions.includes('com.apple.coredata.cloudkit.shared.subscription')));
    const before = s.events().length;
    s.apply({ type: 'fetchChanges', device: 'C' });
    s.runUntilIdle();
    const fetched = s.events().slice(before).filter((e) => e.kind === 'engine.fetchedRecordZoneChanges' && isShareZone(e.zone));
    assert.equal(fetched.length, 0);
  });

  it('shared records count against the owner\'s quota', () => {
    const s = sharedList();
    const used = (u: string, scope: string): number => s.inspectServer({ user: u }).databases.find((d) => d.user === u && d.scope === scope)?.usedBytes ?? 0;
    const a0 = used('alice', 'private');
    s.apply({ type: 'save', device: 'C', store: 'shared', changes: [{ op: 'update', id: 'MILK', values: { note: 'x'.repeat(5000) } }] });
    s.runUntilIdle();
    assert.ok(used('alice', 'private') >= a0 + 5000);
    assert.equal(used('bob', 'shared'), 0);
  });

  it('a session with sharing saves as version 2 and replays identically; one without stays version 1', () => {
    const s = sharedList();
    s.apply({ type: 'save', device: 'C', store: 'shared', changes: [{ op: 'update', id: 'MILK', values: { title: 'Oat' } }] });
    s.apply({ type: 'setPushResponse', device: 'C', answer: 'noData' });
    s.runUntilIdle();
    const saved = s.save();
    assert.equal(saved.version, 2);
    const again = loadSession(JSON.parse(JSON.stringify(saved)));
    assert.deepEqual(again.events(), s.events());
    assert.deepEqual(again.inspectSharing({ limit: 1e6 }), s.inspectSharing({ limit: 1e6 }));
    const plain = new Sandbox(sharingConfig());
    plain.runUntilIdle();
    assert.equal(plain.save().version, 1);
    assert.doesNotThrow(() => loadSession(plain.save()));
  });
});
