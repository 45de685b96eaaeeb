import { IndentationText, Project, type InterfaceDeclarationStructure, type OptionalKind, type PropertySignatureStructure, StructureKind } from 'ts-morph';
import type { FieldIR, FieldType, PrimitiveBase, SchemaIR } from '../core/cloudkit/schema-ir';
import { formatFieldType } from '../core/cloudkit/schema-ir';
import { quotedPropertyName, uniqueTypeName } from '../core/model/typescript/names';

/**
 * TypeScript interfaces for the record types of a CloudKit schema, for web clients (CloudKit JS,
 * CloudKit Web Services). Built with ts-morph structures, printed once; deterministic (no date in the
 * header) so regenerating an unchanged schema gives the same file.
 *
 * Value shapes follow Apple's CloudKit Web Services Reference, "Reference Types and Dictionaries"
 * (Reference, Asset, Location and Zone ID dictionaries) [DOC]; TIMESTAMP is a `Date` and BYTES a
 * `Uint8Array` as the issue asks (CloudKit JS converts both; Web Services JSON carries milliseconds and
 * base64: UNCONFIRMED which one a given client library hands back).
 */

export interface GenerateTypesOptions {
  /** The schema or model file the types come from, as shown in the header. */
  readonly source: string;
  /** The tool that generated them (`ckdev types`, the VS Code command...). */
  readonly tool: string;
}

/** Helper interfaces, emitted only when a field uses them. */
const HELPERS: Record<'CKZoneID' | 'CKReference' | 'CKAsset' | 'CKLocation', OptionalKind<InterfaceDeclarationStructure>> = {
  CKZoneID: {
    name: 'CKZoneID', isExported: true, docs: ['A record zone (Web Services "Zone ID Dictionary").'],
    properties: [
      { name: 'zoneName', type: 'string' },
      { name: 'ownerRecordName', type: 'string', hasQuestionToken: true },
    ],
  },
  CKReference: {
    name: 'CKReference', isExported: true, docs: ['A REFERENCE field value (Web Services "Reference Dictionary").'],
    properties: [
      { name: 'recordName', type: 'string' },
      { name: 'zoneID', type: 'CKZoneID', hasQuestionToken: true },
      { name: 'action', type: "'NONE' | 'DELETE_SELF' | 'VALIDATE'", hasQuestionToken: true },
    ],
  },
  CKAsset: {
    name: 'CKAsset', isExported: true, docs: ['An ASSET field value (Web Services "Asset Dictionary").'],
    properties: [
      { name: 'fileChecksum', type: 'string', hasQuestionToken: true },
      { name: 'size', type: 'number', hasQuestionToken: true },
      { name: 'referenceChecksum', type: 'string', hasQuestionToken: true },
      { name: 'wrappingKey', type: 'string', hasQuestionToken: true },
      { name: 'receipt', type: 'string', hasQuestionToken: true },
      { name: 'downloadURL', type: 'string', hasQuestionToken: true },
    ],
  },
  CKLocation: {
    name: 'CKLocation', isExported: true, docs: ['A LOCATION field value (Web Services "Location Dictionary").'],
    properties: [
      { name: 'latitude', type: 'number' },
      { name: 'longitude', type: 'number' },
      { name: 'horizontalAccuracy', type: 'number', hasQuestionToken: true },
      { name: 'verticalAccuracy', type: 'number', hasQuestionToken: true },
      { name: 'altitude', type: 'number', hasQuestionToken: true },
      { name: 'speed', type: 'number', hasQuestionToken: true },
      { name: 'course', type: 'number', hasQuestionToken: true },
      { name: 'timestamp', type: 'Date', hasQuestionToken: true },
    ],
  },
};

const PRIMITIVE_TS: Record<PrimitiveBase, string> = {
  STRING: 'string', INT64: 'number', DOUBLE: 'number', NUMBER: 'number', TIMESTAMP: 'Date', BYTES: 'Uint8Array',
  REFERENCE: 'CKReference', ASSET: 'CKAsset', LOCATION: 'CKLocation',
};

function tsType(t: FieldType, used: Set<string>): string {
  if (t.kind === 'list') return `${tsType(t.element, used)}[]`;
  const ts = PRIMITIVE_TS[t.base];
  if (ts.startsWith('CK')) {
    used.add(ts);
    if (ts === 'CKReference') used.add('CKZoneID');
  }
  return ts;
}

function fieldDoc(f: FieldIR): string {
  return [formatFieldType(f.type), ...f.options].join(' ');
}

export function generateTypes(schema: SchemaIR, options: GenerateTypesOptions): string {
  const project = new Project({
    useInMemoryFileSystem: true, skipLoadingLibFiles: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces },
  });
  const sf = project.createSourceFile('/types.ts', '', { overwrite: true });
  const used = new Set<string>();
  const taken = new Set<string>(Object.keys(HELPERS).concat(['RecordTypes', 'RecordTypeName']));
  const interfaces: OptionalKind<InterfaceDeclarationStructure>[] = [];
  const map: { key: string; type: string }[] = [];
  for (const rt of schema.recordTypes) {
    const name = uniqueTypeName(rt.name, taken);
    const properties: OptionalKind<PropertySignatureStructure>[] = [];
    const seen = new Set<string>();
    for (const f of rt.fields) {
      if (seen.has(f.name)) continue; // a duplicate field is a schema error reported elsewhere
      seen.add(f.name);
      properties.push({
        kind: StructureKind.PropertySignature, name: quotedPropertyName(f.name), type: tsType(f.type, used),
        // CloudKit never guarantees a field is set: a record may lack any field.
        hasQuestionToken: true, docs: [fieldDoc(f)],
      });
    }
    interfaces.push({
      name, isExported: true, properties,
      docs: [name === rt.name ? `Record type \`${rt.name}\`.` : `Record type \`${rt.name}\` (renamed: not a valid TypeScript name).`],
    });
    map.push({ key: quotedPropertyName(rt.name), type: name });
  }
  sf.addStatements([
    `// Generated by CloudKit DevTools (${options.tool}) from ${options.source.replace(/[\r\n]/g, ' ')}.`,
    '// Do not edit: regenerate it when the schema changes.',
  ]);
  for (const h of ['CKZoneID', 'CKReference', 'CKAsset', 'CKLocation'] as const) {
    if (used.has(h)) sf.addInterface(HELPERS[h]);
  }
  sf.addInterfaces(interfaces);
  sf.addInterface({
    name: 'RecordTypes', isExported: true, docs: ['Every record type of the schema, by its CloudKit name.'],
    properties: map.map((m) => ({ name: m.key, type: m.type })),
  });
  sf.addTypeAlias({ name: 'RecordTypeName', isExported: true, type: 'keyof RecordTypes' });
  const text = sf.getFullText();
  sf.forget();
  return text;
}

