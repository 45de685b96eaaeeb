/**
 * Deploy diff on two 1,000-record-type schemas (20 user fields + the 6 system fields each; development
 * adds 2 fields to every type, retypes 1 field in 1 type out of 10, drops an index in 1 out of 10 and
 * deletes a field in 1 out of 50, plus 10 new types). Baseline: building the two name → field maps
 * alone (the least any semantic diff must do), measured in the same run.
 */
import type { FieldIR, FieldOption, PrimitiveBase, RecordTypeIR, SchemaIR } from '../../src/core/cloudkit/schema-ir';
import { diffSchemas, summarizePlan } from '../../src/core/deploy';
import { ratio, sized, time } from '../measure';

const TYPES = sized(1000, 20);
const FIELDS = 20;
const BASES: PrimitiveBase[] = ['STRING', 'INT64', 'DOUBLE', 'TIMESTAMP', 'BYTES', 'REFERENCE'];
const SYSTEM: [string, PrimitiveBase, FieldOption[]][] = [
  ['___createTime', 'TIMESTAMP', []], ['___createdBy', 'REFERENCE', []], ['___etag', 'STRING', []],
  ['___modTime', 'TIMESTAMP', []], ['___modifiedBy', 'REFERENCE', []], ['___recordID', 'REFERENCE', ['QUERYABLE']],
];

let offset = 0;
function field(name: string, base: PrimitiveBase, options: FieldOption[]): FieldIR {
  const start = offset;
  offset += name.length + 30;
  return { name, quoted: name.startsWith('_'), type: { kind: 'primitive', base, encrypted: false }, options, span: { start, end: offset - 2 } };
}

function recordType(t: number, dev: boolean): RecordTypeIR {
  const fields: FieldIR[] = SYSTEM.map(([n, b, o]) => field(n, b, o));
  for (let f = 0; f < FIELDS; f++) {
    if (dev && t % 50 === 0 && f === 3) continue; // deleted in development
    let base = BASES[(t + f) % BASES.length];
    if (dev && t % 10 === 0 && f === 5) base = base === 'STRING' ? 'INT64' : 'STRING'; // retyped
    const options: FieldOption[] = base === 'STRING' ? ['QUERYABLE', 'SEARCHABLE', 'SORTABLE'] : ['QUERYABLE', 'SORTABLE'];
    if (dev && t % 10 === 1 && f === 7) options.pop(); // an index dropped
    fields.push(field(`field${f}_${t}`, base, options));
  }
  if (dev) fields.push(field(`added${t}a`, 'STRING', ['QUERYABLE']), field(`added${t}b`, 'INT64', []));
  if (dev) fields.reverse(); // order must not matter
  return { name: `Type${t}`, quoted: false, fields, grants: [
    { permissions: ['WRITE'], role: '_creator', roleQuoted: true }, { permissions: ['CREATE'], role: '_icloud', roleQuoted: true },
    { permissions: ['READ'], role: '_world', roleQuoted: true },
  ], nameSpan: { start: offset, end: offset + 8 } };
}

function schema(dev: boolean): SchemaIR {
  const recordTypes: RecordTypeIR[] = [];
  for (let t = 0; t < TYPES; t++) recordTypes.push(recordType(t, dev));
  if (dev) for (let t = TYPES; t < TYPES + 10; t++) recordTypes.push(recordType(t, false));
  return { roles: [], recordTypes };
}

/** The baseline: the two name → (name → field) maps, nothing compared. */
function buildMaps(s: SchemaIR): Map<string, Map<string, FieldIR>> {
  const m = new Map<string, Map<string, FieldIR>>();
  for (const rt of s.recordTypes) {
    const fields = new Map<string, FieldIR>();
    for (const f of rt.fields) fields.set(f.name, f);
    m.set(rt.name, fields);
  }
  return m;
}

export async function run(): Promise<object> {
  const prod = schema(false);
  const dev = schema(true);
  const plan = diffSchemas(dev, prod);
  const counts = summarizePlan(plan);
  const diff = await time(() => diffSchemas(dev, prod), 15, 3);
  const maps = await time(() => { buildMaps(dev); buildMaps(prod); }, 15, 3);
  const identical = await time(() => diffSchemas(prod, prod), 15, 3);
  return {
    recordTypes: { prod: prod.recordTypes.length, dev: dev.recordTypes.length },
    fields: { prod: prod.recordTypes.reduce((n, t) => n + t.fields.length, 0), dev: dev.recordTypes.reduce((n, t) => n + t.fields.length, 0) },
    changes: { total: plan.changes.length, ...counts },
    diffMs: { median: diff.medianMs, min: diff.minMs },
    identicalDiffMs: { median: identical.medianMs, min: identical.minMs },
    baselineMapsMs: { median: maps.medianMs, min: maps.minMs },
    // Min over runs: the least disturbed figure on a shared machine.
    diffVsMapsAtMin: ratio(diff.minMs, maps.minMs),
  };
}
