import type { FieldType } from '../../cloudkit/schema-ir';
import { formatFieldType } from '../../cloudkit/schema-ir';
import { MAX_FIELDS_PER_RECORD_TYPE } from '../../cloudkit/mapping';
import type { CKErrorInfo, FieldValue, PartialError } from '../api';
import { ckError, paraphrase, partialFailure, recordItemId } from '../errors';
import { fieldsSize } from '../sizes';
import { MAX_RECORD_BYTES, QUOTA_RETRY_AFTER_SECONDS } from './limits';
import type { RuntimeSchema } from './schema';
import { storageDb, zoneChanged } from './shares';
import type { ServerContext } from './server-context';
import type { Database, ServerRecord, Zone } from './storage';
import type { RecordSave, RequestContext, ServerRequest, ServerResponse } from './wire';

/**
 * modifyRecords (§2.2): fault rules and schema checks per record, the three save policies, record size and
 * quota, atomic zones rolling back the whole batch, then the writes, tombstones and change log.
 */
// Records

export function modifyRecords(server: ServerContext, req: Extract<ServerRequest, { op: 'modifyRecords' }>, ctx: RequestContext): ServerResponse {
  const db = server.database(req.database, ctx.user)!;
  const zone = db.zones.get(req.zone);
  if (!zone) {
    // §1.6: zoneNotFound 26 on write to a deleted zone; userDeletedZone 28 when the user purged it.
    const e = db.purgedZones.has(req.zone)
      ? ckError(28, { internalCode: 2042, serverMessage: 'Zone was purged by user' }) // corpus log 029
      : ckError(26, { internalCode: 2036, serverMessage: `Zone '${req.zone}' does not exist` }); // corpus log 028
    return { op: 'modifyRecords', error: e, result: null };
  }
  const opts = server.hooks.options();
  const now = server.hooks.now();
  const env = server.env;
  const isProd = server.environment === 'production';
  const itemErrors = new Map<string, CKErrorInfo>();
  const serverRecords = new Map<string, ServerRecord>();
  const planned: { save: RecordSave; fields: Record<string, FieldValue>; existing: ServerRecord | undefined }[] = [];
  const schemaAdds: { type: string; field: string | null; ftype?: FieldType }[] = [];
  const pendingTypes = new Map<string, Set<string>>();
  let quotaDelta = 0;

  for (const save of req.saves) {
    const ruleErr = server.matchRule(req, ctx, save);
    if (ruleErr) { itemErrors.set(save.recordName, ruleErr); continue; }
    // Schema: production enforces, development creates just in time (ckdb.md §2.1, §2.3; TN3164).
    const schemaErr = checkSchema(env.schema, save, isProd, schemaAdds, pendingTypes);
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
        itemErrors.set(save.recordName, ckError(11, { internalCode: 2003, serverMessage: paraphrase('Record not found') }));
        continue;
      }
      fields = existing ? { ...existing.fields, ...save.fields } : adopt(save.fields);
    } else {
      if (!existing && tomb && save.changeTag !== null) {
        // §5 #3: an edit reaching a deleted record fails unknownItem; the client's deleteVsEdit switch decides
        // (deleteWins drops it, editResurrects re-uploads the whole record as new). Accepting the changed keys
        // alone recreated a record holding only them (issue 17 fuzz: other devices got default values).
        itemErrors.set(save.recordName, ckError(11, { internalCode: 2003, serverMessage: paraphrase('Record not found') }));
        continue;
      }
      // changedKeys keeps server keys the client did not send; allKeys replaces them (§2.2 header comments).
      fields = req.savePolicy === 'changedKeys' && existing ? { ...existing.fields, ...save.fields } : adopt(save.fields);
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
  // Shared records count against the owner's quota (reference/sharing.md §1).
  const payer = storageDb(server, db, req.zone);
  const quota = payer.user !== null ? server.quota.get(payer.user) ?? opts.quotaBytes : null;
  if (quota !== null && quota !== undefined && quotaDelta > 0 && payer.usedBytes + quotaDelta > quota) {
    for (const p of planned) itemErrors.set(p.save.recordName, ckError(25, { internalCode: 2035, serverMessage: 'Quota exceeded', retryAfterSeconds: QUOTA_RETRY_AFTER_SECONDS }));
    planned.length = 0;
  }
  for (const d of req.deletes) {
    const ruleErr = server.matchRule(req, ctx, d);
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
    const result = applyModify(server, db, zone, req, planned, ctx, schemaAdds, now);
    return { op: 'modifyRecords', error: partialFailure(partial), result: { ...result, itemErrors, serverRecords } };
  }
  const result = applyModify(server, db, zone, req, planned, ctx, schemaAdds, now);
  return { op: 'modifyRecords', error: null, result: { ...result, itemErrors, serverRecords } };
}

/**
 * The fields a save sends, as the record stores them. The request is the client's serialized upload: nothing
 * else holds it once sent (an export builds new field objects for every request, retries included), so the
 * server keeps it instead of copying it (a copy per record was ~100 bytes at 100k records, issue 17 memory),
 * frozen as stored records are immutable.
 */
function adopt(fields: Record<string, FieldValue>): Record<string, FieldValue> {
  return Object.isFrozen(fields) ? fields : Object.freeze(fields);
}

function applyModify(
  server: ServerContext, db: Database, zone: Zone, req: Extract<ServerRequest, { op: 'modifyRecords' }>,
  planned: { save: RecordSave; fields: Record<string, FieldValue>; existing: ServerRecord | undefined }[],
  ctx: RequestContext, schemaAdds: { type: string; field: string | null; ftype?: FieldType }[], now: number,
): { saved: { recordName: string; recordType: string; changeTag: string }[]; deleted: string[] } {
  applySchemaAdds(server, schemaAdds);
  const payer = storageDb(server, db, zone.name);
  const saved: { recordName: string; recordType: string; changeTag: string }[] = [];
  const deleted: string[] = [];
  for (const [ref, value] of req.assets) server.env.assets.set(ref, value);
  for (const { save, fields, existing } of planned) {
    const seq = server.nextSeq();
    zone.counter = seq;
    const rec: ServerRecord = {
      recordName: save.recordName, recordType: save.recordType, fields, changeTag: server.nextChangeTag(),
      createdT: existing?.createdT ?? now, modifiedT: now, modifiedBy: ctx.device, size: fieldsSize(fields), seq,
    };
    payer.usedBytes += rec.size - (existing?.size ?? 0);
    zone.records.set(save.recordName, rec);
    zone.tombstones.delete(save.recordName);
    zone.log.push(seq, save.recordName);
    saved.push({ recordName: rec.recordName, recordType: rec.recordType, changeTag: rec.changeTag });
  }
  for (const d of req.deletes) {
    const existing = zone.records.get(d.recordName);
    if (existing) {
      payer.usedBytes -= existing.size;
      zone.records.delete(d.recordName);
      // Public DB: no deletion tracking (§2.4), so no tombstone.
      if (db.scope !== 'public') {
        const seq = server.nextSeq();
        zone.counter = seq;
        zone.tombstones.set(d.recordName, { recordName: d.recordName, recordType: existing.recordType, seq, t: now });
        zone.log.push(seq, d.recordName);
      }
    }
    deleted.push(d.recordName);
  }
  // Every database showing the zone sees the change (a share zone: the owner's and each participant's).
  if (saved.length > 0 || deleted.length > 0) zoneChanged(server, db, zone, ctx.device);
  return { saved, deleted };
}

function checkSchema(
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
      return ckError(12, { internalCode: 2006, serverMessage: paraphrase(`Cannot create field '${f}': record type '${save.recordType}' would exceed ${MAX_FIELDS_PER_RECORD_TYPE} fields`) });
    }
    if (!pending) { pending = new Set(); pendingTypes.set(save.recordType, pending); }
    pending.add(f);
    adds.push({ type: save.recordType, field: f, ftype: declared ?? { kind: 'primitive', base: 'STRING', encrypted: false } });
  }
  return null;
}

function applySchemaAdds(server: ServerContext, adds: { type: string; field: string | null; ftype?: FieldType }[]): void {
  if (adds.length === 0) return;
  const schema = server.env.schema;
  const addedTypes: string[] = [];
  const addedFields: string[] = [];
  for (const a of adds) {
    let fields = schema.types.get(a.type);
    if (!fields) { fields = new Map(); schema.types.set(a.type, fields); addedTypes.push(a.type); }
    if (a.field !== null && !fields.has(a.field)) { fields.set(a.field, a.ftype!); addedFields.push(`${a.type}.${a.field}`); }
  }
  if (addedTypes.length + addedFields.length > 0) {
    server.hooks.emit({ kind: 'server.schemaChanged', environment: server.environment, addedTypes, addedFields });
  }
}
