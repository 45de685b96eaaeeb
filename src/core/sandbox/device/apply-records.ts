import { MANY_TO_MANY_RECORD_TYPE } from '../../cloudkit/mapping';
import type { AttrValue, RecordRef } from '../api';
import type { ServerRecord } from '../server/storage';
import { ENTITY_NAME_FIELD, readRecordFields, readToOne } from './codec';
import { TxnBuilder } from './store';
import type { DeviceContext } from './device-context';
import { deleteLocal, emitSaved } from './local-saves';
import { announceDivergence } from './divergence';

/**
 * Writing fetched records into the store (the import context: NSMergeByPropertyObjectTrumpMergePolicy, the
 * import's values win) and posting NSPersistentStoreRemoteChange.
 */

export function applyPage(ctx: DeviceContext, modified: readonly ServerRecord[], deleted: readonly RecordRef[], seen: Set<string> | null): void {
  const txn = new TxnBuilder('NSCloudKitMirroringDelegate.import');
  for (const rec of modified) {
    if (seen) seen.add(rec.recordName);
    applyRecord(ctx, txn, rec);
  }
  // D1 (issue 17): objects a Cascade rule deletes during the import are not exported (the history analyzer
  // skips import-authored changes); those the server still has are announced.
  const cascaded: string[] = [];
  const deletedNames = new Set(deleted.map((d) => d.recordName));
  for (const d of deleted) {
    // A record moved into a share zone: its tombstone in the Core Data zone does not delete the object.
    if (ctx.sharing.zoneOf.has(d.recordName)) continue;
    if (ctx.store.links.has(d.recordName)) { ctx.store.removeLink(txn, d.recordName); ctx.store.dirty.delete(d.recordName); continue; }
    if (!ctx.store.objects.has(d.recordName)) { ctx.store.dirty.delete(d.recordName); continue; }
    deleteLocal(ctx, txn, d.recordName, 0, false, new Set(), (id) => { if (!deletedNames.has(id) && ctx.store.objects.get(id)?.onServer) cascaded.push(id); });
  }
  commitImport(ctx, txn);
  announceDivergence(ctx, 'importCascadeNotExported', cascaded);
}

export function commitImport(ctx: DeviceContext, txn: TxnBuilder): void {
  const h = ctx.store.commit(txn, ctx.host.now());
  if (!h) return;
  emitSaved(ctx, h.seq, 'NSCloudKitMirroringDelegate.import', h.inserted, h.updated, h.deleted);
  // NSPersistentStoreRemoteChange [doc TN3164 "Present the latest data"].
  ctx.emit({ kind: 'store.remoteChange', transaction: h.seq });
  if (ctx.observesRemoteChanges) ctx.uiTransaction = h.seq;
}

/** Writes a fetched record into the store (import context, NSMergeByPropertyObjectTrumpMergePolicy: the import's values win). */
export function applyRecord(ctx: DeviceContext, txn: TxnBuilder, rec: ServerRecord): void {
  const d = ctx.store.dirty.get(rec.recordName);
  if (d?.deleted) return; // our pending delete will be exported
  if (rec.recordType === MANY_TO_MANY_RECORD_TYPE) { applyLink(ctx, txn, rec); return; }
  const entityName = rec.fields[ENTITY_NAME_FIELD];
  const info = typeof entityName === 'string' ? ctx.host.model.entity(entityName) : undefined;
  if (!info) {
    ctx.emit({ kind: 'warning', message: `${ctx.id}: record ${rec.recordName} (${rec.recordType}) has unknown CD_entityName ${JSON.stringify(entityName)}; skipped` });
    return;
  }
  let o = ctx.store.objects.get(rec.recordName);
  if (!o) {
    o = ctx.store.insert(txn, rec.recordName, info.name, ctx.host.importedValues.valuesOf(rec, info, (ref) => ctx.host.assetContent(ref)));
    const toOne = readToOne(rec.fields, info);
    if (toOne) for (const k in toOne) ctx.store.setToOne(txn, o, k, toOne[k]);
  } else {
    const { values, toOne } = readRecordFields(rec.fields, info, (ref) => ctx.host.assetContent(ref));
    for (const k in values) if (!sameValue(o.values[k], values[k])) ctx.store.setValue(txn, o, k, values[k]);
    for (const k in toOne) ctx.store.setToOne(txn, o, k, toOne[k]);
  }
  o.changeTag = rec.changeTag;
  o.onServer = true;
}

function applyLink(ctx: DeviceContext, txn: TxnBuilder, rec: ServerRecord): void {
  const split = (k: string): string[] => (typeof rec.fields[k] === 'string' ? (rec.fields[k] as string).split(':') : []);
  const [ea, eb] = split('CD_entityNames');
  const [ia, ib] = split('CD_recordNames');
  const [ra, rb] = split('CD_relationships');
  if (!ea || !eb || !ia || !ib || !ra || !rb) return;
  ctx.store.addLink(txn, { name: rec.recordName, a: ia, entityA: ea, relA: ra, b: ib, entityB: eb, relB: rb });
}

function sameValue(a: AttrValue | undefined, b: AttrValue): boolean {
  if (a === b) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object') return a.length === b.length && a.tag === b.tag;
  return false;
}
