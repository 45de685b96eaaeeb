import type { ConfigurationIR, EntityIR, ModelIR } from './ir';

/**
 * Which entities NSPersistentCloudKitContainer mirrors, as far as the model file can tell
 * (reference coredata-model.md §3.6 #1):
 * - `usedWithCloudKit="YES"` on `<model>` is the Default configuration's flag: every entity;
 * - `<configuration usedWithCloudKit="YES">`: its `<memberEntity>` set.
 * Apple's own samples omit the flag and enable CloudKit in code (§2.5), so `cloudkit.lint.mode` decides:
 * `auto` lints only when a flag is present, `always` treats the Default configuration as mirrored when no
 * named configuration is flagged, `never` lints nothing.
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
}

export function cloudKitScope(model: ModelIR, mode: LintMode = 'auto'): CloudKitScope {
  const configurations = model.configurations.filter((c) => c.usedWithCloudKit);
  const flagged = model.usedWithCloudKit || configurations.length > 0;
  if (mode === 'never') return { active: false, flagged, defaultConfiguration: false, configurations: [], entities: new Set() };
  const defaultConfiguration = model.usedWithCloudKit || (mode === 'always' && configurations.length === 0);
  const entities = new Set<string>();
  if (defaultConfiguration) for (const e of model.entities) entities.add(e.name);
  for (const c of configurations) for (const m of c.memberEntities) entities.add(m.name);
  return { active: defaultConfiguration || configurations.length > 0, flagged, defaultConfiguration, configurations, entities };
}

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
