import type { EntityIR, RelationshipIR } from '../ir';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Completes inverses the way SwiftData does. Apple: "SwiftData automatically sets the inverse of a
 * relationship if it can reliably infer that inverse ... Otherwise, explicitly set the inverse"
 * (Syncing model data across a person's devices). Implemented:
 * 1. `@Relationship(inverse: \B.q)` on one side also sets the other side ([OBS] GymStreak declares it on
 *    the parent side only and syncs);
 * 2. otherwise, when A has exactly one relationship to B and B exactly one to A, neither explicit, and
 *    they are not both to-many, they are each other's inverse (Hacking with Swift, "Inferred vs explicit
 *    relationships"). Two to-many sides are not inferred (yusuga/swiftdata-101
 *    `InvalidInferredManyToManyItem.swift`), nor two relationships to the same type (backyard-birds
 *    `Bird.favoriteFood`/`dislikedFoods`).
 */
export function completeInverses(entities: readonly EntityIR[]): void {
  const byName = new Map<string, EntityIR>();
  for (const e of entities) if (!byName.has(e.name)) byName.set(e.name, e);
  // 1. explicit on one side
  for (const a of entities) {
    for (const r of a.relationships) {
      if (r.inverseName === undefined) continue;
      const dest = byName.get(r.inverseEntity ?? r.destinationEntity);
      const q = dest?.relationships.find((x) => x.name === r.inverseName) as Mutable<RelationshipIR> | undefined;
      if (q && q.inverseName === undefined && q.destinationEntity === a.name) {
        q.inverseName = r.name;
        q.inverseEntity = a.name;
      }
    }
  }
  // 2. inference between two classes with one relationship each way
  for (const a of entities) {
    for (const r of a.relationships as Mutable<RelationshipIR>[]) {
      if (r.inverseName !== undefined) continue;
      const dest = byName.get(r.destinationEntity);
      if (!dest) continue;
      const forward = a.relationships.filter((x) => x.destinationEntity === dest.name);
      const back = dest.relationships.filter((x) => x.destinationEntity === a.name);
      if (forward.length !== 1 || back.length !== 1 || (dest === a)) continue;
      const q = back[0] as Mutable<RelationshipIR>;
      if (q.inverseName !== undefined || (r.toMany && q.toMany)) continue;
      r.inverseName = q.name;
      r.inverseEntity = dest.name;
      q.inverseName = r.name;
      q.inverseEntity = a.name;
    }
  }
}
