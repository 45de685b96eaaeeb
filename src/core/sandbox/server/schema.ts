import type { FieldType, RecordTypeIR, SchemaIR } from '../../cloudkit/schema-ir';
import { byteCompare } from '../../cloudkit/mapping';

/**
 * The schema of one environment as the server enforces it: record type → field → type. Development
 * grows it just in time on save; production only changes by deploy (ckdb.md §2.1: "The ability to add new
 * keys is only possible during development").
 */
export class RuntimeSchema {
  readonly types = new Map<string, Map<string, FieldType>>();

  static from(ir: SchemaIR): RuntimeSchema {
    const s = new RuntimeSchema();
    for (const t of ir.recordTypes) {
      const fields = new Map<string, FieldType>();
      for (const f of t.fields) fields.set(f.name, f.type);
      s.types.set(t.name, fields);
    }
    return s;
  }

  clone(): RuntimeSchema {
    const s = new RuntimeSchema();
    for (const [t, f] of this.types) s.types.set(t, new Map(f));
    return s;
  }

  toIR(): SchemaIR {
    const recordTypes: RecordTypeIR[] = [...this.types.entries()]
      .sort(([a], [b]) => byteCompare(a, b))
      .map(([name, fields]) => ({
        name, quoted: false, grants: [],
        fields: [...fields.entries()].sort(([a], [b]) => byteCompare(a, b)).map(([fname, type]) => ({ name: fname, quoted: false, type, options: [] })),
      }));
    return { roles: [], recordTypes };
  }
}
