/**
 * The sandbox's only doorway to the other parts of the core (model reader, lint rules, schema derivation,
 * .ckdb parser, deploy diff), so the engine depends on a handful of narrow functions.
 */
import type { ModelIR } from '../model/ir';
import type { SchemaIR } from '../cloudkit/schema-ir';
import { readModelIR } from '../model/xml';
import { lintModel } from '../rules';
import { deriveSchema as deriveFullSchema } from '../cloudkit/derive';
import { parseCkdb as parseCkdbText } from '../cloudkit/parser';
import { diffSchemas } from '../deploy';

/** Reads `.xcdatamodel/contents` XML (branch `model`); read errors become a config error. */
export function readModelXml(text: string): ModelIR {
  const model = readModelIR(text);
  const errors = model.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Error(`the model XML cannot be read: ${errors[0].message}`);
  return model;
}

// ---------------------------------------------------------------------------------------------------
// Setup validation (PFCloudKitModelValidator, coredata-model.md §3.1; error 134060)

export interface ModelValidation {
  readonly ok: boolean;
  /** NSLocalizedFailureReason: the validator's header lines with `Entity: property` lines, or the lint messages. */
  readonly reason: string;
}

/**
 * Setup validation: the model's lint errors (`lintModel`, the rules shared with the editor and the CLI)
 * decide; the failure reason is written the way PFCloudKitModelValidator words it when the local table
 * below knows the check, else the lint messages.
 */
export function validateModelForCloudKit(model: ModelIR): ModelValidation {
  const errors = lintModel(model, undefined).filter((f) => f.severity === 'error');
  if (errors.length === 0) return { ok: true, reason: '' };
  const verbatim = validatorReason(model);
  return { ok: false, reason: verbatim || errors.map((f) => f.message).join('\n') };
}

/** Checks 1-5, 16 and 17 of coredata-model.md §3.1, with their verbatim headers. */
function validatorReason(model: ModelIR): string {
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
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------
// Schemas

/** What NSPersistentCloudKitContainer creates for the model (branch `ckdb`), without the implicit system fields. */
export function deriveSchema(model: ModelIR): SchemaIR {
  return withoutSystemFields(deriveFullSchema(model));
}

/** Parses a .ckdb text (branch `ckdb`); syntax errors become a config error. */
export function parseCkdb(text: string): SchemaIR {
  const r = parseCkdbText(text);
  const errors = r.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) throw new Error(`the .ckdb text has errors: ${errors[0].message}`);
  return withoutSystemFields(r.schema);
}

function withoutSystemFields(schema: SchemaIR): SchemaIR {
  return { ...schema, recordTypes: schema.recordTypes.map((t) => ({ ...t, fields: t.fields.filter((f) => !f.name.startsWith('___')) })) };
}

export interface DeployPlanLite {
  readonly addedTypes: readonly string[];
  /** `Type.field` */
  readonly addedFields: readonly string[];
  /** Why the deploy is rejected (ckdb.md §2.2), one message per blocked change. */
  readonly blocked: readonly string[];
}

/** Deploy dev → prod under the deploy rules (`diffSchemas`, branch `deploy`). */
export function planDeploy(dev: SchemaIR, prod: SchemaIR): DeployPlanLite {
  const plan = diffSchemas(dev, prod);
  return {
    addedTypes: plan.changes.filter((c) => c.kind === 'record-type-added').map((c) => c.recordType),
    addedFields: plan.changes.filter((c) => c.kind === 'field-added').map((c) => `${c.recordType}.${c.field ?? ''}`),
    blocked: plan.changes.filter((c) => c.verdict === 'blocked').map((c) => c.message),
  };
}
