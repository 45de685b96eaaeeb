import type { ConfigurationIR, EntityIR, ModelIR } from './ir';
import type { SyncScope } from './sync-plan';

/**
 * Which entities NSPersistentCloudKitContainer mirrors, as far as the model file can tell
 * (reference coredata-model.md §3.6 #1):
 * - `usedWithCloudKit="YES"` on `<model>` is the Default configuration's flag: every entity;
 * - `<configuration usedWithCloudKit="YES">`: its `<memberEntity>` set.
 * Apple's own samples omit the flag and enable CloudKit in code (§2.5), so `cloudkit.lint.mode` decides:
 * `auto` lints only when a flag is present, `always` treats the Default configuration as mirrored when no
 * named configuration is flagged, `never` lints nothing.
 *
 * What the app's code (or the user) says syncs (`SyncScope`, sync-plan.ts) comes first [design]: in `auto`, a
 * model no CloudKit-backed container loads is not a CloudKit model; in `auto` and `always`, only the synced
 * configuration's entities (Core Data) or the synced model types (SwiftData) are mirrored.
 */
export type LintMode = 'auto' | 'always' | 'never';

export const LINT_MODES: readonly LintMode[] = ['auto', 'always', 'never'];

export interface CloudKitScope {
  /** Whether any CloudKit rule applies. */
  readonly active: boolean;
  /** True when some `usedWithCloudKit` flag is in the file (CK017 fires in auto mode when false). */
  readonly flagged: boolean;
  /** Whether the Default configuration (every entity) is mirrored. */
  readonly defaultConfiguration: boolean;
  /** The named configurations flagged "Used with CloudKit". */
  readonly configurations: readonly ConfigurationIR[];
  /** Names of the mirrored entities. */
  readonly entities: ReadonlySet<string>;
  /** What the code or the user said syncs, when it decided the scope. */
  readonly sync?: SyncScope;
}

export function cloudKitScope(model: ModelIR, mode: LintMode = 'auto', sync?: SyncScope): CloudKitScope {
  const configurations = model.configurations.filter((c) => c.usedWithCloudKit);
  const flagged = model.usedWithCloudKit || configurations.length > 0;
  if (mode === 'never') return { active: false, flagged, defaultConfiguration: false, configurations: [], entities: new Set() };
  const fromSync = sync ? syncedScope(model, mode, sync, flagged) : undefined;
  if (fromSync) return fromSync;
  const defaultConfiguration = model.usedWithCloudKit || (mode === 'always' && configurations.length === 0);
  const entities = new Set<string>();
  if (defaultConfiguration) for (const e of model.entities) entities.add(e.name);
  for (const c of configurations) for (const m of c.memberEntities) entities.add(m.name);
  return { active: defaultConfiguration || configurations.length > 0, flagged, defaultConfiguration, configurations, entities };
}

function syncedScope(model: ModelIR, mode: LintMode, sync: SyncScope, flagged: boolean): CloudKitScope | undefined {
  if (!sync.synced) {
    // `always` keeps its promise (lint as if mirrored); `auto` follows the code.
    return mode === 'auto' ? { active: false, flagged, defaultConfiguration: false, configurations: [], entities: new Set(), sync } : undefined;
  }
  if (sync.entities) {
    const names = new Set(sync.entities);
    const entities = new Set(model.entities.filter((e) => names.has(e.name)).map((e) => e.name));
    return { active: entities.size > 0, flagged, defaultConfiguration: false, configurations: [], entities, sync };
  }
  if (sync.configurations) {
    const all = sync.configurations.some((c) => c === DEFAULT_CONFIGURATION);
    const chosen = model.configurations.filter((c) => sync.configurations!.includes(c.name));
    // A configuration the model does not have: the code (or the setting) names another model's; keep the flags.
    if (!all && chosen.length === 0) return undefined;
    const entities = new Set<string>();
    if (all) for (const e of model.entities) entities.add(e.name);
    for (const c of chosen) for (const m of c.memberEntities) entities.add(m.name);
    return { active: true, flagged, defaultConfiguration: all, configurations: chosen, entities, sync };
  }
  const entities = new Set(model.entities.map((e) => e.name));
  return { active: true, flagged, defaultConfiguration: true, configurations: [], entities, sync };
}

/** The implicit configuration that holds every entity, as Xcode names it (reference coredata-model.md §2.5); `--configuration Default` picks it. */
export const DEFAULT_CONFIGURATION = 'Default';

/**
 * Entities whose declared properties the validator sees: the mirrored ones and their ancestors, since
 * `attributesByName` of a subentity includes inherited properties [RE OCCloudKitModelValidator].
 */
export function validatedEntities(model: ModelIR, scope: CloudKitScope, index?: ReadonlyMap<string, EntityIR>): EntityIR[] {
  if (!scope.active) return [];
  // `index`: entity by name, first declaration wins (mapping.ts entityIndex), when the caller has it.
  let byName = index;
  if (!byName) {
    const m = new Map<string, EntityIR>();
    for (const e of model.entities) if (!m.has(e.name)) m.set(e.name, e);
    byName = m;
  }
  const names = new Set<string>();
  for (const n of scope.entities) {
    let cur = byName.get(n);
    while (cur && !names.has(cur.name)) {
      names.add(cur.name);
      cur = cur.parentEntity ? byName.get(cur.parentEntity) : undefined;
    }
  }
  return model.entities.filter((e) => names.has(e.name));
}
