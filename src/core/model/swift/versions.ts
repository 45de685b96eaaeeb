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
  includes(cls: SwiftModelClass): boolean;
}

export interface VersionChoice {
  /** Oldest first. */
  readonly versions: readonly VersionPlan[];
  readonly current?: string;
  inCurrent(cls: SwiftModelClass): boolean;
}

export function chooseVersions(files: readonly SwiftFileDeclarations[]): VersionChoice {
  const schemas = new Map<string, SwiftVersionedSchema>();
  for (const f of files) for (const v of f.versionedSchemas) if (!schemas.has(v.name)) schemas.set(v.name, v);
  if (schemas.size === 0) return { versions: [], inCurrent: () => true };
  const versionOf = (cls: SwiftModelClass): string | undefined => {
    for (let i = cls.namespace.length - 1; i >= 0; i--) if (schemas.has(cls.namespace[i])) return cls.namespace[i];
    return undefined;
  };
  const plan = files.flatMap((f) => f.migrationPlans)[0];
  const order = plan
    ? [...plan.schemas.filter((n) => schemas.has(n)), ...[...schemas.keys()].filter((n) => !plan.schemas.includes(n)).sort(byVersion(schemas))]
    : [...schemas.keys()].sort(byVersion(schemas));
  const current = order[order.length - 1];
  const currentNames = new Set<string>();
  for (const f of files) for (const c of f.models) if (versionOf(c) === current) currentNames.add(c.name);
  const versions = order.map((name): VersionPlan => {
    const v = schemas.get(name)!;
    const listed = new Set(v.models ?? []);
    return {
      name, ...(v.versionIdentifier ? { versionIdentifier: v.versionIdentifier } : {}),
      includes: (cls) => {
        const of = versionOf(cls);
        return of === name || (of === undefined && listed.has(cls.name));
      },
    };
  });
  return {
    versions, current,
    inCurrent: (cls) => {
      const of = versionOf(cls);
      return of === current || (of === undefined && !currentNames.has(cls.name));
    },
  };
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
