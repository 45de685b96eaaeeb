import type { ContainerSetupCall, ContainerSetupFile, DatabaseScopeName, SwiftValue, TypeList } from '../project/setup-model';
import { resolveValue } from '../project/stores';
import type { Span } from '../text/span';

/**
 * "Which models sync, from the code": what the app's setup code says about each store it opens, as plain
 * data. Built from the container-setup reader's output (src/core/project/container-setup.ts, one
 * `ContainerSetupFile` per Swift file); used by lint mode `auto` (scope.ts, through `SyncScope`), the
 * schema command and the editor's code lens.
 *
 * APIs (reference swiftdata.md §5, project-config.md §3):
 * - SwiftData: `ModelConfiguration(_:schema:…cloudKitDatabase:)`, no `cloudKitDatabase:` = `.automatic`
 *   [DOC ModelConfiguration]; `.none` "disables SwiftData's automatic iCloud sync" (SD-SYNC); its type set
 *   from `schema:` (`Schema([A.self])`, a named list) or the `ModelContainer(for:…configurations:)` that
 *   loads it; `ModelContainer(for:)` and `.modelContainer(for:)` without configurations = one `.automatic` store.
 * - Core Data: `NSPersistentCloudKitContainer(name:)` loads the model of that name; each store description
 *   may pick a model configuration (`description.configuration = "Cloud"`, doc
 *   NSPersistentStoreDescription.configuration) and syncs when it has `cloudKitContainerOptions`
 *   (none = no sync, reference swiftdata.md §5); the default description gets them from the first
 *   entitled container (doc NSPersistentCloudKitContainer). `NSPersistentContainer` never syncs.
 *
 * Modelling choices [design], stated once:
 * - A model syncs when ANY setup that loads it syncs: apps keep `.none` fallbacks next to the CloudKit
 *   store (corpus project-config Plenty `ModelContainerFactory.swift`, nucleus `NucleusDatabase.swift`).
 * - A value that is not a literal (`useCloudKit ? .automatic : .none`) syncs when one of its words does
 *   ("CloudKit possible", reference swiftdata.md §5).
 * - A type list the reader cannot resolve (a parameter, `Schema(versionedSchema:)`) means every model.
 * - An in-memory configuration (`isStoredInMemoryOnly: true`: previews, tests) is not a synced store.
 * - A store description created in the file (`NSPersistentStoreDescription(url:)`) syncs only when the file
 *   sets its `cloudKitContainerOptions`; any other description (the container's default one) syncs unless
 *   the file only ever sets its options to `nil`.
 */
export interface SyncPlanEntry {
  readonly kind: 'swiftdata' | 'coredata';
  /** The Swift file (as given) and the call that sets the store up. */
  readonly file: string;
  readonly span: Span;
  readonly nameSpan: Span;
  readonly synced: boolean;
  /** Why, in the code's words: `cloudKitDatabase: .none`, `NSPersistentContainer`, `cloudKitContainerOptions = nil`. */
  readonly reason: string;
  /** The database when synced (SwiftData: private; Core Data: the `databaseScope`s set, else private). */
  readonly databases: readonly ('private' | 'shared' | 'public')[];
  /** The container id when the code names it (literal or resolved constant). */
  readonly containerId?: string;
  /** The container expression when it is not a literal (`containerId.id`). Neither: the first entitled container. */
  readonly containerExpression?: string;
  /** SwiftData: the ModelConfiguration's name; Core Data: the store description's `configuration`. */
  readonly configuration?: string;
  /** SwiftData: the model types the store holds; undefined when the reader could not tell (every model). */
  readonly models?: readonly string[];
  /** Core Data: the model name (`NSPersistentCloudKitContainer(name:)`); undefined when not a literal. */
  readonly modelName?: string;
}

export interface SyncPlan {
  readonly entries: readonly SyncPlanEntry[];
}

export const EMPTY_SYNC_PLAN: SyncPlan = { entries: [] };

/**
 * What lint mode `auto` (and `always`, for the configuration) is told about one model: whether the code
 * syncs it and which part. Plain data: it crosses to the lint worker and comes from the CLI's
 * `--configuration` or the `cloudkit.configuration` setting too.
 */
export interface SyncScope {
  readonly synced: boolean;
  /** Core Data: the model configurations whose entities become record types (`Default`: every entity). */
  readonly configurations?: readonly string[];
  /** SwiftData: the model types whose entities become record types (undefined: every model). */
  readonly entities?: readonly string[];
  /** Where it comes from: the app's code, or the user (setting / CLI option). */
  readonly origin: 'code' | 'user';
  /** Core Data, from the code: the databases of the synced stores (`databaseScope`; private when not set). */
  readonly databases?: readonly ('private' | 'shared' | 'public')[];
  /** For messages: `cloudKitDatabase: .none` in App.swift. */
  readonly reason?: string;
}

export interface SetupFileInput {
  readonly path: string;
  readonly setup: ContainerSetupFile;
}

/** The sync plan of an app's setup files. */
export function syncPlanOf(files: readonly SetupFileInput[]): SyncPlan {
  const constants = new Map<string, string>();
  const lists = new Map<string, TypeList>();
  for (const f of files) {
    for (const c of f.setup.constants) for (const n of c.names) if (!constants.has(n)) constants.set(n, c.value);
    for (const l of f.setup.typeLists ?? []) if (!lists.has(l.name)) lists.set(l.name, l);
  }
  const entries: SyncPlanEntry[] = [];
  for (const f of files) {
    entries.push(...swiftDataEntries(f, constants, lists));
    entries.push(...coreDataEntries(f, constants));
  }
  return { entries };
}

/** Words of a `cloudKitDatabase:` value: `.private("x")` -> private; `cond ? .automatic : .none` -> automatic, none. */
function scopeWords(call: ContainerSetupCall): readonly DatabaseScopeName[] {
  if (call.databaseWords && call.databaseWords.length > 0) return call.databaseWords;
  return [call.databaseScope?.value ?? 'automatic'];
}

function resolveList(names: readonly string[], lists: ReadonlyMap<string, TypeList>): string[] | undefined {
  const out = new Set<string>();
  const seen = new Set<string>();
  const queue = [...names];
  while (queue.length > 0) {
    const n = queue.shift()!;
    if (seen.has(n)) continue;
    seen.add(n);
    const l = lists.get(n);
    if (!l || l.versioned) return undefined;
    for (const m of l.models) out.add(m.name);
    queue.push(...l.refs);
    if (seen.size > 64) break;
  }
  return [...out];
}

function typesOf(call: ContainerSetupCall, lists: ReadonlyMap<string, TypeList>): string[] | undefined {
  const own = call.models.map((m) => m.name);
  if (!call.schemaRef) return own.length > 0 ? own : undefined;
  const resolved = resolveList([call.schemaRef], lists);
  return resolved ? [...new Set([...own, ...resolved])] : undefined;
}

function swiftDataEntries(f: SetupFileInput, constants: ReadonlyMap<string, string>, lists: ReadonlyMap<string, TypeList>): SyncPlanEntry[] {
  const out: SyncPlanEntry[] = [];
  const calls = f.setup.calls;
  const containers = calls.filter((c) => c.kind === 'ModelContainer' || c.kind === 'modelContainer');
  for (const call of calls) {
    if (call.kind === 'ModelConfiguration') {
      let models = typesOf(call, lists);
      if (!models && call.boundTo) {
        // No schema of its own: the container that loads it gives the types.
        const loader = containers.find((c) => c.configurationRefs?.includes(call.boundTo!));
        if (loader) models = typesOf(loader, lists);
      }
      if (!models && !call.schemaRef && call.models.length === 0) {
        const only = containers.filter((c) => c.hasConfigurations);
        if (only.length === 1) models = typesOf(only[0], lists);
      }
      const words = scopeWords(call);
      const synced = !call.inMemory && words.some((w) => w !== 'none');
      const id = resolveValue(call.containerId, constants);
      out.push({
        kind: 'swiftdata', file: f.path, span: call.span, nameSpan: call.nameSpan, synced,
        reason: call.inMemory ? 'isStoredInMemoryOnly: true' : call.databaseText !== undefined || call.databaseScope ? `cloudKitDatabase: ${textOfScope(call)}` : 'no cloudKitDatabase argument (.automatic)',
        databases: synced ? ['private'] : [],
        ...containerOf(id),
        ...(call.name?.literal !== undefined ? { configuration: call.name.literal } : {}),
        ...(models ? { models } : {}),
      });
    } else if ((call.kind === 'ModelContainer' || call.kind === 'modelContainer') && !call.hasConfigurations) {
      const models = typesOf(call, lists);
      if (!models && call.kind === 'modelContainer') continue; // `.modelContainer(container)`: set up elsewhere
      out.push({
        kind: 'swiftdata', file: f.path, span: call.span, nameSpan: call.nameSpan, synced: true,
        reason: `${call.kind === 'modelContainer' ? '.modelContainer(for:)' : 'ModelContainer(for:)'} without configurations (.automatic)`,
        databases: ['private'], ...(models ? { models } : {}),
      });
    }
  }
  return out;
}

function textOfScope(call: ContainerSetupCall): string {
  return call.databaseText ?? `.${call.databaseScope!.value}`;
}

function containerOf(id: SwiftValue | undefined): { containerId?: string; containerExpression?: string } {
  if (!id) return {};
  return id.literal !== undefined ? { containerId: id.literal } : { containerExpression: id.text };
}

function coreDataEntries(f: SetupFileInput, constants: ReadonlyMap<string, string>): SyncPlanEntry[] {
  const out: SyncPlanEntry[] = [];
  const setup = f.setup;
  const assignments = setup.descriptionAssignments ?? [];
  const fresh = new Set(setup.freshDescriptions ?? []);
  const ids = setup.calls.filter((c) => c.kind === 'NSPersistentCloudKitContainerOptions').map((c) => resolveValue(c.containerId, constants)).filter((v): v is SwiftValue => v !== undefined);
  const scopes = [...new Set(setup.scopeAssignments.map((s) => s.value).filter((v): v is 'private' | 'shared' | 'public' => v === 'private' || v === 'shared' || v === 'public'))];
  const databases = scopes.length > 0 ? scopes : ['private' as const];
  for (const call of setup.calls) {
    if (call.kind !== 'NSPersistentContainer' && call.kind !== 'NSPersistentCloudKitContainer') continue;
    const modelName = call.name ? resolveValue(call.name, constants)?.literal : undefined;
    const base = { kind: 'coredata' as const, file: f.path, span: call.span, nameSpan: call.nameSpan, ...(modelName !== undefined ? { modelName } : {}) };
    if (call.kind === 'NSPersistentContainer') {
      out.push({ ...base, synced: false, reason: 'NSPersistentContainer (no CloudKit)', databases: [] });
      continue;
    }
    const container = containerOf(ids.find((v) => v.literal !== undefined) ?? ids[0]);
    const configured = assignments.filter((a) => a.property === 'configuration');
    if (configured.length === 0) {
      const cleared = assignments.filter((a) => a.property === 'cloudKitContainerOptions');
      const synced = cleared.length === 0 || cleared.some((a) => a.value.text !== 'nil');
      out.push({ ...base, synced, reason: synced ? 'NSPersistentCloudKitContainer' : 'cloudKitContainerOptions = nil', databases: synced ? databases : [], ...container });
      continue;
    }
    const seen = new Set<string>();
    for (const a of configured) {
      const name = resolveValue(a.value, constants)?.literal;
      const options = assignments.filter((o) => o.property === 'cloudKitContainerOptions' && o.receiver === a.receiver);
      const synced = options.some((o) => o.value.text !== 'nil') || (!fresh.has(a.receiver) && options.length === 0);
      const key = `${name ?? a.value.text}|${synced}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        ...base, synced,
        reason: synced ? `${a.receiver}.configuration = ${a.value.text}` : options.length > 0 ? `${a.receiver}.cloudKitContainerOptions = nil` : `${a.receiver} has no cloudKitContainerOptions`,
        databases: synced ? databases : [], ...(synced ? container : {}),
        ...(name !== undefined ? { configuration: name } : {}),
      });
    }
  }
  return out;
}

/**
 * Which of a SwiftData model's types the code syncs: the union of the syncing stores' type sets, plus the
 * models they relate to and their subclasses (SwiftData builds the schema from the listed types and what they
 * reach; modelling choice, unverified against Apple documentation). Undefined when no setup code was found.
 */
export function swiftDataSyncScope(plan: SyncPlan, model: { readonly entities: readonly { readonly name: string; readonly parentEntity?: string; readonly relationships: readonly { readonly destinationEntity: string }[] }[] }): SyncScope | undefined {
  const entries = plan.entries.filter((e) => e.kind === 'swiftdata');
  if (entries.length === 0) return undefined;
  const known = new Set(model.entities.map((e) => e.name));
  // A store that lists types, none of them this model's, belongs to another model (another app of the folder).
  const mine = entries.filter((e) => !e.models || e.models.some((m) => known.has(m)));
  if (mine.length === 0) return undefined;
  const synced = mine.filter((e) => e.synced);
  if (synced.length === 0) return { synced: false, origin: 'code', reason: reasonOf(mine) };
  if (synced.some((e) => !e.models)) return { synced: true, origin: 'code', reason: reasonOf(synced) };
  const names = new Set<string>();
  for (const e of synced) for (const m of e.models!) names.add(m);
  // Closure: related models and subclasses of a listed class (modelling choice, see above).
  let grew = true;
  while (grew) {
    grew = false;
    for (const e of model.entities) {
      const add = (n: string) => { if (known.has(n) && !names.has(n)) { names.add(n); grew = true; } };
      if (names.has(e.name)) for (const r of e.relationships) add(r.destinationEntity);
      if (e.parentEntity && names.has(e.parentEntity)) add(e.name);
    }
  }
  return { synced: true, origin: 'code', entities: [...names].sort(), reason: reasonOf(synced) };
}

/**
 * Which configurations of a Core Data model named `modelName` (the `.xcdatamodeld` bundle name) the code
 * syncs. Only containers that name it with a literal (or a string constant) match: `name: config.name` is
 * not followed (modelling choice). Undefined when no setup code loads it.
 */
export function coreDataSyncScope(plan: SyncPlan, modelName: string): SyncScope | undefined {
  const entries = plan.entries.filter((e) => e.kind === 'coredata' && e.modelName === modelName);
  if (entries.length === 0) return undefined;
  const synced = entries.filter((e) => e.synced);
  if (synced.length === 0) return { synced: false, origin: 'code', reason: reasonOf(entries) };
  const databases = [...new Set(synced.flatMap((e) => e.databases))];
  if (synced.some((e) => e.configuration === undefined)) return { synced: true, origin: 'code', databases, reason: reasonOf(synced) };
  return { synced: true, origin: 'code', configurations: [...new Set(synced.map((e) => e.configuration!))], databases, reason: reasonOf(synced) };
}

/**
 * The user's choice (`cloudkit.configuration`, `--configuration`): a configuration name. Core Data: that
 * model configuration (`Default`: every entity). SwiftData: the `ModelConfiguration` of that name in the plan
 * (its types), else every model.
 */
export function userSyncScope(configuration: string, format: 'xml' | 'typescript' | 'swift', plan: SyncPlan = EMPTY_SYNC_PLAN): SyncScope {
  if (format !== 'swift') return { synced: true, origin: 'user', configurations: [configuration], reason: `configuration "${configuration}" (set by the user)` };
  const entry = plan.entries.find((e) => e.kind === 'swiftdata' && e.configuration === configuration && e.models);
  return { synced: true, origin: 'user', ...(entry ? { entities: entry.models } : {}), reason: `configuration "${configuration}" (set by the user)` };
}

function reasonOf(entries: readonly SyncPlanEntry[]): string {
  const e = entries[0];
  return `${e.reason} (${baseName(e.file)})`;
}

function baseName(p: string): string {
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}

/** One line for a code lens or hover: "syncs 3 models to iCloud.x, private database" / "not synced: cloudKitDatabase: .none". */
export function describeEntry(e: SyncPlanEntry): string {
  if (!e.synced) return `not synced: ${e.reason}`;
  const where = e.containerId ? e.containerId : e.containerExpression ? `the container in ${e.containerExpression}` : 'the first iCloud container of the entitlements';
  const dbs = e.databases.length > 0 ? e.databases : ['private'];
  const db = `${dbs.join(' and ')} database${dbs.length > 1 ? 's' : ''}`;
  if (e.kind === 'coredata') {
    const what = `${e.configuration !== undefined ? `configuration "${e.configuration}" of ` : ''}${e.modelName !== undefined ? `model "${e.modelName}"` : 'the model'}`;
    return `syncs ${what} to ${where}, ${db}`;
  }
  const what = e.models ? `${e.models.length} model${e.models.length === 1 ? '' : 's'}` : "the container's models";
  return `syncs ${what}${e.configuration !== undefined ? ` ("${e.configuration}")` : ''} to ${where}, ${db}`;
}

/** The Core Data model name of a model file: `Foo.xcdatamodeld/Foo 2.xcdatamodel/contents` and `Foo.xcdatamodel/contents` -> `Foo`. */
export function coreDataModelName(path: string): string | undefined {
  const m = /([^/\\]+)\.xcdatamodeld(?:[/\\]|$)/.exec(path) ?? /([^/\\]+)\.xcdatamodel(?:[/\\]|$)/.exec(path);
  return m?.[1];
}

/**
 * The sync scope of a model: the user's configuration when given (it wins over the code: the reader is
 * syntactic and the user sets it when the code says otherwise or cannot be read; our choice, docs/swiftdata.md
 * "Which models sync"), else what the code says; undefined when neither says anything (the model's own flags decide).
 */
export function syncScopeFor(
  model: { readonly format: 'xml' | 'typescript' | 'swift'; readonly entities: Parameters<typeof swiftDataSyncScope>[1]['entities'] },
  modelPath: string, plan: SyncPlan, userConfiguration?: string,
): SyncScope | undefined {
  if (userConfiguration) return userSyncScope(userConfiguration, model.format, plan);
  if (model.format === 'swift') return swiftDataSyncScope(plan, model);
  const name = coreDataModelName(modelPath);
  return name !== undefined ? coreDataSyncScope(plan, name) : undefined;
}
