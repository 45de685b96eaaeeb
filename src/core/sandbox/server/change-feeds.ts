import type { CKErrorInfo, RecordRef } from '../api';
import { ckError } from '../errors';
import type { ServerContext } from './server-context';
import type { ServerRecord, Zone } from './storage';
import { PUBLIC_DEFAULT_ZONE } from './storage';
import type { RequestContext, ServerRequest, ServerResponse } from './wire';

/**
 * The change feeds (§2.3): database and zone changes with tokens, paging and expiry (tombstone retention),
 * and the public database's query poll.
 */
// Change feeds

function purgeTombstones(server: ServerContext, zone: Zone): void {
  const retention = server.hooks.options().tombstoneRetentionMs;
  if (retention === null) return;
  const horizon = server.hooks.now() - retention;
  for (const [name, t] of zone.tombstones) {
    if (t.t >= horizon) continue;
    zone.tombstones.delete(name);
    if (t.seq > zone.expiredBelow) { zone.expiredBelow = t.seq; zone.continuations.clear(); }
  }
}

export function fetchDatabaseChanges(server: ServerContext, req: Extract<ServerRequest, { op: 'fetchDatabaseChanges' }>, ctx: RequestContext): ServerResponse {
  const db = server.database(req.database, ctx.user)!;
  for (const z of db.zones.values()) purgeTombstones(server, z);
  if (req.token !== null && req.token < db.expiredBelow) {
    return { op: 'fetchDatabaseChanges', error: tokenExpired(), changedZones: [], deletedZones: [], token: 0 };
  }
  const since = req.token ?? -1;
  const changedZones = [...db.zoneChangeSeq.entries()].filter(([, s]) => s > since).map(([z]) => z).sort();
  // A nil token starts from the current state: deletions before it are not reported.
  const deletedZones = req.token === null ? [] : db.zoneDeletions.filter((d) => d.seq > since).map((d) => ({ zone: d.zone, purged: d.purged }));
  return { op: 'fetchDatabaseChanges', error: null, changedZones, deletedZones, token: db.counter };
}

export function fetchRecordZoneChanges(server: ServerContext, req: Extract<ServerRequest, { op: 'fetchRecordZoneChanges' }>, ctx: RequestContext): ServerResponse {
  const db = server.database(req.database, ctx.user)!;
  const zone = db.zones.get(req.zone);
  const empty = { modified: [], deleted: [], token: 0, moreComing: false };
  if (!zone) {
    const e = db.purgedZones.has(req.zone) ? ckError(28, { internalCode: 2042, serverMessage: 'Zone was purged by user' }) : ckError(26, { internalCode: 2036, serverMessage: `Zone '${req.zone}' does not exist` }); // corpus logs 028, 029
    return { op: 'fetchRecordZoneChanges', error: e, ...empty };
  }
  purgeTombstones(server, zone);
  const continuing = req.token === null || zone.continuations.has(req.token);
  if (req.token !== null && req.token < zone.expiredBelow && !continuing) {
    return { op: 'fetchRecordZoneChanges', error: tokenExpired(), ...empty };
  }
  const since = req.token ?? 0;
  const log = zone.log;
  // First log entry with seq > since (binary search: the log is sorted by seq).
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (log.seqAt(mid) <= since) lo = mid + 1; else hi = mid;
  }
  const modified: ServerRecord[] = [];
  const deleted: RecordRef[] = [];
  let token = since;
  let i = lo;
  // §2.3: a record changed N times is returned once, in its latest version; oldest to newest.
  for (; i < log.length && modified.length + deleted.length < req.limit; i++) {
    const seq = log.seqAt(i);
    const name = log.nameAt(i);
    token = seq;
    const rec = zone.records.get(name);
    if (rec) {
      if (rec.seq === seq) modified.push(withAssets(rec));
      continue;
    }
    if (req.token === null) continue;
    const t = zone.tombstones.get(name);
    if (t && t.seq === seq) deleted.push({ recordName: t.recordName, recordType: t.recordType });
  }
  // Skip superseded entries so moreComing is exact.
  while (i < log.length) {
    const seq = log.seqAt(i);
    const name = log.nameAt(i);
    const rec = zone.records.get(name);
    if (rec ? rec.seq === seq : req.token !== null && zone.tombstones.get(name)?.seq === seq) break;
    token = seq;
    i++;
  }
  const moreComing = i < log.length;
  if (moreComing && continuing && token < zone.expiredBelow) zone.continuations.add(token);
  return { op: 'fetchRecordZoneChanges', error: null, modified, deleted, token: moreComing ? token : Math.max(since, server.lastSeq()), moreComing };
}

/** Public DB poll: `modificationDate > <max seen>` per record type [RE OCCKRecordZoneQuery]. */
export function queryRecords(server: ServerContext, req: Extract<ServerRequest, { op: 'queryRecords' }>): ServerResponse {
  const zone = server.env.publicDb.zones.get(PUBLIC_DEFAULT_ZONE)!;
  if (!server.env.schema.types.has(req.recordType)) {
    // RE CKQueryBackedImportWorkItem: unknownItem = schema not initialised, not fatal.
    return { op: 'queryRecords', error: ckError(11, { serverMessage: `Did not find record type: ${req.recordType}` }), records: [], moreComing: false };
  }
  const after = req.modifiedAfter ?? -1;
  const all = [...zone.records.values()].filter((r) => r.recordType === req.recordType && r.modifiedT > after)
    .sort((a, b) => a.modifiedT - b.modifiedT || a.seq - b.seq);
  return { op: 'queryRecords', error: null, records: all.slice(0, req.limit).map((r) => withAssets(r)), moreComing: all.length > req.limit };
}

/** The record as a fetch returns it: asset contents downloaded alongside. */
function withAssets(rec: ServerRecord): ServerRecord {
  return rec;
}

function tokenExpired(): CKErrorInfo {
  // The server's text, corpus log 027 (reference sync-logs.md §4, L027).
  return ckError(21, { internalCode: 2026, serverMessage: 'client knowledge differs from server knowledge' });
}
