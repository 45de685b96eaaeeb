import { CD_PREFIX, entityIndex, mapRecordType, rootEntityOf } from '../cloudkit/mapping';
import type { ModelIR } from '../model/ir';
import type { Span } from '../text/span';

/**
 * Ties a CloudKit name printed in a log (`CD_Item` record type, `CD_isChecked` field) to the model
 * element NSPersistentCloudKitContainer maps it from, through the record-type mapping of
 * src/core/cloudkit/mapping.ts (reference/coredata-model.md §4). Names without the `CD_` prefix are not
 * Core Data's [L012], so nothing is linked for them.
 */
export interface ModelElementLink {
  readonly entity: string;
  readonly property?: string;
  /** The element's name in the model source (the entity, or the property) to reveal. */
  readonly span: Span;
}

export function findModelElement(model: ModelIR, recordType: string, field?: string): ModelElementLink | undefined {
  if (!recordType.startsWith(CD_PREFIX)) return undefined;
  const index = entityIndex(model);
  const entity = index.get(recordType.slice(CD_PREFIX.length));
  if (!entity || rootEntityOf(entity, index) !== entity) return undefined;
  const entityLink: ModelElementLink = { entity: entity.name, span: entity.nameSpan };
  if (!field) return entityLink;
  const mapped = mapRecordType(entity, model).fields.find((f) => f.name === field);
  const origin = mapped?.origins.find((o) => o.kind === 'attribute' || o.kind === 'assetTwin' || o.kind === 'toOne');
  if (!origin || !('property' in origin)) return undefined;
  const owner = index.get(origin.entity);
  const prop = owner?.attributes.find((a) => a.name === origin.property) ?? owner?.relationships.find((r) => r.name === origin.property);
  if (!owner || !prop) return undefined;
  return { entity: owner.name, property: prop.name, span: prop.attrs.name?.valueSpan ?? prop.headSpan };
}
