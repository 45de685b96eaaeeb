import { COREDATA_ZONE, MANY_TO_MANY_RECORD_TYPE } from '../../../cloudkit/mapping';
import type { AttrValue, CKErrorInfo, DatabaseScope, FieldValue, RecordRef } from '../../api';
import { SHARE_RECORD_TYPE, ZONE_WIDE_SHARE_NAME, formatCKError } from '../../api';
import { ckError } from '../../errors';
import { PARTICIPANTS_FIELD, decodeParticipants, encodeParticipants } from '../../server/shares';
import type { RecordSave, ServerResponse } from '../../server/wire';
import { buildRecordFields } from '../codec';
import type { Act, DeviceContext, Effect, Outcome } from '../device-context';
import { call } from '../device-context';
import { purgeLocalZone } from '../share-actions';
import type { LocalShare } from '../sharing-state';
import type { LocalStore } from '../store';
import { exportAct } from './export';

/**
 * Export with sharing (reference/sharing.md, S§n): before the Core Data zone's export, new objects related
 * to shared ones join their share zone (RE OCD: the exporter derives an object's zone from its related
 * objects); after it, the share work: leaving, new share zones (the 1,000-zone limit, TN3164), the objects of
 * each share zone, records moved out of the Core Data zone, share records (always ifServerRecordUnchanged;
 * "record too large" logged as TN3164 shows it), stopping and purging, and a participant's edits to the
 * shared database (a read-only participant's are refused with permissionFailure 10 and kept unsynced).
 */
export function* shareExportAct(ctx: DeviceContext, label: string): Act {
  assignZones(ctx);
  const r = yield* exportAct(ctx, label);
  if (r.error !== null || r.silent || ctx.setup !== 'succeeded') return r;
  return yield* shareExportBody(ctx);
}

const STRING_TYPE = { kind: 'primitive', base: 'STRING', encrypted: false } as const;
const BYTES_TYPE = { kind: 'primitive', base: 'BYTES', encrypted: false } as const;

/** New objects related to a shared object belong to its zone (private store: owner; shared store: participant). */
export function assignZones(ctx: DeviceContext): void {
  const s = ctx.sharing;
  for (const [store, map] of [[ctx.store, s.zoneOf], [s.sharedStore, s.sharedZoneOf]] as const) {
    if (map.size === 0) continue;
    for (const [id, d] of store.dirty) {
      if (map.has(id) || d.deleted) continue;
      const z = relatedZone(store, map, id);
      if (z !== undefined) map.set(id, z);
    }
  }
}

function relatedZone(store: LocalStore, map: ReadonlyMap<string, string>, id: string): string | undefined {
  const link = store.links.get(id);
  if (link) return map.get(link.a) ?? map.get(link.b);
  const o = store.objects.get(id);
  if (!o) return undefined;
  for (const t of Object.values(o.toOne)) if (t !== null && map.has(t)) return map.get(t);
  for (const r of store.referrers(id)) if (map.has(r.id)) return map.get(r.id);
  return undefined;
}

export function* shareExportBody(ctx: DeviceContext): Generator<Effect, Outcome, ServerResponse | undefined> {
  const s = ctx.sharing;
  // Leaving: delete the share from this user's shared database (S§8 "Remove Me").
  while (s.pendingLeaves.length > 0) {
    const { zone, purge } = s.pendingLeaves[0];
    const res = yield* call({ op: 'modifyRecords', database: 'shared', zone, saves: [], deletes: [{ recordName: ZONE_WIDE_SHARE_NAME, recordType: SHARE_RECORD_TYPE }], savePolicy: 'changedKeys', atomic: true, assets: new Map() });
    s.pendingLeaves.shift();
    if (res.error && !isGone(res.error)) { failed(ctx, purge ? 'purge' : 'leave', zone, res.error); continue; }
    purgeLocalZone(ctx, zone, 'shared', purge ? 'purged' : 'left');
  }
  for (const share of [...s.shares.values()]) {
    if (share.store !== 'private' || !share.needsZone) continue;
    const res = yield* call({ op: 'modifyRecordZones', database: 'private', saveZones: [share.zone], deleteZones: [] });
    ctx.emit({ kind: 'engine.sentDatabaseChanges', savedZones: res.error ? [] : [share.zone], deletedZones: [], savedSubscriptions: [], error: res.error });
    if (res.error) {
      // TN3164: each share is a new zone and zones are limited to 1,000 (server.ts modifyZones); reuse shares instead.
      const advice = res.error.code === 27 ? ' (TN3164: every share creates a record zone, and there can be at most 1,000; add objects to an existing share instead)' : '';
      ctx.emit({ kind: 'share.failed', action: 'share', zone: share.zone, message: `Failed to create the share zone ${share.zone}${advice}`, error: res.error });
      unshare(ctx, share);
      continue;
    }
    share.needsZone = false;
  }
  // The objects of each share zone, then the share records (a share must not outrun its records).
  const byZone = new Map<string, string[]>();
  for (const id of ctx.store.dirty.keys()) {
    const z = s.zoneOf.get(id);
    if (z === undefined || s.shares.get(z)?.needsZone) continue;
    let l = byZone.get(z);
    if (!l) { l = []; byZone.set(z, l); }
    l.push(id);
  }
  for (const [zone, ids] of byZone) {
    const e = yield* sendZone(ctx, ctx.store, 'private', zone, ids);
    if (e && (e.code === 26 || e.code === 28)) purgeLocalZone(ctx, zone, 'private', 'deleted');
  }
  // Records moved into share zones leave the Core Data zone.
  for (let batch = 0; s.movedOut.size > 0 && batch < 10_000; batch++) {
    const deletes: RecordRef[] = [];
    for (const [name, recordType] of s.movedOut) {
      if (ctx.store.dirty.has(name) && s.zoneOf.has(name)) continue; // not yet saved in its share zone
      deletes.push({ recordName: name, recordType });
      if (deletes.length >= ctx.opts.exportMaxRecords) break;
    }
    if (deletes.length === 0) break;
    const res = yield* call({ op: 'modifyRecords', database: 'private', zone: COREDATA_ZONE, saves: [], deletes, savePolicy: ctx.opts.exportSavePolicy, atomic: true, assets: new Map() });
    if (res.error && !isGone(res.error)) break;
    for (const d of deletes) s.movedOut.delete(d.recordName);
  }
  for (const share of [...s.shares.values()]) {
    if (share.store !== 'private' || share.needsZone) continue;
    if (share.needsDelete) yield* deleteShare(ctx, share);
    else if (share.needsUpdate) yield* saveShare(ctx, share);
  }
  while (s.pendingPurges.length > 0) {
    const zone = s.pendingPurges.shift()!;
    const res = yield* call({ op: 'modifyRecordZones', database: 'private', saveZones: [], deleteZones: [zone] });
    ctx.emit({ kind: 'engine.sentDatabaseChanges', savedZones: [], deletedZones: res.error ? [] : [zone], savedSubscriptions: [], error: res.error });
  }
  // A participant's edits go to the owner's zone through the shared database.
  const sharedByZone = new Map<string, string[]>();
  for (const id of s.sharedStore.dirty.keys()) {
    if (s.rejected.has(id)) continue;
    const z = s.sharedZoneOf.get(id);
    if (z === undefined) {
      // RE OCD: an object in the shared store with nothing relating it to a share zone cannot be exported.
      s.rejected.add(id);
      ctx.emit({ kind: 'share.failed', action: 'export', zone: null, message: `Failed to assign an object to a record zone. This usually means the object exists in a shared database and has no related object in a share zone: ${id}`, error: null });
      continue;
    }
    let l = sharedByZone.get(z);
    if (!l) { l = []; sharedByZone.set(z, l); }
    l.push(id);
  }
  for (const [zone, ids] of sharedByZone) {
    const e = yield* sendZone(ctx, s.sharedStore, 'shared', zone, ids);
    if (e && (e.code === 26 || e.code === 28)) purgeLocalZone(ctx, zone, 'shared', 'deleted');
  }
  return { error: null };
}

/** One zone's dirty objects, in batches; permission failures mark the objects rejected (kept unsynced, design). */
function* sendZone(ctx: DeviceContext, store: LocalStore, database: DatabaseScope, zone: string, ids: readonly string[]): Generator<Effect, CKErrorInfo | null, ServerResponse | undefined> {
  const opts = ctx.opts;
  const model = ctx.host.model;
  for (let i = 0; i < ids.length; i += opts.exportMaxRecords) {
    const saves: RecordSave[] = [];
    const deletes: RecordRef[] = [];
    const versions = new Map<string, number>();
    const assets = new Map<string, AttrValue>();
    for (const id of ids.slice(i, i + opts.exportMaxRecords)) {
      const d = store.dirty.get(id);
      if (!d) continue;
      versions.set(id, d.version);
      if (d.deleted) { deletes.push({ recordName: id, recordType: d.recordType }); continue; }
      if (d.recordType === MANY_TO_MANY_RECORD_TYPE) {
        const l = store.links.get(id);
        if (!l) { store.dirty.delete(id); continue; }
        saves.push({ recordName: id, recordType: MANY_TO_MANY_RECORD_TYPE, fields: { CD_entityNames: `${l.entityA}:${l.entityB}`, CD_recordNames: `${l.a}:${l.b}`, CD_relationships: `${l.relA}:${l.relB}` }, changeTag: null, types: { CD_entityNames: STRING_TYPE, CD_recordNames: STRING_TYPE, CD_relationships: STRING_TYPE } });
        continue;
      }
      const o = store.objects.get(id);
      if (!o) { store.dirty.delete(id); continue; }
      const info = model.entity(o.entity)!;
      const built = buildRecordFields(o, info, opts.exportSavePolicy === 'changedKeys' ? d.keys : null, opts.assetThresholdBytes, () => ctx.host.newAssetRef());
      for (const [ref, v] of built.assets) assets.set(ref, v);
      saves.push({ recordName: id, recordType: info.recordType, fields: built.fields, changeTag: o.changeTag, types: built.types });
    }
    if (saves.length + deletes.length === 0) continue;
    const res = yield* call({ op: 'modifyRecords', database, zone, saves, deletes, savePolicy: opts.exportSavePolicy, atomic: true, assets });
    if (res.op !== 'modifyRecords') return ckError(1);
    const result = res.result;
    const failedSaves: { record: RecordRef; error: CKErrorInfo }[] = [];
    if (result) {
      for (const sv of result.saved) {
        const o = store.objects.get(sv.recordName);
        if (o) { o.changeTag = sv.changeTag; o.onServer = true; }
        const d = store.dirty.get(sv.recordName);
        if (d && d.version === versions.get(sv.recordName)) store.dirty.delete(sv.recordName);
      }
      for (const name of result.deleted) {
        const d = store.dirty.get(name);
        if (d && d.version === versions.get(name)) store.dirty.delete(name);
      }
      for (const [name, e] of result.itemErrors) {
        const save = saves.find((x) => x.recordName === name);
        failedSaves.push({ record: { recordName: name, recordType: save?.recordType ?? '' }, error: e });
      }
    }
    ctx.emit({
      kind: 'engine.sentRecordZoneChanges', zone, saved: (result?.saved ?? []).slice(0, opts.eventDetailLimit).map((x) => ({ recordName: x.recordName, recordType: x.recordType })),
      savedCount: result?.saved.length ?? 0, failedSaves: failedSaves.slice(0, opts.eventDetailLimit), deleted: (result?.deleted ?? []).slice(0, opts.eventDetailLimit),
      deletedCount: result?.deleted.length ?? 0, failedDeletes: [],
    });
    if (!res.error) continue;
    if (result && [...result.itemErrors.values()].some((e) => e.code === 10)) {
      // S§6: CloudKit refuses the participant's write; NSPCKC's next step is unverified → keep the change unsynced (design).
      for (const id of versions.keys()) ctx.sharing.rejected.add(id);
      const first = [...result.itemErrors.values()].find((e) => e.code === 10)!;
      ctx.emit({ kind: 'share.failed', action: 'export', zone, message: `CloudKit refused ${versions.size} change(s) in ${zone}: ${formatCKError(first)}; the local change stays unsynced`, error: res.error });
      continue;
    }
    return res.error;
  }
  return null;
}

function shareFields(share: LocalShare): { fields: Record<string, FieldValue>; types: RecordSave['types'] } {
  const fields: Record<string, FieldValue> = {
    'cloudkit.type': 'com.apple.coredata.cloudkit.share',
    [PARTICIPANTS_FIELD]: encodeParticipants(share.participants),
  };
  const types: Record<string, typeof STRING_TYPE | typeof BYTES_TYPE> = { 'cloudkit.type': STRING_TYPE, [PARTICIPANTS_FIELD]: STRING_TYPE };
  if (share.title !== null) { fields['cloudkit.title'] = share.title; types['cloudkit.title'] = STRING_TYPE; }
  if (share.thumbnailBytes > 0) { fields['cloudkit.thumbnailImageData'] = { kind: 'bytes', length: share.thumbnailBytes }; types['cloudkit.thumbnailImageData'] = BYTES_TYPE; }
  return { fields, types };
}

/** The share record, with ifServerRecordUnchanged (S§3); one merge-and-retry after serverRecordChanged. */
function* saveShare(ctx: DeviceContext, share: LocalShare): Generator<Effect, void, ServerResponse | undefined> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const { fields, types } = shareFields(share);
    const res = yield* call({
      op: 'modifyRecords', database: 'private', zone: share.zone, saves: [{ recordName: ZONE_WIDE_SHARE_NAME, recordType: SHARE_RECORD_TYPE, fields, changeTag: share.changeTag, types }],
      deletes: [], savePolicy: 'ifServerRecordUnchanged', atomic: true, assets: new Map(),
    });
    if (res.op !== 'modifyRecords') return;
    const saved = res.result?.saved.find((x) => x.recordName === ZONE_WIDE_SHARE_NAME);
    const itemError = res.result?.itemErrors.get(ZONE_WIDE_SHARE_NAME);
    ctx.emit({
      kind: 'engine.sentRecordZoneChanges', zone: share.zone, saved: saved ? [{ recordName: ZONE_WIDE_SHARE_NAME, recordType: SHARE_RECORD_TYPE }] : [], savedCount: saved ? 1 : 0,
      failedSaves: itemError ? [{ record: { recordName: ZONE_WIDE_SHARE_NAME, recordType: SHARE_RECORD_TYPE }, error: itemError }] : [], deleted: [], deletedCount: 0, failedDeletes: [],
    });
    if (saved) { share.changeTag = saved.changeTag; share.needsUpdate = false; return; }
    const item = res.result?.itemErrors.get(ZONE_WIDE_SHARE_NAME) ?? res.error;
    if (item?.code === 14 && attempt === 0) {
      // Modelling choice (NSPCKC's merge is unverified): adopt the server's tag, keep our edits, add the server's other participants.
      const server = res.result?.serverRecords.get(ZONE_WIDE_SHARE_NAME);
      share.changeTag = server?.changeTag ?? share.changeTag;
      for (const p of decodeParticipants(server?.fields[PARTICIPANTS_FIELD])) {
        if (!share.participants.some((x) => x.user === p.user)) share.participants.push({ ...p });
      }
      continue;
    }
    share.needsUpdate = false;
    if (item) {
      // TN3164: "Called about a failure to save a share: <CKRecordID … recordName=cloudkit.zoneshare …> - <CKError … "Limit Exceeded" (27/2023); server message = "record too large">".
      ctx.emit({
        kind: 'share.failed', action: 'persistUpdatedShare', zone: share.zone,
        message: `Called about a failure to save a share: <CKRecordID: 0x0; recordName=${ZONE_WIDE_SHARE_NAME}, zoneID=${share.zone}:__defaultOwner__> - ${formatCKError(item).replace(/\s*\n\s*/g, ' ')}`,
        error: res.error,
      });
    }
    return;
  }
}

function* deleteShare(ctx: DeviceContext, share: LocalShare): Generator<Effect, void, ServerResponse | undefined> {
  const res = yield* call({ op: 'modifyRecords', database: 'private', zone: share.zone, saves: [], deletes: [{ recordName: ZONE_WIDE_SHARE_NAME, recordType: SHARE_RECORD_TYPE }], savePolicy: 'changedKeys', atomic: true, assets: new Map() });
  if (res.error && !isGone(res.error)) { failed(ctx, 'stop', share.zone, res.error); share.needsDelete = false; return; }
  ctx.sharing.shares.delete(share.zone);
  if (share.purgeAfterDelete && !ctx.sharing.pendingPurges.includes(share.zone)) ctx.sharing.pendingPurges.push(share.zone);
}

/** A share that could not be created: its objects go back to the Core Data zone. */
function unshare(ctx: DeviceContext, share: LocalShare): void {
  const model = ctx.host.model;
  for (const [id, z] of [...ctx.sharing.zoneOf]) {
    if (z !== share.zone) continue;
    ctx.sharing.zoneOf.delete(id);
    const wasOnServer = ctx.sharing.movedOut.delete(id);
    const o = ctx.store.objects.get(id);
    if (o) { o.onServer = wasOnServer; ctx.store.markDirty(o, model.entity(o.entity)!.recordType, null, ctx.store.lastTxn); }
  }
  ctx.sharing.shares.delete(share.zone);
}

function failed(ctx: DeviceContext, action: 'leave' | 'stop' | 'purge', zone: string, e: CKErrorInfo): void {
  ctx.emit({ kind: 'share.failed', action, zone, message: `${action} ${zone} failed: ${formatCKError(e).replace(/\s*\n\s*/g, ' ')}`, error: e });
}

function isGone(e: CKErrorInfo): boolean {
  return e.code === 26 || e.code === 28 || e.code === 11 || (e.code === 2 && (e.partialErrors ?? []).every((p) => p.error.code === 11 || p.error.code === 26));
}
