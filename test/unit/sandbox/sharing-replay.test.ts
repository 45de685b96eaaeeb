import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Sandbox, loadSession, SCENARIOS, runScenario } from '../../../src/core/sandbox';
import type { SandboxInput } from '../../../src/core/sandbox';
import { decidePush, newBudget } from '../../../src/core/sandbox/push-budget';
import { sharingConfig } from './sharing-fixtures';

const SHARING = SCENARIOS.filter((s) => s.name.startsWith('share-') || s.name.startsWith('push-budget'));

describe('sandbox sharing: scenarios and replay', () => {
  it('has at least eight sharing scenarios, each with a source', () => {
    assert.ok(SHARING.length >= 8, String(SHARING.length));
    for (const s of SHARING) assert.ok(s.source.length > 20 && s.explanation.length > 80, s.name);
  });

  for (const s of SHARING) {
    // The zone-limit scenario creates 1,000 zones (about 1.5 s a run): 5 seeds; every other scenario: 100 seeds.
    const seeds = s.name === 'share-zone-limit' ? 5 : 100;
    it(`${s.name}: holds and replays identically for ${seeds} seeds`, function () {
      this.timeout(120_000);
      for (let seed = 1; seed <= seeds; seed++) {
        const r = runScenario({ ...s, config: { ...s.config, seed } });
        assert.equal(r.error, undefined, `${s.name} seed ${seed}: ${r.error}`);
        assert.deepEqual(r.checks.filter((c) => !c.ok), [], `${s.name} seed ${seed}`);
        const saved = r.run!.sandbox.save();
        assert.equal(saved.version, 2);
        const again = loadSession(JSON.parse(JSON.stringify(saved)));
        assert.equal(again.eventCount, r.events.length, `${s.name} seed ${seed}: replay differs`);
      }
    });
  }
});

describe('sandbox sharing: push budget (observed behaviour, modelled)', () => {
  it('newData keeps every push, noData halves them, a missing completion drops pushes for five minutes', () => {
    const count = (answer: 'newData' | 'noData' | 'failed' | 'none', n: number, gapMs: number): Record<string, number> => {
      const b = newBudget(answer, 1_000);
      const out: Record<string, number> = {};
      for (let i = 0; i < n; i++) { const d = decidePush(b, i * gapMs).decision; out[d] = (out[d] ?? 0) + 1; }
      return out;
    };
    assert.deepEqual(count('newData', 10, 60_000), { delivered: 10 });
    assert.deepEqual(count('noData', 10, 60_000), { delivered: 5, coalesced: 5 });
    assert.deepEqual(count('none', 10, 60_000), { delivered: 2, dropped: 8 });
    const slow = newBudget('newData', 20_000);
    assert.deepEqual(decidePush(slow, 0), { decision: 'delayed', delayMs: 20_000 });
    const killed = newBudget('newData', 40_000);
    decidePush(killed, 0);
    assert.equal(decidePush(killed, 1_000).decision, 'dropped', 'a handler past 30 s counts as never completing');
  });
});

describe('sandbox sharing: property', () => {
  type Op =
    | { k: 'ownerEdit'; item: number; v: number } | { k: 'participantEdit'; who: 'C' | 'D'; item: number; v: number }
    | { k: 'offline'; dev: 'A' | 'C' | 'D' } | { k: 'online'; dev: 'A' | 'C' | 'D' } | { k: 'advance'; ms: number }
    | { k: 'addItem'; id: number } | { k: 'perm'; user: 'bob' | 'carol'; readWrite: boolean };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ k: fc.constant('ownerEdit' as const), item: fc.integer({ min: 0, max: 2 }), v: fc.integer({ min: 0, max: 99 }) }),
    fc.record({ k: fc.constant('participantEdit' as const), who: fc.constantFrom('C' as const, 'D' as const), item: fc.integer({ min: 0, max: 2 }), v: fc.integer({ min: 0, max: 99 }) }),
    fc.record({ k: fc.constant('offline' as const), dev: fc.constantFrom('A' as const, 'C' as const, 'D' as const) }),
    fc.record({ k: fc.constant('online' as const), dev: fc.constantFrom('A' as const, 'C' as const, 'D' as const) }),
    fc.record({ k: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 120_000 }) }),
    fc.record({ k: fc.constant('addItem' as const), id: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ k: fc.constant('perm' as const), user: fc.constantFrom('bob' as const, 'carol' as const), readWrite: fc.boolean() }),
  );

  it('after any edits, outages and permission changes, every participant\'s shared store converges to the owner\'s zone, and the session replays identically', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(op, { maxLength: 12 }), (seed, ops) => {
      const s = new Sandbox(sharingConfig(seed, true));
      s.runUntilIdle();
      const items = ['I0', 'I1', 'I2'];
      s.apply({ type: 'save', device: 'A', changes: [
        { op: 'insert', entity: 'ShoppingList', id: 'L', values: { name: 'List' } },
        ...items.map((id) => ({ op: 'insert' as const, entity: 'Item', id, values: { title: id }, relationships: { list: 'L' } })),
      ] });
      s.runUntilIdle();
      s.apply({ type: 'share', device: 'A', objects: ['L'], shareId: 'P', participants: [{ user: 'bob', permission: 'readWrite' }, { user: 'carol', permission: 'readWrite' }] });
      s.runUntilIdle();
      s.apply({ type: 'acceptShare', device: 'C', share: 'P' });
      s.apply({ type: 'acceptShare', device: 'D', share: 'P' });
      s.runUntilIdle();
      const added = new Set<string>();
      for (const o of ops) {
        const inputs: SandboxInput[] = [];
        switch (o.k) {
          case 'ownerEdit': inputs.push({ type: 'save', device: 'A', changes: [{ op: 'update', id: items[o.item], values: { quantity: o.v } }] }); break;
          case 'participantEdit': inputs.push({ type: 'save', device: o.who, store: 'shared', changes: [{ op: 'update', id: items[o.item], values: { quantity: o.v } }] }); break;
          case 'offline': inputs.push({ type: 'setNetwork', device: o.dev, mode: 'offline' }); break;
          case 'online': inputs.push({ type: 'setNetwork', device: o.dev, mode: 'online' }); break;
          case 'advance': inputs.push({ type: 'advance', ms: o.ms }); break;
          case 'addItem': if (!added.has(`N${o.id}`)) { added.add(`N${o.id}`); inputs.push({ type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: `N${o.id}`, values: { title: `N${o.id}` }, relationships: { list: 'L' } }] }); } break;
          case 'perm': inputs.push({ type: 'persistUpdatedShare', device: 'A', share: 'P', add: [{ user: o.user, permission: o.readWrite ? 'readWrite' : 'readOnly' }] }); break;
        }
        for (const i of inputs) s.apply(i);
      }
      for (const dev of ['A', 'C', 'D']) s.apply({ type: 'setNetwork', device: dev, mode: 'online' });
      s.runUntilIdle();
      for (const dev of ['A', 'C', 'D']) s.apply({ type: 'fetchChanges', device: dev });
      s.runUntilIdle();
      const snap = s.inspectSharing({ limit: 1e6 });
      const owner = new Map(s.inspectDevice('A', { limit: 1e6 }).objects.map((o) => [o.id, JSON.stringify(o.values)]));
      for (const dev of ['C', 'D']) {
        const d = snap.devices.find((x) => x.device === dev)!;
        const rejected = new Set(d.rejectedIds);
        assert.equal(d.sharedStoreCount, owner.size, `${dev} has every object of the share`);
        for (const o of d.sharedStore) {
          if (rejected.has(o.id)) continue; // a refused local edit stays local (design)
          assert.equal(JSON.stringify(o.values), owner.get(o.id), `${dev} ${o.id} converged`);
        }
      }
      const again = loadSession(JSON.parse(JSON.stringify(s.save())));
      assert.equal(again.eventCount, s.eventCount);
    }), { seed: 15, numRuns: 25 });
  });
});
