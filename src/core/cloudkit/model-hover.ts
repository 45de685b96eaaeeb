import {
  assetFieldNameOf, entityIndex, fieldNameOf, hasAssetTwin, inverseOf, isIgnored, isManyToMany, isMirroredAttribute,
  isMirroredRelationship, mapRecordType, MAX_FIELDS_PER_RECORD_TYPE, rootEntityOf, schemaTypeOfAttribute, MANY_TO_MANY_RECORD_TYPE,
} from './mapping';
import { formatFieldType } from './schema-ir';
import type { AttributeIR, EntityIR, ModelIR, RelationshipIR } from '../model/ir';
import type { Span } from '../text/span';

/**
 * What an entity, attribute or relationship becomes in CloudKit, for the hover: every fact comes from
 * mapping.ts (reference coredata-model.md §4; its FieldCondition for the fields not every save writes), so the hover, the field-count rule and the schema
 * derivation always agree.
 */
export interface CloudKitHover {
  /** The element the hover is for. */
  readonly span: Span;
  /** Markdown lines. */
  readonly lines: readonly string[];
}

const within = (s: Span, offset: number): boolean => offset >= s.start && offset < s.end;

export function cloudKitHoverAt(model: ModelIR, offset: number): CloudKitHover | undefined {
  const entity = model.entities.find((e) => within(e.span, offset));
  if (!entity) return undefined;
  const index = entityIndex(model);
  const attribute = entity.attributes.find((a) => within(a.headSpan, offset));
  if (attribute) return { span: attribute.headSpan, lines: describeAttribute(model, index, entity, attribute) };
  const relationship = entity.relationships.find((r) => within(r.headSpan, offset));
  if (relationship) return { span: relationship.headSpan, lines: describeRelationship(model, index, entity, relationship) };
  if (within(entity.headSpan, offset)) return { span: entity.headSpan, lines: describeEntity(model, index, entity) };
  return undefined;
}

function recordTypeLine(model: ModelIR, index: Map<string, EntityIR>, entity: EntityIR): string {
  const root = rootEntityOf(entity, index);
  const rt = mapRecordType(root, model);
  // Counted as CK011 counts: the fields every save writes; the conditional ones (mapping.ts FieldCondition:
  // `_ckAsset` companions, CD_moveReceipt(`_ckAsset`)) are listed as "may be added".
  const n = rt.fields.filter((f) => f.condition === undefined).length;
  const mayAdd = rt.fields.length - n;
  const shared = root.name !== entity.name ? ` (shared with its root entity \`${root.name}\`)` : rt.entities.length > 1 ? ` (shared with its subentities ${rt.entities.slice(1).map((e) => `\`${e}\``).join(', ')})` : '';
  return `Record type \`${rt.name}\`${shared}: **${n} of ${MAX_FIELDS_PER_RECORD_TYPE} fields**${n > MAX_FIELDS_PER_RECORD_TYPE ? ' (over the limit)' : ''}`
    + (mayAdd ? `; may be added: ${mayAdd} (move receipt fields when a record is shared or moved, \`_ckAsset\` companions when a value is too large, all of them after initializeCloudKitSchema)` : '');
}

function describeEntity(model: ModelIR, index: Map<string, EntityIR>, entity: EntityIR): string[] {
  return [
    `**CloudKit** · entity \`${entity.name}\``,
    recordTypeLine(model, index, entity),
    `Every record also carries \`CD_entityName\` = \`${entity.name}\`; \`CD_moveReceipt\` and \`CD_moveReceipt_ckAsset\` may be added (when the record is shared or moved between zones, or after initializeCloudKitSchema).`,
  ];
}

function describeAttribute(model: ModelIR, index: Map<string, EntityIR>, entity: EntityIR, a: AttributeIR): string[] {
  const head = `**CloudKit** · attribute \`${entity.name}.${a.name}\``;
  if (!isMirroredAttribute(a)) {
    const why = a.transient ? 'it is transient' : isIgnored(a) ? 'it is marked NSCloudKitMirroringDelegateIgnoredPropertyKey'
      : a.attributeType === undefined ? 'its type is Undefined' : `its type (${a.attributeType}) is not supported`;
    return [head, `Not synced: ${why}.`, recordTypeLine(model, index, entity)];
  }
  const type = schemaTypeOfAttribute(a);
  const lines = [head, `Field \`${fieldNameOf(a.name)}\` · ${type ? formatFieldType(type) : '?'}`];
  if (hasAssetTwin(a)) lines.push(`Asset companion \`${assetFieldNameOf(a.name)}\` · ASSET (used when the value does not fit in the record)`);
  lines.push(recordTypeLine(model, index, entity));
  return lines;
}

function describeRelationship(model: ModelIR, index: Map<string, EntityIR>, entity: EntityIR, r: RelationshipIR): string[] {
  const head = `**CloudKit** · relationship \`${entity.name}.${r.name}\` → \`${r.destinationEntity}\``;
  if (!isMirroredRelationship(r)) return [head, `Not synced: ${r.transient ? 'it is transient' : 'it is marked ignored'}.`];
  let body: string;
  if (!r.toMany) body = `Field \`${fieldNameOf(r.name)}\` · STRING (the related record's recordName; Core Data does not use CKRecord.Reference)`;
  else if (isManyToMany(r, index)) body = `No field on this record: many-to-many links are \`${MANY_TO_MANY_RECORD_TYPE}\` join records (\`CD_entityNames\`, \`CD_recordNames\`, \`CD_relationships\`)`;
  else {
    const inv = inverseOf(r, index);
    body = inv ? `No field on this record: each \`${r.destinationEntity}\` record stores \`${fieldNameOf(inv.name)}\`` : 'No field on this record, and no inverse to store it: CloudKit integration requires one';
  }
  return [head, body, recordTypeLine(model, index, entity)];
}
