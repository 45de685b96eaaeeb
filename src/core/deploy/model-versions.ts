import {
  entityIndex, fieldNameOf, isManyToMany, isMirroredAttribute, isMirroredRelationship, recordTypeNameFor, rootEntityOf,
  schemaTypeOfAttribute,
} from '../cloudkit/mapping';
import { formatFieldType, sameFieldType } from '../cloudkit/schema-ir';
import type { AttributeIR, EntityIR, ModelIR, RelationshipIR } from '../model/ir';
import type { SchemaChange } from './plan';
import { compareChanges } from './plan';

/**
 * Changes between two versions of a Core Data model (previous → current in one `.xcdatamodeld`) that
 * CloudKit can't follow (reference/coredata-model.md §3.5):
 * - [DOC] "After you promote your schema to production, the record types and their fields are
 *   immutable and exist for all time ... you can't rename or delete CloudKit record types and fields".
 * - Entity renames fail the store's migration, development included: [OBS partout-io/passepartout #586]
 *   "Cannot migrate store in-place: CloudKit integration forbids renaming 'CDProfile' to 'CDProfileV3'.
 *   Older devices can't process the new records". "Cannot migrate store in-place" is Core Data's general
 *   migration error, NSMigrationError = 134110 [DOC Apple, NSMigrationError]. The check runs in the local
 *   store's migration, before any request reaches CloudKit, so the container's environment does not
 *   matter (our reading). Many-to-many relationship renames fail the same way (issue 13's audit; their
 *   names are data in the CDMR join records, `CD_relationships`); UNCONFIRMED by a log of our own.
 * - Removals delete nothing in CloudKit and do not block a deploy: they are warnings (what remains, and
 *   older app versions, are the problem), not blocked changes.
 * Renames are recognised through Xcode's Renaming ID (`elementID` = the old name, §2.2).
 *
 * `devSpan` points into the current version, `prodSpan` into the previous one.
 */
export interface ModelVersionChange extends SchemaChange {
  readonly entity: string;
  readonly property?: string;
  /**
   * Set when Core Data refuses to open a CloudKit-backed store across this change (development included):
   * the failure reason of NSCocoaErrorDomain 134110, as Core Data words it.
   */
  readonly migrationError?: string;
}

/** Core Data's reason for refusing a rename in a CloudKit-backed store [OBS passepartout #586]. */
export function forbidsRenamingMessage(from: string, to: string): string {
  return `CloudKit integration forbids renaming '${from}' to '${to}'. Older devices can't process the new records.`;
}

type Prop = AttributeIR | RelationshipIR;

/** Pairs current elements with previous ones: by Renaming ID (= an old name), else by name, else by a shared Renaming ID. */
function matchByName<T extends { name: string; elementID?: string }>(previous: readonly T[], current: readonly T[]): { pairs: [T, T][]; removed: T[] } {
  const prevByName = new Map<string, T>();
  for (const p of previous) if (!prevByName.has(p.name)) prevByName.set(p.name, p);
  const used = new Set<T>();
  const pairs: [T, T][] = [];
  const take = (c: T, p: T | undefined): boolean => {
    if (!p || used.has(p)) return false;
    used.add(p);
    pairs.push([p, c]);
    return true;
  };
  const pending: T[] = [];
  // First pass: explicit renames (the Renaming ID names an old element that no current element keeps).
  for (const c of current) {
    const old = c.elementID !== undefined && c.elementID !== c.name ? prevByName.get(c.elementID) : undefined;
    if (!(old && !current.some((x) => x.name === old.name) && take(c, old))) pending.push(c);
  }
  for (const c of pending) {
    if (take(c, prevByName.get(c.name))) continue;
    if (c.elementID !== undefined) take(c, previous.find((p) => p.elementID === c.elementID && !used.has(p)));
  }
  return { pairs, removed: previous.filter((p) => !used.has(p)) };
}

export function diffModelVersions(previous: ModelIR, current: ModelIR): ModelVersionChange[] {
  const prevIndex = entityIndex(previous);
  const curIndex = entityIndex(current);
  const changes: ModelVersionChange[] = [];
  const { pairs, removed } = matchByName([...prevIndex.values()], [...curIndex.values()]);
  const rootSpan = current.root?.headSpan;

  for (const e of removed) {
    const recordType = recordTypeNameFor(e, prevIndex);
    changes.push({
      verdict: 'warning', kind: 'entity-removed', recordType, entity: e.name,
      message: `Entity '${e.name}' was removed from the current model version. Nothing is deleted in CloudKit: record type ${recordType} `
        + `and the records it holds stay (in production for all time), and a deploy is not blocked. Older app versions keep creating `
        + `and syncing '${e.name}' objects that this version no longer has.`,
      devSpan: rootSpan, prodSpan: e.nameSpan,
    });
  }
  const renamedTo = new Map(pairs.map(([pe, ce]) => [pe.name, ce.name]));
  for (const [pe, ce] of pairs) {
    const prevRecord = recordTypeNameFor(pe, prevIndex);
    const curRecord = recordTypeNameFor(ce, curIndex);
    // The root is the same element when the previous root maps to the current root (a renamed root
    // is reported as a rename, not as a root change).
    const sameRoot = renamedTo.get(rootEntityOf(pe, prevIndex).name) === rootEntityOf(ce, curIndex).name;
    if (pe.name !== ce.name) {
      const migrationError = forbidsRenamingMessage(pe.name, ce.name);
      changes.push({
        verdict: 'blocked', kind: 'entity-renamed', recordType: prevRecord, entity: ce.name, migrationError,
        message: `Entity '${pe.name}' is renamed to '${ce.name}' (Renaming ID '${ce.elementID ?? pe.name}'). Core Data refuses to migrate `
          + `a CloudKit-backed store across it, in development as in production: NSCocoaErrorDomain 134110 "Cannot migrate store in-place: `
          + `${migrationError}" Keep the entity and add a new one instead.`,
        devSpan: ce.nameSpan, prodSpan: pe.nameSpan, probableRename: { from: pe.name, to: ce.name },
      });
    }
    if (!sameRoot) {
      changes.push({
        verdict: 'blocked', kind: 'root-entity-changed', recordType: prevRecord, entity: ce.name,
        message: `Entity '${ce.name}' moves from record type ${prevRecord} to ${curRecord}: its root entity changed `
          + `(parentEntity ${pe.parentEntity ?? 'none'} → ${ce.parentEntity ?? 'none'}). The record type is named after the root entity, `
          + `so its records would change type, which production can't follow.`,
        devSpan: ce.attrs.parentEntity?.span ?? ce.nameSpan, prodSpan: pe.attrs.parentEntity?.span ?? pe.nameSpan,
      });
    }
    for (const c of diffProperties(pe, ce, prevRecord, prevIndex, curIndex)) changes.push(c);
  }
  return changes.sort((a, b) => compareChanges(a, b) || (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0));
}

function diffProperties(pe: EntityIR, ce: EntityIR, recordType: string, prevIndex: Map<string, EntityIR>, curIndex: Map<string, EntityIR>): ModelVersionChange[] {
  const out: ModelVersionChange[] = [];
  // Only what reaches CloudKit: mirrored attributes and relationships (transient and ignored ones never do).
  const prevAttrs = pe.attributes.filter(isMirroredAttribute);
  const curAttrs = ce.attributes.filter(isMirroredAttribute);
  const attrs = matchByName(prevAttrs, curAttrs);
  for (const a of attrs.removed) {
    const now = ce.attributes.find((x) => x.name === a.name);
    const why = now ? 'is no longer mirrored (transient, ignored or of an unsupported type)' : 'was removed';
    out.push({
      verdict: 'warning', kind: 'attribute-removed', recordType, field: fieldNameOf(a.name), entity: ce.name, property: a.name,
      message: `Attribute '${ce.name}.${a.name}' ${why}. Nothing is deleted in CloudKit: field ${fieldNameOf(a.name)} and the values `
        + `records already hold stay, and a deploy is not blocked. This version stops reading and writing it; older app versions still `
        + `do, so they keep seeing the last value they synced.`,
      devSpan: now?.headSpan ?? ce.nameSpan, prodSpan: a.headSpan,
    });
  }
  for (const [pa, ca] of attrs.pairs) {
    if (pa.name !== ca.name) {
      out.push({
        verdict: 'blocked', kind: 'attribute-renamed', recordType, field: fieldNameOf(pa.name), entity: ce.name, property: ca.name,
        message: `Attribute '${ce.name}.${pa.name}' is renamed to '${ca.name}': field ${fieldNameOf(pa.name)} would be abandoned and `
          + `${fieldNameOf(ca.name)} created; CloudKit can't rename a field in production and older devices keep using the old one.`,
        devSpan: ca.headSpan, prodSpan: pa.headSpan, probableRename: { from: pa.name, to: ca.name },
      });
    }
    if (pa.attributeType !== ca.attributeType || pa.allowsCloudEncryption !== ca.allowsCloudEncryption) {
      const pt = schemaTypeOfAttribute(pa);
      const ct = schemaTypeOfAttribute(ca);
      const fieldChanges = !pt || !ct || !sameFieldType(pt, ct);
      const what = pa.attributeType !== ca.attributeType
        ? `changes type from ${pa.attributeType ?? 'Undefined'} to ${ca.attributeType ?? 'Undefined'}`
        : `${ca.allowsCloudEncryption ? 'becomes' : 'is no longer'} encrypted (allowsCloudEncryption)`;
      out.push({
        verdict: fieldChanges ? 'blocked' : 'warning',
        kind: fieldChanges ? 'attribute-type-changed' : 'attribute-type-changed-same-field',
        recordType, field: fieldNameOf(ca.name), entity: ce.name, property: ca.name,
        message: fieldChanges
          ? `Attribute '${ce.name}.${ca.name}' ${what}: its CloudKit field ${fieldNameOf(ca.name)} would change from `
            + `${pt ? formatFieldType(pt) : 'none'} to ${ct ? formatFieldType(ct) : 'none'}, and a field's type can't change in production.`
          : `Attribute '${ce.name}.${ca.name}' ${what}; the CloudKit field stays ${pt ? formatFieldType(pt) : ''}, but older devices `
            + `still read and write the old type's values.`,
        devSpan: ca.attrs.attributeType?.span ?? ca.attrs.allowsCloudEncryption?.span ?? ca.headSpan,
        prodSpan: pa.attrs.attributeType?.span ?? pa.headSpan,
      });
    }
  }

  // Relationships: a to-one side is a CD_<name> field; a many-to-many lives in CDMR records (mapping §4.4).
  const prevRels = pe.relationships.filter(isMirroredRelationship);
  const curRels = ce.relationships.filter(isMirroredRelationship);
  const rels = matchByName<Prop>(prevRels, curRels);
  for (const r of rels.removed as RelationshipIR[]) {
    out.push({
      verdict: 'warning', kind: 'relationship-removed', recordType, field: r.toMany ? undefined : fieldNameOf(r.name), entity: ce.name, property: r.name,
      message: `Relationship '${ce.name}.${r.name}' was removed. Nothing is deleted in CloudKit${r.toMany ? '' : `: field ${fieldNameOf(r.name)} keeps the record names it holds`}, `
        + `and a deploy is not blocked. Older app versions keep sending and reading it; this version ignores it.`,
      devSpan: ce.nameSpan, prodSpan: r.headSpan,
    });
  }
  for (const [pr, cr] of rels.pairs as [RelationshipIR, RelationshipIR][]) {
    if (pr.name !== cr.name) {
      // A many-to-many relationship's name is stored in its CDMR join records: Core Data refuses the rename.
      const manyToMany = isManyToMany(pr, prevIndex) && isManyToMany(cr, curIndex);
      const migrationError = manyToMany ? forbidsRenamingMessage(pr.name, cr.name) : undefined;
      out.push({
        verdict: 'blocked', kind: 'relationship-renamed', recordType, field: pr.toMany ? undefined : fieldNameOf(pr.name), entity: ce.name, property: cr.name,
        ...(migrationError ? { migrationError } : {}),
        message: migrationError
          ? `Many-to-many relationship '${ce.name}.${pr.name}' is renamed to '${cr.name}'. Core Data refuses to migrate a CloudKit-backed `
            + `store across it, in development as in production: NSCocoaErrorDomain 134110 "Cannot migrate store in-place: ${migrationError}" `
            + `Keep the relationship and add a new one instead.`
          : `Relationship '${ce.name}.${pr.name}' is renamed to '${cr.name}': CloudKit can't rename what is in production, and `
            + `older devices keep using the old name.`,
        devSpan: cr.headSpan, prodSpan: pr.headSpan, probableRename: { from: pr.name, to: cr.name },
      });
    }
    const storage = (r: RelationshipIR, idx: Map<string, EntityIR>) => (!r.toMany ? 'field' : isManyToMany(r, idx) ? 'CDMR' : 'none');
    const ps = storage(pr, prevIndex);
    const cs = storage(cr, curIndex);
    if (ps !== cs) {
      out.push({
        verdict: 'blocked', kind: 'relationship-cardinality-changed', recordType,
        field: ps === 'field' ? fieldNameOf(pr.name) : cs === 'field' ? fieldNameOf(cr.name) : undefined, entity: ce.name, property: cr.name,
        message: `Relationship '${ce.name}.${cr.name}' changes from ${pr.toMany ? 'to-many' : 'to-one'} to ${cr.toMany ? 'to-many' : 'to-one'}: `
          + `its storage changes (${ps === 'field' ? `field ${fieldNameOf(pr.name)}` : ps === 'CDMR' ? 'CDMR join records' : 'nothing on this record'} → `
          + `${cs === 'field' ? `field ${fieldNameOf(cr.name)}` : cs === 'CDMR' ? 'CDMR join records' : 'nothing on this record'}), and older devices keep the old form.`,
        devSpan: cr.attrs.toMany?.span ?? cr.headSpan, prodSpan: pr.attrs.toMany?.span ?? pr.headSpan,
      });
    }
  }
  return out;
}
