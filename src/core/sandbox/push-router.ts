import type { SandboxEventBody, SandboxOptions } from './api';
import type { TaskQueue } from './clock';
import type { Device } from './device/device';
import type { Database } from './server/storage';
import { decidePush } from './push-budget';

/**
 * Push routing (APNs + apsd, reference/sync-semantics.md §2.5): a database change notifies its subscribers'
 * devices except the originator; each device's push policy delivers, delays, drops or coalesces the push,
 * and a device that is offline holds one pending push until it comes back.
 */
export interface PushRouterDeps {
  readonly clock: TaskQueue;
  readonly devices: ReadonlyMap<string, Device>;
  options(): SandboxOptions;
  emit(body: SandboxEventBody, device?: string): void;
  /** Runs `fn` with events attributed to device `id`. */
  withDevice<T>(id: string, fn: () => T): T;
}

export class PushRouter {
  private pushCounter = 0;
  private readonly coalesceTasks = new Map<string, ReturnType<TaskQueue['schedule']>>();

  constructor(private readonly deps: PushRouterDeps) {}


  notify(db: Database, originator: string | null): void {
    if (db.scope === 'public') return; // no push for the public database: it is polled (TN3163)
    for (const [id, d] of this.deps.devices) {
      if (!db.subscribers.has(id) || d.user !== db.user) continue;
      // "When appropriate, the server excludes the device where the change originates" [doc CKSubscription].
      if (id === originator) continue;
      const pushId = `P${++this.pushCounter}`;
      this.deps.emit({ kind: 'push.sent', pushId, subscriptionId: [...db.subscriptions][0] ?? '', originator }, id);
      this.route(d, pushId);
    }
  }

  private route(d: Device, pushId: string): void {
    const id = d.id;
    if (d.appState === 'quit') { this.deps.emit({ kind: 'push.dropped', pushId, reason: 'appQuit' }, id); return; }
    if (d.pushPolicy === 'drop') { this.deps.emit({ kind: 'push.dropped', pushId, reason: 'policy' }, id); return; }
    if (d.network.mode === 'offline') { this.hold(d, pushId, 'offline'); return; }
    if (d.pushPolicy === 'coalesce') {
      this.hold(d, pushId, 'coalesce');
      if (!this.coalesceTasks.has(id)) {
        this.coalesceTasks.set(id, this.deps.clock.schedule(this.deps.options().coalesceWindowMs, `${id}: coalesced push window ends`, () => {
          this.coalesceTasks.delete(id);
          this.flushHeld(d);
        }, id));
      }
      return;
    }
    let extraDelay = 0;
    const budget = d.sharing.budget;
    if (budget) {
      // Opt-in push budget (OBSERVED behaviour, modelled in push-budget.ts).
      const verdict = decidePush(budget, this.deps.clock.now);
      this.deps.emit({ kind: 'push.budget', pushId, decision: verdict.decision, answer: budget.answer, credit: Math.round(budget.credit * 100) / 100 }, id);
      if (verdict.decision === 'dropped') { this.deps.emit({ kind: 'push.dropped', pushId, reason: 'budget' }, id); return; }
      if (verdict.decision === 'coalesced') { this.hold(d, pushId, 'coalesce'); return; }
      if (verdict.decision === 'delayed') extraDelay = verdict.delayMs;
      if (d.heldPush) { this.deps.emit({ kind: 'push.coalesced', pushId, replacedPushId: d.heldPush.pushId }, id); d.heldPush = null; }
    }
    const delay = (d.pushPolicy === 'delay' ? d.pushDelayMs : this.deps.options().pushLatencyMs) + extraDelay;
    if (d.pushPolicy === 'delay') this.deps.emit({ kind: 'push.held', pushId, reason: 'delay' }, id);
    this.deps.clock.schedule(delay, `${id}: push ${pushId} arrives`, () => this.deliver(d, pushId), id);
  }

  /** APNs / iOS keep one pending background push per app; a newer one replaces it [doc APNS, BGPUSH]. */
  private hold(d: Device, pushId: string, reason: 'offline' | 'coalesce'): void {
    if (d.heldPush) this.deps.emit({ kind: 'push.coalesced', pushId, replacedPushId: d.heldPush.pushId }, d.id);
    d.heldPush = { pushId, sinceT: this.deps.clock.now };
    this.deps.emit({ kind: 'push.held', pushId, reason }, d.id);
  }

  private deliver(d: Device, pushId: string): void {
    if (d.appState === 'quit') { this.deps.emit({ kind: 'push.dropped', pushId, reason: 'appQuit' }, d.id); return; }
    if (d.pushPolicy === 'drop') { this.deps.emit({ kind: 'push.dropped', pushId, reason: 'policy' }, d.id); return; }
    if (d.network.mode === 'offline') { this.hold(d, pushId, 'offline'); return; }
    this.deps.emit({ kind: 'push.delivered', pushId }, d.id);
    this.deps.withDevice(d.id, () => d.onPush());
  }

  private flushHeld(d: Device): void {
    const held = d.heldPush;
    if (!held || d.network.mode === 'offline') return;
    d.heldPush = null;
    this.deliver(d, held.pushId);
  }

  releaseHeldPush(id: string): void {
    const d = this.deps.devices.get(id)!;
    if (!d.heldPush || d.network.mode === 'offline' || d.appState === 'quit') return;
    const t = this.coalesceTasks.get(id);
    if (t) { this.deps.clock.cancel(t); this.coalesceTasks.delete(id); }
    const held = d.heldPush;
    d.heldPush = null;
    this.deps.clock.schedule(this.deps.options().pushLatencyMs, `${id}: held push ${held.pushId} arrives`, () => this.deliver(d, held.pushId), id);
  }

  discardHeldPush(id: string): void {
    const d = this.deps.devices.get(id)!;
    if (!d.heldPush) return;
    this.deps.emit({ kind: 'push.dropped', pushId: d.heldPush.pushId, reason: 'appQuit' }, id);
    d.heldPush = null;
  }
}
