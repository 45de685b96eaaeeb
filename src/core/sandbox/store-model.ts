import type { ModelIR } from '../model/ir';
import { cloudKitScope, validatedEntities } from '../model/scope';
import type { SyncScope } from '../model/sync-plan';

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

/**
 * The database the sandbox's one mirrored store uses for what the code sets up: public when every synced store
 * description of the code is on the public database (`databaseScope = .public`, the Core Data public database of
 * "Setting up Core Data with CloudKit" / WWDC20 10650), else private. An app with a private and a public store is
 * run on the private one (the sandbox simulates one mirrored store; modelling choice). A shared-scope store comes
 * with sharing (the share inputs), not as the main store.
 */
export function storeDatabase(sync: SyncScope | undefined): 'private' | 'public' {
  const dbs = sync?.synced ? sync.databases ?? [] : [];
  return dbs.includes('public') && !dbs.includes('private') ? 'public' : 'private';
}
