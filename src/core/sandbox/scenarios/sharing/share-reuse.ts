import { check, eventsOf } from '../helpers';
import type { Scenario } from '../types';
import { SHARE_ID, groceriesSharedWithBob, sharing, sharingConfig } from './common';

export const shareReuse: Scenario = {
  name: 'share-reuse',
  title: 'A second list added to the existing share: no new zone',
  referenceNumber: 27,
  explanation: 'TN3164 advises reusing shares rather than one zone per share. share(_:to: existingShare) adds the new list and its items '
    + 'to the existing share zone; Bob, already a participant, receives them without accepting anything new.',
  source: 'TN3164 (reuse shares to stay under the zone limit); NSPersistentCloudKitContainer share(_:to:) with an existing share; Apple sharing sample',
  config: sharingConfig(),
  steps: [
    ...groceriesSharedWithBob('readWrite'),
    { type: 'save', device: 'A', changes: [
      { op: 'insert', entity: 'ShoppingList', id: 'LIST-2', values: { name: 'Hardware' } },
      { op: 'insert', entity: 'Item', id: 'NAILS', values: { title: 'Nails' }, relationships: { list: 'LIST-2' } },
    ] },
    { type: 'runUntilIdle' },
    { type: 'share', device: 'A', objects: ['LIST-2'], toShare: SHARE_ID },
    { type: 'runUntilIdle' },
  ],
  check: (run) => [
    check('one share zone only', run.sandbox.inspectSharing().shares.length === 1),
    check('the second share call reused the zone', eventsOf(run, 'share.created', 'A', (e) => e.reused && e.objectCount === 2).length === 1),
    check('Bob has both lists and their items', sharing(run, 'C').sharedStoreCount === 5, String(sharing(run, 'C').sharedStoreCount)),
    check('one zone created on the server', eventsOf(run, 'engine.sentDatabaseChanges', 'A', (e) => e.savedZones.some((z) => z.endsWith(SHARE_ID))).length === 1),
  ],
};
