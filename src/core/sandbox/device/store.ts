import type { AttrValue } from '../api';

/**
 * A device's local persistent store: the objects of the model, a reverse index for to-many relationships,
 * persistent history (one transaction per save, with its author, §1.1), and the mirroring metadata the
 * exporter keeps per object (server change tag, keys still to export).
 */
export interface LocalObject {
  readonly id: string;
  readonly entity: string;
  values: Record<string, AttrValue>;
  /** To-one relationships by name: the related object's id (it may not exist locally yet). */
  toOne: Record<string, string | null>;
  /** Last server change tag seen (CKRecord system fields). */
  changeTag: string | null;
  onServer: boolean;
}

/**
 * A many-to-many link, mirrored as a `CDMR` join record (coredata-model.md §4.4): entity names, record names
 * and relationship names of both ends, each pair joined with `:`, ends in alphabetical order of entity name.
 */
export interface LinkRecord {
  readonly name: string;
  readonly a: string;
  readonly entityA: string;
  readonly relA: string;
  readonly b: string;
  readonly entityB: string;
  readonly relB: string;
}

/** UNCONFIRMED naming: a deterministic name so two devices creating the same link write the same record. */
export function makeLink(x: { id: string; entity: string; rel: string }, y: { id: string; entity: string; rel: string }): LinkRecord {
  const [p, q] = `${x.entity}:${x.rel}` <= `${y.entity}:${y.rel}` ? [x, y] : [y, x];
  return { name: `CDMR_${p.id}_${q.id}_${p.rel}`, a: p.id, entityA: p.entity, relA: p.rel, b: q.id, entityB: q.entity, relB: q.rel };
}

export interface DirtyEntry {
  /** Keys changed since the last export; null = every key (insert, reset). */
  keys: Set<string> | null;
  deleted: boolean;
  readonly recordType: string;
  readonly entity: string;
  /** Bumped on every local change, so an export response only clears what it sent. */
  version: number;
  /** First history transaction not yet exported for this object. */
  readonly firstTxn: number;
}

export type Author = 'app' | 'NSCloudKitMirroringDelegate.import' | 'NSCloudKitMirroringDelegate.reset';

export interface HistoryTxn {
  readonly seq: number;
  readonly t: number;
  readonly author: Author;
  readonly inserted: readonly string[];
  readonly updated: readonly string[];
  readonly deleted: readonly string[];
}

export class TxnBuilder {
  readonly inserted: string[] = [];
  readonly updated = new Set<string>();
  readonly deleted: string[] = [];
  constructor(readonly author: Author) {}
  get size(): number {
    return this.inserted.length + this.updated.size + this.deleted.length;
  }
}

/**
 * The shared, frozen to-one map of every object that has never had a to-one relationship set: one empty
 * object per stored object cost ~20 MB at 100k objects on five devices (issue 17 memory); setToOne gives an
 * object its own map on first use.
 */
const NO_TO_ONE: Record<string, string | null> = Object.freeze({}) as Record<string, string | null>;

export class LocalStore {
  readonly objects = new Map<string, LocalObject>();
  readonly dirty = new Map<string, DirtyEntry>();
  readonly history: HistoryTxn[] = [];
  readonly links = new Map<string, LinkRecord>();
  /** object id → names of the links it takes part in. */
  private readonly linkIndex = new Map<string, Set<string>>();
  /** target id → set of `childId\u0000relationship` pointing at it through a to-one. */
  private readonly reverse = new Map<string, Set<string>>();
  private nextTxn = 1;
  private dirtyVersion = 0;

  get lastTxn(): number {
    return this.nextTxn - 1;
  }

  peekTxn(): number {
    return this.nextTxn;
  }

  /** `values` may be frozen and shared with other devices' stores (`setValue` copies it first). */
  insert(txn: TxnBuilder, id: string, entity: string, values: Readonly<Record<string, AttrValue>>): LocalObject {
    const o: LocalObject = { id, entity, values: values as Record<string, AttrValue>, toOne: NO_TO_ONE, changeTag: null, onServer: false };
    this.objects.set(id, o);
    txn.inserted.push(id);
    return o;
  }

  setValue(txn: TxnBuilder, o: LocalObject, key: string, v: AttrValue): void {
    // Values made from a fetched record are shared by the devices (frozen): copy on the first write.
    if (Object.isFrozen(o.values)) o.values = { ...o.values };
    o.values[key] = v;
    this.touched(txn, o.id);
  }

  setToOne(txn: TxnBuilder, o: LocalObject, rel: string, target: string | null): void {
    const prev = o.toOne[rel] ?? null;
    if (prev === target) return;
    const key = o.id + '\u0000' + rel;
    if (prev !== null) this.reverse.get(prev)?.delete(key);
    if (target !== null) {
      let s = this.reverse.get(target);
      if (!s) { s = new Set(); this.reverse.set(target, s); }
      s.add(key);
    }
    if (o.toOne === NO_TO_ONE) o.toOne = {};
    o.toOne[rel] = target;
    this.touched(txn, o.id);
  }

  addLink(txn: TxnBuilder, l: LinkRecord): boolean {
    if (this.links.has(l.name)) return false;
    this.links.set(l.name, l);
    for (const id of [l.a, l.b]) {
      let s = this.linkIndex.get(id);
      if (!s) { s = new Set(); this.linkIndex.set(id, s); }
      s.add(l.name);
      if (this.objects.has(id)) this.touched(txn, id);
    }
    return true;
  }

  removeLink(txn: TxnBuilder, name: string): LinkRecord | undefined {
    const l = this.links.get(name);
    if (!l) return undefined;
    this.links.delete(name);
    for (const id of [l.a, l.b]) {
      this.linkIndex.get(id)?.delete(name);
      if (this.objects.has(id)) this.touched(txn, id);
    }
    return l;
  }

  /** Ids linked to `id` through its many-to-many relationship `rel`. */
  linked(id: string, rel: string): { id: string; link: string }[] {
    const out: { id: string; link: string }[] = [];
    for (const name of this.linkIndex.get(id) ?? []) {
      const l = this.links.get(name)!;
      if (l.a === id && l.relA === rel) out.push({ id: l.b, link: name });
      else if (l.b === id && l.relB === rel) out.push({ id: l.a, link: name });
    }
    return out;
  }

  linkNamesOf(id: string): string[] {
    return [...(this.linkIndex.get(id) ?? [])];
  }

  /** Objects whose to-one `rel` points at `target` (the to-many side, derived). */
  referrers(target: string, rel?: string): { id: string; rel: string }[] {
    const s = this.reverse.get(target);
    if (!s) return [];
    const out: { id: string; rel: string }[] = [];
    for (const k of s) {
      const i = k.indexOf('\u0000');
      const r = k.slice(i + 1);
      if (rel === undefined || r === rel) out.push({ id: k.slice(0, i), rel: r });
    }
    return out;
  }

  remove(txn: TxnBuilder, id: string): LocalObject | undefined {
    const o = this.objects.get(id);
    if (!o) return undefined;
    for (const [rel, target] of Object.entries(o.toOne)) {
      if (target !== null) this.reverse.get(target)?.delete(id + '\u0000' + rel);
    }
    this.objects.delete(id);
    txn.deleted.push(id);
    txn.updated.delete(id);
    return o;
  }

  private touched(txn: TxnBuilder, id: string): void {
    if (txn.inserted.length > 0 && txn.inserted[txn.inserted.length - 1] === id) return;
    txn.updated.add(id);
  }

  commit(txn: TxnBuilder, t: number): HistoryTxn | null {
    if (txn.size === 0) return null;
    // A set of the inserted ids only when there are updates to filter (a 100k-insert save made one for nothing).
    const inserted = txn.updated.size > 0 && txn.inserted.length > 0 ? new Set(txn.inserted) : undefined;
    const h: HistoryTxn = {
      seq: this.nextTxn++, t, author: txn.author, inserted: txn.inserted,
      updated: inserted ? [...txn.updated].filter((id) => !inserted.has(id)) : [...txn.updated], deleted: txn.deleted,
    };
    this.history.push(h);
    return h;
  }

  /** Marks keys of an object as needing export (null = all). */
  markDirty(o: { id: string; entity: string }, recordType: string, keys: readonly string[] | null, txn: number): void {
    const d = this.dirty.get(o.id);
    const version = ++this.dirtyVersion;
    if (!d) {
      this.dirty.set(o.id, { keys: keys === null ? null : new Set(keys), deleted: false, recordType, entity: o.entity, version, firstTxn: txn });
      return;
    }
    d.version = version;
    d.deleted = false;
    if (d.keys !== null) {
      if (keys === null) d.keys = null;
      else for (const k of keys) d.keys.add(k);
    }
  }

  markDeleted(id: string, entity: string, recordType: string, txn: number): void {
    const d = this.dirty.get(id);
    const version = ++this.dirtyVersion;
    if (d) {
      d.deleted = true;
      d.version = version;
      d.keys = null;
    } else {
      this.dirty.set(id, { keys: null, deleted: true, recordType, entity, version, firstTxn: txn });
    }
  }

  /** The oldest history transaction with changes not yet exported (Infinity when all exported). */
  oldestUnexportedTxn(): number {
    let min = Infinity;
    for (const d of this.dirty.values()) if (d.firstTxn < min) min = d.firstTxn;
    return min;
  }

  /** Deletes history up to `beforeT` (inclusive); returns the last purged transaction (0 = none). */
  purgeHistory(beforeT: number): number {
    let n = 0;
    while (n < this.history.length && this.history[n].t <= beforeT) n++;
    if (n === 0) return 0;
    const last = this.history[n - 1].seq;
    this.history.splice(0, n);
    return last;
  }
}
