import { check, eventsOf, hasObject, timeAt } from '../helpers';
import type { Scenario } from '../types';
import { SHARE_ID, groceriesSharedWithBob, sharing, sharingConfig } from './common';

export const shareZoneDeletedOffline: Scenario = {
  name: 'share-zone-deleted-offline',
  title: 'Bob is offline while Alice purges the shared zone',
  referenceNumber: 19,
  explanation: 'Alice calls purgeObjectsAndRecordsInZone: the zone is deleted in CloudKit and her local objects go with it. Bob is '
    + 'offline, so his push is held. When he reconnects, the database changes of his shared database report the zone as deleted and '
    + 'NSPCKC purges the rows of his shared store (shared scope: rows and zone metadata).',
  source: 'NSPersistentCloudKitContainer_Sharing.h purgeObjectsAndRecordsInZone; OpenCloudData OCCloudKitImporterZoneDeletedWorkItem; reference/sharing.md §8',
  config: sharingConfig(),
  steps: [
    ...groceriesSharedWithBob('readWrite'),
    { type: 'setNetwork', device: 'C', mode: 'offline' },
    { type: 'purgeZone', device: 'A', share: SHARE_ID },
    { type: 'runUntilIdle' },
    { type: 'note', text: 'checkpoint offline' },
    { type: 'setNetwork', device: 'C', mode: 'online' },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const offlineAt = timeAt(run, 'offline');
    const removed = eventsOf(run, 'share.zoneRemoved', 'C');
    return [
      check('Alice\'s objects were purged at once', eventsOf(run, 'share.zoneRemoved', 'A', (e) => e.reason === 'purged' && e.objectsRemoved === 3).length === 1 && !hasObject(run, 'A', 'MILK')),
      check('the zone is gone from the server', eventsOf(run, 'server.zoneDeleted', undefined, (e) => e.zone.endsWith(SHARE_ID)).length === 1),
      check('Bob\'s push was held while offline', eventsOf(run, 'push.held', 'C', (e) => e.reason === 'offline' && offlineAt !== undefined && e.t <= offlineAt).length >= 1),
      check('Bob still had the objects while offline', offlineAt !== undefined && removed.every((e) => e.t > offlineAt)),
      check('back online, Bob\'s shared store was purged', removed.length === 1 && removed[0].objectsRemoved === 3 && sharing(run, 'C').sharedStoreCount === 0),
    ];
  },
};
