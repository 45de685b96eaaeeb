import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Sandbox, loadSession, formatCKError, SessionFormatError, SandboxInputError, SandboxConfigError } from '../../../src/core/sandbox';
import type { SandboxConfig, SandboxInput } from '../../../src/core/sandbox';
import { config, devices } from './fixtures';

function storeOf(s: Sandbox, d: string): string {
  return JSON.stringify(s.inspectDevice(d, { limit: 1e6 }).objects.map((o) => [o.id, o.entity, o.values, o.relationships]).sort());
}

describe('sandbox engine', () => {
  it('syncs an insert and an update between two devices', () => {
    const s = new Sandbox(config());
    s.runUntilIdle();
    const id = s.create('A', 'Item', { title: 'Milk' });
    s.runUntilIdle();
    assert.equal(s.inspectDevice('B').objects.find((o) => o.id === id)?.values.title, 'Milk');
    s.update('B', id, { title: 'Oat milk', quantity: 2 });
    s.runUntilIdle();
    const a = s.inspectDevice('A').objects.find((o) => o.id === id)!;
    assert.equal(a.values.title, 'Oat milk');
    assert.equal(a.values.quantity, 2);
    assert.deepEqual(a.pendingKeys, []);
  });

  it('maintains one-to-many relationships and cascades deletes across devices', () => {
    const s = new Sandbox(config());
    s.runUntilIdle();
    const list = s.create('A', 'ShoppingList', { name: 'Groceries' });
    const item = s.create('A', 'Item', { title: 'Milk' }, { list });
    s.runUntilIdle();
    assert.deepEqual(s.inspectDevice('B').objects.find((o) => o.id === list)?.relationships.items, [item]);
    s.delete('B', list);
    s.runUntilIdle();
    assert.equal(s.inspectDevice('A').objectCount, 0);
  });

  it('rejects invalid inputs without recording them', () => {
    const s = new Sandbox(config());
    const before = s.save().inputs.length;
    assert.throws(() => s.create('Z', 'Item'), SandboxInputError);
    assert.throws(() => s.create('A', 'Nope'), SandboxInputError);
    assert.throws(() => s.create('A', 'Item', { quantity: 'many' }), SandboxInputError);
    assert.throws(() => s.update('A', 'missing', { title: 'x' }), SandboxInputError);
    assert.equal(s.save().inputs.length, before);
  });

  it('rejects invalid configs with a clear error', () => {
    assert.throws(() => new Sandbox(config({ devices: devices(1) })), SandboxConfigError);
    assert.throws(() => new Sandbox(config({ devices: [{ id: 'A' }, { id: 'A' }] })), /duplicate device id/);
  });

  it('a model violation fails setup with 134060', () => {
    const s = new Sandbox(config({ model: { kind: 'spec', spec: { entities: [{ name: 'Tag', attributes: [{ name: 'name', type: 'String', optional: false }] }] } } }));
    s.runUntilIdle();
    const dev = s.inspectDevice('A');
    assert.equal(dev.mirroring.setup, 'failed');
    assert.equal(dev.mirroring.setupError?.code, 134060);
    assert.match(dev.mirroring.setupError?.message ?? '', /Tag: name/);
  });

  it('purged tombstones expire older change tokens (tombstoneRetentionMs)', () => {
    const s = new Sandbox(config({ options: { tombstoneRetentionMs: 60_000 } }));
    s.runUntilIdle();
    const id = s.create('A', 'Item', { title: 'Milk' });
    s.runUntilIdle();
    s.apply({ type: 'setNetwork', device: 'B', mode: 'offline' });
    s.delete('A', id);
    s.runUntilIdle();
    s.advance(120_000);
    s.apply({ type: 'setNetwork', device: 'B', mode: 'online' });
    s.runUntilIdle();
    const expired = s.events().filter((e) => e.kind === 'server.op' && e.device === 'B' && e.error?.code === 21);
    assert.equal(expired.length, 1);
    assert.ok(s.events().some((e) => e.kind === 'engine.reset' && e.device === 'B' && e.reason === 'ServerChangeTokenExpired'));
  });

  it('enforces the 400-item request limit on the server even for a misconfigured exporter', () => {
    const s = new Sandbox(config({ options: { exportMaxRecords: 401, exportMaxBytes: 1e9 } }));
    s.runUntilIdle();
    s.apply({ type: 'save', device: 'A', changes: Array.from({ length: 401 }, () => ({ op: 'insert' as const, entity: 'Item' })) });
    s.runUntilIdle();
    const ops = s.events().filter((e) => e.kind === 'server.op' && e.op === 'modifyRecords');
    assert.deepEqual(ops.map((e) => e.kind === 'server.op' ? [e.itemCount, e.error?.code ?? 0] : []), [[401, 27], [201, 0], [200, 0]]);
  });

  it('switching iCloud accounts resets (AccountChange), purges local rows and syncs the new user\'s data only', () => {
    const s = new Sandbox(config({ devices: [{ id: 'A' }, { id: 'B' }, { id: 'C', user: 'user2' }] }));
    s.runUntilIdle();
    s.create('A', 'Item', { title: 'user1 item' });
    s.create('C', 'Item', { title: 'user2 item' });
    s.runUntilIdle();
    assert.equal(s.inspectDevice('B').objectCount, 1);
    s.apply({ type: 'account', device: 'B', action: 'switch', user: 'user2' });
    s.runUntilIdle();
    assert.ok(s.events().some((e) => e.kind === 'engine.reset' && e.device === 'B' && e.reason === 'AccountChange' && e.reasonCode === 3));
    assert.deepEqual(s.inspectDevice('B').objects.map((o) => o.values.title), ['user2 item']);
    assert.deepEqual(s.inspectDevice('A').objects.map((o) => o.values.title), ['user1 item']);
  });

  it('the server refuses more than 1000 zones (limitExceeded)', () => {
    const s = new Sandbox(config());
    const server = (s as unknown as { server: { handle: (r: unknown, c: unknown) => { error: { code: number } | null } } }).server;
    const zones = Array.from({ length: 1001 }, (_, i) => `com.apple.coredata.cloudkit.share.${i}`);
    const res = server.handle({ op: 'modifyRecordZones', database: 'private', saveZones: zones, deleteZones: [] }, { device: 'A', user: 'user1', requestId: 'R0' });
    assert.equal(res.error?.code, 27);
    const ok = server.handle({ op: 'modifyRecordZones', database: 'private', saveZones: zones.slice(0, 999), deleteZones: [] }, { device: 'A', user: 'user1', requestId: 'R1' });
    assert.equal(ok.error, null);
  });

  it('push policies: delay holds each push for delayMs; coalesce keeps only the newest until the window ends', () => {
    const s = new Sandbox(config({ devices: [{ id: 'A' }, { id: 'B' }, { id: 'C' }] }));
    s.runUntilIdle();
    s.apply({ type: 'setPushPolicy', device: 'B', policy: 'delay', delayMs: 60_000 });
    s.apply({ type: 'setPushPolicy', device: 'C', policy: 'coalesce' });
    for (let i = 0; i < 3; i++) { s.create('A', 'Item', { title: `x${i}` }); s.advance(3_000); }
    const sent = s.events().filter((e) => e.kind === 'push.sent' && e.device === 'B');
    const delivered = () => s.events().filter((e) => e.kind === 'push.delivered');
    assert.equal(delivered().length, 0);
    s.runUntilIdle();
    const b = delivered().filter((e) => e.device === 'B');
    assert.equal(b.length, 3);
    assert.equal(b[0].t - sent[0].t, 60_000);
    assert.equal(delivered().filter((e) => e.device === 'C').length, 1);
    assert.equal(s.events().filter((e) => e.kind === 'push.coalesced' && e.device === 'C').length, 2);
    assert.equal(s.inspectDevice('C').objectCount, 3);
  });

  it('coalesce: the newest held push is delivered, once, when the window that the first push opened ends', () => {
    const windowMs = 30_000;
    const s = new Sandbox(config({ devices: [{ id: 'A' }, { id: 'C' }], options: { coalesceWindowMs: windowMs } }));
    s.runUntilIdle();
    s.apply({ type: 'setPushPolicy', device: 'C', policy: 'coalesce' });
    for (let i = 0; i < 3; i++) { s.create('A', 'Item', { title: `x${i}` }); s.advance(3_000); }
    s.runUntilIdle();
    const ofC = s.events().filter((e) => e.device === 'C');
    const sent = ofC.flatMap((e) => e.kind === 'push.sent' ? [{ id: e.pushId, t: e.t }] : []);
    assert.equal(sent.length, 3);
    // Each newer push replaces the one held: P2 replaces P1, P3 replaces P2.
    assert.deepEqual(ofC.flatMap((e) => e.kind === 'push.coalesced' ? [[e.pushId, e.replacedPushId]] : []),
      [[sent[1].id, sent[0].id], [sent[2].id, sent[1].id]]);
    const delivered = ofC.flatMap((e) => e.kind === 'push.delivered' ? [{ id: e.pushId, t: e.t }] : []);
    assert.deepEqual(delivered.map((d) => d.id), [sent[2].id], 'the newest push, not an older one');
    // The window opens with the first held push and is not restarted by the later ones.
    assert.ok(sent[2].t - sent[0].t >= 3_000, 'the pushes are spread out in time');
    assert.equal(delivered[0].t, sent[0].t + windowMs);
  });

  it('a per-user quota set at runtime rejects saves with quotaExceeded', () => {
    const s = new Sandbox(config());
    s.runUntilIdle();
    s.apply({ type: 'setQuota', user: 'user1', bytes: 10 });
    s.create('A', 'Item', { title: 'a title longer than ten bytes' });
    s.runUntilIdle({ maxMs: 60_000 });
    const failed = s.events().flatMap((e) => e.kind === 'engine.sentRecordZoneChanges' ? e.failedSaves : []);
    assert.ok(failed.some((f) => f.error.code === 25 && f.error.retryAfterSeconds === 315));
    assert.ok(s.events().some((e) => e.kind === 'scheduler.retry' && e.afterMs === 315_000));
  });

  it('formats CKErrors the way CloudKit logs them', () => {
    assert.equal(formatCKError({ domain: 'CKErrorDomain', name: 'serviceUnavailable', code: 6, internalCode: 2022, description: 'Service Unavailable', message: 'Request failed with http status code 503', retryAfterSeconds: 30 }),
      '<CKError 0x0: "Service Unavailable" (6/2022); "Request failed with http status code 503"; Retry after 30.0 seconds>');
  });

  describe('save and load', () => {
    it('replays a saved session to the identical event log', () => {
      const s = new Sandbox(config({ devices: devices(3) }));
      s.runUntilIdle();
      s.apply({ type: 'setNetwork', device: 'C', mode: 'flaky' });
      for (let i = 0; i < 5; i++) s.create('A', 'Item', { title: `i${i}` });
      s.runUntilIdle();
      const saved = JSON.stringify(s.save());
      const r = loadSession(saved);
      assert.deepEqual(r.events(), s.events());
      assert.equal(storeOf(r, 'C'), storeOf(s, 'C'));
    });

    it('gives clear errors for damaged, foreign and newer sessions', () => {
      const saved = new Sandbox(config()).save();
      assert.throws(() => loadSession('{not json'), (e: unknown) => e instanceof SessionFormatError && /not valid JSON/.test(e.message));
      assert.throws(() => loadSession({ ...saved, format: 'other' }), /not a CloudKit sandbox session/);
      assert.throws(() => loadSession({ ...saved, version: 3 }), /newer than this build/);
      assert.throws(() => loadSession({ ...saved, inputs: [{ type: 'bogus' }] }), /input #1 is damaged/);
      assert.throws(() => loadSession({ ...saved, config: { ...saved.config, devices: [] } }), /config is damaged/);
      assert.throws(() => loadSession({ ...saved, eventDigest: '00000000' }), /different event log/);
    });
  });

  describe('properties', () => {
    const op = fc.record({
      device: fc.constantFrom('A', 'B', 'C'),
      kind: fc.constantFrom('create', 'create', 'create', 'update', 'update', 'update', 'delete', 'offline', 'online', 'flaky', 'wait', 'wait', 'background', 'foreground', 'quit'),
      n: fc.nat(1000),
    });

    function play(seed: number, ops: { device: string; kind: string; n: number }[], options: SandboxConfig['options'] = {}): Sandbox {
      const s = new Sandbox(config({ seed, devices: devices(3), options }));
      s.runUntilIdle();
      for (const o of ops) {
        const snap = s.inspectDevice(o.device, { limit: 1e6 });
        const ids = snap.objects.filter((x) => x.entity === 'Item').map((x) => x.id);
        if (snap.appState === 'quit' && ['create', 'update', 'delete'].includes(o.kind)) continue;
        const input: SandboxInput | null =
          o.kind === 'create' ? { type: 'save', device: o.device, changes: [{ op: 'insert', entity: 'Item', values: { title: `t${o.n}`, quantity: o.n } }] }
          : o.kind === 'update' && ids.length > 0 ? { type: 'save', device: o.device, changes: [{ op: 'update', id: ids[o.n % ids.length], values: o.n % 2 ? { title: `u${o.n}` } : { quantity: o.n } }] }
          : o.kind === 'delete' && ids.length > 0 ? { type: 'save', device: o.device, changes: [{ op: 'delete', id: ids[o.n % ids.length] }] }
          : o.kind === 'offline' ? { type: 'setNetwork', device: o.device, mode: 'offline' }
          : o.kind === 'online' ? { type: 'setNetwork', device: o.device, mode: 'online' }
          : o.kind === 'flaky' ? { type: 'setNetwork', device: o.device, mode: 'flaky' }
          : o.kind === 'background' ? { type: 'setAppState', device: o.device, state: 'background' }
          : o.kind === 'foreground' ? { type: 'setAppState', device: o.device, state: 'foreground' }
          : o.kind === 'quit' ? { type: 'setAppState', device: o.device, state: 'quit' }
          : o.kind === 'wait' ? { type: 'advance', ms: o.n * 10 } : null;
        if (input) s.apply(input);
      }
      // Eventual delivery: everyone back online, then each device fetches once more.
      for (const d of ['A', 'B', 'C']) s.apply({ type: 'setNetwork', device: d, mode: 'online' });
      for (const d of ['A', 'B', 'C']) s.apply({ type: 'setAppState', device: d, state: 'foreground' });
      s.runUntilIdle();
      for (const d of ['A', 'B', 'C']) s.apply({ type: 'fetchChanges', device: d });
      s.runUntilIdle();
      return s;
    }

    it('random interleavings of edits on three devices converge once quiet', () => {
      let objects = 0;
      let offlineEdits = 0;
      fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), fc.array(op, { minLength: 15, maxLength: 40 }), (seed, ops) => {
        const s = play(seed, ops);
        objects += s.inspectDevice('A').objectCount;
        offlineEdits += s.events().filter((e) => e.kind === 'scheduler.decision' && e.policy === 'NetworkPolicy').length;
        const a = storeOf(s, 'A');
        assert.equal(storeOf(s, 'B'), a);
        assert.equal(storeOf(s, 'C'), a);
        for (const d of ['A', 'B', 'C']) assert.equal(s.inspectDevice(d).mirroring.pendingExportCount, 0);
      }), { numRuns: 100 });
      // The runs exercised real syncing, including work deferred while offline.
      assert.ok(objects > 60, `objects: ${objects}`);
      assert.ok(offlineEdits > 10, `offline deferrals: ${offlineEdits}`);
    });

    it('with ifServerRecordUnchanged (conflicts resolved by merging the server record) devices converge too', () => {
      let conflicts = 0;
      fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), fc.array(op, { minLength: 15, maxLength: 40 }), fc.constantFrom<'serverWins' | 'clientWins'>('serverWins', 'clientWins'), (seed, ops, conflictResolution) => {
        const s = play(seed, ops, { exportSavePolicy: 'ifServerRecordUnchanged', conflictResolution });
        // Conflicts of an update sent with a stale change tag (not an insert racing another insert): the
        // ones that exist only if the server compares change tags.
        conflicts += s.events().filter((e) => e.kind === 'engine.sentRecordZoneChanges'
          && e.failedSaves.some((f) => f.error.code === 14 && f.error.serverMessage === 'client oplock error updating record')).length;
        const a = storeOf(s, 'A');
        assert.equal(storeOf(s, 'B'), a);
        assert.equal(storeOf(s, 'C'), a);
      }), { numRuns: 80 });
      assert.ok(conflicts > 0, 'some runs produced serverRecordChanged for a stale change tag');
    });

    it('replaying any saved session gives the identical log', () => {
      fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), fc.array(op, { maxLength: 15 }), (seed, ops) => {
        const s = play(seed, ops);
        const r = loadSession(JSON.parse(JSON.stringify(s.save())));
        assert.equal(r.eventCount, s.eventCount);
        assert.deepEqual(r.events(), s.events());
      }), { numRuns: 25 });
    });
  });
});
