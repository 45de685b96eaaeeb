import type { CKErrorInfo, FieldValue, PartialError } from '../api';
import { SHARE_RECORD_TYPE, ZONE_WIDE_SHARE_NAME, isShareZone } from '../api';
import { ckError, partialFailure, recordItemId } from '../errors';
import { fieldsSize } from '../sizes';
import type { ServerContext } from './server-context';
import type { Database, ServerRecord, ShareParticipant, ShareState, Zone } from './storage';
import type { RequestContext, ServerRequest, ServerResponse } from './wire';

/**
 * Shares on the simulated server (reference/sharing.md, cited S§n): a share zone lives in the owner's private
 * database with its zone-wide `cloudkit.share` record (`cloudkit.zoneshare`); every accepted participant's
 * shared database is a window onto that same zone (S§1: nothing copied). The participant list is kept by
 * the server (status is the server's: pending → accepted → removed) and written into the share record, so
 * the record reappears in zone changes whenever the list changes (S§3).
 *
 * Permission failures: a read-only participant's writes fail per record with permissionFailure 10 inside
 * partialFailure 2 (S§6, obs sqlite-data #147/#312; server message wording is ours). A participant may not
 * modify the share record; deleting it from their shared database is leaving (S§8). The owner deleting the
 * share record stops sharing: every participant loses the zone from their shared database (S§8).
 */

/** Up to 100 participants per share [obs SUK7; tooManyParticipants 29, sync-semantics §2.7]. */
export const MAX_SHARE_PARTICIPANTS = 100;
/** The share record field that stands for CKShare's participant system fields (modelling choice: one string). */
export const PARTICIPANTS_FIELD = 'cloudkit.participants';

/** `user=role/permission/status;…` (modelling choice: the sandbox's wire form of the participant list). */
export function encodeParticipants(list: readonly ShareParticipant[]): string {
  return list.map((p) => `${p.user}=${p.role}/${p.permission}/${p.status}`).join(';');
}

export function decodeParticipants(value: FieldValue | undefined): ShareParticipant[] {
  if (typeof value !== 'string' || value === '') return [];
  const out: ShareParticipant[] = [];
  for (const part of value.split(';')) {
    const [user, rest] = part.split('=');
    const [role, permission, status] = (rest ?? '').split('/');
    if (!user) continue;
    out.push({
      user,
      role: role === 'owner' || role === 'administrator' || role === 'publicUser' ? role : 'privateUser',
      permission: permission === 'readWrite' ? 'readWrite' : 'readOnly',
      status: status === 'accepted' || status === 'removed' ? status : 'pending',
    });
  }
  return out;
}

/** The databases that show a zone: the owner's private database and every accepted participant's shared one. */
export function zoneViews(server: ServerContext, db: Database, zoneName: string): Database[] {
  const share = server.env.shares.get(zoneName);
  if (!share) return [db];
  const views = [server.env.privateDb(share.owner)];
  for (const p of share.participants) if (p.status === 'accepted' && p.user !== share.owner) views.push(server.env.sharedDb(p.user));
  return views;
}

/** Bumps the zone in every database that shows it and sends their pushes (excluding the originating device). */
export function zoneChanged(server: ServerContext, db: Database, zone: Zone, originator: string | null): void {
  for (const view of zoneViews(server, db, zone.name)) {
    view.zoneChangeSeq.set(zone.name, ++view.counter);
    server.notify(view, originator);
  }
}

/** The database that pays for a zone's records: the owner's private database (S§1 "quota: the owner's"). */
export function storageDb(server: ServerContext, db: Database, zoneName: string): Database {
  if (db.scope !== 'shared') return db;
  const share = server.env.shares.get(zoneName);
  return share ? server.env.privateDb(share.owner) : db;
}

function removeFromSharedDb(server: ServerContext, user: string, zoneName: string): void {
  const sdb = server.env.sharedDb(user);
  if (!sdb.zones.delete(zoneName)) return;
  sdb.zoneChangeSeq.delete(zoneName);
  sdb.zoneDeletions.push({ zone: zoneName, seq: ++sdb.counter, purged: false });
  server.notify(sdb, null);
}

/** Rewrites the stored share record with the server's participant list (a new change, so devices see it). */
function rewriteShareRecord(server: ServerContext, zone: Zone, share: ShareState, device: string | null): void {
  const rec = zone.records.get(ZONE_WIDE_SHARE_NAME);
  if (!rec) return;
  const fields = { ...rec.fields, [PARTICIPANTS_FIELD]: encodeParticipants(share.participants) };
  const seq = server.nextSeq();
  zone.counter = seq;
  const next: ServerRecord = { ...rec, fields, changeTag: server.nextChangeTag(), modifiedT: server.hooks.now(), modifiedBy: device, size: fieldsSize(fields), seq };
  zone.records.set(ZONE_WIDE_SHARE_NAME, next);
  zone.log.push(seq, ZONE_WIDE_SHARE_NAME);
}

/**
 * modifyRecords in a share zone: permission checks for participants, leave / stop through the share record,
 * the owner's participant edits merged with the server's acceptance state. Other zones go to `inner`.
 */
export function shareModify(
  server: ServerContext, req: Extract<ServerRequest, { op: 'modifyRecords' }>, ctx: RequestContext,
  inner: () => ServerResponse,
): ServerResponse {
  const share = server.env.shares.get(req.zone);
  const touchesShare = req.saves.some((s) => s.recordType === SHARE_RECORD_TYPE) || req.deletes.some((d) => d.recordName === ZONE_WIDE_SHARE_NAME);
  if (req.database === 'shared') {
    const db = server.database('shared', ctx.user);
    if (!share || !db || !db.zones.has(req.zone)) return inner(); // zoneNotFound from modifyRecords
    const me = share.participants.find((p) => p.user === ctx.user && p.status === 'accepted');
    const leaving = req.deletes.some((d) => d.recordName === ZONE_WIDE_SHARE_NAME);
    if (me && leaving) {
      // "Remove Me": deleting the share from one's shared database removes the participant (S§8).
      me.status = 'removed';
      const zone = server.env.privateDb(share.owner).zones.get(req.zone)!;
      rewriteShareRecord(server, zone, share, ctx.device);
      removeFromSharedDb(server, me.user, req.zone);
      zoneChanged(server, db, zone, ctx.device);
      server.hooks.emit({ kind: 'share.left', zone: req.zone, user: me.user }, ctx.device);
      return { op: 'modifyRecords', error: null, result: { saved: [], deleted: [ZONE_WIDE_SHARE_NAME], itemErrors: new Map(), serverRecords: new Map() } };
    }
    if (!me || me.permission !== 'readWrite' || touchesShare) {
      // S§6: permissionFailure 10 per record inside partialFailure 2 (server message wording is ours).
      const why = !me ? 'not a participant of this share' : touchesShare ? 'only the owner may modify the share' : 'participant has read-only permission';
      return refuseAll(req, ckError(10, { serverMessage: `Permission denied: ${why}` }));
    }
    return inner();
  }
  if (!share || !touchesShare) return inner();
  const stopping = req.deletes.some((d) => d.recordName === ZONE_WIDE_SHARE_NAME);
  const shareSave = req.saves.find((s) => s.recordType === SHARE_RECORD_TYPE);
  let merged: ShareParticipant[] | null = null;
  if (shareSave) {
    const sent = decodeParticipants(shareSave.fields[PARTICIPANTS_FIELD]);
    merged = mergeParticipants(share, sent);
    if (merged.filter((p) => p.status !== 'removed').length > MAX_SHARE_PARTICIPANTS + 1) {
      return refuseAll(req, ckError(29, { serverMessage: `A share may have at most ${MAX_SHARE_PARTICIPANTS} participants` }));
    }
  }
  const res = inner();
  if (res.op !== 'modifyRecords' || !res.result) return res;
  const zone = server.env.privateDb(share.owner).zones.get(req.zone);
  if (!zone) return res;
  if (stopping && res.result.deleted.includes(ZONE_WIDE_SHARE_NAME)) {
    stopShare(server, share, ctx.device);
    return res;
  }
  if (merged && res.result.saved.some((s) => s.recordName === ZONE_WIDE_SHARE_NAME)) {
    const removed = share.participants.filter((p) => p.status === 'accepted' && merged!.find((m) => m.user === p.user)?.status === 'removed');
    share.participants = merged;
    const rec = zone.records.get(ZONE_WIDE_SHARE_NAME)!;
    const fields = { ...rec.fields, [PARTICIPANTS_FIELD]: encodeParticipants(merged) };
    zone.records.set(ZONE_WIDE_SHARE_NAME, { ...rec, fields, size: fieldsSize(fields) });
    for (const p of removed) removeFromSharedDb(server, p.user, req.zone);
  }
  return res;
}

/** The owner's list as sent, with the server's acceptance state: new users pending, dropped users removed. */
function mergeParticipants(share: ShareState, sent: readonly ShareParticipant[]): ShareParticipant[] {
  const out: ShareParticipant[] = [{ user: share.owner, role: 'owner', permission: 'readWrite', status: 'accepted' }];
  const sentByUser = new Map(sent.map((p) => [p.user, p]));
  for (const p of share.participants) {
    if (p.user === share.owner) continue;
    const s = sentByUser.get(p.user);
    if (!s || s.status === 'removed') out.push({ ...p, status: 'removed' });
    else out.push({ ...p, permission: s.permission, status: p.status === 'removed' ? 'pending' : p.status });
  }
  for (const s of sent) {
    if (s.user === share.owner || share.participants.some((p) => p.user === s.user) || s.status === 'removed') continue;
    out.push({ user: s.user, role: s.role === 'owner' ? 'privateUser' : s.role, permission: s.permission, status: 'pending' });
  }
  return out;
}

function stopShare(server: ServerContext, share: ShareState, device: string | null): void {
  for (const p of share.participants) {
    if (p.user === share.owner) continue;
    if (p.status === 'accepted') removeFromSharedDb(server, p.user, share.zone);
    p.status = 'removed';
  }
  server.env.shares.delete(share.zone);
  server.hooks.emit({ kind: 'share.stopped', zone: share.zone, owner: share.owner }, device ?? undefined);
}

function refuseAll(req: Extract<ServerRequest, { op: 'modifyRecords' }>, e: CKErrorInfo): ServerResponse {
  const itemErrors = new Map<string, CKErrorInfo>();
  const partial: PartialError[] = [];
  for (const name of [...req.saves.map((s) => s.recordName), ...req.deletes.map((d) => d.recordName)]) {
    itemErrors.set(name, e);
    partial.push({ itemId: recordItemId(name, req.zone), error: e });
  }
  return { op: 'modifyRecords', error: partialFailure(partial), result: { saved: [], deleted: [], itemErrors, serverRecords: new Map() } };
}

/** A new share zone was created by its owner: the server starts tracking the share (owner only). */
export function registerShareZone(server: ServerContext, db: Database, zoneName: string): void {
  if (!isShareZone(zoneName) || db.scope !== 'private' || db.user === null || server.env.shares.has(zoneName)) return;
  server.env.shares.set(zoneName, { zone: zoneName, owner: db.user, participants: [{ user: db.user, role: 'owner', permission: 'readWrite', status: 'accepted' }] });
}

/** A share zone was deleted by its owner (purge): participants lose it from their shared databases (S§8). */
export function shareZoneDeleted(server: ServerContext, zoneName: string, device: string | null): void {
  const share = server.env.shares.get(zoneName);
  if (!share) return;
  stopShare(server, share, device);
}

/** CKAcceptSharesOperation: pending → accepted, the zone appears in the participant's shared database (S§5). */
export function acceptShares(server: ServerContext, req: Extract<ServerRequest, { op: 'acceptShares' }>, ctx: RequestContext): ServerResponse {
  const share = server.env.shares.get(req.zone);
  const zone = share ? server.env.privateDb(share.owner).zones.get(req.zone) : undefined;
  if (!share || !zone || !zone.records.has(ZONE_WIDE_SHARE_NAME)) {
    return { op: 'acceptShares', error: ckError(11, { serverMessage: 'Share not found' }), owner: null };
  }
  if (share.owner === ctx.user) {
    // S§1: accepting one's own share is unverified; the sandbox rejects it (design).
    return { op: 'acceptShares', error: ckError(12, { serverMessage: 'The owner of a share cannot accept it as a participant' }), owner: share.owner };
  }
  const me = share.participants.find((p) => p.user === ctx.user && p.status !== 'removed');
  if (!me) {
    // A private share only admits participants the owner added (S§4); wording is ours.
    return { op: 'acceptShares', error: ckError(10, { serverMessage: 'This user is not a participant of the share' }), owner: share.owner };
  }
  if (me.status === 'accepted') return { op: 'acceptShares', error: null, owner: share.owner };
  me.status = 'accepted';
  const sdb = server.env.sharedDb(me.user);
  sdb.zones.set(req.zone, zone);
  sdb.purgedZones.delete(req.zone);
  rewriteShareRecord(server, zone, share, ctx.device);
  zoneChanged(server, sdb, zone, ctx.device);
  server.hooks.emit({ kind: 'share.accepted', zone: req.zone, user: me.user, owner: share.owner }, ctx.device);
  return { op: 'acceptShares', error: null, owner: share.owner };
}
