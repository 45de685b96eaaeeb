import assert from 'node:assert/strict';
import type { CKErrorInfo, SandboxEvent, SandboxEventBody, SandboxInput } from '../../../src/core/sandbox/api';
import { describeEvent, formatEvent, formatT, formatTimeline } from '../../../src/core/sandbox/format';

/**
 * The text timeline (format.ts): the virtual-time stamp, one line per event kind and per input type, and the
 * column layout of `ckdev scenario`. The events and the expected lines are written by us.
 */
const BUSY: CKErrorInfo = { domain: 'CKErrorDomain', name: 'zoneBusy', code: 23, description: 'Zone Busy' };
const BUSY_TEXT = '<CKError 0x0: "Zone Busy" (23)>';
/** A partial failure prints on several lines; the timeline folds it into one. */
const PARTIAL: CKErrorInfo = {
  domain: 'CKErrorDomain', name: 'partialFailure', code: 2, internalCode: 1011, description: 'Partial Failure',
  partialErrors: [{ itemId: 'r1', error: BUSY }],
};
const PARTIAL_TEXT = '<CKError 0x0: "Partial Failure" (2/1011); partial errors: { r1 = <CKError 0x0: "Zone Busy" (23)> }>';

const ev = (body: SandboxEventBody, t = 0, device?: string): SandboxEvent => ({ seq: 0, t, ...(device !== undefined ? { device } : {}), ...body }) as SandboxEvent;
const say = (body: SandboxEventBody): string => describeEvent(ev(body));
const input = (i: unknown): string => say({ kind: 'input', input: i as SandboxInput });

describe('sandbox: virtual time stamp', () => {
  it('prints +HH:MM:SS.mmm, with days only from one day on', () => {
    assert.equal(formatT(0), '+00:00:00.000');
    assert.equal(formatT(7), '+00:00:00.007');
    assert.equal(formatT(59_999), '+00:00:59.999');
    assert.equal(formatT(60_000), '+00:01:00.000');
    assert.equal(formatT(3_599_999), '+00:59:59.999');
    assert.equal(formatT(3_600_000), '+01:00:00.000');
    assert.equal(formatT(86_399_999), '+23:59:59.999');
    assert.equal(formatT(86_400_000), '+1d 00:00:00.000');
    assert.equal(formatT(10 * 86_400_000 + 5 * 3_600_000 + 4 * 60_000 + 3_000 + 21), '+10d 05:04:03.021');
  });

  it('drops fractions of a millisecond', () => {
    assert.equal(formatT(1_234.9), '+00:00:01.234');
  });
});

describe('sandbox: event lines', () => {
  it('session, notes, warnings and options', () => {
    assert.equal(say({ kind: 'session.started', seed: 42, devices: ['A', 'B'], environment: 'production' }), 'session started: seed 42, devices A, B, production');
    assert.equal(say({ kind: 'note', text: 'hello' }), '# hello');
    assert.equal(say({ kind: 'warning', message: 'careful' }), 'warning: careful');
    assert.equal(say({ kind: 'option.changed', option: 'importPageSize', value: 5 }), 'option importPageSize = 5');
    assert.equal(say({ kind: 'option.changed', option: 'exportSavePolicy', value: 'allKeys' }), 'option exportSavePolicy = "allKeys"');
  });

  it('eventChangedNotification starts and ends, with the identifier cut to 8 characters', () => {
    const base = { kind: 'cloudkit.event', eventType: 'export', identifier: '0123456789ABCDEF', storeIdentifier: 's', startDate: 0 } as const;
    assert.equal(say({ ...base, endDate: null, succeeded: false, error: null }), 'eventChangedNotification export started (01234567)');
    assert.equal(say({ ...base, endDate: 5, succeeded: true, error: null }), 'eventChangedNotification export ended (01234567) succeeded=true');
    assert.equal(say({ ...base, endDate: 5, succeeded: false, error: PARTIAL }), `eventChangedNotification export ended (01234567) succeeded=false error=${PARTIAL_TEXT}`);
  });

  it('the fetch side of the engine', () => {
    assert.equal(say({ kind: 'engine.willFetchChanges', label: 'push' }), 'willFetchChanges (push)');
    assert.equal(say({ kind: 'engine.fetchedDatabaseChanges', modifications: ['z1', 'z2'], deletions: [{ zone: 'z3', reason: 'purged' }, { zone: 'z4', reason: 'deleted' }], moreComing: false }),
      'fetchedDatabaseChanges zones changed [z1, z2] deleted [z3 (purged), z4 (deleted)]');
    assert.equal(say({ kind: 'engine.fetchedDatabaseChanges', modifications: [], deletions: [], moreComing: false }), 'fetchedDatabaseChanges zones changed [] deleted []');
    assert.equal(say({ kind: 'engine.willFetchRecordZoneChanges', zone: 'Z' }), 'willFetchRecordZoneChanges Z');
    assert.equal(say({ kind: 'engine.fetchedRecordZoneChanges', zone: 'Z', modifications: [], modificationCount: 3, deletions: [], deletionCount: 1, moreComing: true }),
      'fetchedRecordZoneChanges 3 modified, 1 deleted, moreComing=true');
    assert.equal(say({ kind: 'engine.didFetchRecordZoneChanges', zone: 'Z', error: null }), 'didFetchRecordZoneChanges Z');
    assert.equal(say({ kind: 'engine.didFetchRecordZoneChanges', zone: 'Z', error: BUSY }), `didFetchRecordZoneChanges Z error=${BUSY_TEXT}`);
    assert.equal(say({ kind: 'engine.didFetchChanges', error: null }), 'didFetchChanges');
    assert.equal(say({ kind: 'engine.didFetchChanges', error: PARTIAL }), `didFetchChanges error=${PARTIAL_TEXT}`);
  });

  it('the send side of the engine', () => {
    assert.equal(say({ kind: 'engine.willSendChanges', label: 'save' }), 'willSendChanges (save)');
    assert.equal(say({ kind: 'engine.sentDatabaseChanges', savedZones: ['z'], deletedZones: [], savedSubscriptions: ['s1', 's2'], error: null }), 'sentDatabaseChanges zones [z] subscriptions [s1, s2]');
    assert.equal(say({ kind: 'engine.sentDatabaseChanges', savedZones: [], deletedZones: [], savedSubscriptions: [], error: BUSY }), `sentDatabaseChanges zones [] subscriptions [] error=${BUSY_TEXT}`);
    const sent = { kind: 'engine.sentRecordZoneChanges', zone: 'Z', saved: [], savedCount: 4, deleted: [], deletedCount: 2 } as const;
    assert.equal(say({ ...sent, failedSaves: [], failedDeletes: [] }), 'sentRecordZoneChanges 4 saved, 2 deleted, 0 failed');
    assert.equal(say({
      ...sent,
      failedSaves: [{ record: { recordName: 'R1', recordType: 'CD_Item' }, error: PARTIAL }, { record: { recordName: 'R2', recordType: 'CD_Item' }, error: BUSY }],
      failedDeletes: [{ recordName: 'R3', error: BUSY }],
    }), `sentRecordZoneChanges 4 saved, 2 deleted, 3 failed (R1: ${PARTIAL_TEXT})`);
    assert.equal(say({ ...sent, failedSaves: [], failedDeletes: [{ recordName: 'R3', error: BUSY }] }), 'sentRecordZoneChanges 4 saved, 2 deleted, 1 failed');
    assert.equal(say({ kind: 'engine.didSendChanges', error: null }), 'didSendChanges');
    assert.equal(say({ kind: 'engine.didSendChanges', error: BUSY }), `didSendChanges error=${BUSY_TEXT}`);
  });

  it('state, account and reset', () => {
    assert.equal(say({ kind: 'engine.stateUpdate', databaseToken: 'd1', zoneToken: null }), 'stateUpdate database=d1 zone=nil');
    assert.equal(say({ kind: 'engine.stateUpdate', databaseToken: null, zoneToken: 'z2' }), 'stateUpdate database=nil zone=z2');
    assert.equal(say({ kind: 'engine.accountChange', changeType: 'switchAccounts', previousUser: 'u1', currentUser: 'u2' }), 'accountChange switchAccounts u1 → u2');
    assert.equal(say({ kind: 'engine.accountChange', changeType: 'signIn', previousUser: null, currentUser: null }), 'accountChange signIn none → none');
    assert.equal(say({ kind: 'engine.reset', phase: 'will', reason: 'ZoneDeleted', reasonCode: 5, error: null }), 'willResetSync reason=ZoneDeleted (5)');
    assert.equal(say({ kind: 'engine.reset', phase: 'will', reason: 'ZoneDeleted', reasonCode: 5, error: BUSY }), `willResetSync reason=ZoneDeleted (5) error=${BUSY_TEXT}`);
    // The did phase never repeats the error.
    assert.equal(say({ kind: 'engine.reset', phase: 'did', reason: 'AccountChange', reasonCode: 3, error: BUSY }), 'didResetSync reason=AccountChange (3)');
  });

  it('the scheduler (dasd)', () => {
    assert.equal(say({ kind: 'scheduler.requested', activity: 'import', requestId: 'q', label: 'push' }), 'dasd: import requested (push)');
    assert.equal(say({ kind: 'scheduler.decision', activity: 'export', requestId: 'q', decision: 'proceed', policy: null, untilT: null }), 'dasd: export Can Proceed');
    assert.equal(say({ kind: 'scheduler.decision', activity: 'export', requestId: 'q', decision: 'defer', policy: 'LowPowerModePolicy', untilT: 61_000 }),
      'dasd: export Must Not Proceed (LowPowerModePolicy until +00:01:01.000)');
    assert.equal(say({ kind: 'scheduler.decision', activity: 'setup', requestId: 'q', decision: 'defer', policy: null, untilT: null }), 'dasd: setup Must Not Proceed (policy)');
    assert.equal(say({ kind: 'scheduler.decision', activity: 'setup', requestId: 'q', decision: 'defer', policy: null, untilT: 0 }), 'dasd: setup Must Not Proceed (policy until +00:00:00.000)');
    assert.equal(say({ kind: 'scheduler.cancelled', activity: 'import', requestId: 'q', error: PARTIAL }), `import request cancelled: ${PARTIAL_TEXT}`);
    assert.equal(say({ kind: 'scheduler.retry', activity: 'export', atT: 3_600_000, afterMs: 2_250, error: BUSY }), 'export retry in 2.3 s (at +01:00:00.000)');
  });

  it('server and transport', () => {
    const op = { kind: 'server.op', op: 'modifyRecords', requestId: 'R1', user: 'u1', database: 'private', bytes: 0 } as const;
    assert.equal(say({ ...op, zone: 'Z', itemCount: 3, result: 'ok', error: null }), 'server modifyRecords Z 3 items → ok');
    assert.equal(say({ ...op, zone: null, itemCount: 0, result: 'error', error: BUSY }), `server modifyRecords → error ${BUSY_TEXT}`);
    assert.equal(say({ ...op, zone: '', itemCount: 1, result: 'partialFailure', error: PARTIAL }), `server modifyRecords 1 items → partialFailure ${PARTIAL_TEXT}`);
    assert.equal(say({ kind: 'transport.failed', op: 'fetchDatabaseChanges', requestId: 'R2', error: BUSY }), `network: fetchDatabaseChanges failed ${BUSY_TEXT}`);
    assert.equal(say({ kind: 'server.schemaChanged', environment: 'development', addedTypes: ['CD_A', 'CD_B'], addedFields: ['CD_A.CD_x'] }), 'server development schema grew: type CD_A, type CD_B, CD_A.CD_x');
    assert.equal(say({ kind: 'server.deploy', ok: true, addedTypes: ['CD_A'], addedFields: ['CD_B.CD_y'], blocked: [] }), 'schema deployed to production: CD_A, CD_B.CD_y');
    assert.equal(say({ kind: 'server.deploy', ok: true, addedTypes: [], addedFields: [], blocked: [] }), 'schema deployed to production: no changes');
    assert.equal(say({ kind: 'server.deploy', ok: false, addedTypes: ['CD_A'], addedFields: [], blocked: ['no removal', 'no type change'] }), 'schema deploy rejected: no removal; no type change');
    assert.equal(say({ kind: 'server.zoneDeleted', user: 'u1', zone: 'Z', purged: true }), 'server: zone Z of u1 purged');
    assert.equal(say({ kind: 'server.zoneDeleted', user: 'u1', zone: 'Z', purged: false }), 'server: zone Z of u1 deleted');
    assert.equal(say({ kind: 'server.tokensExpired', user: 'u2' }), 'server: change tokens expired for u2');
    assert.equal(say({ kind: 'server.tokensExpired', user: null }), 'server: change tokens expired');
    assert.equal(say({ kind: 'server.errorRuleFired', ruleId: 'r1', op: 'modifyRecords' }), 'server: fault rule r1 fired on modifyRecords');
  });

  it('pushes', () => {
    assert.equal(say({ kind: 'push.sent', pushId: 'P1', subscriptionId: 'sub', originator: 'A' }), 'push P1 sent (sub)');
    assert.equal(say({ kind: 'push.held', pushId: 'P1', reason: 'offline' }), 'push P1 held (offline)');
    assert.equal(say({ kind: 'push.coalesced', pushId: 'P2', replacedPushId: 'P1' }), 'push P2 replaces held P1');
    assert.equal(say({ kind: 'push.delivered', pushId: 'P2' }), 'push P2 delivered');
    assert.equal(say({ kind: 'push.dropped', pushId: 'P3', reason: 'budget' }), 'push P3 dropped (budget)');
    assert.equal(say({ kind: 'push.budget', pushId: 'P4', decision: 'coalesced', answer: 'noData', credit: 0.5 }), 'push P4 budget: coalesced (answer noData, credit 0.5)');
  });

  it('store and device', () => {
    assert.equal(say({ kind: 'store.saved', author: 'app', transaction: 7, inserted: 1, updated: 2, deleted: 3, ids: [] }), 'store saved by app: +1 ~2 -3 (transaction 7)');
    assert.equal(say({ kind: 'store.remoteChange', transaction: 8 }), 'NSPersistentStoreRemoteChange (transaction 8)');
    assert.equal(say({ kind: 'store.historyPurged', throughTransaction: 9 }), 'persistent history purged through transaction 9');
    assert.equal(say({ kind: 'device.network', mode: 'flaky', latencyMs: 250 }), 'network flaky (250 ms)');
    assert.equal(say({ kind: 'device.appState', state: 'background', previous: 'foreground' }), 'app foreground → background');
    assert.equal(say({ kind: 'device.account', user: null, previousUser: 'u1' }), 'iCloud account u1 → none');
    assert.equal(say({ kind: 'device.account', user: 'u2', previousUser: null }), 'iCloud account none → u2');
  });

  it('sharing', () => {
    assert.equal(say({ kind: 'share.created', zone: 'S', owner: 'u1', objectCount: 1, ids: [], reused: false }), 'share created: S (1 object moved) by u1');
    assert.equal(say({ kind: 'share.created', zone: 'S', owner: 'u1', objectCount: 2, ids: [], reused: true }), 'share extended: S (2 objects moved) by u1');
    assert.equal(say({ kind: 'share.created', zone: 'S', owner: 'u1', objectCount: 0, ids: [], reused: false }), 'share created: S (0 objects moved) by u1');
    assert.equal(say({ kind: 'share.participantsChanged', zone: 'S', joined: ['u2', 'u3'], left: ['u4'], participants: [] }), 'share S participants: u2 joined, u3 joined, u4 left');
    assert.equal(say({ kind: 'share.accepted', zone: 'S', user: 'u2', owner: 'u1' }), 'share S of u1 accepted by u2');
    assert.equal(say({ kind: 'share.left', zone: 'S', user: 'u2' }), 'u2 left share S');
    assert.equal(say({ kind: 'share.stopped', zone: 'S', owner: 'u1' }), 'u1 stopped sharing S');
    assert.equal(say({ kind: 'share.zoneRemoved', zone: 'S', store: 'shared', objectsRemoved: 1, reason: 'left' }), 'shared store: 1 object of S removed (left)');
    assert.equal(say({ kind: 'share.zoneRemoved', zone: 'S', store: 'private', objectsRemoved: 3, reason: 'purged' }), 'private store: 3 objects of S removed (purged)');
    assert.equal(say({ kind: 'share.failed', action: 'accept', zone: null, message: 'no such\n   share', error: null }), 'share accept failed: no such share');
  });
});

describe('sandbox: input lines', () => {
  it('save lists up to three changes, inserts by entity and others by the first 8 characters of the id', () => {
    assert.equal(input({ type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item' }] }), 'input save 1 change (insert Item)');
    assert.equal(input({ type: 'save', device: 'A', changes: [] }), 'input save 0 changes ()');
    assert.equal(input({ type: 'save', device: 'A', changes: [{ op: 'update', id: 'ABCDEFGHIJ' }, { op: 'delete', id: '12345678Z' }, { op: 'insert', entity: 'List' }] }),
      'input save 3 changes (update ABCDEFGH, delete 12345678, insert List)');
    assert.equal(input({ type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'A' }, { op: 'insert', entity: 'B' }, { op: 'insert', entity: 'C' }, { op: 'insert', entity: 'D' }] }),
      'input save 4 changes (insert A, insert B, insert C, ...)');
  });

  it('device settings', () => {
    assert.equal(input({ type: 'setNetwork', device: 'A', mode: 'offline' }), 'input setNetwork offline');
    assert.equal(input({ type: 'setAppState', device: 'A', state: 'quit' }), 'input setAppState quit');
    assert.equal(input({ type: 'setPushPolicy', device: 'A', policy: 'coalesce' }), 'input setPushPolicy coalesce');
    assert.equal(input({ type: 'setScheduler', device: 'A', policy: 'defer', reason: 'NetworkPolicy' }), 'input setScheduler defer NetworkPolicy');
    assert.equal(input({ type: 'setScheduler', device: 'A', policy: 'approve' }), 'input setScheduler approve');
    assert.equal(input({ type: 'account', device: 'A', action: 'switch', user: 'u2' }), 'input account switch u2');
    assert.equal(input({ type: 'account', device: 'A', action: 'signOut' }), 'input account signOut');
  });

  it('server and session inputs', () => {
    assert.equal(input({ type: 'addErrorRule', rule: { id: 'r1', match: {}, error: { code: 23 } } }), 'input addErrorRule r1 (code 23)');
    assert.equal(input({ type: 'deleteZone', user: 'u1' }), 'input deleteZone com.apple.coredata.cloudkit.zone');
    assert.equal(input({ type: 'deleteZone', user: 'u1', zone: 'Z', purge: true }), 'input deleteZone Z (purge)');
    assert.equal(input({ type: 'setOption', option: 'importPageSize', value: 5 }), 'input setOption importPageSize=5');
    assert.equal(input({ type: 'setOption', option: 'conflictResolution', value: 'clientWins' }), 'input setOption conflictResolution="clientWins"');
    assert.equal(input({ type: 'setEnvironment', environment: 'production' }), 'input setEnvironment production');
    for (const type of ['deploySchema', 'resetDevelopmentEnvironment', 'fetchChanges', 'removeErrorRule', 'note']) assert.equal(input({ type, device: 'A', id: 'x', text: 't' }), `input ${type}`);
  });

  it('sharing inputs', () => {
    assert.equal(input({ type: 'share', device: 'A', objects: ['o1'] }), 'input share 1 object');
    assert.equal(input({ type: 'share', device: 'A', objects: ['o1', 'o2'], toShare: 'S', participants: [{ user: 'u2' }, { user: 'u3', permission: 'readWrite' }] }),
      'input share 2 objects to S with u2 (readOnly), u3 (readWrite)');
    assert.equal(input({ type: 'share', device: 'A', objects: [], participants: [] }), 'input share 0 objects');
    for (const type of ['acceptShare', 'leaveShare', 'purgeZone']) assert.equal(input({ type, device: 'A', share: 'S' }), `input ${type} S`);
    assert.equal(input({ type: 'stopSharing', device: 'A', share: 'S' }), 'input stopSharing S');
    assert.equal(input({ type: 'stopSharing', device: 'A', share: 'S', purge: true }), 'input stopSharing S (purge)');
    assert.equal(input({ type: 'persistUpdatedShare', device: 'A', share: 'S' }), 'input persistUpdatedShare S');
    assert.equal(input({ type: 'persistUpdatedShare', device: 'A', share: 'S', add: [], remove: [] }), 'input persistUpdatedShare S');
    assert.equal(input({ type: 'persistUpdatedShare', device: 'A', share: 'S', add: [{ user: 'u2' }, { user: 'u3' }], remove: ['u4', 'u5'] }), 'input persistUpdatedShare S +u2,u3 -u4,u5');
    assert.equal(input({ type: 'setPushResponse', device: 'A', answer: 'noData' }), 'input setPushResponse noData');
    assert.equal(input({ type: 'setPushResponse', device: 'A', answer: 'none', handlerMs: 0 }), 'input setPushResponse none (0 ms)');
  });
});

describe('sandbox: timeline layout', () => {
  it('a line is the time stamp, the device padded to three columns (- when none) and the description', () => {
    assert.equal(formatEvent(ev({ kind: 'note', text: 'x' }, 1_500, 'A')), '+00:00:01.500 A   # x');
    assert.equal(formatEvent(ev({ kind: 'note', text: 'x' }, 0)), '+00:00:00.000 -   # x');
    assert.equal(formatEvent(ev({ kind: 'note', text: 'x' }, 0, 'Mac1')), '+00:00:00.000 Mac1 # x');
  });

  it('a timeline is one line per event', () => {
    assert.equal(formatTimeline([ev({ kind: 'note', text: 'a' }, 0, 'A'), ev({ kind: 'push.delivered', pushId: 'P1' }, 90_061_001, 'B')]),
      '+00:00:00.000 A   # a\n+1d 01:01:01.001 B   push P1 delivered');
    assert.equal(formatTimeline([]), '');
  });
});
