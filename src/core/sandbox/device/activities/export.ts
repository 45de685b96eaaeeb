import { MANY_TO_MANY_RECORD_TYPE } from '../../../cloudkit/mapping';
import type { AttrValue, CKErrorInfo, RecordRef } from '../../api';
import { ckError } from '../../errors';
import type { ServerRecord } from '../../server/storage';
import type { RecordSave, ServerResponse } from '../../server/wire';
import { buildRecordFields } from '../codec';
import type { LinkRecord } from '../store';
import { TxnBuilder } from '../store';
import type { Act, DeviceContext, Effect, Outcome } from '../device-context';
import { call } from '../device-context';
import { applyRecord } from '../apply-records';
import { deleteLocal, emitSaved } from '../local-saves';
import { announceDivergence } from '../divergence';
import { requeueSetup, reset } from '../resets';
import { failOrRetry, untilSetUp } from './outcome';

/**
 * The export activity: history-driven batches of ≤400 objects / 1.5 MiB, save policies, and what the engine
 * resolves itself after a partial failure (serverRecordChanged, unknownItem).
 */

export function* exportAct(ctx: DeviceContext, label: string): Act {
  const early = untilSetUp(ctx, 'export', label);
  if (early) return early;
  ctx.emit({ kind: 'engine.willSendChanges', label });
  const r = yield* exportBody(ctx);
  ctx.emit({ kind: 'engine.didSendChanges', error: r.error });
  if (r.error === null) ctx.lastExportT = ctx.host.now();
  return r;
}

/** Sends every dirty object in batches; resolves conflicts per the save policy. */
export function* exportBody(ctx: DeviceContext): Generator<Effect, Outcome, ServerResponse | undefined> {
  const opts = ctx.opts;
  const model = ctx.host.model;
  let guard = 0;
  let maxRecords = opts.exportMaxRecords;
  const skip = new Set<string>();
  while (ctx.store.dirty.size > skip.size) {
    if (++guard > 100000) break;
    const saves: RecordSave[] = [];
    const deletes: RecordRef[] = [];
    const versions = new Map<string, number>();
    const assets = new Map<string, AttrValue>();
    let bytes = 0;
    for (const [id, d] of ctx.store.dirty) {
      if (skip.has(id)) continue;
      // Objects in a share zone are exported by the share export (share-export.ts).
      if (ctx.sharing.zoneOf.has(id)) { skip.add(id); continue; }
      if (saves.length + deletes.length >= maxRecords) break;
      if (d.deleted) {
        deletes.push({ recordName: id, recordType: d.recordType });
      } else if (d.recordType === MANY_TO_MANY_RECORD_TYPE) {
        const l = ctx.store.links.get(id);
        if (!l) { ctx.store.dirty.delete(id); continue; }
        saves.push({ recordName: id, recordType: MANY_TO_MANY_RECORD_TYPE, fields: linkFields(l), changeTag: null, types: LINK_TYPES });
        bytes += 3 * 64;
      } else {
        const o = ctx.store.objects.get(id);
        if (!o) { ctx.store.dirty.delete(id); continue; }
        const info = model.entity(o.entity)!;
        const keys = opts.exportSavePolicy === 'changedKeys' ? d.keys : null;
        const built = buildRecordFields(o, info, keys, opts.assetThresholdBytes, () => ctx.host.newAssetRef());
        // RE OCCloudKitExporterOptions: 1,572,864 bytes per operation.
        if (saves.length > 0 && bytes + built.size > opts.exportMaxBytes) break;
        bytes += built.size;
        for (const [ref, v] of built.assets) assets.set(ref, v);
        saves.push({ recordName: id, recordType: info.recordType, fields: built.fields, changeTag: o.changeTag, types: built.types });
      }
      versions.set(id, d.version);
      ctx.inFlight.add(id);
    }
    if (saves.length + deletes.length === 0) break;
    const res = yield* call({
      op: 'modifyRecords', database: ctx.host.scope, zone: ctx.zone, saves, deletes,
      savePolicy: opts.exportSavePolicy, atomic: ctx.host.scope !== 'public', assets,
    });
    for (const id of versions.keys()) ctx.inFlight.delete(id);
    if (res.op !== 'modifyRecords') return { error: ckError(1) };
    const result = res.result;
    const failedSaves: { record: RecordRef; error: CKErrorInfo }[] = [];
    const failedDeletes: { recordName: string; error: CKErrorInfo }[] = [];
    const savedRefs: RecordRef[] = [];
    if (result) {
      for (const s of result.saved) {
        const o = ctx.store.objects.get(s.recordName);
        if (o) { o.changeTag = s.changeTag; o.onServer = true; }
        const d = ctx.store.dirty.get(s.recordName);
        if (d && d.version === versions.get(s.recordName)) ctx.store.dirty.delete(s.recordName);
        else if (!o && !d) ctx.store.markDeleted(s.recordName, '', saves.find((x) => x.recordName === s.recordName)!.recordType, ctx.store.lastTxn);
        if (savedRefs.length < opts.eventDetailLimit) savedRefs.push({ recordName: s.recordName, recordType: s.recordType });
      }
      for (const name of result.deleted) {
        const d = ctx.store.dirty.get(name);
        if (d && d.version === versions.get(name)) ctx.store.dirty.delete(name);
      }
      for (const [name, e] of result.itemErrors) {
        const save = saves.find((s) => s.recordName === name);
        if (save) failedSaves.push({ record: { recordName: name, recordType: save.recordType }, error: e });
        else failedDeletes.push({ recordName: name, error: e });
      }
    }
    ctx.emit({
      kind: 'engine.sentRecordZoneChanges', zone: ctx.zone, saved: savedRefs, savedCount: result?.saved.length ?? 0,
      failedSaves: failedSaves.slice(0, opts.eventDetailLimit), deleted: (result?.deleted ?? []).slice(0, opts.eventDetailLimit),
      deletedCount: result?.deleted.length ?? 0, failedDeletes: failedDeletes.slice(0, opts.eventDetailLimit),
    });
    if (!res.error) continue;
    const e = res.error;
    const sent = saves.length + deletes.length;
    if (e.code === 27 && !result && sent > 1) {
      // LIMIT doc: "split the operation in half and retry".
      maxRecords = Math.ceil(sent / 2);
      ctx.emit({ kind: 'warning', message: `${ctx.id}: limitExceeded for ${sent} items; retrying in batches of ${maxRecords}` });
      continue;
    }
    if (e.code === 26) { reset(ctx, 'ZoneDeleted', e); requeueSetup(ctx); return { error: e }; }
    if (e.code === 28) { reset(ctx, 'UserPurgedZone', e); requeueSetup(ctx); return { error: e }; }
    if (e.code !== 2 || !result) return failOrRetry(ctx, e);
    // Partial failure: resolve what the engine resolves itself, fail on the rest.
    let unresolved: CKErrorInfo | null = null;
    const droppedEdits: string[] = [];
    for (const [name, ie] of result.itemErrors) {
      if (ie.code === 22) continue;
      if (ie.code === 14) {
        resolveConflict(ctx, name, result.serverRecords.get(name));
      } else if (ie.code === 11 && wasOnServer(ctx, name, saves)) {
        if (resolveUnknownItem(ctx, name)) droppedEdits.push(name);
      } else {
        unresolved = unresolved ?? ie;
        skip.add(name);
      }
    }
    announceDivergence(ctx, 'unknownItemDropsEdit', droppedEdits);
    if (unresolved) return failOrRetry(ctx, e);
  }
  return { error: null };
}

/**
 * serverRecordChanged (only with ifServerRecordUnchanged, §2.2): Apple's CKSyncEngine sample merges the
 * server record into the local object and re-queues the save; `serverWins` keeps the server values.
 */
function resolveConflict(ctx: DeviceContext, name: string, server: ServerRecord | undefined): void {
  const o = ctx.store.objects.get(name);
  if (!o || !server) return;
  o.changeTag = server.changeTag;
  o.onServer = true;
  if (ctx.opts.conflictResolution === 'clientWins') return;
  const txn = new TxnBuilder('NSCloudKitMirroringDelegate.import');
  applyRecord(ctx, txn, server);
  ctx.store.dirty.delete(name);
  const h = ctx.store.commit(txn, ctx.host.now());
  if (h) emitSaved(ctx, h.seq, 'NSCloudKitMirroringDelegate.import', h.inserted, h.updated, h.deleted);
}

/**
 * Whether unknownItem (11) on this item means "deleted on the server": only for a record the device saved
 * before (a change tag or a delete). On a record that was never on the server (an insert) 11 says nothing
 * about a deletion: the change stays pending and the export fails visibly with the error (issue 17 D4; the
 * exporter's per-item recovery is not in the reimplementation, so this is a modelling choice).
 */
function wasOnServer(ctx: DeviceContext, name: string, saves: readonly RecordSave[]): boolean {
  const save = saves.find((s) => s.recordName === name);
  if (!save) return true; // a delete: the record is gone either way
  return save.changeTag !== null || ctx.store.objects.get(name)?.onServer === true;
}

/**
 * unknownItem on the save of a record deleted elsewhere (§5 #3 switch). Returns whether a local object was
 * deleted (announced by the caller).
 */
function resolveUnknownItem(ctx: DeviceContext, name: string): boolean {
  const o = ctx.store.objects.get(name);
  if (ctx.opts.deleteVsEdit === 'editResurrects' && o) {
    // Apple's sample re-uploads the record as new; its many-to-many join records went with it (the deleting
    // device deleted them), so they are uploaded again too (issue 17 fuzz: a link kept on one device only).
    o.changeTag = null;
    o.onServer = false;
    ctx.store.markDirty(o, ctx.host.model.entity(o.entity)!.recordType, null, ctx.store.lastTxn);
    for (const link of ctx.store.linkNamesOf(name)) ctx.store.markDirty({ id: link, entity: MANY_TO_MANY_RECORD_TYPE }, MANY_TO_MANY_RECORD_TYPE, null, ctx.store.lastTxn);
    return false;
  }
  ctx.store.dirty.delete(name);
  // A pending delete: the server says the record is already gone; nothing is left to do here (announced:
  // if the server answered 11 for a record it still has, as an injected fault can, that record stays).
  if (!o) return true;
  // deleteWins: the deletion wins now. Waiting for the tombstone at the next import lost it for good when a
  // token reset came in between (a nil-token fetch reports no deletions; issue 17 fuzz). Deleted as the import
  // of the tombstone would: not exported, and neither are a Cascade rule's victims (announced, as in D1).
  const txn = new TxnBuilder('NSCloudKitMirroringDelegate.import');
  const cascaded: string[] = [];
  deleteLocal(ctx, txn, name, 0, false, new Set(), (id) => { if (ctx.store.objects.get(id)?.onServer) cascaded.push(id); });
  const h = ctx.store.commit(txn, ctx.host.now());
  if (h) {
    emitSaved(ctx, h.seq, 'NSCloudKitMirroringDelegate.import', h.inserted, h.updated, h.deleted);
    ctx.emit({ kind: 'store.remoteChange', transaction: h.seq });
    if (ctx.observesRemoteChanges) ctx.uiTransaction = h.seq;
  }
  announceDivergence(ctx, 'importCascadeNotExported', cascaded);
  return true;
}

const STRING_TYPE = { kind: 'primitive', base: 'STRING', encrypted: false } as const;
/** CDMR fields are all strings [DOC Reading CloudKit Records for Core Data]. */
const LINK_TYPES = { CD_entityNames: STRING_TYPE, CD_recordNames: STRING_TYPE, CD_relationships: STRING_TYPE };

function linkFields(l: LinkRecord): Record<string, string> {
  return { CD_entityNames: `${l.entityA}:${l.entityB}`, CD_recordNames: `${l.a}:${l.b}`, CD_relationships: `${l.relA}:${l.relB}` };
}
