/**
 * The entities of the model a session runs on, as the panel's forms need them. Read from the session's
 * own config (a ModelSpec for the workspace model and for library scenarios, a ModelIR, or model XML).
 */
import type { AttrValue, SandboxConfig } from '../src/core/sandbox/api';
import { loadModel } from '../src/core/sandbox/config-check';
import { storeModel } from '../src/core/sandbox/store-model';

export interface FormAttribute {
  readonly name: string;
  readonly type: string;
}

export interface FormRelationship {
  readonly name: string;
  readonly destination: string;
  readonly toMany: boolean;
}

export interface FormEntity {
  readonly name: string;
  readonly abstract: boolean;
  readonly attributes: readonly FormAttribute[];
  readonly relationships: readonly FormRelationship[];
}

/**
 * The entities the session's store holds (a CloudKit configuration's only, store-model.ts): the forms offer no
 * other. The config's model is read as the engine reads it (config-check.ts `loadModel`: spec, IR or XML).
 */
export function entitiesOf(config: SandboxConfig): FormEntity[] {
  const model = storeModel(loadModel(config));
  const byName = new Map(model.entities.map((e) => [e.name, e]));
  return model.entities.map((e) => {
    // Subentities inherit their parents' properties.
    const chain = [];
    for (let cur: typeof e | undefined = e, n = 0; cur && n < 20; cur = cur.parentEntity ? byName.get(cur.parentEntity) : undefined, n++) chain.unshift(cur);
    return {
      name: e.name,
      abstract: e.isAbstract,
      attributes: chain.flatMap((c) => c.attributes.filter((a) => !a.transient && a.attributeType).map((a) => ({ name: a.name, type: a.attributeType as string }))),
      relationships: chain.flatMap((c) => c.relationships.map((r) => ({ name: r.name, destination: r.destinationEntity, toMany: r.toMany }))),
    };
  });
}

export type InputKind = 'text' | 'integer' | 'decimal' | 'boolean' | 'date' | 'bytes';

export function inputKindOf(type: string): InputKind {
  switch (type) {
    case 'Integer 16': case 'Integer 32': case 'Integer 64': return 'integer';
    case 'Double': case 'Float': case 'Decimal': return 'decimal';
    case 'Boolean': return 'boolean';
    case 'Date': return 'date';
    case 'Binary': case 'Transformable': case 'Composite': return 'bytes';
    default: return 'text';
  }
}

/** Parses what the user typed; `undefined` = leave unset, an Error = invalid. */
export function parseInput(kind: InputKind, raw: string | boolean): AttrValue | undefined | Error {
  if (kind === 'boolean') return raw === true;
  const s = String(raw).trim();
  if (s === '') return undefined;
  switch (kind) {
    case 'integer': return /^[+-]?\d+$/.test(s) ? Number(s) : new Error(`"${s}" is not an integer`);
    case 'decimal': return Number.isFinite(Number(s)) ? Number(s) : new Error(`"${s}" is not a number`);
    case 'date': {
      const t = Date.parse(s);
      return Number.isFinite(t) ? t : new Error(`"${s}" is not a date (use 2026-01-31T12:00:00Z)`);
    }
    case 'bytes': return /^\d+$/.test(s) ? { kind: 'bytes', length: Number(s) } : new Error(`"${s}" is not a size in bytes`);
    default: return s;
  }
}

/** The text a form field shows for a stored value. */
export function inputText(kind: InputKind, v: AttrValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (kind === 'date' && typeof v === 'number') return new Date(v).toISOString();
  if (typeof v === 'object') return String(v.length);
  return String(v);
}
