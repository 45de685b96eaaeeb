import type { AttributeDefinition, ModelDefinition, RelationshipDefinition } from '../../src/modeldef';

/**
 * One model, two sources: `contents` XML (Xcode's spelling, reference/coredata-model.md §2) and a
 * `.cdmodel.ts` defineModel call, so tests can check that both readers feed the rules the same model.
 */

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const yes = (b: boolean | undefined, name: string): string => (b ? ` ${name}="YES"` : '');

function userInfoXml(info: Readonly<Record<string, string>> | undefined, indent: string): string {
  if (!info) return '';
  const entries = Object.entries(info).map(([k, v]) => `${indent}    <entry key="${esc(k)}" value="${esc(v)}"/>`).join('\n');
  return `\n${indent}<userInfo>\n${entries}\n${indent}</userInfo>`;
}

function attributeXml(name: string, a: AttributeDefinition, indent: string): string {
  const type = a.type === 'Undefined' ? '' : ` attributeType="${a.type}"`;
  let def = '';
  if (a.default !== undefined) {
    const v = typeof a.default === 'boolean' ? (a.default ? 'YES' : 'NO') : String(a.default);
    def = a.type === 'Date' ? ` defaultDateTimeInterval="${esc(v)}"` : ` defaultValueString="${esc(v)}"`;
  }
  const head = `${indent}<attribute name="${esc(name)}"${yes(a.optional, 'optional')}${yes(a.transient, 'transient')}${type}${def}`
    + (a.valueTransformerName !== undefined ? ` valueTransformerName="${esc(a.valueTransformerName)}"` : '')
    + yes(a.allowsCloudEncryption, 'allowsCloudEncryption');
  const info = userInfoXml(a.userInfo, indent + '    ');
  return info ? `${head}>${info}\n${indent}</attribute>` : `${head}/>`;
}

function relationshipXml(name: string, r: RelationshipDefinition, indent: string): string {
  const head = `${indent}<relationship name="${esc(name)}"${yes(r.optional, 'optional')}${yes(r.toMany, 'toMany')}`
    + (r.toMany ? '' : ' maxCount="1"')
    + ` deletionRule="${r.deletionRule ?? 'Nullify'}"${yes(r.ordered, 'ordered')} destinationEntity="${esc(r.destination)}"`
    + (r.inverse ? ` inverseName="${esc(r.inverse)}" inverseEntity="${esc(r.destination)}"` : '');
  const info = userInfoXml(r.userInfo, indent + '    ');
  return info ? `${head}>${info}\n${indent}</relationship>` : `${head}/>`;
}

export function toXml(def: ModelDefinition): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<model type="com.apple.IDECoreDataModeler.DataModel" documentVersion="1.0" lastSavedToolsVersion="22522" systemVersion="23A344" minimumToolsVersion="Automatic" sourceLanguage="Swift"${yes(def.usedWithCloudKit, 'usedWithCloudKit')} userDefinedModelVersionIdentifier="">`,
  ];
  for (const [name, e] of Object.entries(def.entities)) {
    lines.push(`    <entity name="${esc(name)}" representedClassName="${esc(name)}"${e.parent ? ` parentEntity="${esc(e.parent)}"` : ''}${yes(e.abstract, 'isAbstract')} syncable="YES">`);
    for (const [n, a] of Object.entries(e.attributes ?? {})) lines.push(attributeXml(n, a, '        '));
    for (const [n, r] of Object.entries(e.relationships ?? {})) lines.push(relationshipXml(n, r, '        '));
    if (e.uniquenessConstraints) {
      lines.push('        <uniquenessConstraints>');
      for (const c of e.uniquenessConstraints) {
        lines.push('            <uniquenessConstraint>', ...c.map((p) => `                <constraint value="${esc(p)}"/>`), '            </uniquenessConstraint>');
      }
      lines.push('        </uniquenessConstraints>');
    }
    const info = userInfoXml(e.userInfo, '        ');
    if (info) lines.push(info.slice(1));
    lines.push('    </entity>');
  }
  for (const [name, c] of Object.entries(def.configurations ?? {})) {
    if (c.entities.length === 0) {
      lines.push(`    <configuration name="${esc(name)}"${yes(c.usedWithCloudKit, 'usedWithCloudKit')}/>`);
      continue;
    }
    lines.push(`    <configuration name="${esc(name)}"${yes(c.usedWithCloudKit, 'usedWithCloudKit')}>`);
    for (const m of c.entities) lines.push(`        <memberEntity name="${esc(m)}"/>`);
    lines.push('    </configuration>');
  }
  lines.push('</model>');
  return lines.join('\n');
}

/** A TypeScript literal for a plain value, multi-line objects with two-space indentation. */
function literal(v: unknown, indent: string): string {
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => literal(x, indent)).join(', ')}]`;
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const inner = indent + '  ';
  const key = (k: string): string => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`);
  return `{\n${entries.map(([k, x]) => `${inner}${key(k)}: ${literal(x, inner)},`).join('\n')}\n${indent}}`;
}

export function toTs(def: ModelDefinition): string {
  return `import { defineModel } from './cloudkit-modeldef';\n\nexport default defineModel(${literal(def, '')});\n`;
}
