import assert from 'node:assert/strict';
import { Sandbox, SandboxInputError, loadSession } from '../../../src/core/sandbox';
import type { SandboxEvent } from '../../../src/core/sandbox';
import { config } from './fixtures';

/** Issue 17 D3, D4, D5 and the replay of refused inputs. */

function warnings(events: readonly SandboxEvent[]): Extract<SandboxEvent, { kind: 'warning' }>[] {
  return events.filter((e): e is Extract<SandboxEvent, { kind: 'warning' }> => e.kind === 'warning');
}

describe('sandbox divergences (issue 17 D3-D5)', () => {
  it('D3: a relationship target of the wrong entity, or the object itself, is refused and changes nothing', () => {
    const s = new Sandbox(config());
    s.runUntilIdle();
    assert.throws(() => s.apply({ type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'ShoppingList', id: 'L', relationships: { items: ['L'] } }] }),
      (e: unknown) => e instanceof SandboxInputError && /ShoppingList\.items expects Item objects; 'L' is ShoppingList/.test(e.message));
    assert.equal(s.inspectDevice('A').objects.length, 0);
    const list = s.create('A', 'ShoppingList', { name: 'Groceries' });
    assert.throws(() => s.apply({ type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', relationships: { list: 'nope' } }] }), /no object 'nope'/);
    assert.throws(() => s.apply({ type: 'save', device: 'A', changes: [{ op: 'update', id: list, relationships: { items: [list] } }] }), /expects Item objects/);
    // A target inserted earlier in the same save is fine.
    s.apply({ type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: 'I1', values: { title: 'Milk' } }, { op: 'update', id: list, relationships: { items: ['I1'] } }] });
    s.runUntilIdle();
    assert.deepEqual(s.inspectDevice('B', { entity: 'ShoppingList' }).objects[0].relationships.items, ['I1']);
  });

  it('a refused save gives back the ids it drew: the session still replays identically', () => {
    const s = new Sandbox(config());
    s.runUntilIdle();
    assert.throws(() => s.apply({ type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', values: { title: 'x' } }, { op: 'insert', entity: 'ShoppingList', relationships: { items: ['missing'] } }] }));
    s.create('A', 'Item', { title: 'kept' });
    s.runUntilIdle();
    const saved = s.save();
    assert.equal(loadSession(saved).save().eventDigest, saved.eventDigest);
  });

  it('D4: an injected unknownItem on an insert keeps the object pending and fails the export visibly; it is exported once the fault is gone', () => {
    const s = new Sandbox(config());
    s.runUntilIdle();
    s.apply({ type: 'addErrorRule', rule: { id: 'u', match: { op: 'modifyRecords' }, error: { code: 11 }, perRecord: true, times: 1 } });
    const id = s.create('A', 'Item', { title: 'x' });
    const r = s.runUntilIdle();
    assert.ok(r.events.some((e) => e.kind === 'cloudkit.event' && e.eventType === 'export' && e.endDate !== null && !e.succeeded && e.error?.code === 2));
    assert.equal(s.inspectDevice('A').mirroring.pendingExportCount, 1);
    assert.equal(s.inspectDevice('B', { entity: 'Item' }).objects.length, 0);
    s.create('A', 'Item', { title: 'y' });
    s.runUntilIdle();
    assert.ok(s.inspectDevice('B', { entity: 'Item' }).objects.some((o) => o.id === id));
  });

  it('D4: unknownItem on an edit of a record deleted elsewhere (deleteWins) deletes the object now, announced', () => {
    const s = new Sandbox(config());
    s.runUntilIdle();
    const id = s.create('A', 'Item', { title: 'x' });
    s.runUntilIdle();
    s.apply({ type: 'setPushPolicy', device: 'A', policy: 'drop' });
    s.delete('B', id);
    s.runUntilIdle();
    s.apply({ type: 'expireChangeTokens' });
    s.update('A', id, { title: 'edited' });
    const r = s.runUntilIdle();
    assert.equal(s.inspectDevice('A', { entity: 'Item' }).objects.length, 0);
    const w = warnings(r.events).find((e) => e.divergence?.cause === 'unknownItemDropsEdit');
    assert.ok(w, 'announced');
    assert.deepEqual(w.divergence!.objects, [id]);
    assert.match(w.divergence!.source, /modelling choice/);
  });

  it('D5: two devices throttled together do not retry in lockstep forever: both set up', () => {
    // 2 requests per virtual second: one device's setup (zone + subscription) fits, two at once do not.
    // (With 1 request/s a setup's two requests 100 ms apart never fit one calendar second of the limiter.)
    const s = new Sandbox(config({ options: { serverRequestsPerSecond: 2 } }));
    const r = s.runUntilIdle({ maxMs: 3_600_000 });
    assert.equal(r.stoppedBecause, 'idle');
    assert.equal(s.inspectDevice('A').mirroring.setup, 'succeeded');
    assert.equal(s.inspectDevice('B').mirroring.setup, 'succeeded');
    const retries = r.events.filter((e) => e.kind === 'scheduler.retry');
    assert.ok(retries.length > 0, 'throttled at least once');
  });
});
