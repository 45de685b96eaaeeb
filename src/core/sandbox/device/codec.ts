import type { FieldType } from '../../cloudkit/schema-ir';
import { CD_PREFIX } from '../../cloudkit/mapping';
import type { AttrValue, FieldValue } from '../api';
import { valueSize } from '../sizes';
import type { EntityInfo } from './model-info';
import type { LocalObject } from './store';

/**
 * Object ↔ CKRecord fields, the way NSPersistentCloudKitContainer's serializer does it
 * (coredata-model.md §4): `CD_entityName`, `CD_<attr>`, to-one relationships as record-name strings, and
 * variable-length values moved to `CD_<attr>_ckAsset` when they do not fit (§4.3, RE serializer).
 */
export const ENTITY_NAME_FIELD = `${CD_PREFIX}entityName`;

export interface BuiltRecord {
  readonly fields: Record<string, FieldValue>;
  readonly types: Readonly<Record<string, FieldType>>;
  readonly assets: readonly (readonly [string, AttrValue])[];
  readonly size: number;
}

const NO_ASSETS: readonly (readonly [string, AttrValue])[] = Object.freeze([]);
const NO_ATTRS: EntityInfo['variableAttrs'] = Object.freeze([]);

/**
 * Builds the fields to send: every mirrored key (`keys` null) or only the changed ones (changedKeys policy).
 * Fixed-size values are written first; variable-length ones by ascending size, inline while
 * size + length <= threshold, else as an asset (RE OCCloudKitSerializer).
 */
export function buildRecordFields(
  o: LocalObject, info: EntityInfo, keys: ReadonlySet<string> | null, threshold: number, newAssetRef: () => string,
): BuiltRecord {
  const fields: Record<string, FieldValue> = { [ENTITY_NAME_FIELD]: o.entity };
  let assets: [string, AttrValue][] | undefined;
  let size = valueSize(o.entity);
  for (const a of info.fixedAttrs) {
    if (keys !== null && !keys.has(a.name)) continue;
    const v = o.values[a.name] ?? null;
    fields[a.field] = v;
    size += valueSize(v);
  }
  for (const r of info.toOne) {
    if (keys !== null && !keys.has(r.name)) continue;
    const v = o.toOne[r.name] ?? null;
    fields[r.field!] = v;
    size += valueSize(v);
  }
  const variable = info.variableAttrs;
  // One variable-length attribute (the common case) needs no sorting: no arrays per record (issue 17 memory).
  const vars = variable.length === 1 ? (keys === null || keys.has(variable[0].name) ? variable : NO_ATTRS)
    : variable.filter((a) => keys === null || keys.has(a.name))
      .map((a) => ({ a, len: valueSize(o.values[a.name] ?? null) }))
      .sort((x, y) => x.len - y.len)
      .map((x) => x.a);
  for (const a of vars) {
    const v = o.values[a.name] ?? null;
    const len = valueSize(v);
    if (v === null || size + len <= threshold) {
      fields[a.field] = v;
      fields[a.assetField!] = null;
      size += len;
    } else {
      // "if it is zero, look in the asset field" [DOC Reading CloudKit Records for Core Data].
      const ref = newAssetRef();
      fields[a.field] = null;
      fields[a.assetField!] = { kind: 'asset', length: len, ref, ...(typeof v === 'object' && v.tag !== undefined ? { tag: v.tag } : {}) };
      (assets ??= []).push([ref, v]);
    }
  }
  return { fields, types: info.fieldTypes, assets: assets ?? NO_ASSETS, size };
}

/** Reads a fetched record back into attribute values and to-one ids (assets resolved by `asset`). */
export function readRecordFields(
  fields: Readonly<Record<string, FieldValue>>, info: EntityInfo, asset: (ref: string) => AttrValue | undefined,
): { values: Record<string, AttrValue>; toOne: Record<string, string | null> } {
  const values: Record<string, AttrValue> = {};
  const toOne: Record<string, string | null> = {};
  for (const k in fields) {
    const m = info.byField.get(k);
    if (!m) continue;
    const v = fields[k];
    if (m.rel) { toOne[m.rel.name] = typeof v === 'string' ? v : null; continue; }
    const a = m.attr!;
    if (m.asset) {
      if (v !== null && typeof v === 'object' && v.kind === 'asset') values[a.name] = asset(v.ref) ?? null;
      continue;
    }
    // The inline field is empty when the value lives in the asset: keep the asset's value.
    if (v === null && a.assetField && fields[a.assetField] !== null && fields[a.assetField] !== undefined) continue;
    values[a.name] = v === undefined ? null : (v as AttrValue);
  }
  return { values, toOne };
}

/** `readRecordFields(...).toOne` alone (what a device needs when the values are shared); undefined when none. */
export function readToOne(fields: Readonly<Record<string, FieldValue>>, info: EntityInfo): Record<string, string | null> | undefined {
  if (info.toOne.length === 0) return undefined;
  let toOne: Record<string, string | null> | undefined;
  for (const k in fields) {
    const rel = info.byField.get(k)?.rel;
    if (rel) (toOne ??= {})[rel.name] = typeof fields[k] === 'string' ? (fields[k] as string) : null;
  }
  return toOne;
}
