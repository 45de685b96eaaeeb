/**
 * The sandbox's only doorway to the other parts of the core (model reader, lint rules, schema derivation,
 * .ckdb parser, deploy diff), so the engine depends on a handful of narrow functions.
 */
import type { ModelIR } from '../model/ir';
import type { SchemaIR } from '../cloudkit/schema-ir';
import { readModelIR } from '../model/xml';
import { lintModel } from '../rules';
import { VALIDATOR } from '../rules/messages';
import { deriveSchema as deriveFullSchema } from '../cloudkit/derive';
import { parseCkdb as parseCkdbText } from '../ckdb/parser';
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
 * The rules that stand for a check of Apple's validator (OpenCloudData OCCloudKitModelValidator.m: unique
 * constraints, optional/default attributes, optional relationships, inverses, ordered relationships, Deny,
 * unsupported attribute types, destinations outside the configuration, the ignored-property and encryption
 * keys, an empty configuration (:112), and the 700,000-byte static-fields record size (:512-519, message
 * :729), CK018), plus the model's read errors. Not CK011 (256 fields), CK015, CK019: the validator has no
 * field-count or name check; those are server limits (TN3164) and fail at export with the server's error.
 */
export const VALIDATOR_RULE_IDS: ReadonlySet<string> = new Set([
  'syntax', 'CK001', 'CK002', 'CK003', 'CK004', 'CK005', 'CK006', 'CK008', 'CK009', 'CK012', 'CK013', 'CK014', 'CK018',
]);

/**
 * Setup validation: the model's lint errors of the validator's own checks (VALIDATOR_RULE_IDS) decide. The
 * model is validated as CloudKit-backed whatever its "Used with CloudKit" flags say (mode `always`): Core
 * Data validates at store load whenever CloudKit options are set, and the sandbox runs the model with them
 * (issue 13 #3). The failure reason is laid out the way PFCloudKitModelValidator writes
 * NSLocalizedFailureReason (coredata-model.md §3.1): each failed check's header line, then its
 * `Entity: property` items sorted case-insensitively, checks in the validator's order. The rules' messages
 * already carry the verbatim header followed by the item, so this only regroups them.
 */
export function validateModelForCloudKit(model: ModelIR): ModelValidation {
  const errors = lintModel(model, undefined, { mode: 'always' }).filter((f) => f.severity === 'error' && VALIDATOR_RULE_IDS.has(f.ruleId));
  if (errors.length === 0) return { ok: true, reason: '' };
  return { ok: false, reason: validatorFailureReason(errors.map((f) => f.message)) };
}

function validatorFailureReason(messages: readonly string[]): string {
  const headers: readonly string[] = Object.values(VALIDATOR);
  const groups = new Map<string, string[]>();
  const others: string[] = [];
  for (const m of messages) {
    const header = headers.find((h) => m.startsWith(h + ' '));
    if (!header) { others.push(m); continue; }
    const items = groups.get(header) ?? [];
    items.push(m.slice(header.length + 1));
    groups.set(header, items);
  }
  const lines: string[] = [];
  for (const header of headers) {
    const items = groups.get(header);
    if (items) lines.push(header, ...items.sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  }
  return [...lines, ...others].join('\n');
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
