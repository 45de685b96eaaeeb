import type { AttributeIR, EntityIR, ModelIR, ModelNode, RelationshipIR, SourceAttr, UserInfoEntry } from '../model/ir';
import { IGNORED_PROPERTY_KEY } from '../cloudkit/mapping';
import type { AttributeSpec, EntitySpec, ModelSpec, RelationshipSpec } from './api';

/**
 * Turns a compact `ModelSpec` (what scenarios and tests write by hand) into a ModelIR, the shape every
 * other part of the product reads. There is no source text, so every span is empty (0..0).
 */
const NO_SPAN = { start: 0, end: 0 };

function node(attrs: Record<string, string | undefined>): ModelNode {
  const out: Record<string, SourceAttr> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined) out[k] = { value: v, span: NO_SPAN, nameSpan: NO_SPAN, valueSpan: NO_SPAN };
  }
  return { span: NO_SPAN, headSpan: NO_SPAN, attrs: out };
}

const yes = (b: boolean | undefined): string | undefined => (b ? 'YES' : undefined);

function attribute(a: AttributeSpec): AttributeIR {
  const optional = a.optional ?? true;
  const userInfo: UserInfoEntry[] = a.ignored ? [{ key: IGNORED_PROPERTY_KEY, value: 'YES', span: NO_SPAN }] : [];
  return {
    ...node({ name: a.name, attributeType: a.type, optional: yes(optional), defaultValueString: a.defaultValue, transient: yes(a.transient) }),
    kind: 'attribute',
    name: a.name,
    attributeType: a.type,
    optional,
    transient: a.transient ?? false,
    derived: false,
    ...(a.defaultValue !== undefined ? { defaultValueString: a.defaultValue } : {}),
    allowsCloudEncryption: a.allowsCloudEncryption ?? false,
    allowsExternalBinaryDataStorage: a.allowsExternalBinaryDataStorage ?? false,
    preserveAfterDeletion: false,
    userInfo,
  };
}

function relationship(r: RelationshipSpec): RelationshipIR {
  const optional = r.optional ?? true;
  return {
    ...node({ name: r.name, destinationEntity: r.destination, inverseName: r.inverse, optional: yes(optional), toMany: yes(r.toMany), ordered: yes(r.ordered), deletionRule: r.deletionRule }),
    kind: 'relationship',
    name: r.name,
    destinationEntity: r.destination,
    ...(r.inverse !== undefined ? { inverseName: r.inverse, inverseEntity: r.destination } : {}),
    optional,
    toMany: r.toMany ?? false,
    ordered: r.ordered ?? false,
    deletionRule: r.deletionRule ?? 'Nullify',
    transient: false,
    userInfo: [],
  };
}

function entity(e: EntitySpec): EntityIR {
  return {
    ...node({ name: e.name, parentEntity: e.parent, isAbstract: yes(e.abstract) }),
    kind: 'entity',
    name: e.name,
    nameSpan: NO_SPAN,
    ...(e.parent !== undefined ? { parentEntity: e.parent } : {}),
    isAbstract: e.abstract ?? false,
    attributes: (e.attributes ?? []).map(attribute),
    relationships: (e.relationships ?? []).map(relationship),
    fetchedProperties: [],
    uniquenessConstraints: (e.uniquenessConstraints ?? []).map((c) => ({
      span: NO_SPAN, headSpan: NO_SPAN, attrs: {}, properties: c.map((name) => ({ name, span: NO_SPAN })),
    })),
    userInfo: [],
  };
}

export function modelFromSpec(spec: ModelSpec): ModelIR {
  return {
    format: 'xml',
    root: node({ usedWithCloudKit: 'YES' }),
    usedWithCloudKit: true,
    entities: spec.entities.map(entity),
    configurations: [],
    fetchRequests: [],
    composites: [],
    problems: [],
  };
}
