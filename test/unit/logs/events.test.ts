import assert from 'node:assert/strict';
import { findEvents } from '../../../src/core/logs/events';
import { MESSAGE_PATTERNS, messageError, validatorItems } from '../../../src/core/logs/message-patterns';

/**
 * Lifecycle events and message-only errors found in one entry's text: each event kind with what it
 * reads (label, request id, success, detail) and where it sits; each message pattern's facts. Lines are
 * written after the shapes in reference/sync-logs.md §2 (ours, not copied from a log).
 */
const UUID = '0F2A7C64-1B3D-4E5F-8A9B-0C1D2E3F4A5B';

function one(text: string) {
  const found = findEvents(text);
  assert.equal(found.length, 1, `one event in ${JSON.stringify(text)}: ${JSON.stringify(found)}`);
  return found[0];
}

describe('sync logs: lifecycle events and message patterns', () => {
  it('no event words: no event', () => {
    assert.deepEqual(findEvents('CoreData: debug: fetching objects'), []);
    assert.deepEqual(findEvents(''), []);
  });

  it('the options dump: its container is the label, the database scope in the detail', () => {
    const text = 'x: Validating options: <NSCloudKitMirroringDelegateOptions: 0x6000> containerIdentifier:iCloud.com.example.App databaseScope:Private ckAssetThresholdBytes:<null>';
    const e = one(text);
    assert.deepEqual([e.kind, e.label, e.detail], ['options', 'iCloud.com.example.App', 'container iCloud.com.example.App, Private database']);
    assert.equal(e.at, text.indexOf('Validating'));
    assert.equal(e.end, text.indexOf(' ckAsset'));
  });

  it('setup enqueued, with and without its request id; setup failed', () => {
    const withId = one(`Successfully enqueued setup request: <NSCloudKitMirroringDelegateSetupRequest: 0x6000> ${UUID}`);
    assert.deepEqual([withId.kind, withId.requestId], ['setup', UUID]);
    const bare = one('Successfully enqueued setup request');
    assert.deepEqual([bare.kind, bare.requestId], ['setup', undefined]);
    assert.equal(one('Failed to set up CloudKit integration for store: <NSSQLCore: 0x1>').kind, 'setup-failed');
  });

  it('a request aborted because setup never completed: its request type and id', () => {
    const e = one(`Never successfully initialized and cannot execute request '<NSCloudKitMirroringExportRequest: 0x6000> ${UUID}' due to error`);
    assert.deepEqual([e.kind, e.label, e.requestId], ['request-aborted', 'NSCloudKitMirroringExportRequest', UUID]);
  });

  it('export and import begin and end, with labels and success', () => {
    assert.deepEqual(pick(one('Beginning automated export - ExportActivity:')), ['export-begin', 'ExportActivity', undefined]);
    assert.deepEqual(pick(one('Beginning automated import - ImportActivity - in response to activity')), ['import-begin', 'ImportActivity', undefined]);
    assert.deepEqual(pick(one('Beginning automated import - Push-Notification:')), ['import-begin', 'Push-Notification', undefined]);
    assert.deepEqual(pick(findEvents(`Finished automatic export - AppDeactivationExport - with result: <NSCloudKitMirroringResult: 0x6000> storeIdentifier: S success: 1 madeChanges: 0 error: (null)`)[0]),
      ['export-end', 'AppDeactivationExport', true]);
    assert.deepEqual(pick(findEvents('Finished automatic import - ImportActivity - with result: <NSCloudKitMirroringResult: 0x6000>\n success: 0 madeChanges: 0')[0]),
      ['import-end', 'ImportActivity', false]);
  });

  it('an export end is not also a finished request', () => {
    const text = `Finished automatic export - ExportActivity - with result: <NSCloudKitMirroringResult: 0x6000> success: 1 Finished request: ${UUID} success: 1`;
    assert.deepEqual(findEvents(text).map((e) => e.kind), ['export-end']);
  });

  it('a finished request: its type, id and success', () => {
    const e = one(`Finished request: <NSCloudKitMirroringDelegateSetupRequest: 0x6000> ${UUID} with result: <NSCloudKitMirroringResult: 0x1> success: 1 madeChanges: 0`);
    assert.deepEqual([e.kind, e.label, e.requestId, e.success], ['request-finished', 'NSCloudKitMirroringDelegateSetupRequest', UUID, true]);
    const failed = one(`Finished request: ${UUID} with result: <NSCloudKitMirroringResult> success: 0`);
    assert.deepEqual([failed.label, failed.requestId, failed.success], [undefined, UUID, false]);
  });

  it('reset, account changes (with a status when printed), tear down with its reason', () => {
    assert.equal(one('_performResetRequest: resetting internal state after error').kind, 'reset');
    const status = one('new accountStatus= 3 ; identity');
    assert.deepEqual([status.kind, status.detail], ['account', 'account status: 3']);
    assert.deepEqual(pick(one('CKAccountChanged notification'), 'detail'), ['account', undefined, 'account changed']);
    const t = one('Told to tear down with reason: Store Removed  \nnext line');
    assert.deepEqual([t.kind, t.detail], ['teardown', 'Store Removed']);
  });

  it('a dasd decision: the activity, the decision, and whether it may proceed', () => {
    const go = one('com.apple.coredata.cloudkit.activity.export.ABC: [ FinalDecision: Can Proceed ]');
    assert.deepEqual([go.kind, go.label, go.detail, go.success], ['dasd-decision', 'export', 'Can Proceed', true]);
    const no = one('com.apple.coredata.cloudkit.activity.import.X\n policies ... FinalDecision: Must Not Proceed');
    assert.deepEqual([no.label, no.detail, no.success], ['import', 'Must Not Proceed', false]);
  });

  it('a push received, an event-changed notification', () => {
    assert.equal(one('application didReceiveRemoteNotification push').kind, 'push');
    assert.equal(one('APSIncomingMessage for topic').kind, 'push');
    assert.equal(one('posting NSPersistentCloudKitContainerEventChangedNotification').kind, 'event-changed');
  });

  it('message patterns: the facts of each named group, the code, server code and message', () => {
    const text = "x Cannot create or modify field 'CD_isChecked' in record 'CD_Item' in production schema y";
    const p = MESSAGE_PATTERNS.find((x) => x.id === 'production-field')!;
    p.re.lastIndex = 0;
    const m = p.re.exec(text)!;
    const e = messageError(p, m, text);
    assert.deepEqual(e.facts, { pattern: 'production-field', field: 'CD_isChecked', recordType: 'CD_Item' });
    assert.deepEqual([e.domain, e.code, e.serverCode, e.codeInferred, e.form, e.start, e.end], ['CKErrorDomain', 12, 2006, true, 'message', 2, text.length - 2]);
    assert.equal(e.serverMessage, m[0]);
    assert.equal(e.description, undefined);
  });

  it('message patterns: a localized CKError code is read as the code; a pattern without a code has none', () => {
    const p = MESSAGE_PATTERNS.find((x) => x.id === 'ckerror-localized')!;
    const text = 'The operation couldn’t be completed. (CKErrorDomain error 23.)';
    const m = new RegExp(p.re.source).exec(text)!;
    const e = messageError(p, m, text);
    assert.deepEqual([e.code, e.codeInferred, e.description, e.serverMessage], [23, true, '(CKErrorDomain error 23.)', undefined]);
    const tear = MESSAGE_PATTERNS.find((x) => x.id === 'teardown')!;
    const t = 'Told to tear down with reason: Store Removed';
    const te = messageError(tear, new RegExp(tear.re.source).exec(t)!, t);
    assert.deepEqual(['code' in te, 'serverCode' in te, te.facts?.reason], [false, false, 'Store Removed']);
  });

  it('134060 validator: the header, then one item per `Entity: property` line; the error ends after the last', () => {
    const p = MESSAGE_PATTERNS.find((x) => x.id === 'model-validator')!;
    const text = 'CloudKit integration requires that all attributes be optional, or have a default value set. The following attributes are marked non-optional but do not have a default value:\nItem: title\n  Item : done \nnot an item line';
    const m = new RegExp(p.re.source).exec(text)!;
    const e = messageError(p, m, text);
    assert.equal(e.facts?.items, 'Item: title\nItem: done');
    assert.equal(e.facts?.rule, m[0]);
    assert.equal(e.end, text.indexOf('\nnot an item'));
    assert.deepEqual(validatorItems('\nA: b\n\nC: d', 0), { items: ['A: b'], end: 5 });
    assert.deepEqual(validatorItems('head', 4), { items: [], end: 4 });
  });

  it('dasd Must Not Proceed: the last policy that said so before it, the activity and the store', () => {
    const p = MESSAGE_PATTERNS.find((x) => x.id === 'dasd-must-not-proceed')!;
    const store = '12345678-ABCD-4EF0-9ABC-1234567890AB';
    const text = [
      `com.apple.coredata.cloudkit.activity.export.${store}`,
      '  { name: Thermal Policy, policyWeight: 1, response: {Decision: Must Not Proceed}}',
      '  { name: Activity Group Policy, policyWeight: 1, response: {Decision: Must Not Proceed}}',
      '  { name: Battery Policy, policyWeight: 1, response: {Decision: Can Proceed}}',
      ' ], FinalDecision: Must Not Proceed}',
    ].join('\n');
    const m = new RegExp(p.re.source).exec(text)!;
    const e = messageError(p, m, text);
    assert.deepEqual([e.facts?.policy, e.facts?.activity, e.facts?.store], ['Activity Group Policy', 'export', store]);
    const bare = 'FinalDecision: Must Not Proceed';
    const b = messageError(p, new RegExp(p.re.source).exec(bare)!, bare);
    assert.deepEqual([b.facts?.policy, 'activity' in (b.facts ?? {})], ['unknown', false]);
  });
});

function pick(e: { kind: string; label?: string; success?: boolean; detail?: string }, third: 'success' | 'detail' = 'success') {
  return [e.kind, e.label, e[third]];
}
