import assert from 'node:assert/strict';
import { Sandbox, SandboxConfigError, SandboxInputError } from '../../../src/core/sandbox';
import type { AttributeSpec, CKErrorInfo, SandboxEvent } from '../../../src/core/sandbox';
import { CD_CODES, CK_CODES, PARAPHRASE_MARK, RETRYABLE_CODES } from '../../../src/core/sandbox/errors';
import { config } from './fixtures';

/** Issue 13 sandbox items (2, 3, 7, 8 and the doubtful notAuthenticated / paraphrase items). */

function setupEnds(events: readonly SandboxEvent[], device: string): { succeeded: boolean; error: CKErrorInfo | null }[] {
  return events.flatMap((e) => (e.kind === 'cloudkit.event' && e.eventType === 'setup' && e.endDate !== null && e.device === device ? [{ succeeded: e.succeeded, error: e.error }] : []));
}

function attrs(n: number): AttributeSpec[] {
  return Array.from({ length: n }, (_, i) => ({ name: `a${i}`, type: 'String' as const }));
}

/** No "Used with CloudKit" flag anywhere; an ordered relationship the validator rejects. */
const UNFLAGGED_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<model type="com.apple.IDECoreDataModeler.DataModel">
  <entity name="List" syncable="YES">
    <attribute name="name" optional="YES" attributeType="String"/>
    <relationship name="items" optional="YES" toMany="YES" ordered="YES" deletionRule="Nullify" destinationEntity="Item" inverseName="list" inverseEntity="Item"/>
  </entity>
  <entity name="Item" syncable="YES">
    <attribute name="title" optional="YES" attributeType="String"/>
    <relationship name="list" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List" inverseName="items" inverseEntity="List"/>
  </entity>
</model>`;

describe('sandbox fidelity (issue 13)', () => {
  it('#2: 300 fields do not fail setup (the validator has no field count); the export fails with the server\'s 12/2006', () => {
    const s = new Sandbox(config({ model: { kind: 'spec', spec: { entities: [{ name: 'Wide', attributes: attrs(300) }] } } }));
    s.runUntilIdle();
    assert.equal(s.inspectDevice('A').mirroring.setup, 'succeeded');
    const values: Record<string, string> = {};
    for (let i = 0; i < 300; i++) values[`a${i}`] = 'x';
    s.apply({ type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Wide', values }] });
    const r = s.runUntilIdle({ maxMs: 60_000 });
    const sent = r.events.find((e) => e.kind === 'engine.sentRecordZoneChanges' && e.failedSaves.length > 0);
    assert.ok(sent && sent.kind === 'engine.sentRecordZoneChanges');
    const err = sent.failedSaves[0].error;
    assert.equal(err.code, 12);
    assert.equal(err.internalCode, 2006);
    assert.match(err.serverMessage ?? '', /256 fields/);
    assert.ok(err.serverMessage!.endsWith(PARAPHRASE_MARK), 'our wording of the 256-field error is labelled');
  });

  it('#2: a validator check (non-optional attribute without default) still fails setup with 134060', () => {
    const s = new Sandbox(config({ model: { kind: 'spec', spec: { entities: [{ name: 'Tag', attributes: [{ name: 'name', type: 'String', optional: false }] }] } } }));
    s.runUntilIdle();
    assert.equal(s.inspectDevice('A').mirroring.setupError?.code, CD_CODES.modelValidation);
  });

  it('#3: a model without any "Used with CloudKit" flag is validated all the same', () => {
    const s = new Sandbox(config({ model: { kind: 'xml', text: UNFLAGGED_XML } }));
    assert.equal(s.validation.ok, false);
    s.runUntilIdle();
    const err = s.inspectDevice('A').mirroring.setupError;
    assert.equal(err?.code, 134060);
    assert.match(err?.message ?? '', /does not support ordered relationships[\s\S]*List: items/);
  });

  it('#7: no iCloud account fails setup with 134400 (CKAccountStatusNoAccount); later requests abort with 134406; sign-in recovers', () => {
    const s = new Sandbox(config({ devices: [{ id: 'A', user: null }, { id: 'B' }] }));
    s.runUntilIdle();
    const ends = setupEnds(s.events(), 'A');
    assert.equal(ends.length, 1);
    assert.equal(ends[0].succeeded, false);
    assert.equal(ends[0].error?.domain, 'NSCocoaErrorDomain');
    assert.equal(ends[0].error?.code, 134400);
    assert.equal(ends[0].error?.message, 'Unable to initialize without an iCloud account (CKAccountStatusNoAccount).');
    assert.ok(!s.events().some((e) => e.kind === 'warning' && /dormant/.test(e.message)));
    s.create('A', 'Item', { title: 'local only' });
    const r = s.runUntilIdle();
    assert.ok(r.events.some((e) => e.kind === 'cloudkit.event' && e.eventType === 'export' && e.error?.code === 134406));
    s.apply({ type: 'account', device: 'A', action: 'signIn', user: 'user1' });
    s.runUntilIdle();
    assert.equal(s.inspectDevice('A').mirroring.setup, 'succeeded');
  });

  it('#7: a temporarily unavailable account fails setup with the CKAccountStatusTemporarilyUnavailable text, until signed in again', () => {
    const s = new Sandbox(config());
    s.runUntilIdle();
    s.apply({ type: 'account', device: 'A', action: 'temporarilyUnavailable' });
    s.runUntilIdle();
    const last = setupEnds(s.events(), 'A').at(-1)!;
    assert.equal(last.error?.code, 134400);
    assert.equal(last.error?.message, 'Unable to initialize without a valid iCloud account (CKAccountStatusTemporarilyUnavailable).');
    s.apply({ type: 'account', device: 'A', action: 'signIn', user: 'user1' });
    s.runUntilIdle();
    assert.equal(setupEnds(s.events(), 'A').at(-1)!.succeeded, true);
  });

  it('#7: CD_CODES names 134400 accountUnavailable and 134404 importErrors', () => {
    assert.equal(CD_CODES.accountUnavailable, 134400);
    assert.equal(CD_CODES.importErrors, 134404);
    assert.ok(!('integrationError' in CD_CODES));
  });

  it('#8: CKError descriptions are CloudKit\'s strings', () => {
    assert.equal(CK_CODES[24][1], 'Invalid Database For Operation');
    assert.equal(CK_CODES[35][1], 'Asset File Not Available');
    // Every code 1-37 has a name and a description of capitalised words.
    for (let c = 1; c <= 37; c++) assert.match(CK_CODES[c][1], /^[A-Z][a-z]+( [A-Z][a-z]*)*$/, `code ${c}`);
  });

  it('notAuthenticated (9) is not retried: the export fails and the device waits for an account change', () => {
    assert.ok(!RETRYABLE_CODES.has(9));
    const s = new Sandbox(config());
    s.runUntilIdle();
    s.apply({ type: 'addErrorRule', rule: { id: 'na', match: { op: 'modifyRecords' }, error: { code: 9, internalCode: 1002 } } });
    s.create('A', 'Item', { title: 'x' });
    const r = s.runUntilIdle({ maxMs: 3_600_000 });
    assert.equal(r.stoppedBecause, 'idle');
    assert.ok(!r.events.some((e) => e.kind === 'scheduler.retry' && e.error.code === 9));
  });

  it('server texts: the real ones from the corpus (21/2026, 26/2036, 28/2042)', () => {
    const s = new Sandbox(config());
    s.runUntilIdle();
    s.create('A', 'Item', { title: 'x' });
    s.runUntilIdle();
    s.apply({ type: 'expireChangeTokens' });
    s.create('A', 'Item', { title: 'y' });
    const r = s.runUntilIdle();
    const expired = r.events.find((e) => e.kind === 'engine.reset' && e.reason === 'ServerChangeTokenExpired');
    assert.ok(expired && expired.kind === 'engine.reset');
    assert.equal(expired.error?.serverMessage, 'client knowledge differs from server knowledge');
  });

  it('config options and setOption are checked (issue 17 R3 uses the same checker)', () => {
    assert.throws(() => new Sandbox(config({ options: { importPageSize: 0 } })), (e: unknown) => e instanceof SandboxConfigError && /importPageSize.*from 1/.test(e.message));
    const s = new Sandbox(config());
    assert.throws(() => s.apply({ type: 'setOption', option: 'importPageSize', value: 0 }), SandboxInputError);
  });
});
