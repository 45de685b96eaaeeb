import { COREDATA_ZONE } from '../../../cloudkit/mapping';
import { ckError } from '../../errors';
import type { ServerResponse } from '../../server/wire';
import { TxnBuilder } from '../store';
import type { Act, DeviceContext, Effect, Outcome } from '../device-context';
import { call, tokenString } from '../device-context';
import { applyPage, commitImport } from '../apply-records';
import { deleteLocal } from '../local-saves';
import { requeueSetup, reset } from '../resets';
import { failOrRetry, untilSetUp } from './outcome';
import { pollPublic } from './public-poll';
import { announceDivergence } from '../divergence';

/**
 * The import activity for the private database: database changes, then the Core Data zone's changes, paged,
 * with the resets a deleted, purged or expired zone or token causes.
 */

export function* importAct(ctx: DeviceContext, label: string): Act {
  const early = untilSetUp(ctx, 'import', label);
  if (early) return early;
  ctx.emit({ kind: 'engine.willFetchChanges', label });
  const r = ctx.host.scope === 'public' ? yield* pollPublic(ctx) : yield* fetchPrivate(ctx);
  ctx.emit({ kind: 'engine.didFetchChanges', error: r.error });
  if (r.error === null) ctx.lastImportT = ctx.host.now();
  return r;
}

function* fetchPrivate(ctx: DeviceContext): Generator<Effect, Outcome, ServerResponse | undefined> {
  let db = yield* call({ op: 'fetchDatabaseChanges', database: ctx.host.scope, token: ctx.dbToken });
  if (db.error && db.error.code === 21) {
    // §1.6: ServerChangeTokenExpired → reset, refetch from a nil token.
    reset(ctx, 'ServerChangeTokenExpired', db.error);
    db = yield* call({ op: 'fetchDatabaseChanges', database: ctx.host.scope, token: null });
  }
  if (db.op !== 'fetchDatabaseChanges') return { error: ckError(1) };
  if (db.error) return failOrRetry(ctx, db.error);
  const deletions = db.deletedZones.map((d) => ({ zone: d.zone, reason: d.purged ? 'purged' as const : 'deleted' as const }));
  ctx.emit({ kind: 'engine.fetchedDatabaseChanges', modifications: db.changedZones, deletions, moreComing: false });
  const mine = db.deletedZones.filter((d) => d.zone === COREDATA_ZONE);
  if (mine.length > 0 && !db.changedZones.includes(COREDATA_ZONE)) {
    const purged = mine.some((d) => d.purged);
    reset(ctx, purged ? 'UserPurgedZone' : 'ZoneDeleted', null);
    requeueSetup(ctx);
    return { error: null };
  }
  if (mine.length > 0) {
    // Deleted and recreated since our token: our state is stale either way.
    reset(ctx, mine.some((d) => d.purged) ? 'UserPurgedZone' : 'ZoneDeleted', null);
    requeueSetup(ctx);
    return { error: null };
  }
  if (!db.changedZones.includes(COREDATA_ZONE) && ctx.zoneToken !== null) {
    ctx.dbToken = db.token;
    ctx.emit({ kind: 'engine.stateUpdate', databaseToken: tokenString('D', ctx.dbToken), zoneToken: tokenString('Z', ctx.zoneToken) });
    return { error: null };
  }
  const out = yield* fetchZone(ctx);
  // The database token only advances once the changed zone was fetched completely; otherwise the next
  // fetch would no longer report the zone as changed.
  if (out.error === null && ctx.setup === 'succeeded' && ctx.zoneToken !== null) ctx.dbToken = db.token;
  return out;
}

function* fetchZone(ctx: DeviceContext): Generator<Effect, Outcome, ServerResponse | undefined> {
  const zone = COREDATA_ZONE;
  ctx.emit({ kind: 'engine.willFetchRecordZoneChanges', zone });
  let fullRefetch = ctx.zoneToken === null;
  const seen = new Set<string>();
  let expiredOnce = false;
  for (;;) {
    const r = yield* call({ op: 'fetchRecordZoneChanges', database: ctx.host.scope, zone, token: ctx.zoneToken, limit: ctx.opts.importPageSize });
    if (r.op !== 'fetchRecordZoneChanges') return { error: ckError(1) };
    if (r.error) {
      ctx.emit({ kind: 'engine.didFetchRecordZoneChanges', zone, error: r.error });
      if (r.error.code === 21 && !expiredOnce) {
        expiredOnce = true;
        reset(ctx, 'ServerChangeTokenExpired', r.error);
        fullRefetch = true;
        ctx.emit({ kind: 'engine.willFetchRecordZoneChanges', zone });
        continue;
      }
      if (r.error.code === 26) { reset(ctx, 'ZoneDeleted', r.error); requeueSetup(ctx); return { error: null }; }
      if (r.error.code === 28) { reset(ctx, 'UserPurgedZone', r.error); requeueSetup(ctx); return { error: null }; }
      return failOrRetry(ctx, r.error);
    }
    applyPage(ctx, r.modified, r.deleted, fullRefetch ? seen : null);
    // FRZC: the token advances per successful batch, so an interrupted catch-up resumes where it stopped (§5 #28).
    ctx.zoneToken = r.token;
    const limit = ctx.opts.eventDetailLimit;
    ctx.emit({
      kind: 'engine.fetchedRecordZoneChanges', zone,
      modifications: r.modified.slice(0, limit).map((m) => ({ recordName: m.recordName, recordType: m.recordType })), modificationCount: r.modified.length,
      deletions: r.deleted.slice(0, limit), deletionCount: r.deleted.length, moreComing: r.moreComing,
    });
    ctx.emit({ kind: 'engine.stateUpdate', databaseToken: tokenString('D', ctx.dbToken), zoneToken: tokenString('Z', ctx.zoneToken) });
    if (!r.moreComing) break;
  }
  if (fullRefetch && !ctx.opts.diffOnFullRefetch) {
    // D2 (issue 17): what a nil-token fetch did not return was deleted on the server; without the diff it stays here.
    const stale: string[] = [];
    for (const [id, o] of ctx.store.objects) if (!seen.has(id) && o.onServer && !ctx.store.dirty.has(id)) stale.push(id);
    // Many-to-many join records (CDMR) the fetch did not return: the pair stays related here.
    for (const name of ctx.store.links.keys()) if (!seen.has(name) && !ctx.store.dirty.has(name)) stale.push(name);
    announceDivergence(ctx, 'fullFetchMissesDeletions', stale);
  }
  if (fullRefetch && ctx.opts.diffOnFullRefetch) {
    // Design switch (§5 #7): a nil-token refetch cannot see deletions; diffing removes what the server no longer has.
    const txn = new TxnBuilder('NSCloudKitMirroringDelegate.import');
    for (const [id, o] of [...ctx.store.objects]) {
      if (!seen.has(id) && o.onServer && !ctx.store.dirty.has(id)) deleteLocal(ctx, txn, id, 0, false, new Set());
    }
    commitImport(ctx, txn);
  }
  ctx.emit({ kind: 'engine.didFetchRecordZoneChanges', zone, error: null });
  return { error: null };
}
