import type { ObjectChange, SandboxInput } from '../../api';
import { COREDATA_ZONE } from '../../../cloudkit/mapping';
import { check, eventsOf } from '../helpers';
import type { Scenario } from '../types';
import { sharingConfig } from './common';

const LISTS = 1000;
const ids = Array.from({ length: LISTS }, (_, i) => `L${String(i + 1).padStart(4, '0')}`);

export const shareZoneLimit: Scenario = {
  name: 'share-zone-limit',
  title: 'One share per list until the 1,000-zone limit',
  referenceNumber: 27,
  explanation: 'Every share(_:to: nil) creates a record zone. After 1,000 zones in Alice\'s private database (her Core Data zone '
    + 'counts too) creating another fails with Limit Exceeded 27, and the list stays unshared in the Core Data zone. TN3164\'s advice: '
    + 'add objects to an existing share instead of one share per object, and purge empty share zones. Which zones count (per user\'s '
    + 'database, not the whole container) is a modelling choice: docs/sandbox.md.',
  source: 'TN3164 (1,000 zones, one zone per share, reuse shares); Apple sharing sample ("per database"); reference/sharing.md §2; sync-semantics §5 #27',
  config: sharingConfig(),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'save', device: 'A', changes: ids.map((id): ObjectChange => ({ op: 'insert', entity: 'ShoppingList', id, values: { name: id } })) },
    { type: 'runUntilIdle' },
    ...ids.map((id): SandboxInput => ({ type: 'share', device: 'A', objects: [id], shareId: `ZONE-${id}`, participants: [{ user: 'bob' }] })),
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const failures = eventsOf(run, 'share.failed', 'A', (e) => e.action === 'share');
    const core = run.sandbox.inspectServer({ user: 'alice', zone: COREDATA_ZONE, limit: 5000 }).databases.find((d) => d.user === 'alice' && d.scope === 'private')?.zones.find((z) => z.name === COREDATA_ZONE);
    const failedLists = failures.map((f) => (f.zone ?? '').split('ZONE-')[1]);
    const shares = run.sandbox.inspectSharing().shares.length;
    return [
      check('999 shares were created (Alice\'s Core Data zone + 999 share zones = 1,000)', shares === 999, String(shares)),
      check('the remaining share failed with Limit Exceeded 27', failures.length === 1 && failures.every((f) => f.error?.code === 27), JSON.stringify(failures[0])),
      check('the failure tells to reuse shares (TN3164)', failures.length > 0 && failures.every((f) => f.message.includes('add objects to an existing share'))),
      check('the list of the failed share stays in the Core Data zone', failedLists.length === 1 && failedLists.every((id) => core?.records.some((r) => r.recordName === id) === true), JSON.stringify(failedLists)),
      check('the shared lists left the Core Data zone', core?.recordCount === 1, String(core?.recordCount)),
      check('no more share zones than the limit allows', eventsOf(run, 'engine.sentDatabaseChanges', 'A', (e) => e.savedZones.length > 0 && e.savedZones[0].startsWith('com.apple.coredata.cloudkit.share.')).length === 999),
    ];
  },
};
