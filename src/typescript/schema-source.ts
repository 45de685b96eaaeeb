import path from 'node:path';
import { deriveSchema } from '../core/cloudkit/derive';
import { parseCkdb } from '../core/ckdb/parser';
import type { SchemaIR } from '../core/cloudkit/schema-ir';
import type { ModelIR } from '../core/model/ir';
import { cloudKitScope } from '../core/model/scope';
import { readModelXml } from '../core/model/xml';
import { loadTypeScriptSupport } from './load';

/**
 * The CloudKit schema a types generation starts from: a `.ckdb` file as written, or a Core Data model
 * (XML or TypeScript) mapped the way NSPersistentCloudKitContainer maps it (deriveSchema, src/core/cloudkit/derive.ts).
 */
export type SchemaInputKind = 'ckdb' | 'xml' | 'typescript';

export function inputKindOf(fileName: string): SchemaInputKind | undefined {
  const base = path.basename(fileName);
  if (base.endsWith('.ckdb')) return 'ckdb';
  if (base.endsWith('.ts')) return 'typescript';
  if (base === 'contents') return 'xml';
  return undefined;
}

export interface SchemaResult {
  readonly schema?: SchemaIR;
  /** Why there is no schema, or what was read only in part (`file:line:col: message`). */
  readonly errors: string[];
}

/**
 * The schema NSPersistentCloudKitContainer creates for the model (deriveSchema, minimal profile): the
 * mirrored entities when the model flags "Used with CloudKit" configurations, else every entity (the
 * same choice as `ckdev schema --mode auto`).
 */
export function schemaOfModel(model: ModelIR): SchemaIR {
  const scope = cloudKitScope(model, 'auto');
  return deriveSchema(model, scope.active ? { entities: scope.entities } : {});
}

function where(file: string, text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return `${file}:${line}:${col}`;
}

export function schemaFromText(kind: SchemaInputKind, text: string, file: string): SchemaResult {
  if (kind === 'ckdb') {
    const parsed = parseCkdb(text);
    const errors = parsed.findings.filter((f) => f.severity === 'error')
      .map((f) => `${where(file, text, f.span.start)}: ${f.message}`);
    return errors.length ? { errors } : { schema: parsed.schema, errors: [] };
  }
  const model = kind === 'xml' ? readModelXml(text).model : loadTypeScriptSupport().readTypeScriptModel(text, file).model;
  // No model at all (a .ts file without defineModel, XML that is not a model) is an error here, not a warning.
  const errors = model.problems.filter((p) => p.severity === 'error' || !model.root)
    .map((p) => `${where(file, text, p.span.start)}: ${p.message}`);
  if (!model.root && errors.length === 0) errors.push(`${file}: no model found`);
  if (errors.length) return { errors };
  return { schema: schemaOfModel(model), errors: [] };
}
