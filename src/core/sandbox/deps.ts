/**
 * The sandbox's only doorway to the other parts of the core (model reader, lint rules, schema derivation,
 * .ckdb parser, deploy diff). Each function here has a small local implementation until the branch that
 * owns the real one is merged; then it delegates (TODO(merge) marks what to switch).
 */
import type { ModelIR } from '../model/ir';
import type { FieldIR, RecordTypeIR, SchemaIR } from '../cloudkit/schema-ir';
import { formatFieldType } from '../cloudkit/schema-ir';
import {
  byteCompare, entityIndex, isManyToMany, mapJoinRecordType, mapRecordType, rootEntityOf,
} from '../cloudkit/mapping';

// ---------------------------------------------------------------------------------------------------
// Model reading

/** TODO(merge): `readModelXml` from branch `model` (src/core/rules or src/core/model). */
export function readModelXml(_text: string): ModelIR {
  throw new Error('reading .xcdatamodel XML is not available in this build of the sandbox; pass the model as ModelIR or ModelSpec');
}

// ---------------------------------------------------------------------------------------------------
// Setup validation (PFCloudKitModelValidator, coredata-model.md §3.1; error 134060)

export interface ModelValidation {
  readonly ok: boolean;
  /** NSLocalizedFailureReason: header lines followed by `Entity: property` lines. */
  readonly reason: string;
}

/**
 * TODO(merge): switch to `lintModel` (branch `model`) and keep the error-severity findings.
 * Local subset of the validator: checks 1-5, 16 and 17 of coredata-model.md §3.1, with their verbatim headers.
 */
export function validateModelForCloudKit(model: ModelIR): ModelValidation {
  const groups: [string, string[]][] = [
    ['CloudKit integration requires that all relationships have an inverse, the following do not:', []],
    ['CloudKit integration does not support ordered relationships. The following relationships are marked ordered:', []],
    ['CloudKit integration requires that all attributes be optional, or have a default value set. The following attributes are marked non-optional but do not have a default value:', []],
    ['CloudKit integration requires that all relationships be optional, the following are not:', []],
    ['CloudKit integration does not support all attribute types. The following entities have attributes of an unsupported type:', []],
    ['The following relationships are configured with unsupported delete rules:', []],
    ['CloudKit integration does not support unique constraints. The following entities are constrained:', []],
  ];
  const supported = new Set(['Integer 16', 'Integer 32', 'Integer 64', 'Decimal', 'Double', 'Float', 'String', 'Boolean', 'Date', 'Binary', 'UUID', 'URI', 'Transformable', 'Composite']);
  for (const e of model.entities) {
    for (const r of e.relationships) {
      if (!r.inverseName) groups[0][1].push(`${e.name}: ${r.name}`);
      if (r.ordered) groups[1][1].push(`${e.name}: ${r.name}`);
      if (!r.optional) groups[3][1].push(`${e.name}: ${r.name}`);
      if (r.deletionRule === 'Deny') groups[5][1].push(`${e.name}:${r.name} - Deny`);
    }
    for (const a of e.attributes) {
      if (!a.optional && a.defaultValueString === undefined && a.defaultDateTimeInterval === undefined) groups[2][1].push(`${e.name}: ${a.name}`);
      if (a.attributeType === undefined || !supported.has(a.attributeType)) {
        groups[4][1].push(`${e.name}: ${a.name} - Unsupported attribute type (${a.attributeType ?? 'Undefined'})`);
      }
    }
    for (const c of e.uniquenessConstraints) groups[6][1].push(`${e.name}: ${c.properties.map((p) => p.name).join(', ')}`);
  }
  const lines: string[] = [];
  for (const [header, items] of groups) {
    if (items.length === 0) continue;
    lines.push(header, ...items.sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  }
  return { ok: lines.length === 0, reason: lines.join('\n') };
}

// ---------------------------------------------------------------------------------------------------
// Schemas

/** TODO(merge): `deriveSchema` from branch `ckdb`. Local: the record types of mapping.ts, sorted as cktool exports them. */
export function deriveSchema(model: ModelIR): SchemaIR {
  const index = entityIndex(model);
  const types: RecordTypeIR[] = [];
  const seenRoots = new Set<string>();
  let m2m = false;
  for (const e of model.entities) {
    const root = rootEntityOf(e, index);
    for (const r of e.relationships) if (isManyToMany(r, index)) m2m = true;
    if (seenRoots.has(root.name)) continue;
    seenRoots.add(root.name);
    const mapped = mapRecordType(root, model);
    types.push({ name: mapped.name, quoted: false, grants: [], fields: mapped.fields.map((f) => ({ name: f.name, quoted: false, type: f.type, options: [] })) });
  }
  if (m2m) {
    const j = mapJoinRecordType();
    types.push({ name: j.name, quoted: false, grants: [], fields: j.fields.map((f) => ({ name: f.name, quoted: false, type: f.type, options: [] })) });
  }
  types.sort((a, b) => byteCompare(a.name, b.name));
  return { roles: [], recordTypes: types };
}

/** TODO(merge): `parseCkdb` from branch `ckdb`. */
export function parseCkdb(_text: string): SchemaIR {
  throw new Error('.ckdb parsing is not available in this build of the sandbox; pass the schema as SchemaIR');
}

export interface DeployPlanLite {
  readonly addedTypes: readonly string[];
  /** `Type.field` */
  readonly addedFields: readonly string[];
  /** Human-readable reasons the deploy is rejected (ckdb.md §2.2). */
  readonly blocked: readonly string[];
}

/**
 * TODO(merge): `diffSchemas(dev, prod)` from branch `deploy`. Local: the additive-only rules of ckdb.md §2.2
 * (new types and fields deploy; a type or field missing in development, or a changed type, is rejected).
 */
export function planDeploy(dev: SchemaIR, prod: SchemaIR): DeployPlanLite {
  const addedTypes: string[] = [];
  const addedFields: string[] = [];
  const blocked: string[] = [];
  const devTypes = new Map(dev.recordTypes.map((t) => [t.name, t]));
  const prodTypes = new Map(prod.recordTypes.map((t) => [t.name, t]));
  for (const p of prod.recordTypes) {
    const d = devTypes.get(p.name);
    if (!d) { blocked.push(`record type ${p.name} exists in production but not in development`); continue; }
    const df = new Map<string, FieldIR>(d.fields.map((f) => [f.name, f]));
    for (const f of p.fields) {
      const g = df.get(f.name);
      if (!g) blocked.push(`field ${p.name}.${f.name} exists in production but not in development`);
      else if (formatFieldType(g.type) !== formatFieldType(f.type)) blocked.push(`field ${p.name}.${f.name} changes type ${formatFieldType(f.type)} → ${formatFieldType(g.type)}`);
    }
  }
  for (const d of dev.recordTypes) {
    const p = prodTypes.get(d.name);
    if (!p) { addedTypes.push(d.name); continue; }
    const pf = new Set(p.fields.map((f) => f.name));
    for (const f of d.fields) if (!pf.has(f.name)) addedFields.push(`${d.name}.${f.name}`);
  }
  return { addedTypes, addedFields, blocked };
}
