import { check, eventsOf, valueOf } from '../helpers';
import type { Scenario } from '../types';
import { groceriesSharedWithBob, sharedTitle, sharing, sharingConfig } from './common';

export const shareReadOnlyEdit: Scenario = {
  name: 'share-read-only-edit',
  title: 'A read-only participant edits: CloudKit refuses with permissionFailure 10',
  referenceNumber: 26,
  explanation: 'Bob was invited read-only (the default permission). The local save is not blocked (apps gate their UI with '
    + 'canUpdateRecord), but the export to the owner\'s zone fails per record with Permission Failure 10 inside Partial Failure 2. '
    + 'What NSPCKC does next is unverified; the sandbox keeps the change local and unsynced and the owner\'s data is unchanged.',
  source: 'NSPersistentCloudKitContainer canUpdateRecord(forManagedObjectWith:); sqlite-data PRs #147/#312 and SyncKit #158 (permissionFailure on shared writes); reference/sharing.md §6',
  config: sharingConfig(),
  steps: [
    ...groceriesSharedWithBob('readOnly'),
    { type: 'save', device: 'C', store: 'shared', changes: [{ op: 'update', id: 'MILK', values: { title: 'Soy milk' } }] },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const refused = eventsOf(run, 'share.failed', 'C', (e) => e.action === 'export');
    const err = refused[0]?.error;
    return [
      check('the export failed with Partial Failure 2 holding Permission Failure 10', err?.code === 2 && err.partialErrors?.[0]?.error.code === 10, JSON.stringify(err)),
      check('Bob still sees his local edit', sharedTitle(run, 'C', 'MILK') === 'Soy milk'),
      check('the edit is kept unsynced', sharing(run, 'C').rejectedIds.includes('MILK')),
      check('Alice\'s item is unchanged', valueOf(run, 'A', 'MILK', 'title') === 'Milk'),
      check('the refused change is not retried in a loop', refused.length === 1, String(refused.length)),
    ];
  },
};
