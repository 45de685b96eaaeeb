import type { ModelIR } from '../model/ir';
import { cloudKitScope, DEFAULT_CONFIGURATION, validatedEntities, type CloudKitScope } from '../model/scope';
import type { SyncScope } from '../model/sync-plan';

/**
 * The CloudKit scope when the mirrored store holds part of the model, undefined when it holds every entity.
 * `sync` is what the app's setup code (or the `cloudkit.configuration` setting) says syncs; without it the model's
 * "Used with CloudKit" flags decide (model/scope.ts, mode `always`: the sandbox always simulates a CloudKit
 * store). A `<configuration name="Default">` element is no subset: Xcode keeps the Default flag on `<model>`.
 */
export function storeScope(model: ModelIR, sync?: SyncScope): CloudKitScope | undefined {
  const scope = cloudKitScope(model, 'always', sync);
  const named = scope.configurations.some((c) => c.name !== DEFAULT_CONFIGURATION);
  return scope.active && !scope.defaultConfiguration && (named || scope.sync?.entities !== undefined) ? scope : undefined;
}

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
  const scope = storeScope(model);
  if (!scope) return model;
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
