import { check, eventsOf } from '../helpers';
import type { Scenario } from '../types';
import { GROCERIES, SHARE_ID, shareWith, sharingConfig } from './common';

export const shareConflict: Scenario = {
  name: 'share-conflict',
  title: 'Two of the owner\'s devices edit the share at once: serverRecordChanged 14 even under NSPCKC',
  referenceNumber: 26,
  explanation: 'Share records are always saved with ifServerRecordUnchanged, unlike NSPCKC\'s changedKeys object records. Alice adds '
    + 'Charlie on her iPhone while her iPad, offline, changes the title; the later save fails with Server Record Changed 14. The '
    + 'sandbox then adopts the server\'s change tag and participants and saves again (modelling choice: NSPCKC\'s merge is unverified).',
  source: 'CKModifyRecordsOperation save policies (CKShare always ifServerRecordUnchanged); sync-semantics §1.3 and §5 #26; reference/sharing.md §3',
  config: sharingConfig({ aliceIpad: true, charlie: true }),
  steps: [
    ...GROCERIES,
    shareWith([{ user: 'bob', permission: 'readWrite' }]),
    { type: 'runUntilIdle' },
    { type: 'setNetwork', device: 'A2', mode: 'offline' },
    { type: 'persistUpdatedShare', device: 'A', share: SHARE_ID, add: [{ user: 'charlie', permission: 'readOnly' }] },
    { type: 'persistUpdatedShare', device: 'A2', share: SHARE_ID, title: 'Weekly groceries' },
    { type: 'runUntilIdle' },
    { type: 'setNetwork', device: 'A2', mode: 'online' },
    { type: 'runUntilIdle' },
    { type: 'acceptShare', device: 'D', share: SHARE_ID },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const conflicts = eventsOf(run, 'engine.sentRecordZoneChanges', 'A2', (e) => e.failedSaves.some((f) => f.record.recordName === 'cloudkit.zoneshare' && f.error.code === 14));
    const share = run.sandbox.inspectSharing().shares[0];
    return [
      check('the iPad\'s share save failed with Server Record Changed 14', conflicts.length === 1, String(conflicts.length)),
      check('the retried save kept the new title', share?.title === 'Weekly groceries', String(share?.title)),
      check('Charlie, added on the iPhone, is still invited and could accept', share?.participants.some((p) => p.user === 'charlie' && p.status === 'accepted') === true, JSON.stringify(share?.participants)),
    ];
  },
};
