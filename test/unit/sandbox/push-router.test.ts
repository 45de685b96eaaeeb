import assert from 'node:assert/strict';
import type { SandboxEventBody } from '../../../src/core/sandbox/api';
import { TaskQueue } from '../../../src/core/sandbox/clock';
import type { Device } from '../../../src/core/sandbox/device/device';
import { DEFAULT_OPTIONS } from '../../../src/core/sandbox/options';
import { newBudget } from '../../../src/core/sandbox/push-budget';
import type { PushBudgetState } from '../../../src/core/sandbox/push-budget';
import { PushRouter } from '../../../src/core/sandbox/push-router';
import type { Database } from '../../../src/core/sandbox/server/storage';

/**
 * Push routing (push-router.ts) on its own, with stand-in devices and databases written by us: who is
 * notified, which push events each device policy gives and when the push arrives on the virtual clock. The
 * router only reads a device's user, app state, policy, network mode, held push and push budget.
 */
interface FakeDevice {
  id: string;
  user: string | null;
  appState: 'foreground' | 'background' | 'quit';
  pushPolicy: 'deliver' | 'delay' | 'drop' | 'coalesce';
  pushDelayMs: number;
  network: { mode: 'online' | 'offline' | 'flaky' };
  heldPush: { pushId: string; sinceT: number } | null;
  sharing: { budget: PushBudgetState | null };
  pushes: number;
  onPush(): void;
}

interface Rig {
  readonly clock: TaskQueue;
  readonly router: PushRouter;
  readonly devices: Map<string, FakeDevice>;
  /** `device kind detail` lines, in order. */
  readonly lines: string[];
  /** The device the router attributed each onPush to. */
  readonly pushedWith: string[];
  dev(id: string): FakeDevice;
  /** Runs every task, recording `at label`. */
  drain(): string[];
}

function describe1(b: SandboxEventBody): string {
  switch (b.kind) {
    case 'push.sent': return `sent ${b.pushId} ${b.subscriptionId} from ${String(b.originator)}`;
    case 'push.held': return `held ${b.pushId} ${b.reason}`;
    case 'push.coalesced': return `coalesced ${b.pushId} replaces ${b.replacedPushId}`;
    case 'push.delivered': return `delivered ${b.pushId}`;
    case 'push.dropped': return `dropped ${b.pushId} ${b.reason}`;
    case 'push.budget': return `budget ${b.pushId} ${b.decision} ${b.answer} ${b.credit}`;
    default: return b.kind;
  }
}

function rig(ids: readonly string[] = ['A', 'B', 'C'], options = DEFAULT_OPTIONS): Rig {
  const clock = new TaskQueue();
  const devices = new Map<string, FakeDevice>();
  const lines: string[] = [];
  const pushedWith: string[] = [];
  let current = '-';
  for (const id of ids) {
    const d: FakeDevice = {
      id, user: 'u1', appState: 'foreground', pushPolicy: 'deliver', pushDelayMs: 0, network: { mode: 'online' }, heldPush: null,
      sharing: { budget: null }, pushes: 0,
      onPush() { d.pushes++; pushedWith.push(current); },
    };
    devices.set(id, d);
  }
  const router = new PushRouter({
    clock, devices: devices as unknown as ReadonlyMap<string, Device>, options: () => options,
    emit: (body, device) => lines.push(`${device ?? '?'} ${describe1(body)}`),
    withDevice: (id, fn) => { const prev = current; current = id; try { return fn(); } finally { current = prev; } },
  });
  return {
    clock, router, devices, lines, pushedWith,
    dev: (id) => devices.get(id)!,
    drain() {
      const ran: string[] = [];
      for (let t = clock.take(); t; t = clock.take()) { ran.push(`${t.at} ${t.label}`); t.run(); }
      return ran;
    },
  };
}

function db(over: Partial<{ scope: string; user: string | null; subscribers: string[]; subscriptions: string[] }> = {}): Database {
  return {
    scope: over.scope ?? 'private', user: over.user === undefined ? 'u1' : over.user,
    subscribers: new Set(over.subscribers ?? ['A', 'B', 'C']), subscriptions: new Set(over.subscriptions ?? ['sub-1', 'sub-2']),
  } as unknown as Database;
}

describe('sandbox: push routing, who is notified', () => {
  it('notifies the subscribed devices of the database\'s user, except the originator, numbering pushes', () => {
    const r = rig(['A', 'B', 'C', 'D']);
    r.dev('C').user = 'u2';
    r.router.notify(db({ subscribers: ['A', 'B', 'C'] }), 'A');
    assert.deepEqual(r.lines, ['B sent P1 sub-1 from A']);
    r.router.notify(db(), null);
    assert.deepEqual(r.lines.slice(1), ['A sent P2 sub-1 from null', 'B sent P3 sub-1 from null']);
  });

  it('sends nothing for the public database', () => {
    const r = rig();
    r.router.notify(db({ scope: 'public', user: null }), null);
    assert.deepEqual(r.lines, []);
    assert.equal(r.clock.pending().length, 0);
  });

  it('names an empty subscription id when the database has none', () => {
    const r = rig(['A', 'B']);
    r.router.notify(db({ subscriptions: [] }), 'A');
    assert.deepEqual(r.lines, ['B sent P1  from A']);
  });
});

describe('sandbox: push routing, device policies', () => {
  it('deliver: the push arrives after the push latency and runs the device\'s handler as that device', () => {
    const r = rig(['A', 'B']);
    r.router.notify(db(), 'A');
    assert.deepEqual(r.clock.pending().map((t) => [t.at, t.label, t.device]), [[500, 'B: push P1 arrives', 'B']]);
    r.drain();
    assert.deepEqual(r.lines, ['B sent P1 sub-1 from A', 'B delivered P1']);
    assert.deepEqual(r.pushedWith, ['B']);
  });

  it('a quit app drops the push, before any other policy', () => {
    const r = rig(['A', 'B']);
    Object.assign(r.dev('B'), { appState: 'quit', pushPolicy: 'drop', network: { mode: 'offline' } });
    r.router.notify(db(), 'A');
    assert.deepEqual(r.lines, ['B sent P1 sub-1 from A', 'B dropped P1 appQuit']);
    assert.equal(r.clock.pending().length, 0);
  });

  it('drop drops every push, before the offline hold', () => {
    const r = rig(['A', 'B']);
    Object.assign(r.dev('B'), { pushPolicy: 'drop', network: { mode: 'offline' } });
    r.router.notify(db(), 'A');
    assert.deepEqual(r.lines.slice(1), ['B dropped P1 policy']);
    assert.equal(r.dev('B').heldPush, null);
  });

  it('offline holds one push, the newer replacing the older', () => {
    const r = rig(['A', 'B']);
    r.dev('B').network.mode = 'offline';
    r.clock.now = 70;
    r.router.notify(db(), 'A');
    r.router.notify(db(), 'A');
    assert.deepEqual(r.lines, ['B sent P1 sub-1 from A', 'B held P1 offline', 'B sent P2 sub-1 from A', 'B coalesced P2 replaces P1', 'B held P2 offline']);
    assert.deepEqual(r.dev('B').heldPush, { pushId: 'P2', sinceT: 70 });
    assert.equal(r.clock.pending().length, 0);
  });

  it('delay: the push is held for the device\'s delay instead of the latency', () => {
    const r = rig(['A', 'B']);
    Object.assign(r.dev('B'), { pushPolicy: 'delay', pushDelayMs: 7_000 });
    r.router.notify(db(), 'A');
    assert.deepEqual(r.lines.slice(1), ['B held P1 delay']);
    assert.deepEqual(r.drain(), ['7000 B: push P1 arrives']);
    assert.deepEqual(r.lines.slice(2), ['B delivered P1']);
  });

  it('coalesce: pushes are held and the newest is delivered when the one window ends', () => {
    const r = rig(['A', 'B']);
    r.dev('B').pushPolicy = 'coalesce';
    r.router.notify(db(), 'A');
    r.clock.now = 10_000;
    r.router.notify(db(), 'A');
    assert.deepEqual(r.clock.pending().map((t) => [t.at, t.label]), [[30_000, 'B: coalesced push window ends']]);
    assert.deepEqual(r.drain(), ['30000 B: coalesced push window ends']);
    assert.deepEqual(r.lines, [
      'B sent P1 sub-1 from A', 'B held P1 coalesce', 'B sent P2 sub-1 from A', 'B coalesced P2 replaces P1', 'B held P2 coalesce', 'B delivered P2',
    ]);
    assert.equal(r.dev('B').heldPush, null);
    // The window is over: the next push opens a new one.
    r.router.notify(db(), 'A');
    assert.deepEqual(r.clock.pending().map((t) => [t.at, t.label]), [[60_000, 'B: coalesced push window ends']]);
  });

  it('coalesce: a window that ends while offline keeps the held push', () => {
    const r = rig(['A', 'B']);
    r.dev('B').pushPolicy = 'coalesce';
    r.router.notify(db(), 'A');
    r.dev('B').network.mode = 'offline';
    r.drain();
    assert.deepEqual(r.dev('B').heldPush, { pushId: 'P1', sinceT: 0 });
    assert.equal(r.lines.includes('B delivered P1'), false);
  });

  it('the policy at arrival time decides: quit drops, drop drops, offline holds', () => {
    for (const [change, line] of [
      [{ appState: 'quit' }, 'B dropped P1 appQuit'],
      [{ pushPolicy: 'drop' }, 'B dropped P1 policy'],
      [{ network: { mode: 'offline' } }, 'B held P1 offline'],
    ] as const) {
      const r = rig(['A', 'B']);
      r.router.notify(db(), 'A');
      Object.assign(r.dev('B'), change);
      r.drain();
      assert.deepEqual(r.lines.slice(1), [line]);
      assert.equal(r.dev('B').pushes, 0);
    }
  });
});

describe('sandbox: push routing, held pushes', () => {
  it('releaseHeldPush delivers the held push after the latency and closes a coalescing window', () => {
    const r = rig(['A', 'B']);
    r.dev('B').pushPolicy = 'coalesce';
    r.router.notify(db(), 'A');
    r.clock.now = 1_000;
    r.router.releaseHeldPush('B');
    assert.equal(r.dev('B').heldPush, null);
    assert.deepEqual(r.clock.pending().map((t) => [t.at, t.label]), [[1_500, 'B: held push P1 arrives']]);
    r.drain();
    assert.deepEqual(r.lines.slice(-1), ['B delivered P1']);
    assert.deepEqual(r.pushedWith, ['B']);
  });

  it('releaseHeldPush does nothing without a held push, while offline or with the app quit', () => {
    const r = rig(['A', 'B']);
    r.router.releaseHeldPush('B');
    assert.equal(r.clock.pending().length, 0);
    r.dev('B').network.mode = 'offline';
    r.router.notify(db(), 'A');
    r.router.releaseHeldPush('B');
    assert.equal(r.dev('B').heldPush?.pushId, 'P1');
    r.dev('B').network.mode = 'online';
    r.dev('B').appState = 'quit';
    r.router.releaseHeldPush('B');
    assert.equal(r.dev('B').heldPush?.pushId, 'P1');
    assert.equal(r.clock.pending().length, 0);
  });

  it('discardHeldPush drops the held push as appQuit, and does nothing without one', () => {
    const r = rig(['A', 'B']);
    r.router.discardHeldPush('B');
    assert.deepEqual(r.lines, []);
    r.dev('B').network.mode = 'offline';
    r.router.notify(db(), 'A');
    r.router.discardHeldPush('B');
    assert.deepEqual(r.lines.slice(-1), ['B dropped P1 appQuit']);
    assert.equal(r.dev('B').heldPush, null);
  });
});

describe('sandbox: push routing with a push budget', () => {
  it('reports each decision with the credit rounded to two decimals', () => {
    const r = rig(['A', 'B']);
    r.dev('B').sharing.budget = { ...newBudget('noData', 0), credit: 1 / 3 };
    r.router.notify(db(), 'A');
    // 1/3 + 0.5 = 0.8333 → coalesced, credit 0.83 as reported (the budget keeps the exact value).
    assert.deepEqual(r.lines.slice(1), ['B budget P1 coalesced noData 0.83', 'B held P1 coalesce']);
    assert.equal(r.dev('B').sharing.budget?.credit, 1 / 3 + 0.5);
  });

  it('a coalesced decision holds the push; the next delivered one replaces it', () => {
    const r = rig(['A', 'B']);
    r.dev('B').sharing.budget = newBudget('noData', 0);
    r.router.notify(db(), 'A'); // delivered, credit 0
    r.router.notify(db(), 'A'); // coalesced, credit 0.5
    r.router.notify(db(), 'A'); // delivered, replaces the held P2
    assert.deepEqual(r.lines, [
      'B sent P1 sub-1 from A', 'B budget P1 delivered noData 0',
      'B sent P2 sub-1 from A', 'B budget P2 coalesced noData 0.5', 'B held P2 coalesce',
      'B sent P3 sub-1 from A', 'B budget P3 delivered noData 0', 'B coalesced P3 replaces P2',
    ]);
    assert.equal(r.dev('B').heldPush, null);
    assert.deepEqual(r.clock.pending().map((t) => [t.at, t.label]), [[500, 'B: push P1 arrives'], [500, 'B: push P3 arrives']]);
  });

  it('a dropped decision drops the push for the budget', () => {
    const r = rig(['A', 'B']);
    r.dev('B').sharing.budget = newBudget('none', 0);
    r.router.notify(db(), 'A');
    r.router.notify(db(), 'A');
    assert.deepEqual(r.lines.slice(3), ['B budget P2 dropped none 0', 'B dropped P2 budget']);
    assert.deepEqual(r.clock.pending().map((t) => t.label), ['B: push P1 arrives']);
  });

  it('a delayed decision adds the handler time to the latency (or to a delay policy\'s delay)', () => {
    const r = rig(['A', 'B', 'C']);
    r.dev('B').sharing.budget = newBudget('newData', 12_000);
    Object.assign(r.dev('C'), { pushPolicy: 'delay', pushDelayMs: 1_000, sharing: { budget: newBudget('newData', 12_000) } });
    r.router.notify(db(), 'A');
    assert.deepEqual(r.clock.pending().map((t) => [t.at, t.label]), [[12_500, 'B: push P1 arrives'], [13_000, 'C: push P2 arrives']]);
  });
});
