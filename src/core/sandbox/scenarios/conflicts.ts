import type { SandboxInput } from '../api';
import { baseConfig, check, ends, eventsOf, hasObject, valueOf } from './helpers';
import type { Scenario } from './types';

const SEED_ITEM: SandboxInput[] = [
  { type: 'runUntilIdle' },
  { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: 'ITEM-1', values: { title: 'Milk' } }] },
  { type: 'runUntilIdle' },
];

const OFFLINE_BOTH: SandboxInput[] = [
  { type: 'setNetwork', device: 'A', mode: 'offline' },
  { type: 'setNetwork', device: 'B', mode: 'offline' },
];

const RECONNECT_A_THEN_B: SandboxInput[] = [
  { type: 'advance', ms: 10_000 },
  { type: 'setNetwork', device: 'A', mode: 'online' },
  { type: 'runUntilIdle' },
  { type: 'setNetwork', device: 'B', mode: 'online' },
  { type: 'runUntilIdle' },
];

export const sameFieldLastWriterWins: Scenario = {
  name: 'same-field-last-exporter-wins',
  title: 'Same field edited offline on two devices: the last exporter wins, silently',
  referenceNumber: 1,
  explanation: 'NSPersistentCloudKitContainer exports with the changedKeys save policy, which does not compare change tags: '
    + 'the server keeps whichever device\'s changed keys arrive last. No error is reported; the other device\'s value is replaced at its next import.',
  source: 'RE pookjw/OpenCloudData OCCloudKitExporter.m (savePolicy, test_useLegacySavePolicy = YES); CKModifyRecordsOperation.RecordSavePolicy docs',
  config: baseConfig(),
  steps: [
    ...SEED_ITEM, ...OFFLINE_BOTH,
    { type: 'save', device: 'A', changes: [{ op: 'update', id: 'ITEM-1', values: { title: 'Oat milk (A)' } }] },
    { type: 'save', device: 'B', changes: [{ op: 'update', id: 'ITEM-1', values: { title: 'Soy milk (B)' } }] },
    ...RECONNECT_A_THEN_B,
  ],
  check: (run) => [
    check('A ends with B\'s value', valueOf(run, 'A', 'ITEM-1', 'title') === 'Soy milk (B)', String(valueOf(run, 'A', 'ITEM-1', 'title'))),
    check('B keeps its value', valueOf(run, 'B', 'ITEM-1', 'title') === 'Soy milk (B)'),
    check('no export failed on either device', [...ends(run, 'A', 'export'), ...ends(run, 'B', 'export')].every((e) => e.succeeded)),
    check('no serverRecordChanged was reported', eventsOf(run, 'engine.sentRecordZoneChanges').every((e) => e.failedSaves.length === 0)),
  ],
};

export const sameFieldConflictCkse: Scenario = {
  name: 'same-field-conflict-ckse',
  title: 'Same field edited offline with ifServerRecordUnchanged: the loser gets serverRecordChanged (14)',
  referenceNumber: 1,
  explanation: 'An app that saves with ifServerRecordUnchanged (CKSyncEngine style) gets serverRecordChanged for the second save, with the server record; '
    + 'Apple\'s sample merges the server record into the local object (server wins) and re-saves.',
  source: 'CKError.h serverRecordChanged; apple/sample-cloudkit-sync-engine SyncedDatabase.swift',
  config: baseConfig({ options: { exportSavePolicy: 'ifServerRecordUnchanged' } }),
  steps: [
    ...SEED_ITEM, ...OFFLINE_BOTH,
    { type: 'save', device: 'A', changes: [{ op: 'update', id: 'ITEM-1', values: { title: 'Oat milk (A)' } }] },
    { type: 'save', device: 'B', changes: [{ op: 'update', id: 'ITEM-1', values: { title: 'Soy milk (B)' } }] },
    ...RECONNECT_A_THEN_B,
  ],
  check: (run) => {
    const conflicts = eventsOf(run, 'engine.sentRecordZoneChanges', 'B').flatMap((e) => e.failedSaves).filter((f) => f.error.code === 14);
    return [
      check('B\'s save fails with serverRecordChanged (14/2004)', conflicts.length === 1 && conflicts[0].error.internalCode === 2004),
      check('B takes the server\'s value after the merge', valueOf(run, 'B', 'ITEM-1', 'title') === 'Oat milk (A)', String(valueOf(run, 'B', 'ITEM-1', 'title'))),
      check('A keeps its value', valueOf(run, 'A', 'ITEM-1', 'title') === 'Oat milk (A)'),
    ];
  },
};

export const differentFieldsMerge: Scenario = {
  name: 'different-fields-merge',
  title: 'Different fields edited offline on two devices merge field by field',
  referenceNumber: 2,
  explanation: 'With changedKeys each device sends only the keys it changed, so edits of different fields on the same record both survive.',
  source: 'CKModifyRecordsOperation.RecordSavePolicy.changedKeys (header comment); RE OCCloudKitExporter.m',
  config: baseConfig(),
  steps: [
    ...SEED_ITEM, ...OFFLINE_BOTH,
    { type: 'save', device: 'A', changes: [{ op: 'update', id: 'ITEM-1', values: { title: 'Whole milk' } }] },
    { type: 'save', device: 'B', changes: [{ op: 'update', id: 'ITEM-1', values: { quantity: 3 } }] },
    ...RECONNECT_A_THEN_B,
  ],
  check: (run) => [
    check('A has both edits', valueOf(run, 'A', 'ITEM-1', 'title') === 'Whole milk' && valueOf(run, 'A', 'ITEM-1', 'quantity') === 3),
    check('B has both edits', valueOf(run, 'B', 'ITEM-1', 'title') === 'Whole milk' && valueOf(run, 'B', 'ITEM-1', 'quantity') === 3),
  ],
};

export const deleteVersusEdit: Scenario = {
  name: 'delete-vs-edit',
  title: 'A deletes while B edits offline: the deletion wins (switchable)',
  referenceNumber: 3,
  explanation: 'B\'s edit reaches a record A already deleted. With the default `deleteVsEdit: deleteWins` the save fails with unknownItem (11), '
    + 'B drops its edit and the tombstone removes the object at its next import. The real NSPCKC behaviour is unconfirmed: the switch shows the alternative.',
  source: 'reference §5 #3 (UNCONFIRMED, modelled as a switch); CKError.h unknownItem',
  config: baseConfig(),
  steps: [
    ...SEED_ITEM, ...OFFLINE_BOTH,
    { type: 'save', device: 'A', changes: [{ op: 'delete', id: 'ITEM-1' }] },
    { type: 'save', device: 'B', changes: [{ op: 'update', id: 'ITEM-1', values: { title: 'Milk 2%' } }] },
    ...RECONNECT_A_THEN_B,
  ],
  check: (run) => [
    check('B\'s save fails with unknownItem (11)', eventsOf(run, 'engine.sentRecordZoneChanges', 'B').some((e) => e.failedSaves.some((f) => f.error.code === 11))),
    check('the object is gone on A', !hasObject(run, 'A', 'ITEM-1')),
    check('the object is gone on B', !hasObject(run, 'B', 'ITEM-1')),
    check('the server has no record', run.sandbox.inspectServer().databases.every((d) => d.zones.every((z) => z.records.every((r) => r.recordName !== 'ITEM-1')))),
  ],
};

export const duplicateSeedData: Scenario = {
  name: 'duplicate-seed-data',
  title: 'Two fresh devices insert the same default data offline: duplicates after sync',
  referenceNumber: 24,
  explanation: 'CloudKit has no unique constraints, so default objects created on each device are two different records. '
    + 'After sync both devices show two "Groceries" lists; the app needs a dedupe pass.',
  source: 'Apple "Creating a Core Data Model for CloudKit" (no unique constraints); reference §5 #24',
  config: baseConfig({ devices: [{ id: 'A', network: 'offline' }, { id: 'B', network: 'offline' }] }),
  steps: [
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'ShoppingList', values: { name: 'Groceries' } }] },
    { type: 'save', device: 'B', changes: [{ op: 'insert', entity: 'ShoppingList', values: { name: 'Groceries' } }] },
    { type: 'setNetwork', device: 'A', mode: 'online' },
    { type: 'setNetwork', device: 'B', mode: 'online' },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const count = (d: string): number => run.sandbox.inspectDevice(d).objects.filter((o) => o.entity === 'ShoppingList' && o.values.name === 'Groceries').length;
    return [
      check('A shows two Groceries lists', count('A') === 2, String(count('A'))),
      check('B shows two Groceries lists', count('B') === 2, String(count('B'))),
    ];
  },
};
