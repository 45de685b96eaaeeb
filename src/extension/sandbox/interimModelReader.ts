import { SaxesParser } from 'saxes';
import type { AttributeIR, EntityIR, ModelIR, ModelNode, RelationshipIR, SourceAttr } from '../../core/model/ir';

/**
 * INTERIM: a span-less reader of `*.xcdatamodel/contents` for the sandbox panel only, so the panel
 * works before the real reader (`readModelXml`, branch `model`) lands. The sandbox needs entities,
 * attributes and relationships, not source positions. Replace the single call in modelSource.ts with
 * the real reader when it is merged, and delete this file.
 */
const NO_SPAN = { start: 0, end: 0 };

function node(attrs: Record<string, string>): ModelNode {
  const out: Record<string, SourceAttr> = {};
  for (const [k, v] of Object.entries(attrs)) out[k] = { value: v, span: NO_SPAN, nameSpan: NO_SPAN, valueSpan: NO_SPAN };
  return { span: NO_SPAN, headSpan: NO_SPAN, attrs: out };
}

const yes = (v: string | undefined): boolean => v === 'YES';

export function readModelXmlInterim(text: string): ModelIR {
  const entities: { e: Record<string, string>; attributes: AttributeIR[]; relationships: RelationshipIR[] }[] = [];
  let root: ModelNode | undefined;
  let usedWithCloudKit = false;
  const problems: { message: string; span: { start: number; end: number }; severity: 'error' }[] = [];
  const parser = new SaxesParser({ position: true });
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    if (tag.name === 'model') {
      root = node(a);
      usedWithCloudKit = yes(a.usedWithCloudKit);
    } else if (tag.name === 'entity') {
      entities.push({ e: a, attributes: [], relationships: [] });
    } else if (tag.name === 'attribute' && entities.length > 0) {
      entities[entities.length - 1].attributes.push({
        ...node(a), kind: 'attribute', name: a.name ?? '', attributeType: a.attributeType, optional: yes(a.optional),
        transient: yes(a.transient), derived: a.derived === 'YES', defaultValueString: a.defaultValueString,
        defaultDateTimeInterval: a.defaultDateTimeInterval, allowsCloudEncryption: yes(a.allowsCloudEncryption),
        allowsExternalBinaryDataStorage: yes(a.allowsExternalBinaryDataStorage), preserveAfterDeletion: yes(a.preserveAfterDeletion),
        userInfo: [],
      });
    } else if (tag.name === 'relationship' && entities.length > 0) {
      entities[entities.length - 1].relationships.push({
        ...node(a), kind: 'relationship', name: a.name ?? '', destinationEntity: a.destinationEntity ?? '',
        inverseName: a.inverseName, inverseEntity: a.inverseEntity, optional: yes(a.optional), toMany: yes(a.toMany),
        ordered: yes(a.ordered), deletionRule: a.deletionRule ?? 'Nullify', transient: yes(a.transient), userInfo: [],
        maxCount: a.maxCount !== undefined ? Number(a.maxCount) : undefined,
      });
    }
  });
  parser.on('error', (err) => {
    problems.push({ message: err.message, span: NO_SPAN, severity: 'error' });
  });
  try {
    parser.write(text).close();
  } catch (e) {
    problems.push({ message: e instanceof Error ? e.message : String(e), span: NO_SPAN, severity: 'error' });
  }
  const ents: EntityIR[] = entities.map(({ e, attributes, relationships }) => ({
    ...node(e), kind: 'entity', name: e.name ?? '', nameSpan: NO_SPAN, representedClassName: e.representedClassName,
    parentEntity: e.parentEntity, isAbstract: yes(e.isAbstract), attributes, relationships, fetchedProperties: [],
    uniquenessConstraints: [], userInfo: [],
  }));
  return { format: 'xml', root, usedWithCloudKit, entities: ents, configurations: [], fetchRequests: [], composites: [], problems };
}
