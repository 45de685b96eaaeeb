import { SHARE_ZONE_PREFIX } from '../../api';
import { check, eventsOf } from '../helpers';
import type { Scenario } from '../types';
import { GROCERIES, SHARE_ID, shareWith, sharing, sharingConfig } from './common';

export const shareParticipantsChange: Scenario = {
  name: 'share-participants-change',
  title: 'Bob and Charlie join, Bob leaves: the owner watches the participant list',
  referenceNumber: 26,
  explanation: 'The cloudkit.share record reappears in the zone\'s changes whenever its participant list changes, so the owner\'s '
    + 'device can show "Charlie joined, Bob left". Leaving deletes the share from the participant\'s shared database; NSPCKC then '
    + 'deletes the object graph from their shared store while the share stays for the others.',
  source: 'CKShare docs (share record refetched on participant changes); Apple "Sharing Core Data objects between iCloud users" (leaving); reference/sharing.md §3, §8',
  config: sharingConfig({ charlie: true }),
  steps: [
    ...GROCERIES,
    shareWith([{ user: 'bob', permission: 'readWrite' }, { user: 'charlie', permission: 'readOnly' }]),
    { type: 'runUntilIdle' },
    { type: 'acceptShare', device: 'C', share: SHARE_ID },
    { type: 'runUntilIdle' },
    { type: 'acceptShare', device: 'D', share: SHARE_ID },
    { type: 'runUntilIdle' },
    { type: 'leaveShare', device: 'C', share: SHARE_ID },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const changes = eventsOf(run, 'share.participantsChanged', 'A').map((e) => [...e.joined.map((u) => `${u} joined`), ...e.left.map((u) => `${u} left`)].join(', '));
    const server = run.sandbox.inspectSharing().shares.find((s) => s.zone === SHARE_ZONE_PREFIX + SHARE_ID);
    return [
      check('Alice\'s device saw Bob join, Charlie join, then Bob leave', JSON.stringify(changes) === JSON.stringify(['bob joined', 'charlie joined', 'bob left']), JSON.stringify(changes)),
      check('the server lists Bob as removed and Charlie as accepted', server?.participants.find((p) => p.user === 'bob')?.status === 'removed' && server?.participants.find((p) => p.user === 'charlie')?.status === 'accepted'),
      check('Bob\'s shared store is empty after leaving', sharing(run, 'C').sharedStoreCount === 0),
      check('Charlie still has the list', sharing(run, 'D').sharedStoreCount === 3),
      check('a share.left event for Bob', eventsOf(run, 'share.left', undefined, (e) => e.user === 'bob').length === 1),
    ];
  },
};
