import type { AttrValue, CKErrorInfo, DatabaseScope, Environment, RecordRef } from '../api';
import { ckError, paraphrase } from '../errors';
import { fieldsSize } from '../sizes';
import { fetchDatabaseChanges, fetchRecordZoneChanges, queryRecords } from './change-feeds';
import type { RuleState } from './faults';
import { matchRule } from './faults';
import { MAX_ITEMS_PER_REQUEST, MAX_REQUEST_BYTES, MAX_ZONES } from './limits';
import { modifyRecords } from './records';
import { acceptShares, registerShareZone, shareModify, shareZoneDeleted } from './shares';
import type { RuntimeSchema } from './schema';
import type { ServerContext, ServerHooks } from './server-context';
import { type Database, EnvironmentState, PUBLIC_DEFAULT_ZONE, Zone } from './storage';
import type { RequestContext, ServerRequest, ServerResponse } from './wire';
import { describe, failure } from './wire';

/**
 * The simulated CloudKit container (reference/sync-semantics.md §2): two environments, each with a
 * private database per user and one public database; zones with change logs and tombstones; records with
 * change tags; the three save policies; database and zone change tokens with paging and expiry; database
 * subscriptions; limits, quota, throttling and injected error rules. Requests are plain data; the transport
 * (sandbox.ts) delivers them after the network latency.
 *
 * This module holds the request pipeline (admission, dispatch, pushes after completion), zones,
 * subscriptions and the console-like actions; storage.ts the data, wire.ts the requests and responses,
 * faults.ts the error rules, records.ts modifyRecords and change-feeds.ts the fetches.
 */

// The modules the rest of the engine imports server pieces from before the split.
export { PUBLIC_DEFAULT_ZONE, Database, EnvironmentState, Zone } from './storage';
export type { ServerRecord } from './storage';
export { failure } from './wire';
export type { ModifyRecordsResult, RecordSave, RequestContext, ServerRequest, ServerResponse } from './wire';
export type { ServerHooks } from './server-context';
export { MAX_ITEMS_PER_REQUEST, MAX_RECORD_BYTES, MAX_REQUEST_BYTES, MAX_ZONES, QUOTA_RETRY_AFTER_SECONDS } from './limits';

export class CloudKitServer implements ServerContext {
  readonly envs: Record<Environment, EnvironmentState>;
  environment: Environment;
  readonly quota = new Map<string, number | null>();
  readonly rules: RuleState[] = [];
  private tagCounter = 0;
  /** Zone change sequence numbers come from one server-wide counter, so a token from a deleted zone never matches a recreated one. */
  private seqCounter = 0;
  private assetCounter = 0;
  /** Requests per virtual second (for serverRequestsPerSecond). */
  private rateWindow = { second: -1, count: 0 };
  /** Notifications raised while a request is handled, sent once it completes. */
  private deferred: [Database, string | null][] | null = null;

  notify(db: Database, originator: string | null): void {
    if (this.deferred) this.deferred.push([db, originator]);
    else this.hooks.notify(this.environment, db, originator);
  }

  constructor(environment: Environment, dev: RuntimeSchema, prod: RuntimeSchema, readonly hooks: ServerHooks) {
    this.environment = environment;
    this.envs = { development: new EnvironmentState(dev), production: new EnvironmentState(prod) };
  }

  get env(): EnvironmentState {
    return this.envs[this.environment];
  }

  database(scope: DatabaseScope, user: string | null): Database | null {
    if (scope === 'public') return this.env.publicDb;
    if (user === null) return null;
    return scope === 'shared' ? this.env.sharedDb(user) : this.env.privateDb(user);
  }

  nextSeq(): number {
    return ++this.seqCounter;
  }

  lastSeq(): number {
    return this.seqCounter;
  }

  nextChangeTag(): string {
    return (++this.tagCounter).toString(36);
  }

  newAssetRef(): string {
    return `asset-${++this.assetCounter}`;
  }

  // -------------------------------------------------------------------------------------------------

  handle(req: ServerRequest, ctx: RequestContext): ServerResponse {
    const pushes: [Database, string | null][] = [];
    this.deferred = pushes;
    let res: ServerResponse;
    try {
      res = this.dispatch(req, ctx);
    } finally {
      this.deferred = null;
    }
    const { itemCount, bytes, zone } = describe(req);
    const err = res.error;
    this.hooks.emit({
      kind: 'server.op', op: req.op, requestId: ctx.requestId, user: ctx.user, database: req.database, zone,
      itemCount, bytes, result: err === null ? 'ok' : err.code === 2 ? 'partialFailure' : 'error', error: err,
    }, ctx.device);
    // Pushes go out after the operation completes.
    for (const [db, originator] of pushes) this.hooks.notify(this.environment, db, originator);
    return res;
  }

  private dispatch(req: ServerRequest, ctx: RequestContext): ServerResponse {
    const whole = this.admission(req, ctx);
    if (whole) return failure(req.op, whole);
    switch (req.op) {
      case 'modifyRecordZones': return { op: req.op, error: this.modifyZones(req, ctx) };
      case 'modifySubscriptions': return { op: req.op, error: this.modifySubscriptions(req, ctx) };
      case 'modifyRecords': return shareModify(this, req, ctx, () => modifyRecords(this, req, ctx));
      case 'acceptShares': return acceptShares(this, req, ctx);
      case 'fetchDatabaseChanges': return fetchDatabaseChanges(this, req, ctx);
      case 'fetchRecordZoneChanges': return fetchRecordZoneChanges(this, req, ctx);
      case 'queryRecords': return queryRecords(this, req);
    }
  }

  /** Whole-request checks: throttling, error rules (not per-record), authentication, item limits. */
  private admission(req: ServerRequest, ctx: RequestContext): CKErrorInfo | null {
    const opts = this.hooks.options();
    if (opts.serverRequestsPerSecond !== null) {
      const second = Math.floor(this.hooks.now() / 1000);
      if (second !== this.rateWindow.second) this.rateWindow = { second, count: 0 };
      this.rateWindow.count++;
      if (this.rateWindow.count > opts.serverRequestsPerSecond) {
        // TN3162: "Request failed with http status code 503", CKRetryAfter.
        return ckError(6, { internalCode: 2022, message: 'Request failed with http status code 503', retryAfterSeconds: opts.throttleRetryAfterSeconds });
      }
    }
    const ruleErr = this.matchRule(req, ctx, null);
    if (ruleErr) return ruleErr;
    // Private DB needs an account; public DB reads work without one, writes do not [doc CKDatabase; §1.4].
    const isWrite = req.op === 'modifyRecords' || req.op === 'modifyRecordZones' || req.op === 'modifySubscriptions' || req.op === 'acceptShares';
    if (ctx.user === null && (req.database !== 'public' || isWrite)) {
      return ckError(9, { internalCode: 1002, message: paraphrase('No iCloud account is configured') });
    }
    if (req.database === 'public' && (req.op === 'fetchDatabaseChanges' || req.op === 'fetchRecordZoneChanges')) {
      // §2.3: change feeds only work in private/shared databases.
      return ckError(24, { message: paraphrase('Change feeds are not supported in the public database') });
    }
    if (req.op === 'modifyRecordZones' && req.database === 'public') return ckError(24, { message: paraphrase('Cannot modify zones in the public database') });
    // Zones of the shared database belong to their owners (sharing.md §1); wording is ours.
    if (req.op === 'modifyRecordZones' && req.database === 'shared' && req.saveZones.length > 0) return ckError(10, { serverMessage: paraphrase('Cannot create zones in the shared database') });
    if (req.op === 'modifyRecords') {
      const n = req.saves.length + req.deletes.length;
      if (n > MAX_ITEMS_PER_REQUEST) {
        return ckError(27, { internalCode: 1020, serverMessage: `Your request contains ${n} items which is more than the maximum number of items in a single request (${MAX_ITEMS_PER_REQUEST})` });
      }
      let bytes = 0;
      for (const s of req.saves) bytes += fieldsSize(s.fields);
      // UNCONFIRMED message wording; the 2 MB limit is [doc LIMIT].
      if (bytes > MAX_REQUEST_BYTES) return ckError(27, { internalCode: 1020, serverMessage: paraphrase(`Request size ${bytes} bytes exceeds the limit of ${MAX_REQUEST_BYTES} bytes`) });
    }
    return null;
  }

  /** The first active fault rule matching the request (and, for per-record rules, the record): faults.ts. */
  matchRule(req: ServerRequest, ctx: RequestContext, record: RecordRef | null): CKErrorInfo | null {
    return matchRule(this.rules, req, ctx, record, this.hooks.now(), (body, device) => this.hooks.emit(body, device));
  }

  // -------------------------------------------------------------------------------------------------
  // Zones and subscriptions

  private modifyZones(req: Extract<ServerRequest, { op: 'modifyRecordZones' }>, ctx: RequestContext): CKErrorInfo | null {
    const db = this.database(req.database, ctx.user)!;
    // 1,000 zones: TN3164 says "per container", Apple's sharing sample "per database" (reference/sharing.md
    // "Zone limit"). Modelling choice, as the reference's design: counted per user's private database in the
    // container, so one user's shares never use up another user's room.
    const zoneCount = db.zones.size;
    const adding = req.saveZones.filter((z) => !db.zones.has(z));
    if (zoneCount + adding.length > MAX_ZONES) {
      return ckError(27, { serverMessage: paraphrase(`Zone limit of ${MAX_ZONES} exceeded`) });
    }
    for (const name of adding) {
      db.zones.set(name, new Zone(name, '__defaultOwner__'));
      db.purgedZones.delete(name);
      db.zoneChangeSeq.set(name, ++db.counter);
      registerShareZone(this, db, name);
    }
    for (const name of req.deleteZones) this.deleteZone(db, name, false, ctx.device);
    return null;
  }

  deleteZone(db: Database, name: string, purge: boolean, originator: string | null): boolean {
    const zone = db.zones.get(name);
    if (!zone) return false;
    for (const r of zone.records.values()) db.usedBytes -= r.size;
    db.zones.delete(name);
    db.zoneChangeSeq.delete(name);
    db.zoneDeletions.push({ zone: name, seq: ++db.counter, purged: purge });
    if (purge) db.purgedZones.add(name);
    this.hooks.emit({ kind: 'server.zoneDeleted', user: db.user ?? '', zone: name, purged: purge });
    this.notify(db, originator);
    // An owner deleting a share zone ends the share for every participant (reference/sharing.md §8).
    if (db.scope === 'private') shareZoneDeleted(this, name, originator);
    return true;
  }

  private modifySubscriptions(req: Extract<ServerRequest, { op: 'modifySubscriptions' }>, ctx: RequestContext): CKErrorInfo | null {
    const db = this.database(req.database, ctx.user)!;
    for (const id of req.save) db.subscriptions.add(id);
    db.subscribers.add(ctx.device);
    return null;
  }

  // -------------------------------------------------------------------------------------------------

  assetContent(ref: string): AttrValue | undefined {
    return this.env.assets.get(ref);
  }

  // -------------------------------------------------------------------------------------------------
  // Console-like actions

  expireTokens(user: string | null): void {
    for (const db of this.env.privateDbs.values()) {
      if (user !== null && db.user !== user) continue;
      // Every token issued so far becomes too old; tokens issued from now on are valid.
      db.expiredBelow = ++db.counter;
      const seq = this.nextSeq();
      for (const z of db.zones.values()) { z.expiredBelow = seq; z.continuations.clear(); }
    }
    this.hooks.emit({ kind: 'server.tokensExpired', user });
  }

  /** "Reset Development Environment" (ckdb.md §2.4): records and zones removed, dev schema := production. */
  resetDevelopment(): void {
    const dev = this.envs.development;
    for (const db of dev.privateDbs.values()) for (const name of [...db.zones.keys()]) this.deleteZone(db, name, false, null);
    dev.publicDb.zones.get(PUBLIC_DEFAULT_ZONE)!.records.clear();
    dev.schema = this.envs.production.schema.clone();
  }
}
