import type { AttrValue } from '../api';
import type { ServerRecord } from '../server/storage';
import { readRecordFields } from './codec';
import type { EntityInfo } from './model-info';

/**
 * The values of a new local object made from a fetched record (defaults for what the record lacks). A server
 * record is immutable and every device reads it with the same model, so the devices of a sandbox share one
 * frozen values object per record version; the store copies it on the first local write (store.ts). At 100k
 * objects synced to four devices, a values object per device was about a sixth of the memory (issue 17).
 *
 * The memo keeps the most recent records only: devices that sync together fetch the same records within a
 * few pages of each other, and a memo of every record (a WeakMap) cost as much as a device's object table.
 * A device that imports long after the others makes its own copies, as before (modelling choice: memory
 * only, the values are the same either way).
 */
export class ImportedValues {
  private readonly recent = new Map<ServerRecord, Readonly<Record<string, AttrValue>>>();

  constructor(private readonly capacity = RECENT_RECORDS) {}

  valuesOf(rec: ServerRecord, info: EntityInfo, asset: (ref: string) => AttrValue | undefined): Readonly<Record<string, AttrValue>> {
    const hit = this.recent.get(rec);
    if (hit) return hit;
    const { values } = readRecordFields(rec.fields, info, asset);
    const init: Record<string, AttrValue> = {};
    for (const a of info.attributes.values()) init[a.name] = a.defaultValue;
    const made = Object.freeze(Object.assign(init, values));
    if (this.recent.size >= this.capacity) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(rec, made);
    return made;
  }
}

/**
 * Records remembered: about 30 import pages of the default size (`importPageSize` 400); modelling choice.
 * Below half a power of two: a Map that keeps being deleted from grows its table once it is more than half
 * full, so 12,288 entries keep a 32,768-slot table (~1 MB) where 16,384 made it twice that.
 */
const RECENT_RECORDS = 12_288;
