/**
 * ModelIR (from the host's model reader) → the engine's compact ModelSpec. A session file then carries a
 * small, readable model instead of a ModelIR full of source spans, and replays without the workspace.
 */
import type { ModelIR } from '../src/core/model/ir';
import type { AttributeSpec, EntitySpec, ModelSpec, RelationshipSpec } from '../src/core/sandbox/api';

const IGNORED_KEY = 'NSCloudKitMirroringDelegateIgnoredPropertyKey';

export function modelSpecFromIR(ir: ModelIR): ModelSpec {
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
        ...(a.userInfo.some((u) => u.key === IGNORED_KEY && /^(YES|1|true)$/i.test(u.value)) ? { ignored: true } : {}),
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
  const cloudConfig = ir.configurations.find((c) => c.usedWithCloudKit && c.name !== 'Default');
  return { entities, ...(cloudConfig ? { configuration: cloudConfig.name } : {}) };
}
