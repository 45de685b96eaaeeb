import type { ModelIR } from '../../model/ir';
import type { FieldType } from '../../cloudkit/schema-ir';
import {
  assetFieldNameOf, entityIndex, fieldNameOf, hasAssetTwin, inverseOf, isManyToMany,
  isMirroredAttribute, isMirroredRelationship, recordTypeNameFor, schemaTypeOfAttribute, CD_PREFIX, MANY_TO_MANY_RECORD_TYPE,
} from '../../cloudkit/mapping';
import type { AttrValue } from '../api';

/**
 * What the mirroring engine needs to know about each entity, computed once from the ModelIR through
 * mapping.ts (coredata-model.md §4): its record type, which attributes become which fields, which
 * relationships are stored as foreign-key strings. Shared by every device of a session.
 */
export interface AttrInfo {
  readonly name: string;
  readonly type: string;
  readonly field: string;
  /** `CD_<name>_ckAsset` for variable-length types. */
  readonly assetField: string | null;
  readonly fieldType: FieldType | null;
  readonly mirrored: boolean;
  readonly defaultValue: AttrValue;
}

export interface RelInfo {
  readonly name: string;
  readonly destination: string;
  readonly inverse: string | null;
  readonly toMany: boolean;
  readonly manyToMany: boolean;
  readonly deletionRule: string;
  /** To-one relationships are mirrored as `CD_<name>` holding the related record name (§4.4). */
  readonly field: string | null;
  readonly mirrored: boolean;
}

export interface EntityInfo {
  readonly name: string;
  readonly abstract: boolean;
  readonly recordType: string;
  readonly attributes: ReadonlyMap<string, AttrInfo>;
  readonly relationships: ReadonlyMap<string, RelInfo>;
  /** Mirrored attributes in field order, fixed-size first (the serializer writes them first, §4.3). */
  readonly fixedAttrs: readonly AttrInfo[];
  readonly variableAttrs: readonly AttrInfo[];
  readonly toOne: readonly RelInfo[];
  /** The declared CloudKit type of every field it writes. */
  readonly fieldTypes: Readonly<Record<string, FieldType>>;
  /** field name → attribute or relationship, for import. */
  readonly byField: ReadonlyMap<string, { readonly attr?: AttrInfo; readonly rel?: RelInfo; readonly asset?: boolean }>;
}

const STRINGISH = new Set(['String', 'UUID', 'URI']);
const INTEGER = new Set(['Integer 16', 'Integer 32', 'Integer 64']);
const REAL = new Set(['Double', 'Float', 'Decimal']);
const BYTES = new Set(['Binary', 'Transformable', 'Composite']);

/** A value is acceptable for an attribute type (bad values are input errors, not engine states). */
export function valueFits(type: string, v: AttrValue): boolean {
  if (v === null) return true;
  if (STRINGISH.has(type)) return typeof v === 'string';
  if (INTEGER.has(type)) return typeof v === 'number' && Number.isInteger(v);
  if (REAL.has(type) || type === 'Date') return typeof v === 'number' && Number.isFinite(v);
  if (type === 'Boolean') return typeof v === 'boolean';
  if (BYTES.has(type)) return typeof v === 'object' && v.kind === 'bytes' && Number.isInteger(v.length) && v.length >= 0;
  return true;
}

function parseDefault(type: string, s: string | undefined): AttrValue {
  if (s === undefined) return null;
  if (INTEGER.has(type)) return Number.isFinite(Number(s)) ? Math.trunc(Number(s)) : null;
  if (REAL.has(type) || type === 'Date') return Number.isFinite(Number(s)) ? Number(s) : null;
  if (type === 'Boolean') return /^(YES|true|1)$/i.test(s);
  if (STRINGISH.has(type)) return s;
  return null;
}

export class ModelInfo {
  readonly entities = new Map<string, EntityInfo>();
  readonly byRecordType = new Map<string, string[]>();

  constructor(readonly model: ModelIR) {
    const index = entityIndex(model);
    for (const e of model.entities) {
      if (this.entities.has(e.name)) continue;
      // Inherited properties: walk from the root down to e.
      const chain = [];
      for (let cur: typeof e | undefined = e, guard = 0; cur && guard < 64; guard++) {
        chain.unshift(cur);
        cur = cur.parentEntity ? index.get(cur.parentEntity) : undefined;
      }
      const attributes = new Map<string, AttrInfo>();
      const relationships = new Map<string, RelInfo>();
      for (const ent of chain) {
        for (const a of ent.attributes) {
          const mirrored = isMirroredAttribute(a);
          const type = a.attributeType ?? 'Undefined';
          attributes.set(a.name, {
            name: a.name, type, field: fieldNameOf(a.name), assetField: mirrored && hasAssetTwin(a) ? assetFieldNameOf(a.name) : null,
            fieldType: schemaTypeOfAttribute(a) ?? null, mirrored, defaultValue: parseDefault(type, a.defaultValueString),
          });
        }
        for (const r of ent.relationships) {
          const m2m = isManyToMany(r, index);
          const mirrored = isMirroredRelationship(r);
          relationships.set(r.name, {
            name: r.name, destination: r.destinationEntity, inverse: inverseOf(r, index)?.name ?? r.inverseName ?? null,
            toMany: r.toMany, manyToMany: m2m, deletionRule: r.deletionRule, field: !r.toMany && mirrored ? fieldNameOf(r.name) : null, mirrored,
          });
        }
      }
      const mirroredAttrs = [...attributes.values()].filter((a) => a.mirrored && a.fieldType);
      const fieldTypes: Record<string, FieldType> = { [`${CD_PREFIX}entityName`]: { kind: 'primitive', base: 'STRING', encrypted: false } };
      const byField = new Map<string, { attr?: AttrInfo; rel?: RelInfo; asset?: boolean }>();
      for (const a of mirroredAttrs) {
        fieldTypes[a.field] = a.fieldType!;
        byField.set(a.field, { attr: a });
        if (a.assetField) {
          fieldTypes[a.assetField] = { kind: 'primitive', base: 'ASSET', encrypted: false };
          byField.set(a.assetField, { attr: a, asset: true });
        }
      }
      const toOne = [...relationships.values()].filter((r) => r.field !== null);
      for (const r of toOne) {
        fieldTypes[r.field!] = { kind: 'primitive', base: 'STRING', encrypted: false };
        byField.set(r.field!, { rel: r });
      }
      const recordType = recordTypeNameFor(e, index);
      this.entities.set(e.name, {
        name: e.name, abstract: e.isAbstract, recordType, attributes, relationships,
        fixedAttrs: mirroredAttrs.filter((a) => !a.assetField), variableAttrs: mirroredAttrs.filter((a) => a.assetField),
        toOne, fieldTypes, byField,
      });
      const list = this.byRecordType.get(recordType) ?? [];
      list.push(e.name);
      this.byRecordType.set(recordType, list);
    }
  }

  entity(name: string): EntityInfo | undefined {
    return this.entities.get(name);
  }

  /** Every record type the model writes, CDMR included when a many-to-many relationship exists. */
  recordTypes(): string[] {
    const types = [...this.byRecordType.keys()];
    if ([...this.entities.values()].some((e) => [...e.relationships.values()].some((r) => r.manyToMany))) types.push(MANY_TO_MANY_RECORD_TYPE);
    return types.sort();
  }
}
