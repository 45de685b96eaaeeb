import type { CKErrorInfo, DatabaseScope, RecordRef, ShareParticipantSnapshot } from '../../api';
import { SHARED_SUBSCRIPTION_ID, SHARE_RECORD_TYPE, ZONE_WIDE_SHARE_NAME, formatCKError, isShareZone } from '../../api';
import { ckError } from '../../errors';
import { PARTICIPANTS_FIELD, decodeParticipants } from '../../server/shares';
import type { ServerRecord } from '../../server/storage';
import type { ServerResponse } from '../../server/wire';
import { applyPage } from '../apply-records';
import type { Act, DeviceContext, Effect, Outcome } from '../device-context';
import { call } from '../device-context';
import { purgeLocalZone } from '../share-actions';
import { storeView } from '../store-view';
import { failOrRetry } from './outcome';
import { importAct } from './import';

/**
 * Import with sharing (reference/sharing.md, S§n): after the Core Data zone's import, accept pending
 * invitations (CKAcceptSharesOperation, S§5), keep a CKDatabaseSubscription on the shared database (S§9), then
 * fetch share zones: the owner's from the private database into the private store, the participant's from the
 * shared database into the shared store (database changes, then each zone's changes with its own token). A
 * deleted share zone purges the local objects (RE OCD ZoneDeletedWorkItem for the shared scope); a changed
 * participant list is reported as "joined / left" (the share record reappears in zone changes, S§3).
 */
export function* shareImportAct(ctx: DeviceContext, label: string): Act {
  const r = yield* importAct(ctx, label);
  if (r.error !== null || r.silent || ctx.setup !== 'succeeded') return r;
  return yield* shareImportBody(ctx);
}

export function* shareImportBody(ctx: DeviceContext): Generator<Effect, Outcome, ServerResponse | undefined> {
  const s = ctx.sharing;
  while (s.pendingAccepts.length > 0) {
    const zone = s.pendingAccepts[0];
    const res = yield* call({ op: 'acceptShares', database: 'shared', zone });
    s.pendingAccepts.shift();
    if (res.error) {
      ctx.emit({ kind: 'share.failed', action: 'accept', zone, message: `acceptShareInvitations failed for ${zone}: ${formatCKError(res.error).replace(/\s*\n\s*/g, ' ')}`, error: res.error });
    }
  }
  if (s.sharedSubscribedFor !== ctx.user) {
    const res = yield* call({ op: 'modifySubscriptions', database: 'shared', save: [SHARED_SUBSCRIPTION_ID] });
    ctx.emit({ kind: 'engine.sentDatabaseChanges', savedZones: [], deletedZones: [], savedSubscriptions: res.error ? [] : [SHARED_SUBSCRIPTION_ID], error: res.error });
    if (res.error) return failOrRetry(ctx, res.error);
    s.sharedSubscribedFor = ctx.user;
  }
  for (const scope of ['private', 'shared'] as const) {
    const e = yield* fetchScope(ctx, scope);
    if (e) return failOrRetry(ctx, e);
  }
  return { error: null };
}

function* fetchScope(ctx: DeviceContext, scope: 'private' | 'shared'): Generator<Effect, CKErrorInfo | null, ServerResponse | undefined> {
  const s = ctx.sharing;
  const token = scope === 'private' ? s.privateDbToken : s.sharedDbToken;
  let db = yield* call({ op: 'fetchDatabaseChanges', database: scope, token });
  if (db.op === 'fetchDatabaseChanges' && db.error?.code === 21) db = yield* call({ op: 'fetchDatabaseChanges', database: scope, token: null });
  if (db.op !== 'fetchDatabaseChanges') return ckError(1);
  if (db.error) return db.error;
  const changed = db.changedZones.filter(isShareZone);
  const deleted = db.deletedZones.filter((d) => isShareZone(d.zone));
  if (changed.length + deleted.length > 0) {
    ctx.emit({ kind: 'engine.fetchedDatabaseChanges', modifications: changed, deletions: deleted.map((d) => ({ zone: d.zone, reason: d.purged ? 'purged' as const : 'deleted' as const })), moreComing: false });
  }
  const store = scope === 'private' ? 'private' : 'shared';
  for (const d of deleted) {
    if (changed.includes(d.zone)) continue;
    const known = s.shares.has(d.zone) || [...(scope === 'private' ? s.zoneOf : s.sharedZoneOf).values()].includes(d.zone);
    if (!known) continue;
    // Shared scope: rows and zone metadata purged (RE OCD 0x12b); for the owner's other devices we do the same (modelling choice).
    purgeLocalZone(ctx, d.zone, store, scope === 'shared' ? 'stopped' : 'deleted');
  }
  for (const zone of changed) {
    const e = yield* fetchZone(ctx, scope, zone);
    if (e) return e;
  }
  if (scope === 'private') s.privateDbToken = db.token; else s.sharedDbToken = db.token;
  return null;
}

function* fetchZone(ctx: DeviceContext, scope: DatabaseScope, zone: string): Generator<Effect, CKErrorInfo | null, ServerResponse | undefined> {
  const s = ctx.sharing;
  const key = `${scope}:${zone}`;
  const isShared = scope === 'shared';
  const store = isShared ? s.sharedStore : ctx.store;
  const map = isShared ? s.sharedZoneOf : s.zoneOf;
  const view = storeView(ctx, store);
  ctx.emit({ kind: 'engine.willFetchRecordZoneChanges', zone });
  for (let guard = 0; guard < 100000; guard++) {
    const r = yield* call({ op: 'fetchRecordZoneChanges', database: scope, zone, token: s.zoneTokens.get(key) ?? null, limit: ctx.opts.importPageSize });
    if (r.op !== 'fetchRecordZoneChanges') return ckError(1);
    if (r.error) {
      ctx.emit({ kind: 'engine.didFetchRecordZoneChanges', zone, error: r.error });
      if (r.error.code === 21) { s.zoneTokens.delete(key); continue; }
      if (r.error.code === 26 || r.error.code === 28) { purgeLocalZone(ctx, zone, isShared ? 'shared' : 'private', 'deleted'); return null; }
      return r.error;
    }
    const records: ServerRecord[] = [];
    for (const rec of r.modified) {
      if (rec.recordType === SHARE_RECORD_TYPE) { applyShareRecord(ctx, zone, rec, isShared ? 'shared' : 'private'); continue; }
      map.set(rec.recordName, zone);
      s.movedOut.delete(rec.recordName);
      records.push(rec);
    }
    const deletions: RecordRef[] = [];
    for (const d of r.deleted) {
      if (d.recordName === ZONE_WIDE_SHARE_NAME) continue;
      if (map.get(d.recordName) !== zone) continue;
      map.delete(d.recordName);
      deletions.push(d);
    }
    applyPage(view, records, deletions, null);
    s.zoneTokens.set(key, r.token);
    const limit = ctx.opts.eventDetailLimit;
    ctx.emit({
      kind: 'engine.fetchedRecordZoneChanges', zone, modifications: r.modified.slice(0, limit).map((m) => ({ recordName: m.recordName, recordType: m.recordType })),
      modificationCount: r.modified.length, deletions: r.deleted.slice(0, limit), deletionCount: r.deleted.length, moreComing: r.moreComing,
    });
    if (!r.moreComing) break;
  }
  ctx.emit({ kind: 'engine.didFetchRecordZoneChanges', zone, error: null });
  return null;
}

/** The share record: the local share metadata, and "joined / left" when its participant list changed. */
function applyShareRecord(ctx: DeviceContext, zone: string, rec: ServerRecord, store: 'private' | 'shared'): void {
  const list: ShareParticipantSnapshot[] = decodeParticipants(rec.fields[PARTICIPANTS_FIELD]).map((p) => ({ ...p }));
  const owner = list.find((p) => p.role === 'owner')?.user ?? '';
  let local = ctx.sharing.shares.get(zone);
  const before = local?.participants ?? [];
  if (!local) {
    local = {
      zone, owner, store, participants: list, title: typeof rec.fields['cloudkit.title'] === 'string' ? rec.fields['cloudkit.title'] : null,
      thumbnailBytes: 0, changeTag: rec.changeTag, needsZone: false, needsUpdate: false, needsDelete: false, purgeAfterDelete: false,
    };
    ctx.sharing.shares.set(zone, local);
  } else {
    local.participants = list;
    local.changeTag = rec.changeTag;
  }
  const active = (l: readonly ShareParticipantSnapshot[]): Set<string> => new Set(l.filter((p) => p.status === 'accepted' && p.role !== 'owner').map((p) => p.user));
  const was = active(before);
  const now = active(list);
  const joined = [...now].filter((u) => !was.has(u)).sort();
  const left = [...was].filter((u) => !now.has(u)).sort();
  if (joined.length + left.length > 0) ctx.emit({ kind: 'share.participantsChanged', zone, joined, left, participants: list });
}
