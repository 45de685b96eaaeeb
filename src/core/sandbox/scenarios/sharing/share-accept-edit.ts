import { SHARE_ZONE_PREFIX } from '../../api';
import { check, eventsOf, valueOf } from '../helpers';
import type { Scenario } from '../types';
import { SHARE_ID, groceriesSharedWithBob, sharedTitle, sharing, sharingConfig } from './common';

export const shareAcceptEdit: Scenario = {
  name: 'share-accept-edit',
  title: 'Alice shares a list with Bob, who accepts it; edits flow both ways',
  referenceNumber: 26,
  explanation: 'share(_:to:) moves the list and its items into a new zone com.apple.coredata.cloudkit.share.<UUID> with a zone-wide '
    + 'cloudkit.share record. Bob accepts on his iPhone: the zone appears in his shared database and NSPCKC imports it into his shared '
    + 'store. Bob renames an item, Alice sees it; Alice adds an item to the list, and it joins the share zone and reaches Bob.',
  source: 'Apple "Sharing Core Data objects between iCloud users"; NSPersistentCloudKitContainer_Sharing.h (share, acceptShareInvitations); TN3164 log (share zone name)',
  config: sharingConfig({ aliceIpad: true }),
  steps: [
    ...groceriesSharedWithBob('readWrite'),
    { type: 'save', device: 'C', store: 'shared', changes: [{ op: 'update', id: 'MILK', values: { title: 'Oat milk' } }] },
    { type: 'runUntilIdle' },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: 'BREAD', values: { title: 'Bread' }, relationships: { list: 'LIST-1' } }] },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const zone = SHARE_ZONE_PREFIX + SHARE_ID;
    const server = run.sandbox.inspectSharing().shares.find((s) => s.zone === zone);
    return [
      check('the share zone exists in Alice\'s private database with 4 records and the share', server?.recordCount === 4, JSON.stringify(server)),
      check('Bob is an accepted read-write participant', server?.participants.some((p) => p.user === 'bob' && p.status === 'accepted' && p.permission === 'readWrite') === true),
      check('Bob\'s shared database shows the zone', run.sandbox.inspectSharing().sharedDatabases.find((d) => d.user === 'bob')?.zones.includes(zone) === true),
      check('Bob\'s shared store holds the list and its items', sharing(run, 'C').sharedStoreCount === 4, String(sharing(run, 'C').sharedStoreCount)),
      check('Bob\'s edit reached Alice\'s iPhone and iPad', valueOf(run, 'A', 'MILK', 'title') === 'Oat milk' && valueOf(run, 'A2', 'MILK', 'title') === 'Oat milk'),
      check('Alice\'s new item joined the share and reached Bob', sharedTitle(run, 'C', 'BREAD') === 'Bread'),
      check('no share action failed', eventsOf(run, 'share.failed').length === 0),
    ];
  },
};
