import type { SandboxInput } from '../api';
import { DAY, baseConfig, check, eventsOf, hasObject, objectsAt, titles } from './helpers';
import type { Scenario } from './types';

const items = (device: string, ...names: string[]): SandboxInput => ({
  type: 'save', device, changes: names.map((n, i) => ({ op: 'insert' as const, entity: 'Item', id: `ITEM-${i + 1}`, values: { title: n } })),
});

export const changeTokenExpired: Scenario = {
  name: 'change-token-expired',
  title: 'Change token expired: reset (ServerChangeTokenExpired), full refetch, missed deletions stay',
  referenceNumber: 7,
  explanation: 'B was offline while its change tokens expired. Its next fetch fails with changeTokenExpired (21); the engine resets and refetches '
    + 'from a nil token. A nil-token fetch returns current records only, so a record deleted meanwhile stays on B (switch diffOnFullRefetch to remove it).',
  source: 'CKError.h changeTokenExpired; CKFetchDatabaseChangesOperation docs; RE OCD reset reason 7',
  config: baseConfig(),
  steps: [
    { type: 'runUntilIdle' },
    items('A', 'Milk', 'Eggs'),
    { type: 'runUntilIdle' },
    { type: 'setNetwork', device: 'B', mode: 'offline' },
    { type: 'save', device: 'A', changes: [{ op: 'delete', id: 'ITEM-2' }, { op: 'insert', entity: 'Item', id: 'ITEM-3', values: { title: 'Bread' } }] },
    { type: 'runUntilIdle' },
    { type: 'expireChangeTokens', user: 'user1' },
    { type: 'setNetwork', device: 'B', mode: 'online' },
    { type: 'runUntilIdle' },
  ],
  check: (run) => [
    check('B gets changeTokenExpired (21)', eventsOf(run, 'server.op', 'B', (e) => e.error?.code === 21).length >= 1),
    check('B resets with ServerChangeTokenExpired (7)', eventsOf(run, 'engine.reset', 'B', (e) => e.phase === 'did' && e.reason === 'ServerChangeTokenExpired' && e.reasonCode === 7).length >= 1),
    check('B has the new record after the full refetch', hasObject(run, 'B', 'ITEM-3')),
    check('B still shows the record deleted while its token was expired', hasObject(run, 'B', 'ITEM-2')),
    check('A no longer has it', !hasObject(run, 'A', 'ITEM-2')),
  ],
};

export const zoneDeleted: Scenario = {
  name: 'zone-deleted',
  title: 'Zone deleted (Console reset): both devices reset (ZoneDeleted) and re-upload everything',
  referenceNumber: 19,
  explanation: 'The Core Data zone is deleted on the server. Each device sees the deletion in its database changes, resets with ZoneDeleted (5), '
    + 'recreates the zone and uploads its whole store again.',
  source: 'RE OCD reset reasons / metadata purger; CKFetchDatabaseChangesOperation (deleted zones)',
  config: baseConfig(),
  steps: [
    { type: 'runUntilIdle' },
    items('A', 'Milk', 'Eggs'),
    { type: 'runUntilIdle' },
    { type: 'deleteZone', user: 'user1' },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const resets = (d: string): number => eventsOf(run, 'engine.reset', d, (e) => e.phase === 'did' && e.reason === 'ZoneDeleted' && e.reasonCode === 5).length;
    const server = run.sandbox.inspectServer({ user: 'user1' });
    return [
      check('A reset with ZoneDeleted', resets('A') >= 1),
      check('B reset with ZoneDeleted', resets('B') >= 1),
      check('the zone exists again with both records', server.databases[0].zones.some((z) => z.name === 'com.apple.coredata.cloudkit.zone' && z.recordCount === 2)),
      check('both devices still show both items', titles(run, 'A').length === 2 && titles(run, 'B').length === 2),
    ];
  },
};

export const userPurgedZone: Scenario = {
  name: 'user-deleted-icloud-data',
  title: 'User deletes iCloud data in Settings: zone purged, local rows removed, nothing re-uploaded',
  referenceNumber: 20,
  explanation: 'A purged zone means the user wants the data gone: devices reset with UserPurgedZone (4), delete their mirrored rows and must not upload them again.',
  source: 'CKError.h userDeletedZone; CKSyncEngine zone deletion reason .purged; RE OCD reset reason 4',
  config: baseConfig(),
  steps: [
    { type: 'runUntilIdle' },
    items('A', 'Milk', 'Eggs'),
    { type: 'runUntilIdle' },
    { type: 'deleteZone', user: 'user1', purge: true },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const server = run.sandbox.inspectServer({ user: 'user1' });
    return [
      check('both devices reset with UserPurgedZone (4)', ['A', 'B'].every((d) => eventsOf(run, 'engine.reset', d, (e) => e.reason === 'UserPurgedZone' && e.reasonCode === 4).length >= 1)),
      check('A has no items left', titles(run, 'A').length === 0),
      check('B has no items left', titles(run, 'B').length === 0),
      check('nothing was uploaded again', server.databases[0].zones.every((z) => z.recordCount === 0)),
    ];
  },
};

export const accountSignOut: Scenario = {
  name: 'account-sign-out',
  title: 'Account sign-out and sign-in: reset with 134415, local data purged, then restored from iCloud',
  referenceNumber: 21,
  explanation: 'Signing out of iCloud resets mirroring (AccountLogout, 134415) and, with the default switch, removes the mirrored rows. '
    + 'Signing back in resets again (AccountLogin), runs setup and imports the data back.',
  source: 'RE OCD OCCloudKitMirroringDelegate (134415/134416, reset reasons 1-3); CKSyncEngine accountChange',
  config: baseConfig(),
  steps: [
    { type: 'runUntilIdle' },
    items('A', 'Milk', 'Eggs'),
    { type: 'runUntilIdle' },
    { type: 'account', device: 'B', action: 'signOut' },
    { type: 'runUntilIdle' },
    { type: 'note', text: 'checkpoint signed-out' },
    { type: 'account', device: 'B', action: 'signIn', user: 'user1' },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const logout = eventsOf(run, 'engine.reset', 'B', (e) => e.reason === 'AccountLogout' && e.phase === 'will');
    return [
      check('B resets with AccountLogout and 134415', logout.length === 1 && logout[0].error?.code === 134415),
      check('an accountChange signOut event is posted', eventsOf(run, 'engine.accountChange', 'B', (e) => e.changeType === 'signOut').length === 1),
      check('B has no rows while signed out', objectsAt(run, 'signed-out', 'B')?.length === 0),
      check('A is unaffected', titles(run, 'A').length === 2),
      check('after sign-in B imports both items again', titles(run, 'B').length === 2),
    ];
  },
};

export const historyPurged: Scenario = {
  name: 'history-purged',
  title: 'App purges persistent history too aggressively: HistoryExpired reset, full re-export',
  referenceNumber: 22,
  explanation: 'A was offline for 8 days with an unexported change and the app purges history older than 7 days. The exporter lost the history it '
    + 'needed, so mirroring resets (HistoryExpired, 6) and uploads every object again.',
  source: 'WWDC22 Core Data lab notes ("If you delete history the cloud sync is reset"); RE OCD reset reason 6',
  config: baseConfig(),
  steps: [
    { type: 'runUntilIdle' },
    items('A', 'Milk', 'Eggs', 'Bread'),
    { type: 'runUntilIdle' },
    { type: 'setNetwork', device: 'A', mode: 'offline' },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: 'ITEM-4', values: { title: 'Butter' } }] },
    { type: 'advance', ms: 8 * DAY },
    { type: 'purgeHistory', device: 'A', olderThanMs: 7 * DAY },
    { type: 'setNetwork', device: 'A', mode: 'online' },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const resetAt = eventsOf(run, 'engine.reset', 'A', (e) => e.reason === 'HistoryExpired' && e.reasonCode === 6 && e.phase === 'did')[0]?.t ?? Infinity;
    const saved = eventsOf(run, 'engine.sentRecordZoneChanges', 'A').filter((e) => e.t >= resetAt).reduce((n, e) => n + e.savedCount, 0);
    return [
      check('history was purged', eventsOf(run, 'store.historyPurged', 'A').length === 1),
      check('A resets with HistoryExpired (6)', resetAt !== Infinity),
      check('A re-exports all four objects', saved === 4, String(saved)),
      check('B has all four items', titles(run, 'B').length === 4),
    ];
  },
};
