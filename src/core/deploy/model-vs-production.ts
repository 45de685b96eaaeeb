import type { MappedRecordType } from '../cloudkit/mapping';
import { deriveSchema } from '../cloudkit/derive';
import {
  CD_PREFIX, entityIndex, isManyToMany, MANY_TO_MANY_RECORD_TYPE, mapJoinRecordType, mapRecordType, rootEntityOf,
} from '../cloudkit/mapping';
import type { SchemaIR } from '../cloudkit/schema-ir';
import { formatFieldType, isSystemField, sameFieldType } from '../cloudkit/schema-ir';
import type { ModelIR, ModelNode } from '../model/ir';
import { cloudKitScope } from '../model/scope';
import type { Span } from '../text/span';
import type { DeployPlan, SchemaChange } from './plan';
import { makePlan } from './plan';
import { fieldSpan, indexSchema, recordTypeSpan } from './schema-index';

/**
 * The current model against the production schema: every record type and field the app would write
 * that production lacks, with the error the server will answer (reference/ckdb.md §2.3):
 * - [Apple TN3164] `"Cannot create or modify field '<field>' in record '<type>' in production schema"`
 *   (CKError "Invalid Arguments" 12/2006 inside "Partial Failure" 2/1011);
 * - [observed, TablePro PR #2226] `"Cannot create new type <type> in production schema"`.
 * [Apple CKRecord] "When you deploy to a production environment, the server returns an error when you
 * try to specify an unknown record type or try to save a record containing unknown keys."
 *
 * `devSpan` points into the model source. Production-only fields are no runtime problem (the app just
 * never writes them) and are not reported.
 */
export function checkModelAgainstProduction(model: ModelIR, prod: SchemaIR): DeployPlan {
  const p = indexSchema(prod);
  const changes: SchemaChange[] = [];
  // What the app writes: deriveSchema (the same derivation as `ckdev schema` and the sandbox), over
  // the linter's scope with mode 'always' (a model without any CloudKit flag is checked as if its
  // Default configuration were mirrored: the user asked for this check).
  // Every field the app may ever write (`initialized`): those that appear only sometimes (mapping.ts
  // FieldCondition) are warnings below, not blocks.
  const members = cloudKitScope(model, 'always').entities;
  const derived = deriveSchema(model, { entities: members, initialized: true });
  const sources = mappedRecordTypes(model, members);
  for (const drt of derived.recordTypes) {
    const rt = sources.get(drt.name);
    if (!rt) continue; // CloudKit's own types (Users) are never the app's to create
    const prt = p.recordTypes.get(rt.type.name);
    if (!prt) {
      changes.push({
        verdict: 'blocked', kind: 'record-type-missing-in-production', recordType: rt.type.name,
        message: `Production has no record type ${rt.type.name}: the app's first save of ${describeEntities(rt.type)} fails with `
          + `"Cannot create new type ${rt.type.name} in production schema". Save one in development (or run initializeCloudKitSchema) `
          + `and deploy the schema before shipping.`,
        devSpan: rt.span,
      });
      continue;
    }
    const origins = new Map(rt.type.fields.map((f) => [f.name, f.origins[0]]));
    const conditions = new Map(rt.type.fields.map((f) => [f.name, f.condition]));
    for (const f of drt.fields) {
      if (isSystemField(f.name)) continue;
      const pf = prt.fields.get(f.name);
      const origin = origins.get(f.name);
      const span = (origin && originSpan(model, origin)) ?? rt.span;
      if (!pf) {
        const condition = conditions.get(f.name);
        const sometimes = condition !== undefined;
        const serverMessage = `"Cannot create or modify field '${f.name}' in record '${rt.type.name}' in production schema"`;
        changes.push(sometimes
          ? {
            verdict: 'warning', kind: 'field-missing-in-production-sometimes', recordType: rt.type.name, field: f.name,
            message: `Production has no field ${rt.type.name}.${f.name}. The app writes it only ${condition === 'large-value'
              ? 'when a value is too large to stay in the record (about 700 KB, Core Data moves it to an asset)'
              : 'when a record moves to another zone (sharing)'}; then the save fails with ${serverMessage}. `
              + `initializeCloudKitSchema creates every such field in development; deploy them.`,
            devSpan: span, prodSpan: recordTypeSpan(prt),
          }
          : {
            verdict: 'blocked', kind: 'field-missing-in-production', recordType: rt.type.name, field: f.name,
            message: `Production has no field ${rt.type.name}.${f.name} (${formatFieldType(f.type)}): saving a record with a value `
              + `for it fails with ${serverMessage}. Deploy the development schema before shipping this model.`,
            devSpan: span, prodSpan: recordTypeSpan(prt),
          });
      } else if (!sameFieldType(pf.type, f.type)) {
        changes.push({
          verdict: 'blocked', kind: 'field-type-mismatch-in-production', recordType: rt.type.name, field: f.name,
          message: `Field ${rt.type.name}.${f.name} is ${formatFieldType(pf.type)} in production but the model writes `
            + `${formatFieldType(f.type)}: the server rejects those saves, and a field's type can't change in production.`,
          devSpan: span, prodSpan: fieldSpan(pf),
        });
      }
    }
  }
  return makePlan(changes);
}

interface MappedWithSpan {
  readonly type: MappedRecordType;
  readonly span: Span | undefined;
}

/**
 * Where each derived record type and field comes from in the model (mapping.ts keeps the origins that
 * a SchemaIR has no room for): one entry per root entity, plus CDMR at its first many-to-many
 * relationship.
 */
function mappedRecordTypes(model: ModelIR, members: ReadonlySet<string>): Map<string, MappedWithSpan> {
  const index = entityIndex(model);
  const out = new Map<string, MappedWithSpan>();
  for (const e of index.values()) {
    const r = rootEntityOf(e, index);
    const name = CD_PREFIX + r.name;
    if (!out.has(name)) out.set(name, { type: mapRecordType(r, model, members), span: r.nameSpan });
  }
  const m2m = [...index.values()].flatMap((e) => e.relationships.filter((r) => isManyToMany(r, index)));
  out.set(MANY_TO_MANY_RECORD_TYPE, { type: mapJoinRecordType(), span: m2m.length ? nameValueSpan(m2m[0]) : undefined });
  return out;
}

function describeEntities(t: MappedRecordType): string {
  return t.entities.length ? t.entities.map((e) => `'${e}'`).join(', ') : 'a many-to-many relationship';
}

function nameValueSpan(node: ModelNode): Span {
  return node.attrs.name?.valueSpan ?? node.headSpan;
}

function originSpan(model: ModelIR, origin: MappedRecordType['fields'][number]['origins'][number]): Span | undefined {
  if (!('entity' in origin)) return undefined;
  const e = model.entities.find((x) => x.name === origin.entity);
  if (!e) return undefined;
  const prop = [...e.attributes, ...e.relationships].find((x) => x.name === origin.property);
  return prop ? nameValueSpan(prop) : e.nameSpan;
}
