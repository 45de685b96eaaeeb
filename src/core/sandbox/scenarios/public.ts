import { MIN, baseConfig, check, eventsOf, hadObjectAt, hasObject } from './helpers';
import type { Scenario } from './types';

export const publicDeletionNotPropagated: Scenario = {
  name: 'public-db-deletion',
  title: 'Public database: polled every 30 min, and deletions never reach other devices',
  referenceNumber: 12,
  explanation: 'The public database has no change feed and no pushes: NSPCKC polls it (30 min in development) with a modificationDate query, '
    + 'which cannot see deletions. B keeps showing an item A deleted; TN3164 recommends a soft-delete attribute.',
  source: 'TN3163 / TN3164 (public database polling, deletions not synchronized); RE OCCKRecordZoneQuery',
  config: baseConfig({ database: 'public' }),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: 'ITEM-1', values: { title: 'Flyer' } }] },
    { type: 'runUntilIdle' },
    { type: 'note', text: 'checkpoint before-poll' },
    { type: 'advance', ms: 31 * MIN },
    { type: 'note', text: 'checkpoint after-poll' },
    { type: 'save', device: 'A', changes: [{ op: 'delete', id: 'ITEM-1' }] },
    { type: 'advance', ms: 61 * MIN },
  ],
  check: (run) => [
    check('no pushes for the public database', eventsOf(run, 'push.sent').length === 0),
    check('B did not see the item before polling', hadObjectAt(run, 'before-poll', 'B', 'ITEM-1') === false),
    check('B saw it after the 30-minute poll', hadObjectAt(run, 'after-poll', 'B', 'ITEM-1') === true),
    check('A deleted it', !hasObject(run, 'A', 'ITEM-1')),
    check('B still shows it after two more polls', hasObject(run, 'B', 'ITEM-1')),
  ],
};

export const publicWriteWithoutAccount: Scenario = {
  name: 'public-db-no-account',
  title: 'Public database without an iCloud account: writes fail notAuthenticated (9), reads work',
  referenceNumber: 13,
  explanation: 'Reading the public database needs no account, writing does. Device A without an account polls and reads B\'s item, '
    + 'but its own export fails with notAuthenticated.',
  source: 'Apple CKDatabase docs (public database reads without an account); CKError.h notAuthenticated',
  config: baseConfig({ database: 'public', devices: [{ id: 'A', user: null }, { id: 'B' }] }),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'save', device: 'B', changes: [{ op: 'insert', entity: 'Item', id: 'FROM-B', values: { title: 'Public notice' } }] },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: 'FROM-A', values: { title: 'Mine' } }] },
    { type: 'runUntilIdle', maxMs: 5 * MIN },
    { type: 'advance', ms: 50 * MIN },
  ],
  check: (run) => [
    check('A\'s write fails with notAuthenticated (9)', eventsOf(run, 'server.op', 'A', (e) => e.op === 'modifyRecords' && e.error?.code === 9).length >= 1),
    check('A reads B\'s item from the public database', hasObject(run, 'A', 'FROM-B')),
    // A holds its item locally (the save succeeded; only its export fails), so the check needs the item to exist.
    check('B never sees A\'s item, which stays on A', hasObject(run, 'A', 'FROM-A') && !hasObject(run, 'B', 'FROM-A')),
  ],
};
