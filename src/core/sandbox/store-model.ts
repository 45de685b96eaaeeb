import type { ModelIR } from '../model/ir';
import { cloudKitScope, validatedEntities } from '../model/scope';

/**
 * The part of the model the mirrored store holds. A store opened with a named configuration holds only that
 * configuration's entities (Apple, NSPersistentStoreDescription.configuration; the "Core Data model
 * configurations" of "Setting up Core Data with CloudKit": entities that should not sync go to a second store
 * with another configuration), and NSPersistentCloudKitContainer mirrors only those (reference
 * coredata-model.md §3.6 #1). So when the model flags a named configuration "Used with CloudKit" and not the
 * Default one, the sandbox's store, its objects and its derived schema hold that configuration's entities (and
 * their ancestors, whose properties they inherit); every other entity lives in a store the sandbox does not
 * simulate, and a save of one is refused as an unknown entity. A model without such a configuration is held
 * whole. The validator still sees the whole model (a relationship out of the configuration fails setup: CK009).
 */
export function storeModel(model: ModelIR): ModelIR {
  const scope = cloudKitScope(model, 'always');
  if (scope.defaultConfiguration || scope.configurations.length === 0) return model;
  const entities = validatedEntities(model, scope);
  return entities.length === model.entities.length ? model : { ...model, entities };
}
