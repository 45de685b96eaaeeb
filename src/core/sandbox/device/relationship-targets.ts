import { SandboxInputError } from '../api';
import type { ObjectChange } from '../api';
import type { ModelInfo } from './model-info';

/**
 * A save's relationship targets must exist and be of the destination entity (or one of its subentities), as
 * Core Data requires: a relationship's destination entity is part of the model (coredata-model.md), and
 * NSManagedObject refuses an object of another entity at the assignment. The quoted exception wording
 * ("Unacceptable type of value for to-one relationship") is the text developers report, not a reference
 * file: the message is ours (modelling choice, docs/sandbox.md). Issue 17 D3: `{op:'insert', entity:'ShoppingList', id:'L', relationships:{items:['L']}}` kept
 * `items:[L]` on A and `[]` on B; now it is an input error that changes nothing.
 */
export function checkRelationshipTargets(
  model: ModelInfo,
  changes: readonly ObjectChange[],
  entityOf: (id: string) => string | undefined,
  exists: (id: string) => boolean,
): void {
  for (const c of changes) {
    if (c.op === 'delete' || !c.relationships) continue;
    const entity = c.op === 'insert' ? c.entity : entityOf(c.id);
    const info = entity ? model.entity(entity) : undefined;
    if (!info) continue;
    for (const [name, v] of Object.entries(c.relationships)) {
      const r = info.relationships.get(name);
      if (!r) continue;
      const targets = Array.isArray(v) ? v : v === null || v === undefined ? [] : [v];
      for (const t of targets) {
        if (typeof t !== 'string') throw new SandboxInputError(`relationship ${info.name}.${name}: object ids must be strings, not ${JSON.stringify(t)}`);
        if (!exists(t)) throw new SandboxInputError(`relationship ${info.name}.${name}: no object '${t}' on this device`);
        const te = entityOf(t);
        if (!te || !isKindOf(model, te, r.destination)) {
          throw new SandboxInputError(`relationship ${info.name}.${name} expects ${r.destination} objects; '${t}' is ${te ?? 'unknown'} (Core Data: "Unacceptable type of value for ${r.toMany ? 'to-many' : 'to-one'} relationship")`);
        }
      }
    }
  }
}

/** Whether `entity` is `ancestor` or one of its subentities. */
const PARENTS = new WeakMap<ModelInfo, ReadonlyMap<string, { readonly name: string; readonly parentEntity?: string }>>();

export function isKindOf(model: ModelInfo, entity: string, ancestor: string): boolean {
  if (entity === ancestor) return true;
  let byName = PARENTS.get(model);
  if (!byName) { byName = new Map(model.model.entities.map((e) => [e.name, e] as const)); PARENTS.set(model, byName); }
  let cur = byName.get(entity);
  for (let guard = 0; cur && guard < 64; guard++) {
    if (cur.name === ancestor) return true;
    cur = cur.parentEntity ? byName.get(cur.parentEntity) : undefined;
  }
  return false;
}
