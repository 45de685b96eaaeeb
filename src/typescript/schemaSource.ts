import fs from 'node:fs';
import path from 'node:path';
import { entityIndex, isManyToMany, mapJoinRecordType, mapRecordType, rootEntityOf } from '../core/cloudkit/mapping';
import { parseCkdb } from '../core/cloudkit/parser';
import type { RecordTypeIR, SchemaIR } from '../core/cloudkit/schema-ir';
import type { ModelIR } from '../core/model/ir';
import { readModelXml } from '../core/model/xml';
import { loadTypeScriptSupport } from './load';

/**
 * The CloudKit schema a types generation starts from: a `.ckdb` file as written, or a Core Data model
 * (XML or TypeScript) mapped the way NSPersistentCloudKitContainer maps it (src/core/cloudkit/mapping.ts).
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

/** Record types for every root entity of the model (and CDMR when a many-to-many relationship exists). */
export function schemaOfModel(model: ModelIR): SchemaIR {
  const index = entityIndex(model);
  const recordTypes: RecordTypeIR[] = [];
  let manyToMany = false;
  for (const e of model.entities) {
    if (rootEntityOf(e, index) === e) {
      const mapped = mapRecordType(e, model);
      recordTypes.push({
        name: mapped.name, quoted: false, grants: [],
        fields: mapped.fields.map((f) => ({ name: f.name, quoted: false, type: f.type, options: [] })),
      });
    }
    if (e.relationships.some((r) => isManyToMany(r, index))) manyToMany = true;
  }
  if (manyToMany) {
    const j = mapJoinRecordType();
    recordTypes.push({ name: j.name, quoted: false, grants: [], fields: j.fields.map((f) => ({ name: f.name, quoted: false, type: f.type, options: [] })) });
  }
  return { roles: [], recordTypes };
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

/** The `contents` file of the current version of a `.xcdatamodeld` bundle (`.xccurrentversion`, else the last version). */
export function currentVersionContents(bundle: string): string | undefined {
  const versions = fs.readdirSync(bundle).filter((d) => d.endsWith('.xcdatamodel')).sort();
  let current: string | undefined;
  const plist = path.join(bundle, '.xccurrentversion');
  if (fs.existsSync(plist)) {
    const m = /<key>_XCCurrentVersionName<\/key>\s*<string>([^<]*)<\/string>/.exec(fs.readFileSync(plist, 'utf8'));
    if (m && versions.includes(m[1])) current = m[1];
  }
  current ??= versions[versions.length - 1];
  return current ? path.join(bundle, current, 'contents') : undefined;
}

/** Reads the file or model bundle at `input` and returns its schema; `source` is the file actually read. */
export function schemaForTypes(input: string): SchemaResult & { source: string } {
  let file = input;
  if (fs.statSync(input).isDirectory()) {
    const contents = input.replace(/[\\/]+$/, '').endsWith('.xcdatamodeld') ? currentVersionContents(input) : path.join(input, 'contents');
    if (!contents || !fs.existsSync(contents)) return { errors: [`${input}: no model version (contents) found`], source: input };
    file = contents;
  }
  const kind = inputKindOf(file);
  if (!kind) return { errors: [`${input}: not a .ckdb schema, a Core Data model or a .cdmodel.ts model`], source: file };
  return { ...schemaFromText(kind, fs.readFileSync(file, 'utf8'), file), source: file };
}
