import assert from 'node:assert/strict';
import { Sandbox } from '../../../src/core/sandbox/sandbox';
import { config } from './fixtures';
import { sharedList } from './sharing-fixtures';

/**
 * The sharing view (sharing-snapshot.ts): users with their devices and display names, shares on the server
 * with their participants, each user's shared database, and per device its share zones, shared store and push
 * budget, as one exact object. The sessions are built by us (sharing-fixtures.ts).
 */
const S1 = 'com.apple.coredata.cloudkit.share.S1';
const PARTICIPANTS = [
  { user: 'alice', role: 'owner', permission: 'readWrite', status: 'accepted' },
  { user: 'bob', role: 'privateUser', permission: 'readOnly', status: 'accepted' },
];

describe('sandbox: sharing snapshot', () => {
  it('pins the whole view of a list shared read-only with bob, carol not invited', () => {
    const s = sharedList('readOnly', 7, true);
    s.apply({ type: 'setPushResponse', device: 'C', answer: 'noData', handlerMs: 5 });
    const snap = s.inspectSharing();
    const ownerZone = { zone: S1, store: 'private', owner: 'alice', objectCount: 3, participants: PARTICIPANTS, permission: 'readWrite' };
    assert.deepEqual({ ...snap, devices: snap.devices.map((d) => ({ ...d, sharedStore: d.sharedStore.map((o) => o.id) })) }, {
      users: [{ id: 'alice', name: 'Alice', devices: ['A', 'A2'] }, { id: 'bob', name: 'Bob', devices: ['C'] }, { id: 'carol', name: 'Carol', devices: ['D'] }],
      shares: [{ zone: S1, owner: 'alice', recordName: 'cloudkit.zoneshare', title: 'Groceries', participants: PARTICIPANTS, recordCount: 3, shareRecordBytes: 106, changeTag: '8' }],
      sharedDatabases: [{ user: 'alice', zones: [] }, { user: 'bob', zones: [S1] }, { user: 'carol', zones: [] }],
      devices: [
        { device: 'A', user: 'alice', zones: [ownerZone], sharedStoreCount: 0, sharedStore: [], rejectedIds: [], pushBudget: null },
        { device: 'A2', user: 'alice', zones: [ownerZone], sharedStoreCount: 0, sharedStore: [], rejectedIds: [], pushBudget: null },
        {
          device: 'C', user: 'bob', zones: [{ ...ownerZone, store: 'shared', permission: 'readOnly' }], sharedStoreCount: 3, sharedStore: ['EGGS', 'LIST', 'MILK'],
          rejectedIds: [], pushBudget: { answer: 'noData', handlerMs: 5, credit: 1, suppressedUntilT: null },
        },
        { device: 'D', user: 'carol', zones: [], sharedStoreCount: 0, sharedStore: [], rejectedIds: [], pushBudget: null },
      ],
    });
  });

  it('a read-write participant sees readWrite in the shared store', () => {
    const snap = sharedList('readWrite').inspectSharing();
    assert.deepEqual(snap.devices.find((d) => d.device === 'C')?.zones.map((z) => [z.store, z.permission]), [['shared', 'readWrite']]);
  });

  it('the push budget in the view is a copy', () => {
    const s = sharedList('readOnly');
    s.apply({ type: 'setPushResponse', device: 'C', answer: 'none' });
    const budget = s.inspectSharing().devices.find((d) => d.device === 'C')!.pushBudget!;
    assert.deepEqual(budget, { answer: 'none', handlerMs: 1_000, credit: 1, suppressedUntilT: null });
    (budget as { credit: number }).credit = 0;
    assert.equal(s.inspectSharing().devices.find((d) => d.device === 'C')!.pushBudget!.credit, 1);
  });

  it('without sharing: users from the devices and the config, named by id when no name is given, sorted; no-account devices listed under no user', () => {
    const s = new Sandbox(config({ users: [{ id: 'zed' }, { id: 'amy', name: 'Amy' }], devices: [{ id: 'A', user: 'bob' }, { id: 'B', user: null }, { id: 'C', user: 'amy' }] }));
    const snap = s.inspectSharing();
    assert.deepEqual(snap, {
      users: [{ id: 'amy', name: 'Amy', devices: ['C'] }, { id: 'bob', name: 'bob', devices: ['A'] }, { id: 'zed', name: 'zed', devices: [] }],
      shares: [], sharedDatabases: [],
      devices: ['A', 'B', 'C'].map((device) => ({
        device, user: { A: 'bob', B: null, C: 'amy' }[device], zones: [], sharedStoreCount: 0, sharedStore: [], rejectedIds: [], pushBudget: null,
      })),
    });
  });

  it('a share without a title shows title null', () => {
    const s = sharedList('readOnly');
    s.apply({ type: 'share', device: 'A', objects: [s.create('A', 'ShoppingList', { name: 'Other' })], shareId: 'S0' });
    s.runUntilIdle();
    const shares = s.inspectSharing().shares;
    // Shares are sorted by zone name: S0 before S1.
    assert.deepEqual(shares.map((x) => [x.zone, x.title, x.recordCount]), [['com.apple.coredata.cloudkit.share.S0', null, 1], [S1, 'Groceries', 3]]);
  });
});
