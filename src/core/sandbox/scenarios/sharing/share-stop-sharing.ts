import { SHARE_ZONE_PREFIX } from '../../api';
import { check, eventsOf, hasObject } from '../helpers';
import type { Scenario } from '../types';
import { SHARE_ID, groceriesSharedWithBob, sharing, sharingConfig } from './common';

export const shareStopSharing: Scenario = {
  name: 'share-stop-sharing',
  title: 'The owner stops sharing: the participant loses the zone and its objects',
  referenceNumber: 26,
  explanation: 'Alice deletes the share. CloudKit removes the zone from every participant\'s shared database; the zone-deleted import '
    + 'purges the local rows of the shared store (participants keep nothing unless the app copied it). Alice keeps her objects: '
    + 'without a purge the zone and its records stay in her private database, no longer shared.',
  source: 'CloudKit "Shared records" (stop sharing = delete the share); OpenCloudData OCCloudKitImporterZoneDeletedWorkItem (shared scope purges rows); StackOverflow 71584263; reference/sharing.md §8',
  config: sharingConfig(),
  steps: [
    ...groceriesSharedWithBob('readWrite'),
    { type: 'note', text: 'checkpoint shared' },
    { type: 'stopSharing', device: 'A', share: SHARE_ID },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const zone = SHARE_ZONE_PREFIX + SHARE_ID;
    return [
      check('Bob had the list before', eventsOf(run, 'share.participantsChanged', 'C').length >= 1),
      check('the server has no share any more', run.sandbox.inspectSharing().shares.length === 0),
      check('Bob\'s shared database no longer shows the zone', !(run.sandbox.inspectSharing().sharedDatabases.find((d) => d.user === 'bob')?.zones.includes(zone) ?? false)),
      check('Bob\'s shared store was purged (reason stopped)', eventsOf(run, 'share.zoneRemoved', 'C', (e) => e.reason === 'stopped' && e.objectsRemoved === 3).length === 1 && sharing(run, 'C').sharedStoreCount === 0),
      check('Alice keeps the list and its items', hasObject(run, 'A', 'LIST-1') && hasObject(run, 'A', 'MILK') && hasObject(run, 'A', 'EGGS')),
      check('a share.stopped event', eventsOf(run, 'share.stopped').length === 1),
    ];
  },
};
