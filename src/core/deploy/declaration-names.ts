import type { EntityIR, ModelIR } from '../model/ir';
import type { Span } from '../text/span';
import type { DeployPlan } from './plan';

/**
 * Model vs production for a model written in code (SwiftData): each change whose development side is
 * inside a class or property declaration names it, the way the model rules do (`(Swift: Item.title)`,
 * src/core/model/swift/lint.ts), so the developer sees which Swift declaration a record type or field
 * comes from. Other formats are returned as they are (their spans point into one file already).
 */
export function nameCodeDeclarations(plan: DeployPlan, model: ModelIR): DeployPlan {
  if (model.format !== 'swift') return plan;
  return {
    ...plan,
    changes: plan.changes.map((c) => {
      const name = c.devSpan ? declarationNameAt(model, c.devSpan) : undefined;
      return name ? { ...c, message: `${c.message} (Swift: ${name})` } : c;
    }),
  };
}

/** `Item.title` for a span inside a property declaration, `Item` inside a class (innermost class). */
export function declarationNameAt(model: ModelIR, span: Span): string | undefined {
  let entity: EntityIR | undefined;
  for (const e of model.entities) {
    if (e.span.start <= span.start && span.end <= e.span.end && (!entity || e.span.start >= entity.span.start)) entity = e;
  }
  if (!entity) return undefined;
  const p = [...entity.attributes, ...entity.relationships].find((x) => x.span.start <= span.start && span.end <= x.span.end);
  return p ? `${entity.name}.${p.name}` : entity.name;
}
