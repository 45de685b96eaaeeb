import type { SandboxInput, ShareParticipantInput, ShareParticipantSnapshot } from '../api';
import { SandboxInputError, isShareZone, shareZoneName } from '../api';
import { MANY_TO_MANY_RECORD_TYPE } from '../../cloudkit/mapping';
import { commitImport } from './apply-records';
import type { DeviceContext } from './device-context';
import { deleteLocal } from './local-saves';
import type { LocalShare } from './sharing-state';
import { storeView } from './store-view';
import { TxnBuilder } from './store';
import type { LocalStore } from './store';

/**
 * The share actions of NSPersistentCloudKitContainer on one device (reference/sharing.md, S§n): `share(_:to:)`,
 * `acceptShareInvitations`, leaving, stopping, `purgeObjectsAndRecordsInZone`, `persistUpdatedShare`. Each
 * changes local state at once (as the API's completion does: "not necessarily when the objects have been
 * exported", S§2) and queues the CloudKit work for the device's next export or import.
 */

function requireUser(ctx: DeviceContext, what: string): string {
  if (ctx.user === null) throw new SandboxInputError(`${what}: device ${ctx.id} is not signed in to an Apple ID`);
  if (ctx.appState === 'quit') throw new SandboxInputError(`${what}: the app on ${ctx.id} is not running`);
  return ctx.user;
}

/** Every object reached from `ids` through relationships: "a deep traversal ... related objects will also be shared" [doc HDR-SHARING]. */
export function objectGraph(ctx: DeviceContext, ids: readonly string[]): { objects: string[]; links: string[] } {
  const seen = new Set<string>();
  const links = new Set<string>();
  const stack = [...ids];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    const o = ctx.store.objects.get(id);
    if (!o) continue;
    seen.add(id);
    for (const t of Object.values(o.toOne)) if (t !== null) stack.push(t);
    for (const r of ctx.store.referrers(id)) stack.push(r.id);
    for (const name of ctx.store.linkNamesOf(id)) {
      links.add(name);
      const l = ctx.store.links.get(name)!;
      stack.push(l.a === id ? l.b : l.a);
    }
  }
  return { objects: [...seen].sort(), links: [...links].sort() };
}

function participantsOf(owner: string, invited: readonly ShareParticipantInput[] | undefined): ShareParticipantSnapshot[] {
  const out: ShareParticipantSnapshot[] = [{ user: owner, role: 'owner', permission: 'readWrite', status: 'accepted' }];
  for (const p of invited ?? []) {
    if (p.user === owner || out.some((x) => x.user === p.user)) continue;
    // Defaults for an added participant: role privateUser, permission readOnly (S§4).
    out.push({ user: p.user, role: 'privateUser', permission: p.permission ?? 'readOnly', status: 'pending' });
  }
  return out;
}

export interface ShareRequest {
  readonly objects: readonly string[];
  readonly toShare?: string;
  readonly shareId?: string;
  readonly participants?: readonly ShareParticipantInput[];
  readonly title?: string;
  readonly thumbnailBytes?: number;
}

/** `share(_:to:)`: moves the object graph into a share zone; false when NSPCKC fails the call (event share.failed). */
export function share(ctx: DeviceContext, req: ShareRequest): boolean {
  const owner = requireUser(ctx, 'share');
  for (const id of req.objects) if (!ctx.store.objects.has(id)) throw new SandboxInputError(`share: no object '${id}' in the private store of ${ctx.id}`);
  if (req.objects.length === 0) throw new SandboxInputError('share: give at least one object');
  const fail = (message: string, zone: string | null): false => {
    ctx.emit({ kind: 'share.failed', action: 'share', zone, message, error: null });
    return false;
  };
  const graph = objectGraph(ctx, req.objects);
  let zone: string;
  let existing: LocalShare | undefined;
  if (req.toShare !== undefined) {
    zone = shareZoneName(req.toShare);
    existing = ctx.sharing.shares.get(zone);
    if (!existing || existing.store !== 'private' || existing.needsDelete) return fail(`share: ${zone} is not a share this user owns`, zone);
  } else {
    zone = shareZoneName(req.shareId ?? ctx.host.prng.uuid());
    if (ctx.sharing.shares.has(zone)) throw new SandboxInputError(`share: a share ${zone} already exists on ${ctx.id}`);
  }
  // HDR-SHARING: fails if an object, or one reached, is already shared (one zone per object; no cross-share graph).
  const already = graph.objects.find((id) => { const z = ctx.sharing.zoneOf.get(id); return z !== undefined && z !== zone; });
  if (already !== undefined) return fail(`share: object '${already}' is already shared in ${ctx.sharing.zoneOf.get(already)} (an object graph can belong to one share only)`, zone);
  if (!existing) {
    existing = {
      zone, owner, store: 'private', participants: participantsOf(owner, req.participants), title: req.title ?? null,
      thumbnailBytes: req.thumbnailBytes ?? 0, changeTag: null, needsZone: true, needsUpdate: true, needsDelete: false, purgeAfterDelete: false,
    };
    ctx.sharing.shares.set(zone, existing);
  }
  const model = ctx.host.model;
  const txn = ctx.store.lastTxn;
  const moved: string[] = [];
  for (const id of graph.objects) {
    if (ctx.sharing.zoneOf.get(id) === zone) continue;
    const o = ctx.store.objects.get(id)!;
    ctx.sharing.zoneOf.set(id, zone);
    // The record moves: a new record in the share zone, the old one deleted from the Core Data zone (obs FBM).
    if (o.onServer || ctx.inFlight.has(id)) ctx.sharing.movedOut.set(id, model.entity(o.entity)!.recordType);
    o.changeTag = null;
    o.onServer = false;
    ctx.store.markDirty(o, model.entity(o.entity)!.recordType, null, txn);
    moved.push(id);
  }
  for (const name of graph.links) {
    if (ctx.sharing.zoneOf.get(name) === zone) continue;
    ctx.sharing.zoneOf.set(name, zone);
    ctx.sharing.movedOut.set(name, MANY_TO_MANY_RECORD_TYPE);
    ctx.store.markDirty({ id: name, entity: MANY_TO_MANY_RECORD_TYPE }, MANY_TO_MANY_RECORD_TYPE, null, txn);
  }
  ctx.emit({ kind: 'share.created', zone, owner, objectCount: moved.length, ids: moved.slice(0, ctx.opts.eventDetailLimit), reused: req.toShare !== undefined });
  ctx.request('export', 'Share', false);
  return true;
}

/** `acceptShareInvitations(from:into:)` into the shared store (S§5); the CKAcceptSharesOperation runs in the next import. */
export function acceptShare(ctx: DeviceContext, share: string): void {
  requireUser(ctx, 'acceptShare');
  const zone = shareZoneName(share);
  if (!ctx.sharing.pendingAccepts.includes(zone)) ctx.sharing.pendingAccepts.push(zone);
  ctx.request('import', 'AcceptShare', false);
}

/** The participant leaves: the share is deleted from their shared database, then the graph from the shared store (S§8). */
export function leaveShare(ctx: DeviceContext, share: string, purge = false): void {
  requireUser(ctx, 'leaveShare');
  const zone = shareZoneName(share);
  const s = ctx.sharing.shares.get(zone);
  if (!s || s.store !== 'shared') throw new SandboxInputError(`leaveShare: ${ctx.id} is not a participant of ${zone} (accept it first)`);
  ctx.sharing.pendingLeaves.push({ zone, purge });
  ctx.request('export', 'LeaveShare', false);
}

/** The owner deletes the share (stops sharing); `purge` also deletes the zone and its local objects (S§8). */
export function stopSharing(ctx: DeviceContext, share: string, purge: boolean): void {
  requireUser(ctx, 'stopSharing');
  const zone = shareZoneName(share);
  const s = ctx.sharing.shares.get(zone);
  if (!s || s.store !== 'private') throw new SandboxInputError(`stopSharing: ${zone} is not a share owned on ${ctx.id}`);
  s.needsDelete = true;
  s.purgeAfterDelete = purge;
  if (purge) {
    purgeLocalZone(ctx, zone, 'private', 'purged');
    ctx.sharing.shares.set(zone, s); // the share itself is deleted by the next export
  }
  ctx.request('export', 'StopSharing', false);
}

/** `purgeObjectsAndRecordsInZone(with:in:)`: the owner deletes the zone; a participant leaves it; local objects go at once. */
export function purgeZone(ctx: DeviceContext, share: string): void {
  requireUser(ctx, 'purgeZone');
  const zone = shareZoneName(share);
  const s = ctx.sharing.shares.get(zone);
  const ownsObjects = [...ctx.sharing.zoneOf.values()].includes(zone);
  // Leave first: the local purge forgets the share, and leaveShare needs it (it threw after the purge).
  if (s?.store === 'shared') { leaveShare(ctx, zone, true); purgeLocalZone(ctx, zone, 'shared', 'purged'); return; }
  if (!s && !ownsObjects) throw new SandboxInputError(`purgeZone: ${zone} is not a share zone known on ${ctx.id}`);
  purgeLocalZone(ctx, zone, 'private', 'purged');
  if (s) s.needsDelete = false;
  if (!ctx.sharing.pendingPurges.includes(zone)) ctx.sharing.pendingPurges.push(zone);
  ctx.request('export', 'PurgeZone', false);
}

/** `persistUpdatedShare(_:in:)` after the owner edited the share with CloudKit APIs (S§7). */
export function persistUpdatedShare(ctx: DeviceContext, share: string, add: readonly ShareParticipantInput[] | undefined, remove: readonly string[] | undefined, title: string | undefined, thumbnailBytes: number | undefined): void {
  requireUser(ctx, 'persistUpdatedShare');
  const zone = shareZoneName(share);
  const s = ctx.sharing.shares.get(zone);
  if (!s || s.store !== 'private') throw new SandboxInputError(`persistUpdatedShare: ${zone} is not a share owned on ${ctx.id}`);
  const removed = new Set(remove ?? []);
  s.participants = s.participants.filter((p) => p.role === 'owner' || !removed.has(p.user));
  for (const p of add ?? []) {
    const cur = s.participants.find((x) => x.user === p.user);
    if (cur) { if (cur.role !== 'owner') s.participants[s.participants.indexOf(cur)] = { ...cur, permission: p.permission ?? cur.permission }; }
    else s.participants.push({ user: p.user, role: 'privateUser', permission: p.permission ?? 'readOnly', status: 'pending' });
  }
  if (title !== undefined) s.title = title;
  if (thumbnailBytes !== undefined) s.thumbnailBytes = thumbnailBytes;
  s.needsUpdate = true;
  ctx.request('export', 'PersistUpdatedShare', false);
}

/**
 * Removes a share zone's objects from a local store (purge, stop, leave, zone deleted) without exporting:
 * the zone-deleted import "purges local rows and zone metadata" for the shared scope (RE OCD
 * OCCloudKitImporterZoneDeletedWorkItem). Returns the number of objects removed.
 */
export function purgeLocalZone(ctx: DeviceContext, zone: string, store: 'private' | 'shared', reason: 'stopped' | 'left' | 'purged' | 'deleted'): number {
  const map = store === 'private' ? ctx.sharing.zoneOf : ctx.sharing.sharedZoneOf;
  const target: LocalStore = store === 'private' ? ctx.store : ctx.sharing.sharedStore;
  const view = storeView(ctx, target);
  const txn = new TxnBuilder('NSCloudKitMirroringDelegate.import');
  const before = target.objects.size;
  const seen = new Set<string>();
  for (const [id, z] of [...map]) {
    if (z !== zone) continue;
    map.delete(id);
    ctx.sharing.movedOut.delete(id);
    ctx.sharing.rejected.delete(id);
    if (target.objects.has(id)) deleteLocal(view, txn, id, 0, false, seen); else target.dirty.delete(id);
  }
  const n = before - target.objects.size;
  commitImport(view, txn);
  ctx.sharing.shares.delete(zone);
  for (const k of [...ctx.sharing.zoneTokens.keys()]) if (k.endsWith(`:${zone}`)) ctx.sharing.zoneTokens.delete(k);
  if (isShareZone(zone)) ctx.emit({ kind: 'share.zoneRemoved', zone, store, objectsRemoved: n, reason });
  return n;
}

/** Checks a sharing input against the device before it is recorded (the actions themselves then cannot throw). */
export function checkSharingInput(ctx: DeviceContext, input: SandboxInput): void {
  if (input.type === 'setPushResponse') return;
  if (!('device' in input)) return;
  requireUser(ctx, input.type);
  switch (input.type) {
    case 'share': {
      if (input.objects.length === 0) throw new SandboxInputError('share: give at least one object');
      for (const id of input.objects) if (!ctx.store.objects.has(id)) throw new SandboxInputError(`share: no object '${id}' in the private store of ${ctx.id}`);
      if (input.toShare === undefined && input.shareId !== undefined && ctx.sharing.shares.has(shareZoneName(input.shareId))) throw new SandboxInputError(`share: a share ${shareZoneName(input.shareId)} already exists on ${ctx.id}`);
      break;
    }
    case 'leaveShare': {
      const s = ctx.sharing.shares.get(shareZoneName(input.share));
      if (!s || s.store !== 'shared') throw new SandboxInputError(`leaveShare: ${ctx.id} is not a participant of ${shareZoneName(input.share)} (accept it and import first)`);
      break;
    }
    case 'stopSharing': case 'persistUpdatedShare': {
      const s = ctx.sharing.shares.get(shareZoneName(input.share));
      if (!s || s.store !== 'private') throw new SandboxInputError(`${input.type}: ${shareZoneName(input.share)} is not a share owned on ${ctx.id}`);
      break;
    }
    case 'purgeZone': {
      const zone = shareZoneName(input.share);
      if (!ctx.sharing.shares.has(zone) && ![...ctx.sharing.zoneOf.values()].includes(zone)) throw new SandboxInputError(`purgeZone: ${zone} is not a share zone known on ${ctx.id}`);
      break;
    }
    default: break;
  }
}
