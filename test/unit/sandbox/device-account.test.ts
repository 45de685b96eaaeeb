/**
 * The device's account paths (src/core/sandbox/device/device.ts) through the engine: CKAccountStatus
 * temporarilyUnavailable and back for the same user (no identity change, so no reset; setup runs again and
 * fails with 134400 while unavailable), what ends the unavailable state (signIn of the same user, or a real
 * account change), and `launchSecondInstance` (134410 wrapping the "second handler" CKError). The model, seed
 * and users are ours; the expected sequences follow the code paths and the sources cited there.
 */
import assert from 'node:assert/strict';
import { Sandbox } from '../../../src/core/sandbox';
import type { SandboxEvent } from '../../../src/core/sandbox';

const TAG_MODEL = { entities: [{ name: 'Tag', attributes: [{ name: 'label', type: 'String' }] }] };

function sandbox(): Sandbox {
  const s = new Sandbox({
    model: { kind: 'spec', spec: TAG_MODEL }, seed: 7, environment: 'development',
    users: [{ id: 'user1', name: 'One' }, { id: 'user2', name: 'Two' }], devices: [{ id: 'A', user: 'user1' }, { id: 'B', user: 'user1' }],
  });
  s.runUntilIdle();
  s.apply({ type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Tag', id: 'T1', values: { label: 'x' } }] });
  s.runUntilIdle();
  return s;
}

/** Events of device A since `from`, of the given kinds, without seq, device and ids drawn from the seed. */
function trace(s: Sandbox, from: number, kinds: readonly string[]): Record<string, unknown>[] {
  return s.events().slice(from).filter((e) => e.device === 'A' && kinds.includes(e.kind)).map((e) => {
    const { seq: _s, device: _d, requestId: _r, identifier: _i, storeIdentifier: _st, ...rest } = e as SandboxEvent & Record<string, unknown>;
    return rest;
  });
}

const UNAVAILABLE = {
  domain: 'NSCocoaErrorDomain', name: 'accountUnavailable', code: 134400, description: 'A Core Data error occurred.',
  message: 'Unable to initialize without a valid iCloud account (CKAccountStatusTemporarilyUnavailable).',
};
const KINDS = ['device.account', 'engine.accountChange', 'engine.reset', 'scheduler.requested', 'cloudkit.event'];

describe('sandbox: device account', () => {
  it('temporarilyUnavailable: same user, no reset; setup runs again and fails with 134400, data kept', () => {
    const s = sandbox();
    const from = s.events().length;
    const t = s.now();
    s.apply({ type: 'account', device: 'A', action: 'temporarilyUnavailable' });
    s.runUntilIdle();
    assert.deepEqual(trace(s, from, KINDS), [
      { t, kind: 'device.account', user: 'user1', previousUser: 'user1' },
      { t, kind: 'scheduler.requested', activity: 'setup', label: 'StoreLoad' },
      { t, kind: 'cloudkit.event', eventType: 'setup', startDate: t, endDate: null, succeeded: false, error: null },
      { t, kind: 'cloudkit.event', eventType: 'setup', startDate: t, endDate: t, succeeded: false, error: UNAVAILABLE },
    ]);
    const m = s.inspectDevice('A').mirroring;
    assert.deepEqual([m.setup, m.setupError, m.resetCount], ['failed', UNAVAILABLE, 0]);
    assert.deepEqual(s.inspectDevice('A').objects.map((o) => o.id), ['T1']);
  });

  it('a second temporarilyUnavailable, or one while signed out, changes nothing', () => {
    const s = sandbox();
    s.apply({ type: 'account', device: 'A', action: 'temporarilyUnavailable' });
    s.runUntilIdle();
    const from = s.events().length;
    s.apply({ type: 'account', device: 'A', action: 'temporarilyUnavailable' });
    s.runUntilIdle();
    assert.deepEqual(trace(s, from, KINDS), []);
    const out = sandbox();
    out.apply({ type: 'account', device: 'A', action: 'signOut' });
    out.runUntilIdle();
    const from2 = out.events().length;
    out.apply({ type: 'account', device: 'A', action: 'temporarilyUnavailable' });
    out.runUntilIdle();
    assert.deepEqual(trace(out, from2, KINDS), []);
  });

  it('signIn of the same user ends it: setup succeeds again, still without a reset or account change', () => {
    const s = sandbox();
    s.apply({ type: 'account', device: 'A', action: 'temporarilyUnavailable' });
    s.runUntilIdle();
    const from = s.events().length;
    const t = s.now();
    s.apply({ type: 'account', device: 'A', action: 'signIn', user: 'user1' });
    s.runUntilIdle();
    const ev = trace(s, from, ['device.account', 'engine.accountChange', 'engine.reset']);
    assert.deepEqual(ev, [{ t, kind: 'device.account', user: 'user1', previousUser: 'user1' }]);
    const m = s.inspectDevice('A').mirroring;
    assert.deepEqual([m.setup, m.setupError, m.resetCount], ['succeeded', null, 0]);
    // Available again: a later temporarilyUnavailable is handled again.
    const from2 = s.events().length;
    s.apply({ type: 'account', device: 'A', action: 'temporarilyUnavailable' });
    assert.equal(trace(s, from2, ['device.account']).length, 1);
  });

  it('while unavailable, another user signing in is a real account change', () => {
    const s = sandbox();
    s.apply({ type: 'account', device: 'A', action: 'temporarilyUnavailable' });
    s.runUntilIdle();
    const from = s.events().length;
    s.apply({ type: 'account', device: 'A', action: 'signIn', user: 'user2' });
    s.runUntilIdle();
    assert.deepEqual(trace(s, from, ['device.account', 'engine.accountChange', 'engine.reset']).map(({ t: _t, error: _e, ...e }) => e), [
      { kind: 'device.account', user: 'user2', previousUser: 'user1' },
      { kind: 'engine.accountChange', changeType: 'switchAccounts', previousUser: 'user1', currentUser: 'user2' },
      { kind: 'engine.reset', phase: 'will', reason: 'AccountChange', reasonCode: 3 },
      { kind: 'engine.reset', phase: 'did', reason: 'AccountChange', reasonCode: 3 },
    ]);
    assert.equal(s.inspectDevice('A').mirroring.setup, 'succeeded');
  });

  it('while unavailable, signing out signs out', () => {
    const s = sandbox();
    s.apply({ type: 'account', device: 'A', action: 'temporarilyUnavailable' });
    s.runUntilIdle();
    const from = s.events().length;
    s.apply({ type: 'account', device: 'A', action: 'signOut' });
    s.runUntilIdle();
    assert.deepEqual(trace(s, from, ['engine.accountChange']).map((e) => e.changeType), ['signOut']);
  });

  it('with the app quit: the account event only, no setup', () => {
    const s = sandbox();
    s.apply({ type: 'setAppState', device: 'A', state: 'quit' });
    s.runUntilIdle();
    const from = s.events().length;
    s.apply({ type: 'account', device: 'A', action: 'temporarilyUnavailable' });
    s.runUntilIdle();
    assert.deepEqual(trace(s, from, KINDS).map((e) => e.kind), ['device.account']);
  });

  it('launchSecondInstance: a setup that fails at once with 134410 around the duplicate-handler CKError; the first instance goes on', () => {
    const s = sandbox();
    const from = s.events().length;
    const t = s.now();
    s.apply({ type: 'launchSecondInstance', device: 'A' });
    const events = s.events().slice(from).filter((e) => e.device === 'A' && e.kind === 'cloudkit.event') as (SandboxEvent & { identifier: string; storeIdentifier: string })[];
    assert.equal(events.length, 2);
    assert.equal(events[0].identifier, events[1].identifier);
    const store = events[0].storeIdentifier;
    assert.deepEqual(trace(s, from, ['cloudkit.event']), [
      { t, kind: 'cloudkit.event', eventType: 'setup', startDate: t, endDate: null, succeeded: false, error: null },
      {
        t, kind: 'cloudkit.event', eventType: 'setup', startDate: t, endDate: t, succeeded: false, error: {
          domain: 'NSCocoaErrorDomain', name: 'duplicateInstance', code: 134410, description: 'A Core Data error occurred.',
          message: 'CloudKit setup failed because there is another instance of this persistent store actively syncing with CloudKit in this process.',
          underlying: {
            domain: 'CKErrorDomain', name: 'internalError', code: 1, description: 'Internal Error',
            message: `Illegal attempt to register a second handler for activity identifier com.apple.coredata.cloudkit.activity.setup.${store}`,
          },
        },
      },
    ]);
    assert.equal(s.inspectDevice('A').mirroring.setup, 'succeeded');
    s.apply({ type: 'save', device: 'A', changes: [{ op: 'update', id: 'T1', values: { label: 'y' } }] });
    s.runUntilIdle();
    assert.equal(s.inspectDevice('B').objects.find((o) => o.id === 'T1')?.values.label, 'y');
  });
});
