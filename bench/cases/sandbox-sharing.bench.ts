/**
 * Sandbox sharing (issue 15): 100 lists of 100 items (10,000 objects) on Alice's device, each list shared in its
 * own share zone (100 zones) with Bob and Carol (3 users), who accept every share; measured until both
 * participants' shared stores hold all 10,100 objects. Baseline: the same objects created in the one private
 * Core Data zone and synced to two more devices of the same user (the same amount of data reaching two
 * other stores). The figure is the ratio of the two.
 */
import { Sandbox } from '../../src/core/sandbox';
import type { ObjectChange, SandboxConfig, SandboxInput } from '../../src/core/sandbox';
import { SHOPPING_MODEL } from '../../src/core/sandbox/scenarios/helpers';
import { ratio, round, sized } from '../measure';

function data(lists: number, perList: number): ObjectChange[] {
  const changes: ObjectChange[] = [];
  for (let l = 0; l < lists; l++) {
    changes.push({ op: 'insert', entity: 'ShoppingList', id: `L${l}`, values: { name: `List ${l}` } });
    for (let i = 0; i < perList; i++) changes.push({ op: 'insert', entity: 'Item', id: `L${l}-I${i}`, values: { title: `Item ${i}`, quantity: i }, relationships: { list: `L${l}` } });
  }
  return changes;
}

const config = (users: readonly string[]): SandboxConfig => ({
  model: { kind: 'spec', spec: SHOPPING_MODEL }, seed: 1, environment: 'development', options: { eventDetailLimit: 5 },
  devices: users.map((user, i) => ({ id: ['A', 'B', 'C'][i], user })),
});

function sharingRun(lists: number, perList: number): { ms: number; converged: boolean; events: number } {
  const changes = data(lists, perList);
  const t0 = performance.now();
  const s = new Sandbox(config(['alice', 'bob', 'carol']));
  s.runUntilIdle();
  s.apply({ type: 'save', device: 'A', changes });
  s.runUntilIdle();
  for (let l = 0; l < lists; l++) {
    s.apply({ type: 'share', device: 'A', objects: [`L${l}`], shareId: `Z${l}`, participants: [{ user: 'bob', permission: 'readWrite' }, { user: 'carol', permission: 'readWrite' }] });
  }
  s.runUntilIdle({ maxEvents: 5_000_000 });
  const accepts: SandboxInput[] = [];
  for (let l = 0; l < lists; l++) for (const device of ['B', 'C']) accepts.push({ type: 'acceptShare', device, share: `Z${l}` });
  for (const a of accepts) s.apply(a);
  s.runUntilIdle({ maxEvents: 5_000_000 });
  const ms = performance.now() - t0;
  const snap = s.inspectSharing({ limit: 0 });
  const converged = ['B', 'C'].every((d) => snap.devices.find((x) => x.device === d)!.sharedStoreCount === changes.length);
  return { ms: round(ms), converged, events: s.eventCount };
}

function privateRun(lists: number, perList: number): { ms: number; converged: boolean; events: number } {
  const changes = data(lists, perList);
  const t0 = performance.now();
  const s = new Sandbox(config(['alice', 'alice', 'alice']));
  s.runUntilIdle();
  s.apply({ type: 'save', device: 'A', changes });
  s.runUntilIdle({ maxEvents: 5_000_000 });
  const ms = performance.now() - t0;
  const converged = ['B', 'C'].every((d) => s.inspectDevice(d, { limit: 0 }).objectCount === changes.length);
  return { ms: round(ms), converged, events: s.eventCount };
}

function median<T extends { ms: number }>(runs: number, fn: () => T): T {
  const all = Array.from({ length: runs }, fn).sort((a, b) => a.ms - b.ms);
  return all[all.length >> 1];
}

export async function run(): Promise<object> {
  const [lists, perList, runs] = [sized(100, 5), sized(100, 10), sized(3, 1)];
  sharingRun(sized(10, 2), sized(10, 2)); // warm-up
  privateRun(sized(10, 2), sized(10, 2));
  const shared = median(runs, () => sharingRun(lists, perList));
  const priv = median(runs, () => privateRun(lists, perList));
  if (!shared.converged || !priv.converged) throw new Error('a run did not converge');
  return {
    runs: `median of ${runs}`,
    work: `${lists} share zones, 3 users, ${lists * perList} items + ${lists} lists`,
    sharing: shared, onePrivateZone: priv, sharingVsPrivate: ratio(shared.ms, priv.ms),
  };
}
