import type { SwiftFileDeclarations, SwiftModelClass, SwiftVersionedSchema } from './declarations';

/**
 * `VersionedSchema` enums hold frozen copies of the model classes; the live one is the last in
 * `SchemaMigrationPlan.schemas` (scastiel/kado `SharedStore.swift`, reference swiftdata.md §3
 * "Versions"). Without a plan the highest `versionIdentifier` is current (modelling choice).
 * A class belongs to a version when it is declared inside it (`enum V: VersionedSchema { @Model class
 * ... }` or `extension V { ... }`) or named in its `models` while declared outside every version.
 */
export interface VersionPlan {
  readonly name: string;
  readonly versionIdentifier?: string;
  /** The versions of one app: its `SchemaMigrationPlan`'s name, else the schema's name without its version number. */
  readonly family: string;
  includes(cls: SwiftModelClass): boolean;
}

export interface VersionChoice {
  /** Family by family, oldest first within each; a family's last version is its current one. */
  readonly versions: readonly VersionPlan[];
  /** The current version of the first family (the one named in reports when only one is). */
  readonly current?: string;
  inCurrent(cls: SwiftModelClass): boolean;
}

/**
 * A read may hold several apps' models (a folder of samples, a workspace of several apps): versions are
 * ordered and compared only within one family. A `SchemaMigrationPlan` makes its schemas one family
 * (its `schemas` list one app's versions in order, reference swiftdata.md §3 "Versions"); schemas no plan names are grouped by their name without its version number (`KadoSchemaV4` ->
 * `KadoSchema`, `SchemaV1` -> `Schema`), a modelling choice from the naming the corpus apps use
 * (scastiel/kado, LeeTaek/Carve, abegehr/SwiftDataAnimals).
 */
export function chooseVersions(files: readonly SwiftFileDeclarations[]): VersionChoice {
  const schemas = new Map<string, SwiftVersionedSchema>();
  for (const f of files) for (const v of f.versionedSchemas) if (!schemas.has(v.name)) schemas.set(v.name, v);
  if (schemas.size === 0) return { versions: [], inCurrent: () => true };
  const versionOf = (cls: SwiftModelClass): string | undefined => {
    for (let i = cls.namespace.length - 1; i >= 0; i--) if (schemas.has(cls.namespace[i])) return cls.namespace[i];
    return undefined;
  };
  const families = new Map<string, string[]>();
  const planned = new Set<string>();
  for (const plan of files.flatMap((f) => f.migrationPlans)) {
    const names = plan.schemas.filter((n) => schemas.has(n) && !planned.has(n));
    if (names.length === 0) continue;
    for (const n of names) planned.add(n);
    families.set(`plan:${plan.name}`, names);
  }
  const unplanned = new Map<string, string[]>();
  for (const n of schemas.keys()) {
    if (planned.has(n)) continue;
    const stem = versionStem(n);
    // A schema named like a planned one (`AppSchemaV3` beside a plan of V1 and V2) extends that plan's family, newest last.
    const planFamily = [...families.entries()].find(([key, names]) => key.startsWith('plan:') && names.some((m) => versionStem(m) === stem));
    if (planFamily) { planFamily[1].push(n); continue; }
    const list = unplanned.get(stem) ?? [];
    list.push(n);
    unplanned.set(stem, list);
  }
  for (const [key, names] of families) {
    // Plan order first, then the unplanned schemas of the family by version number.
    const inPlan = names.filter((n) => planned.has(n));
    families.set(key, [...inPlan, ...names.filter((n) => !planned.has(n)).sort(byVersion(schemas))]);
  }
  for (const [stem, names] of unplanned) families.set(`name:${stem}`, [...names].sort(byVersion(schemas)));
  const currents = new Set([...families.values()].map((names) => names[names.length - 1]));
  const currentNames = new Set<string>();
  for (const f of files) for (const c of f.models) { const of = versionOf(c); if (of !== undefined && currents.has(of)) currentNames.add(c.name); }
  const versions = [...families.entries()].flatMap(([family, names]) => names.map((name): VersionPlan => {
    const v = schemas.get(name)!;
    const listed = new Set(v.models ?? []);
    return {
      name, family, ...(v.versionIdentifier ? { versionIdentifier: v.versionIdentifier } : {}),
      includes: (cls) => {
        const of = versionOf(cls);
        return of === name || (of === undefined && listed.has(cls.name));
      },
    };
  }));
  const first = [...families.values()][0];
  return {
    versions, current: first[first.length - 1],
    inCurrent: (cls) => {
      const of = versionOf(cls);
      return of !== undefined ? currents.has(of) : !currentNames.has(cls.name);
    },
  };
}

/** `KadoSchemaV4` -> `KadoSchema`, `SchemaV1_2` -> `Schema`, `ModelsVersion3` -> `ModelsVersion`, `V2` -> `` (one family of bare versions). */
function versionStem(name: string): string {
  return name.replace(/[_]?[Vv]?\d+(?:_\d+)*$/, '');
}

/** `Schema.Version(4, 0, 0)` / `.init(1, 1, 0)` -> [4, 0, 0]; then by name. */
function byVersion(schemas: ReadonlyMap<string, SwiftVersionedSchema>): (a: string, b: string) => number {
  const parts = (n: string): number[] => (schemas.get(n)?.versionIdentifier?.match(/\d+/g) ?? []).map(Number);
  return (a, b) => {
    const pa = parts(a);
    const pb = parts(b);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
      const d = (pa[i] ?? -1) - (pb[i] ?? -1);
      if (d !== 0) return d;
    }
    return a.localeCompare(b);
  };
}
