import type { FieldType } from '../../cloudkit/schema-ir';
import { formatFieldType } from '../../cloudkit/schema-ir';
import { MAX_FIELDS_PER_RECORD_TYPE } from '../../cloudkit/mapping';
import type {
  AttrValue, CKErrorInfo, DatabaseScope, Environment, FieldValue, PartialError, RecordRef, SandboxEventBody,
  SandboxOptions, SavePolicy, ServerErrorRule, ServerOp,
} from '../api';
import { ckError, partialFailure, recordItemId } from '../errors';
import { fieldsSize } from '../sizes';
import { RuntimeSchema } from './schema';

/**
 * The simulated CloudKit container (reference/sync-semantics.md §2): two environments, each with a
 * private database per user and one public database; zones with change logs and tombstones; records with
 * change tags; the three save policies; database and zone change tokens with paging and expiry; database
 * subscriptions; limits, quota, throttling and injected error rules. Requests are plain data; the transport
 * (sandbox.ts) delivers them after the network latency.
 */

export const PUBLIC_DEFAULT_ZONE = '_defaultZone';
/** §1.3 limits [doc LIMIT; RE; obs sqlite-data #333]. */
export const MAX_ITEMS_PER_REQUEST = 400;
export const MAX_REQUEST_BYTES = 2 * 1024 * 1024;
export const MAX_RECORD_BYTES = 1024 * 1024;
export const MAX_ZONES = 1000;
/** obs FORUM-QUOTA: quotaExceeded carried "retry after 315 s". */
export const QUOTA_RETRY_AFTER_SECONDS = 315;

export interface ServerRecord {
  readonly recordName: string;
  readonly recordType: string;
  /** Immutable once stored: a modification stores a new object (copy on write). */
  readonly fields: Readonly<Record<string, FieldValue>>;
  readonly changeTag: string;
  readonly createdT: number;
  readonly modifiedT: number;
  readonly modifiedBy: string | null;
  readonly size: number;
  /** Zone change counter of its last change. */
  readonly seq: number;
}

interface Tombstone {
  readonly recordName: string;
  readonly recordType: string;
  readonly seq: number;
  readonly t: number;
}

export class Zone {
  readonly records = new Map<string, ServerRecord>();
  readonly tombstones = new Map<string, Tombstone>();
  /** Append-only change log; superseded entries are skipped when read. */
  readonly log: { seq: number; name: string }[] = [];
  counter = 0;
  /** Tokens below this have expired (tombstones purged or tokens expired by a fault). */
  expiredBelow = 0;
  constructor(readonly name: string, readonly owner: string) {}
}

export class Database {
  readonly zones = new Map<string, Zone>();
  readonly zoneChangeSeq = new Map<string, number>();
  readonly zoneDeletions: { zone: string; seq: number; purged: boolean }[] = [];
  readonly purgedZones = new Set<string>();
  readonly subscriptions = new Set<string>();
  /** Devices registered for this database's pushes (the subscription's creator's devices, §2.5). */
  readonly subscribers = new Set<string>();
  counter = 0;
  expiredBelow = 0;
  usedBytes = 0;
  constructor(readonly scope: DatabaseScope, readonly user: string | null) {}
}

export class EnvironmentState {
  readonly privateDbs = new Map<string, Database>();
  readonly publicDb = new Database('public', null);
  readonly assets = new Map<string, AttrValue>();
  constructor(public schema: RuntimeSchema) {
    this.publicDb.zones.set(PUBLIC_DEFAULT_ZONE, new Zone(PUBLIC_DEFAULT_ZONE, '__defaultOwner__'));
  }
  privateDb(user: string): Database {
    let db = this.privateDbs.get(user);
    if (!db) {
      db = new Database('private', user);
      this.privateDbs.set(user, db);
    }
    return db;
  }
}

export interface RecordSave {
  readonly recordName: string;
  readonly recordType: string;
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** The change tag the client last saw (null = new record). */
  readonly changeTag: string | null;
  /** Declared CloudKit types of the fields (CKRecord values are typed). */
  readonly types: Readonly<Record<string, FieldType>>;
}

export type ServerRequest =
  | { readonly op: 'modifyRecordZones'; readonly database: DatabaseScope; readonly saveZones: readonly string[]; readonly deleteZones: readonly string[] }
  | { readonly op: 'modifySubscriptions'; readonly database: DatabaseScope; readonly save: readonly string[] }
  | {
    readonly op: 'modifyRecords'; readonly database: DatabaseScope; readonly zone: string; readonly saves: readonly RecordSave[];
    readonly deletes: readonly RecordRef[]; readonly savePolicy: SavePolicy; readonly atomic: boolean;
    /** Contents of the assets referenced by the saves (the upload). */
    readonly assets: ReadonlyMap<string, AttrValue>;
  }
  | { readonly op: 'fetchDatabaseChanges'; readonly database: DatabaseScope; readonly token: number | null }
  | { readonly op: 'fetchRecordZoneChanges'; readonly database: DatabaseScope; readonly zone: string; readonly token: number | null; readonly limit: number }
  | { readonly op: 'queryRecords'; readonly database: DatabaseScope; readonly recordType: string; readonly modifiedAfter: number | null; readonly limit: number };

export interface ModifyRecordsResult {
  readonly saved: readonly { readonly recordName: string; readonly recordType: string; readonly changeTag: string }[];
  readonly deleted: readonly string[];
  readonly itemErrors: ReadonlyMap<string, CKErrorInfo>;
  /** For serverRecordChanged (14): the server's record (CKRecordChangedErrorServerRecordKey). */
  readonly serverRecords: ReadonlyMap<string, ServerRecord>;
}

export type ServerResponse =
  | { readonly op: 'modifyRecordZones' | 'modifySubscriptions'; readonly error: CKErrorInfo | null }
  | { readonly op: 'modifyRecords'; readonly error: CKErrorInfo | null; readonly result: ModifyRecordsResult | null }
  | { readonly op: 'fetchDatabaseChanges'; readonly error: CKErrorInfo | null; readonly changedZones: readonly string[]; readonly deletedZones: readonly { zone: string; purged: boolean }[]; readonly token: number }
  | {
    readonly op: 'fetchRecordZoneChanges'; readonly error: CKErrorInfo | null; readonly modified: readonly ServerRecord[];
    readonly deleted: readonly RecordRef[]; readonly token: number; readonly moreComing: boolean;
  }
  | { readonly op: 'queryRecords'; readonly error: CKErrorInfo | null; readonly records: readonly ServerRecord[]; readonly moreComing: boolean };

export interface RequestContext {
  readonly device: string;
  readonly user: string | null;
  readonly requestId: string;
}

export interface ServerHooks {
  emit(body: SandboxEventBody, device?: string): void;
  now(): number;
  options(): SandboxOptions;
  /** A database changed: send pushes to its subscribers except the originator (§2.5). */
  notify(env: Environment, db: Database, originator: string | null): void;
}

interface RuleState { rule: ServerErrorRule; fired: number; passed?: number }

export class CloudKitServer {
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

  private notify(db: Database, originator: string | null): void {
    if (this.deferred) this.deferred.push([db, originator]);
    else this.hooks.notify(this.environment, db, originator);
  }

  constructor(environment: Environment, dev: RuntimeSchema, prod: RuntimeSchema, private readonly hooks: ServerHooks) {
    this.environment = environment;
    this.envs = { development: new EnvironmentState(dev), production: new EnvironmentState(prod) };
  }

  get env(): EnvironmentState {
    return this.envs[this.environment];
  }

  database(scope: DatabaseScope, user: string | null): Database | null {
    if (scope === 'public') return this.env.publicDb;
    if (user === null) return null;
    return this.env.privateDb(user);
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
      case 'modifyRecords': return this.modifyRecords(req, ctx);
      case 'fetchDatabaseChanges': return this.fetchDatabaseChanges(req, ctx);
      case 'fetchRecordZoneChanges': return this.fetchRecordZoneChanges(req, ctx);
      case 'queryRecords': return this.queryRecords(req);
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
    const isWrite = req.op === 'modifyRecords' || req.op === 'modifyRecordZones' || req.op === 'modifySubscriptions';
    if (ctx.user === null && (req.database !== 'public' || isWrite)) {
      return ckError(9, { internalCode: 1002, message: 'No iCloud account is configured' });
    }
    if (req.database === 'public' && (req.op === 'fetchDatabaseChanges' || req.op === 'fetchRecordZoneChanges')) {
      // §2.3: change feeds only work in private/shared databases.
      return ckError(24, { message: 'Change feeds are not supported in the public database' });
    }
    if (req.op === 'modifyRecordZones' && req.database === 'public') return ckError(24, { message: 'Cannot modify zones in the public database' });
    if (req.op === 'modifyRecords') {
      const n = req.saves.length + req.deletes.length;
      if (n > MAX_ITEMS_PER_REQUEST) {
        return ckError(27, { internalCode: 1020, serverMessage: `Your request contains ${n} items which is more than the maximum number of items in a single request (${MAX_ITEMS_PER_REQUEST})` });
      }
      let bytes = 0;
      for (const s of req.saves) bytes += fieldsSize(s.fields);
      // UNCONFIRMED message wording; the 2 MB limit is [doc LIMIT].
      if (bytes > MAX_REQUEST_BYTES) return ckError(27, { internalCode: 1020, serverMessage: `Request size ${bytes} bytes exceeds the limit of ${MAX_REQUEST_BYTES} bytes` });
    }
    return null;
  }

  /** Finds the first active rule matching the request (and, for per-record rules, the record). */
  private matchRule(req: ServerRequest, ctx: RequestContext, record: RecordRef | null): CKErrorInfo | null {
    const now = this.hooks.now();
    for (const st of this.rules) {
      const r = st.rule;
      if ((r.perRecord ?? false) !== (record !== null)) continue;
      if (r.times !== undefined && st.fired >= r.times) continue;
      if (r.fromMs !== undefined && now < r.fromMs) continue;
      if (r.untilMs !== undefined && now >= r.untilMs) continue;
      const m = r.match;
      if (m.op !== undefined && !(typeof m.op === 'string' ? m.op === req.op : m.op.includes(req.op))) continue;
      if (m.device !== undefined && m.device !== ctx.device) continue;
      if (m.user !== undefined && m.user !== ctx.user) continue;
      if (m.database !== undefined && m.database !== req.database) continue;
      const zone = 'zone' in req ? req.zone : null;
      if (m.zone !== undefined && m.zone !== zone) continue;
      if (record) {
        if (m.recordName !== undefined && m.recordName !== record.recordName) continue;
        if (m.recordType !== undefined && m.recordType !== record.recordType) continue;
      } else if (m.recordName !== undefined || m.recordType !== undefined) {
        continue;
      }
      if (r.afterMatches !== undefined && (st.passed ?? 0) < r.afterMatches) {
        st.passed = (st.passed ?? 0) + 1;
        continue;
      }
      st.fired++;
      const seq = r.retryAfterSequence;
      const retryAfter = seq && seq.length > 0 ? seq[Math.min(st.fired - 1, seq.length - 1)] : r.error.retryAfterSeconds;
      this.hooks.emit({ kind: 'server.errorRuleFired', ruleId: r.id, op: req.op }, ctx.device);
      return ckError(r.error.code, {
        ...(r.error.internalCode !== undefined ? { internalCode: r.error.internalCode } : {}),
        ...(r.error.message !== undefined ? { message: r.error.message } : {}),
        ...(r.error.serverMessage !== undefined ? { serverMessage: r.error.serverMessage } : {}),
        ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
      });
    }
    return null;
  }

  // -------------------------------------------------------------------------------------------------
  // Zones and subscriptions

  private modifyZones(req: Extract<ServerRequest, { op: 'modifyRecordZones' }>, ctx: RequestContext): CKErrorInfo | null {
    const db = this.database(req.database, ctx.user)!;
    const zoneCount = [...this.env.privateDbs.values()].reduce((n, d) => n + d.zones.size, 0);
    // TN3164: 1000 zones "in a CloudKit container" (per-database scoping UNCONFIRMED; we count the container).
    const adding = req.saveZones.filter((z) => !db.zones.has(z));
    if (zoneCount + adding.length > MAX_ZONES) {
      return ckError(27, { serverMessage: `Zone limit of ${MAX_ZONES} exceeded` });
    }
    for (const name of adding) {
      db.zones.set(name, new Zone(name, '__defaultOwner__'));
      db.purgedZones.delete(name);
      db.zoneChangeSeq.set(name, ++db.counter);
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
    return true;
  }

  private modifySubscriptions(req: Extract<ServerRequest, { op: 'modifySubscriptions' }>, ctx: RequestContext): CKErrorInfo | null {
    const db = this.database(req.database, ctx.user)!;
    for (const id of req.save) db.subscriptions.add(id);
    db.subscribers.add(ctx.device);
    return null;
  }

  // -------------------------------------------------------------------------------------------------
  // Records

  private modifyRecords(req: Extract<ServerRequest, { op: 'modifyRecords' }>, ctx: RequestContext): ServerResponse {
    const db = this.database(req.database, ctx.user)!;
    const zone = db.zones.get(req.zone);
    if (!zone) {
      // §1.6: zoneNotFound 26 on write to a deleted zone; userDeletedZone 28 when the user purged it.
      const e = db.purgedZones.has(req.zone)
        ? ckError(28, { message: 'Zone was purged by the user' })
        : ckError(26, { internalCode: 2036, message: 'Zone does not exist' });
      return { op: 'modifyRecords', error: e, result: null };
    }
    const opts = this.hooks.options();
    const now = this.hooks.now();
    const env = this.env;
    const isProd = this.environment === 'production';
    const itemErrors = new Map<string, CKErrorInfo>();
    const serverRecords = new Map<string, ServerRecord>();
    const planned: { save: RecordSave; fields: Record<string, FieldValue>; existing: ServerRecord | undefined }[] = [];
    const schemaAdds: { type: string; field: string | null; ftype?: FieldType }[] = [];
    const pendingTypes = new Map<string, Set<string>>();
    let quotaDelta = 0;

    for (const save of req.saves) {
      const ruleErr = this.matchRule(req, ctx, save);
      if (ruleErr) { itemErrors.set(save.recordName, ruleErr); continue; }
      // Schema: production enforces, development creates just in time (ckdb.md §2.1, §2.3; TN3164).
      const schemaErr = this.checkSchema(env.schema, save, isProd, schemaAdds, pendingTypes);
      if (schemaErr) { itemErrors.set(save.recordName, schemaErr); continue; }
      const existing = zone.records.get(save.recordName);
      const tomb = zone.tombstones.get(save.recordName);
      let fields: Record<string, FieldValue>;
      if (req.savePolicy === 'ifServerRecordUnchanged') {
        if (existing && existing.changeTag !== save.changeTag) {
          // CKError.h: serverRecordChanged with the server record; "client oplock error" is CloudKit's server message [obs].
          itemErrors.set(save.recordName, ckError(14, { internalCode: 2004, serverMessage: existing && save.changeTag === null ? 'record to insert already exists' : 'client oplock error updating record' }));
          serverRecords.set(save.recordName, existing);
          continue;
        }
        if (!existing && save.changeTag !== null) {
          itemErrors.set(save.recordName, ckError(11, { internalCode: 2003, serverMessage: 'Record not found' }));
          continue;
        }
        fields = { ...(existing?.fields ?? {}), ...save.fields };
      } else {
        if (!existing && tomb && save.changeTag !== null && opts.deleteVsEdit === 'deleteWins') {
          // §5 #3 switch: the deletion wins over a concurrent edit (UNCONFIRMED; our default).
          itemErrors.set(save.recordName, ckError(11, { internalCode: 2003, serverMessage: 'Record not found' }));
          continue;
        }
        // changedKeys keeps server keys the client did not send; allKeys replaces them (§2.2 header comments).
        fields = req.savePolicy === 'changedKeys' ? { ...(existing?.fields ?? {}), ...save.fields } : { ...save.fields };
      }
      const size = fieldsSize(fields);
      if (size > MAX_RECORD_BYTES) {
        itemErrors.set(save.recordName, ckError(27, { internalCode: 2023, serverMessage: 'record too large' }));
        continue;
      }
      quotaDelta += size - (existing?.size ?? 0);
      planned.push({ save, fields, existing });
    }
    // Quota (§1.6: quotaExceeded 25/2035 inside a partial failure, retry-after 315 s) [obs FORUM-QUOTA].
    const quota = db.user !== null ? this.quota.get(db.user) ?? opts.quotaBytes : null;
    if (quota !== null && quota !== undefined && quotaDelta > 0 && db.usedBytes + quotaDelta > quota) {
      for (const p of planned) itemErrors.set(p.save.recordName, ckError(25, { internalCode: 2035, serverMessage: 'Quota exceeded', retryAfterSeconds: QUOTA_RETRY_AFTER_SECONDS }));
      planned.length = 0;
    }
    for (const d of req.deletes) {
      const ruleErr = this.matchRule(req, ctx, d);
      if (ruleErr) itemErrors.set(d.recordName, ruleErr);
    }

    if (itemErrors.size > 0) {
      // Atomic zones roll back the whole batch: the other items fail with batchRequestFailed 22 (§2.2; TN3164).
      const partial: PartialError[] = [];
      const all = [...req.saves.map((s) => s.recordName), ...req.deletes.map((d) => d.recordName)];
      for (const name of all) {
        const e = itemErrors.get(name) ?? (req.atomic ? ckError(22, { message: 'Batch Request Failed' }) : undefined);
        if (e) partial.push({ itemId: recordItemId(name, req.zone), error: e });
      }
      if (req.atomic) {
        for (const name of all) if (!itemErrors.has(name)) itemErrors.set(name, ckError(22, { message: 'Batch Request Failed' }));
        return { op: 'modifyRecords', error: partialFailure(partial), result: { saved: [], deleted: [], itemErrors, serverRecords } };
      }
      const result = this.applyModify(db, zone, req, planned, ctx, schemaAdds, now);
      return { op: 'modifyRecords', error: partialFailure(partial), result: { ...result, itemErrors, serverRecords } };
    }
    const result = this.applyModify(db, zone, req, planned, ctx, schemaAdds, now);
    return { op: 'modifyRecords', error: null, result: { ...result, itemErrors, serverRecords } };
  }

  private applyModify(
    db: Database, zone: Zone, req: Extract<ServerRequest, { op: 'modifyRecords' }>,
    planned: { save: RecordSave; fields: Record<string, FieldValue>; existing: ServerRecord | undefined }[],
    ctx: RequestContext, schemaAdds: { type: string; field: string | null; ftype?: FieldType }[], now: number,
  ): { saved: { recordName: string; recordType: string; changeTag: string }[]; deleted: string[] } {
    this.applySchemaAdds(schemaAdds);
    const saved: { recordName: string; recordType: string; changeTag: string }[] = [];
    const deleted: string[] = [];
    for (const [ref, value] of req.assets) this.env.assets.set(ref, value);
    for (const { save, fields, existing } of planned) {
      const seq = ++this.seqCounter;
      zone.counter = seq;
      const rec: ServerRecord = {
        recordName: save.recordName, recordType: save.recordType, fields, changeTag: (++this.tagCounter).toString(36),
        createdT: existing?.createdT ?? now, modifiedT: now, modifiedBy: ctx.device, size: fieldsSize(fields), seq,
      };
      db.usedBytes += rec.size - (existing?.size ?? 0);
      zone.records.set(save.recordName, rec);
      zone.tombstones.delete(save.recordName);
      zone.log.push({ seq, name: save.recordName });
      saved.push({ recordName: rec.recordName, recordType: rec.recordType, changeTag: rec.changeTag });
    }
    for (const d of req.deletes) {
      const existing = zone.records.get(d.recordName);
      if (existing) {
        db.usedBytes -= existing.size;
        zone.records.delete(d.recordName);
        // Public DB: no deletion tracking (§2.4), so no tombstone.
        if (db.scope !== 'public') {
          const seq = ++this.seqCounter;
          zone.counter = seq;
          zone.tombstones.set(d.recordName, { recordName: d.recordName, recordType: existing.recordType, seq, t: now });
          zone.log.push({ seq, name: d.recordName });
        }
      }
      deleted.push(d.recordName);
    }
    if (saved.length > 0 || deleted.length > 0) {
      db.zoneChangeSeq.set(zone.name, ++db.counter);
      this.notify(db, ctx.device);
    }
    return { saved, deleted };
  }

  private checkSchema(
    schema: RuntimeSchema, save: RecordSave, isProd: boolean,
    adds: { type: string; field: string | null; ftype?: FieldType }[], pendingTypes: Map<string, Set<string>>,
  ): CKErrorInfo | null {
    const fields = schema.types.get(save.recordType);
    if (!fields && isProd) {
      // [obs] "Cannot create new type CD_X in production schema" (sync-semantics §1.6; ckdb.md §2.3).
      return ckError(12, { internalCode: 2006, serverMessage: `Cannot create new type ${save.recordType} in production schema` });
    }
    let pending = pendingTypes.get(save.recordType);
    if (!fields && !pending) {
      pending = new Set();
      pendingTypes.set(save.recordType, pending);
      adds.push({ type: save.recordType, field: null });
    }
    for (const f in save.fields) {
      const declared = save.types[f];
      const existing = fields?.get(f);
      if (existing) {
        if (declared && formatFieldType(existing) !== formatFieldType(declared)) {
          // UNCONFIRMED wording (observed shape of CloudKit's type-mismatch message).
          return ckError(12, { internalCode: 2006, serverMessage: `invalid attempt to set value type ${formatFieldType(declared)} for field '${f}' for type '${save.recordType}', defined to be: ${formatFieldType(existing)}` });
        }
        continue;
      }
      if (isProd) {
        // TN3164, verbatim shape.
        return ckError(12, { internalCode: 2006, serverMessage: `Cannot create or modify field '${f}' in record '${save.recordType}' in production schema` });
      }
      if (pending && pending.has(f)) continue;
      const count = (fields?.size ?? 0) + (pending?.size ?? 0);
      if (count >= MAX_FIELDS_PER_RECORD_TYPE) {
        // TN3164: 256 fields per record type; message wording is ours.
        return ckError(12, { internalCode: 2006, serverMessage: `Cannot create field '${f}': record type '${save.recordType}' would exceed ${MAX_FIELDS_PER_RECORD_TYPE} fields` });
      }
      if (!pending) { pending = new Set(); pendingTypes.set(save.recordType, pending); }
      pending.add(f);
      adds.push({ type: save.recordType, field: f, ftype: declared ?? { kind: 'primitive', base: 'STRING', encrypted: false } });
    }
    return null;
  }

  private applySchemaAdds(adds: { type: string; field: string | null; ftype?: FieldType }[]): void {
    if (adds.length === 0) return;
    const schema = this.env.schema;
    const addedTypes: string[] = [];
    const addedFields: string[] = [];
    for (const a of adds) {
      let fields = schema.types.get(a.type);
      if (!fields) { fields = new Map(); schema.types.set(a.type, fields); addedTypes.push(a.type); }
      if (a.field !== null && !fields.has(a.field)) { fields.set(a.field, a.ftype!); addedFields.push(`${a.type}.${a.field}`); }
    }
    if (addedTypes.length + addedFields.length > 0) {
      this.hooks.emit({ kind: 'server.schemaChanged', environment: this.environment, addedTypes, addedFields });
    }
  }

  // -------------------------------------------------------------------------------------------------
  // Change feeds

  private purgeTombstones(zone: Zone): void {
    const retention = this.hooks.options().tombstoneRetentionMs;
    if (retention === null) return;
    const horizon = this.hooks.now() - retention;
    for (const [name, t] of zone.tombstones) {
      if (t.t >= horizon) continue;
      zone.tombstones.delete(name);
      zone.expiredBelow = Math.max(zone.expiredBelow, t.seq);
    }
  }

  private fetchDatabaseChanges(req: Extract<ServerRequest, { op: 'fetchDatabaseChanges' }>, ctx: RequestContext): ServerResponse {
    const db = this.database(req.database, ctx.user)!;
    for (const z of db.zones.values()) this.purgeTombstones(z);
    if (req.token !== null && req.token < db.expiredBelow) {
      return { op: 'fetchDatabaseChanges', error: tokenExpired(), changedZones: [], deletedZones: [], token: 0 };
    }
    const since = req.token ?? -1;
    const changedZones = [...db.zoneChangeSeq.entries()].filter(([, s]) => s > since).map(([z]) => z).sort();
    // A nil token starts from the current state: deletions before it are not reported.
    const deletedZones = req.token === null ? [] : db.zoneDeletions.filter((d) => d.seq > since).map((d) => ({ zone: d.zone, purged: d.purged }));
    return { op: 'fetchDatabaseChanges', error: null, changedZones, deletedZones, token: db.counter };
  }

  private fetchRecordZoneChanges(req: Extract<ServerRequest, { op: 'fetchRecordZoneChanges' }>, ctx: RequestContext): ServerResponse {
    const db = this.database(req.database, ctx.user)!;
    const zone = db.zones.get(req.zone);
    const empty = { modified: [], deleted: [], token: 0, moreComing: false };
    if (!zone) {
      const e = db.purgedZones.has(req.zone) ? ckError(28, { message: 'Zone was purged by the user' }) : ckError(26, { internalCode: 2036, message: 'Zone does not exist' });
      return { op: 'fetchRecordZoneChanges', error: e, ...empty };
    }
    this.purgeTombstones(zone);
    if (req.token !== null && req.token < zone.expiredBelow) {
      return { op: 'fetchRecordZoneChanges', error: tokenExpired(), ...empty };
    }
    const since = req.token ?? 0;
    const log = zone.log;
    // First log entry with seq > since (binary search: the log is sorted by seq).
    let lo = 0;
    let hi = log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (log[mid].seq <= since) lo = mid + 1; else hi = mid;
    }
    const modified: ServerRecord[] = [];
    const deleted: RecordRef[] = [];
    let token = since;
    let i = lo;
    // §2.3: a record changed N times is returned once, in its latest version; oldest to newest.
    for (; i < log.length && modified.length + deleted.length < req.limit; i++) {
      const e = log[i];
      token = e.seq;
      const rec = zone.records.get(e.name);
      if (rec) {
        if (rec.seq === e.seq) modified.push(this.withAssets(rec));
        continue;
      }
      if (req.token === null) continue;
      const t = zone.tombstones.get(e.name);
      if (t && t.seq === e.seq) deleted.push({ recordName: t.recordName, recordType: t.recordType });
    }
    // Skip superseded entries so moreComing is exact.
    while (i < log.length) {
      const e = log[i];
      const rec = zone.records.get(e.name);
      if (rec ? rec.seq === e.seq : req.token !== null && zone.tombstones.get(e.name)?.seq === e.seq) break;
      token = e.seq;
      i++;
    }
    return { op: 'fetchRecordZoneChanges', error: null, modified, deleted, token: i >= log.length ? Math.max(since, this.seqCounter) : token, moreComing: i < log.length };
  }

  /** Public DB poll: `modificationDate > <max seen>` per record type [RE OCCKRecordZoneQuery]. */
  private queryRecords(req: Extract<ServerRequest, { op: 'queryRecords' }>): ServerResponse {
    const zone = this.env.publicDb.zones.get(PUBLIC_DEFAULT_ZONE)!;
    if (!this.env.schema.types.has(req.recordType)) {
      // RE CKQueryBackedImportWorkItem: unknownItem = schema not initialised, not fatal.
      return { op: 'queryRecords', error: ckError(11, { serverMessage: `Did not find record type: ${req.recordType}` }), records: [], moreComing: false };
    }
    const after = req.modifiedAfter ?? -1;
    const all = [...zone.records.values()].filter((r) => r.recordType === req.recordType && r.modifiedT > after)
      .sort((a, b) => a.modifiedT - b.modifiedT || a.seq - b.seq);
    return { op: 'queryRecords', error: null, records: all.slice(0, req.limit).map((r) => this.withAssets(r)), moreComing: all.length > req.limit };
  }

  /** The record as a fetch returns it: asset contents downloaded alongside. */
  private withAssets(rec: ServerRecord): ServerRecord {
    return rec;
  }

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
      const seq = ++this.seqCounter;
      for (const z of db.zones.values()) z.expiredBelow = seq;
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

function tokenExpired(): CKErrorInfo {
  // CKError.h: "previousServerChangeToken value is too old and the client must re-sync from scratch".
  return ckError(21, { internalCode: 2026, message: 'Change token expired; the client must re-sync from scratch' });
}

export function failure(op: ServerOp, error: CKErrorInfo): ServerResponse {
  switch (op) {
    case 'modifyRecords': return { op, error, result: null };
    case 'fetchDatabaseChanges': return { op, error, changedZones: [], deletedZones: [], token: 0 };
    case 'fetchRecordZoneChanges': return { op, error, modified: [], deleted: [], token: 0, moreComing: false };
    case 'queryRecords': return { op, error, records: [], moreComing: false };
    case 'modifyRecordZones': case 'modifySubscriptions': return { op, error };
    default: return { op: 'modifyRecordZones', error };
  }
}

function describe(req: ServerRequest): { itemCount: number; bytes: number; zone: string | null } {
  switch (req.op) {
    case 'modifyRecords': {
      let bytes = 0;
      for (const s of req.saves) bytes += fieldsSize(s.fields);
      return { itemCount: req.saves.length + req.deletes.length, bytes, zone: req.zone };
    }
    case 'modifyRecordZones': return { itemCount: req.saveZones.length + req.deleteZones.length, bytes: 0, zone: req.saveZones[0] ?? req.deleteZones[0] ?? null };
    case 'modifySubscriptions': return { itemCount: req.save.length, bytes: 0, zone: null };
    case 'fetchRecordZoneChanges': return { itemCount: 0, bytes: 0, zone: req.zone };
    default: return { itemCount: 0, bytes: 0, zone: null };
  }
}
