import type { DeviceSnapshot, InspectOptions, ObjectSnapshot } from '../api';
import type { EntityInfo } from './model-info';
import type { LocalObject } from './store';
import type { DeviceContext } from './device-context';
import { tokenString } from './device-context';

/**
 * The device as the inspector shows it: plain data, cut to the inspect window (offset/limit).
 */

export function snapshot(ctx: DeviceContext, options: InspectOptions = {}): DeviceSnapshot {
  const model = ctx.host.model;
  const offset = options.offset ?? 0;
  const limit = options.limit ?? 200;
  const objects: ObjectSnapshot[] = [];
  let matched = 0;
  for (const o of ctx.store.objects.values()) {
    if (options.entity !== undefined && o.entity !== options.entity) continue;
    matched++;
    if (matched <= offset || objects.length >= limit) continue;
    objects.push(objectSnapshot(ctx, o, model.entity(o.entity)!));
  }
  const h = ctx.store.history;
  return {
    id: ctx.id, name: ctx.name, user: ctx.user, network: { ...ctx.network }, appState: ctx.appState, pushPolicy: ctx.pushPolicy,
    scheduler: { ...ctx.scheduler }, heldPush: ctx.heldPush ? { ...ctx.heldPush } : null,
    mirroring: {
      setup: ctx.setup, setupError: ctx.setupError, databaseToken: tokenString('D', ctx.dbToken), zoneToken: tokenString('Z', ctx.zoneToken),
      publicHighWater: ctx.publicHighWater, pendingExportCount: ctx.store.dirty.size,
      exportedThroughTransaction: Math.min(ctx.store.lastTxn, ctx.store.oldestUnexportedTxn() - 1),
      running: ctx.running?.type ?? null, queued: ctx.queue.map((q) => ({ activity: q.type, label: q.label, requestId: q.requestId })),
      waitingUntilT: ctx.waitUntil, resetCount: ctx.resetCount, lastImportT: ctx.lastImportT, lastExportT: ctx.lastExportT,
    },
    objectCount: ctx.store.objects.size, objects, historyCount: h.length,
    firstHistoryTransaction: h.length > 0 ? h[0].seq : null, lastHistoryTransaction: h.length > 0 ? h[h.length - 1].seq : null,
    ui: { observesRemoteChanges: ctx.observesRemoteChanges, refreshedThroughTransaction: ctx.uiTransaction, stale: ctx.uiTransaction < ctx.store.lastTxn },
  };
}

function objectSnapshot(ctx: DeviceContext, o: LocalObject, info: EntityInfo): ObjectSnapshot {
  const relationships: Record<string, string | null | string[]> = {};
  for (const r of info.relationships.values()) {
    if (!r.toMany) {
      const t = o.toOne[r.name] ?? null;
      // A key whose object has not arrived yet reads as nil in the app (§5 #23).
      relationships[r.name] = t !== null && ctx.store.objects.has(t) ? t : null;
    } else if (r.manyToMany) {
      relationships[r.name] = ctx.store.linked(o.id, r.name).map((x) => x.id).filter((id) => ctx.store.objects.has(id)).sort();
    } else if (r.inverse) {
      relationships[r.name] = ctx.store.referrers(o.id, r.inverse).map((x) => x.id).filter((id) => ctx.store.objects.has(id)).sort();
    } else {
      relationships[r.name] = [];
    }
  }
  const d = ctx.store.dirty.get(o.id);
  const pendingKeys = !d ? [] : d.keys === null ? ['*'] : [...d.keys].sort();
  return { id: o.id, entity: o.entity, values: { ...o.values }, relationships, pendingKeys, changeTag: o.changeTag };
}
