import { MANY_TO_MANY_RECORD_TYPE } from '../../cloudkit/mapping';
import type { AttrValue, ObjectChange } from '../api';
import { SandboxInputError } from '../api';
import type { EntityInfo } from './model-info';
import { valueFits } from './model-info';
import type { LocalObject } from './store';
import { TxnBuilder, makeLink } from './store';
import type { DeviceContext } from './device-context';
import { checkRelationshipTargets } from './relationship-targets';

/**
 * Local saves: the app's context save → store + history → an export request after the debounce (TN3163), with
 * relationship upkeep (inverses, many-to-many join records, delete rules) and history purges.
 */

/** Validation only (ids are drawn from the seed); `commit` applies the save. */
export function prepareSave(ctx: DeviceContext, changes: readonly ObjectChange[]): { ids: string[]; commit: () => void } {
  if (ctx.appState === 'quit') throw new SandboxInputError(`device ${ctx.id}: the app is not running (set its app state to foreground first)`);
  const model = ctx.host.model;
  const deleted = new Set<string>();
  /** The ids of the inserts, in order (`commitSave` takes them in the same order). */
  const ids: string[] = [];
  /** The save's inserts: id → entity (one map, not a set of ids beside it: 100k inserts made two big tables). */
  const pendingEntity = new Map<string, string>();
  const exists = (id: string): boolean => (ctx.store.objects.has(id) || pendingEntity.has(id)) && !deleted.has(id);
  const entityOf = (id: string): string | undefined => ctx.store.objects.get(id)?.entity ?? pendingEntity.get(id);
  for (const c of changes) {
    if (c.op === 'insert') {
      const info = model.entity(c.entity);
      if (!info) throw new SandboxInputError(`unknown entity '${c.entity}'`);
      if (info.abstract) throw new SandboxInputError(`entity '${c.entity}' is abstract`);
      const id = c.id ?? ctx.host.prng.uuid();
      if (exists(id)) throw new SandboxInputError(`an object with id '${id}' already exists on ${ctx.id}`);
      checkValues(info, c.values, c.relationships);
      pendingEntity.set(id, c.entity);
      ids.push(id);
    } else {
      if (!exists(c.id)) throw new SandboxInputError(`no object '${c.id}' on device ${ctx.id}`);
      if (c.op === 'update') {
        const entity = entityOf(c.id);
        const info = entity ? model.entity(entity) : undefined;
        if (info) checkValues(info, c.values, c.relationships);
      } else {
        deleted.add(c.id);
      }
    }
  }
  // D3 (issue 17): every relationship target exists (now or in this save) and is of the destination entity.
  checkRelationshipTargets(model, changes, entityOf, exists);
  return { ids, commit: () => commitSave(ctx, changes, ids) };
}

/** Applies a validated save; `ids` are the ids of its inserts, in order (a copy of each change was ~100 bytes at 100k inserts). */
function commitSave(ctx: DeviceContext, changes: readonly ObjectChange[], ids: readonly string[]): void {
  const model = ctx.host.model;
  const txn = new TxnBuilder('app');
  const txnSeq = ctx.store.peekTxn();
  let inserts = 0;
  for (const c of changes) {
    if (c.op === 'insert') {
      const info = model.entity(c.entity)!;
      const values: Record<string, AttrValue> = {};
      for (const a of info.attributes.values()) values[a.name] = a.defaultValue;
      if (c.values) Object.assign(values, c.values);
      const o = ctx.store.insert(txn, ids[inserts++], c.entity, values);
      ctx.store.markDirty(o, info.recordType, null, txnSeq);
      if (c.relationships) for (const [rel, v] of Object.entries(c.relationships)) setRelationship(ctx, txn, o, info, rel, v, txnSeq);
    } else if (c.op === 'update') {
      const o = ctx.store.objects.get(c.id);
      if (!o) continue;
      const info = model.entity(o.entity)!;
      const keys: string[] = [];
      for (const [k, v] of Object.entries(c.values ?? {})) {
        ctx.store.setValue(txn, o, k, v);
        keys.push(k);
      }
      if (keys.length > 0) ctx.store.markDirty(o, info.recordType, keys, txnSeq);
      for (const [rel, v] of Object.entries(c.relationships ?? {})) setRelationship(ctx, txn, o, info, rel, v, txnSeq);
    } else {
      deleteLocal(ctx, txn, c.id, txnSeq, true, new Set());
    }
  }
  const h = ctx.store.commit(txn, ctx.host.now());
  if (h) {
    emitSaved(ctx, h.seq, 'app', h.inserted, h.updated, h.deleted);
    ctx.uiTransaction = h.seq;
    // "Observed context save" → export request after the debounce [doc TN3163].
    if (!ctx.exportTimer) {
      ctx.exportTimer = ctx.host.schedule(ctx.opts.exportDebounceMs, `${ctx.id}: export debounce`, () => {
        ctx.exportTimer = null;
        ctx.request('export', 'ContextSave', false);
      });
    }
  }
}

function checkValues(info: EntityInfo, values: Readonly<Record<string, AttrValue>> | undefined, rels: Readonly<Record<string, unknown>> | undefined): void {
  // for-in with an own-property check, not Object.entries: an array per key was ~300 bytes per insert.
  for (const k in values) {
    if (!Object.hasOwn(values, k)) continue;
    const v = values[k];
    const a = info.attributes.get(k);
    if (!a) throw new SandboxInputError(`entity '${info.name}' has no attribute '${k}'`);
    if (!valueFits(a.type, v)) throw new SandboxInputError(`value ${JSON.stringify(v)} does not fit attribute ${info.name}.${k} (${a.type})`);
  }
  for (const [k, v] of Object.entries(rels ?? {})) {
    const r = info.relationships.get(k);
    if (!r) throw new SandboxInputError(`entity '${info.name}' has no relationship '${k}'`);
    if (r.toMany !== Array.isArray(v)) throw new SandboxInputError(`relationship ${info.name}.${k} is ${r.toMany ? 'to-many (give a list of ids)' : 'to-one (give an id or null)'}`);
  }
}

function setRelationship(ctx: DeviceContext, txn: TxnBuilder, o: LocalObject, info: EntityInfo, rel: string, v: unknown, txnSeq: number): void {
  const r = info.relationships.get(rel)!;
  const model = ctx.host.model;
  if (!r.toMany) {
    const target = (v as string | null) ?? null;
    const old = o.toOne[rel] ?? null;
    ctx.store.setToOne(txn, o, rel, target);
    ctx.store.markDirty(o, info.recordType, [rel], txnSeq);
    // One-to-one: Core Data maintains the inverse, and both records carry the foreign key (§4.4).
    if (r.inverse) {
      const destInfo = model.entity(r.destination);
      const inv = destInfo?.relationships.get(r.inverse);
      if (inv && !inv.toMany) {
        const oldT = old ? ctx.store.objects.get(old) : undefined;
        if (oldT) { ctx.store.setToOne(txn, oldT, r.inverse, null); ctx.store.markDirty(oldT, destInfo!.recordType, [r.inverse], txnSeq); }
        const t = target ? ctx.store.objects.get(target) : undefined;
        if (t) { ctx.store.setToOne(txn, t, r.inverse, o.id); ctx.store.markDirty(t, destInfo!.recordType, [r.inverse], txnSeq); }
      }
    }
    return;
  }
  if (r.manyToMany && r.inverse) {
    // Many-to-many: CDMR join records, nothing on either entity record (§4.4).
    const wanted = new Set(v as string[]);
    for (const { id, link } of ctx.store.linked(o.id, rel)) {
      if (wanted.has(id)) { wanted.delete(id); continue; }
      ctx.store.removeLink(txn, link);
      ctx.store.markDeleted(link, MANY_TO_MANY_RECORD_TYPE, MANY_TO_MANY_RECORD_TYPE, txnSeq);
    }
    for (const id of wanted) {
      const other = ctx.store.objects.get(id);
      if (!other) continue;
      const l = makeLink({ id: o.id, entity: o.entity, rel }, { id, entity: other.entity, rel: r.inverse });
      if (ctx.store.addLink(txn, l)) ctx.store.markDirty({ id: l.name, entity: MANY_TO_MANY_RECORD_TYPE }, MANY_TO_MANY_RECORD_TYPE, null, txnSeq);
    }
    return;
  }
  // To-many with a to-one inverse: only the children store the key (§4.4 "Post records don't contain a reference").
  if (!r.inverse) return;
  const wanted = new Set(v as string[]);
  for (const { id } of ctx.store.referrers(o.id, r.inverse)) {
    if (wanted.has(id)) { wanted.delete(id); continue; }
    const child = ctx.store.objects.get(id)!;
    ctx.store.setToOne(txn, child, r.inverse, null);
    ctx.store.markDirty(child, model.entity(child.entity)!.recordType, [r.inverse], txnSeq);
  }
  for (const id of wanted) {
    const child = ctx.store.objects.get(id);
    if (!child) continue;
    ctx.store.setToOne(txn, child, r.inverse, o.id);
    ctx.store.markDirty(child, model.entity(child.entity)!.recordType, [r.inverse], txnSeq);
  }
}

/** Deletes an object applying its relationships' delete rules (Nullify / Cascade). */
export function deleteLocal(ctx: DeviceContext, txn: TxnBuilder, id: string, txnSeq: number, export_: boolean, seen: Set<string>, cascaded?: (id: string) => void): void {
  if (seen.has(id)) return;
  seen.add(id);
  const o = ctx.store.objects.get(id);
  if (!o) return;
  const model = ctx.host.model;
  const info = model.entity(o.entity)!;
  for (const r of info.relationships.values()) {
    if (!r.inverse) continue;
    const related: string[] = r.toMany
      ? ctx.store.referrers(o.id, r.inverse).map((x) => x.id)
      : (() => { const t = o.toOne[r.name]; const dest = model.entity(r.destination); return t && dest && !dest.relationships.get(r.inverse!)?.toMany ? [t] : []; })();
    for (const rid of related) {
      const ro = ctx.store.objects.get(rid);
      if (!ro) continue;
      if (r.deletionRule === 'Cascade') {
        if (!seen.has(rid)) cascaded?.(rid);
        deleteLocal(ctx, txn, rid, txnSeq, export_, seen, cascaded);
        continue;
      }
      if (ro.toOne[r.inverse] === o.id) {
        ctx.store.setToOne(txn, ro, r.inverse, null);
        if (export_) ctx.store.markDirty(ro, model.entity(ro.entity)!.recordType, [r.inverse], txnSeq);
      }
    }
  }
  for (const link of ctx.store.linkNamesOf(id)) {
    ctx.store.removeLink(txn, link);
    if (export_) ctx.store.markDeleted(link, MANY_TO_MANY_RECORD_TYPE, MANY_TO_MANY_RECORD_TYPE, txnSeq);
    else ctx.store.dirty.delete(link);
  }
  ctx.store.remove(txn, id);
  if (!export_) { ctx.store.dirty.delete(id); return; }
  if (o.onServer || ctx.inFlight.has(id)) ctx.store.markDeleted(id, o.entity, info.recordType, txnSeq);
  else ctx.store.dirty.delete(id);
}

export function emitSaved(ctx: DeviceContext, seq: number, author: 'app' | 'NSCloudKitMirroringDelegate.import' | 'NSCloudKitMirroringDelegate.reset', ins: readonly string[], upd: readonly string[], del: readonly string[]): void {
  const limit = ctx.opts.eventDetailLimit;
  const ids: string[] = [];
  for (const list of [ins, upd, del]) for (const id of list) { if (ids.length >= limit) break; ids.push(id); }
  ctx.emit({ kind: 'store.saved', author, transaction: seq, inserted: ins.length, updated: upd.length, deleted: del.length, ids });
}
