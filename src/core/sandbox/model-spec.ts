import type { AttributeIR, EntityIR, ModelIR, ModelNode, RelationshipIR, SourceAttr, UserInfoEntry } from '../model/ir';
import { IGNORED_PROPERTY_KEY } from '../cloudkit/mapping';
import { DEFAULT_CONFIGURATION } from '../model/scope';
import type { SyncScope } from '../model/sync-plan';
import type { AttributeSpec, EntitySpec, ModelSpec, RelationshipSpec } from './api';
import { storeScope } from './store-model';

/**
 * A compact `ModelSpec` (what scenarios and tests write by hand, and what a session file carries) and the
 * ModelIR every other part of the product reads, both ways: `modelFromSpec` builds a ModelIR (there is no
 * source text, so every span is empty, 0..0); its inverse `modelSpecFromIR` is what the host sends the
 * sandbox webview for the workspace model (plain data, no source spans; the session then replays without
 * the workspace).
 */
const NO_SPAN = { start: 0, end: 0 };

/**
 * The configuration name a spec gets when the synced entities come from a SwiftData `ModelConfiguration`'s types
 * (which name no Core Data configuration): our label, shown only in messages about the configuration.
 */
export const SYNCED_MODELS_CONFIGURATION = 'CloudKit';

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
  // A named configuration flagged "Used with CloudKit" instead of the Default flag, as Xcode writes it
  // (`<configuration name="Cloud" usedWithCloudKit="YES">` with `<memberEntity>`s).
  const named = spec.configuration !== undefined && spec.configurationEntities !== undefined;
  return {
    format: 'xml',
    root: node({ usedWithCloudKit: named ? undefined : 'YES' }),
    usedWithCloudKit: !named,
    entities: spec.entities.map(entity),
    configurations: named ? [{
      ...node({ name: spec.configuration, usedWithCloudKit: 'YES' }),
      kind: 'configuration', name: spec.configuration!, usedWithCloudKit: true,
      memberEntities: spec.configurationEntities!.map((name) => ({ name, span: NO_SPAN })),
    }] : [],
    fetchRequests: [],
    composites: [],
    problems: [],
  };
}

/**
 * ModelIR (from a model reader) → ModelSpec: the inverse of `modelFromSpec` for what the engine reads. `sync`
 * is what the app's setup code (or the `cloudkit.configuration` setting) says syncs, as lint mode `auto` reads it
 * (model/sync-plan.ts); without it the model's "Used with CloudKit" flags decide (model/scope.ts).
 */
export function modelSpecFromIR(ir: ModelIR, sync?: SyncScope): ModelSpec {
  const entities: EntitySpec[] = ir.entities.map((e) => {
    const attributes: AttributeSpec[] = e.attributes
      .filter((a) => a.attributeType !== undefined)
      .map((a) => ({
        name: a.name,
        type: a.attributeType as string,
        optional: a.optional,
        ...(a.defaultValueString !== undefined ? { defaultValue: a.defaultValueString } : {}),
        ...(a.transient ? { transient: true } : {}),
        ...(a.allowsCloudEncryption ? { allowsCloudEncryption: true } : {}),
        ...(a.allowsExternalBinaryDataStorage ? { allowsExternalBinaryDataStorage: true } : {}),
        ...(a.userInfo.some((u) => u.key === IGNORED_PROPERTY_KEY && /^(YES|1|true)$/i.test(u.value)) ? { ignored: true } : {}),
      }));
    const relationships: RelationshipSpec[] = e.relationships.map((r) => ({
      name: r.name,
      destination: r.destinationEntity,
      ...(r.inverseName ? { inverse: r.inverseName } : {}),
      ...(r.toMany ? { toMany: true } : {}),
      optional: r.optional,
      ...(r.ordered ? { ordered: true } : {}),
      ...(r.deletionRule && r.deletionRule !== 'Nullify' ? { deletionRule: r.deletionRule } : {}),
    }));
    const uniquenessConstraints = e.uniquenessConstraints.map((c) => c.properties.map((p) => p.name));
    return {
      name: e.name,
      ...(e.parentEntity ? { parent: e.parentEntity } : {}),
      ...(e.isAbstract ? { abstract: true } : {}),
      attributes,
      relationships,
      ...(uniquenessConstraints.length ? { uniquenessConstraints } : {}),
    };
  });
  // What the mirrored store holds: every entity (the Default configuration), or the entities of the synced
  // configurations (Core Data) or model types (SwiftData), which the spec carries as one named configuration.
  const scope = storeScope(ir, sync);
  if (!scope) return { entities };
  const configuration = scope.configurations.find((c) => c.name !== DEFAULT_CONFIGURATION)?.name ?? SYNCED_MODELS_CONFIGURATION;
  return { entities, configuration, configurationEntities: [...scope.entities] };
}
