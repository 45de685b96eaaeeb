import { SaxesParser, type SaxesTag } from 'saxes';
import type {
  AttributeIR, CompositeIR, ConfigurationIR, EntityIR, FetchedPropertyIR, FetchRequestIR, ModelIR, ModelNode,
  ReadProblem, RelationshipIR, SourceAttr, UniquenessConstraintIR, UserInfoEntry,
} from '../ir';
import type { EditableModel } from '../editor';
import type { Span } from '../../text/span';
import { maxBytesOf, tooLargeProblem } from './decode';
import { scanStartTag } from './startTag';
import { XmlModelEditor } from './editor';

/**
 * Reads a `.xcdatamodel/contents` file (reference coredata-model.md §2) into a ModelIR with the exact
 * span of every element, start tag, attribute name and attribute value.
 *
 * saxes does the XML: strict well-formedness (duplicate attributes, bad nesting, undefined entities)
 * and the events. Spans come from saxes' `position` (the offset after the current token, in UTF-16
 * code units, BOM included) plus a scan of the start tag saxes has just accepted (./startTag.ts).
 * Nothing here throws: every bad input becomes a ReadProblem and a (possibly partial) model.
 */
export interface ReadModelOptions {
  /** Larger inputs are not parsed (setting `cloudkit.lint.maxFileSizeMB`, default 10). */
  readonly maxFileSizeMB?: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

interface Frame {
  readonly name: string;
  readonly start: number;
  readonly headEnd: number;
  readonly attrs: Record<string, SourceAttr>;
  /** What this element builds (undefined for elements the IR does not keep, e.g. `<elements>`). */
  readonly node: Builder | undefined;
}

type Builder =
  | { t: 'model'; n: { span: Span; headSpan: Span; attrs: Record<string, SourceAttr> } }
  | { t: 'entity'; n: Mutable<EntityIR> }
  | { t: 'attribute'; n: Mutable<AttributeIR> }
  | { t: 'relationship'; n: Mutable<RelationshipIR> }
  | { t: 'fetchedProperty'; n: Mutable<FetchedPropertyIR> }
  | { t: 'fetchRequest'; n: Mutable<FetchRequestIR> }
  | { t: 'nestedFetchRequest' }
  | { t: 'uniquenessConstraints' }
  | { t: 'uniquenessConstraint'; n: Mutable<UniquenessConstraintIR> }
  | { t: 'userInfo'; list: UserInfoEntry[] }
  | { t: 'configuration'; n: Mutable<ConfigurationIR> }
  | { t: 'composite'; n: Mutable<CompositeIR> };

const STOP = Symbol('stop');

/** Xcode writes booleans as `YES`; an absent attribute means NO (reference §2). */
function yes(attrs: Record<string, SourceAttr>, name: string): boolean {
  const v = attrs[name]?.value;
  return v === 'YES' || v === 'yes' || v === 'true' || v === '1';
}

const str = (attrs: Record<string, SourceAttr>, name: string): string | undefined => attrs[name]?.value;

function intOrUndefined(v: string | undefined): number | undefined {
  if (v === undefined || !/^\s*\d+\s*$/.test(v)) return undefined;
  return Number(v);
}

export function readModelXml(text: string, options: ReadModelOptions = {}): EditableModel {
  const model = readModelIR(text, options);
  return { model, editor: new XmlModelEditor(text, model) };
}

export function readModelIR(text: string, options: ReadModelOptions = {}): ModelIR {
  const problems: ReadProblem[] = [];
  const entities: EntityIR[] = [];
  const configurations: ConfigurationIR[] = [];
  const fetchRequests: FetchRequestIR[] = [];
  const composites: CompositeIR[] = [];
  let root: ModelNode | undefined;
  let usedWithCloudKit = false;
  const result = (): ModelIR => ({
    format: 'xml', root, usedWithCloudKit, entities, configurations, fetchRequests, composites, problems, sourceText: text,
  });

  const maxBytes = maxBytesOf(options.maxFileSizeMB);
  // Each UTF-16 unit is at least one UTF-8 byte: a string longer than the cap is over it in bytes too.
  if (text.length > maxBytes) {
    problems.push(tooLargeProblem(text.length, maxBytes));
    return result();
  }

  const parser = new SaxesParser({ position: true });
  const stack: Frame[] = [];
  let tagStart = 0;
  let sawRoot = false;

  const fail = (message: string, at: number, severity: 'error' | 'warning' = 'error'): void => {
    const end = Math.min(Math.max(at, 0), text.length);
    problems.push({ message, span: { start: Math.max(0, end - 1), end }, severity });
  };

  parser.on('error', (err: Error) => {
    // saxes prefixes "line:col: "; the span carries the position, so keep the reason only.
    fail(`Malformed XML: ${err.message.replace(/^[^:]*?\d+:\d+: /, '')}`, parser.position);
    throw STOP; // the first error is the useful one; what saxes says after it is noise
  });

  parser.on('doctype', (doctype: string) => {
    const end = parser.position;
    const start = Math.max(0, text.lastIndexOf('<!DOCTYPE', end));
    const span = { start, end };
    if (/<!ENTITY/.test(doctype)) {
      problems.push({ span, severity: 'error', message: 'This file has a DOCTYPE declaring entities. Core Data model files have no DOCTYPE; its entities are never expanded and nothing is fetched. Remove the DOCTYPE.' });
    } else {
      problems.push({ span, severity: 'warning', message: 'DOCTYPE ignored: Core Data model files have no DOCTYPE (it is never fetched or processed).' });
    }
  });

  parser.on('opentagstart', () => {
    // saxes has read `<name` and one more character: the `<` is the last one before the position.
    tagStart = text.lastIndexOf('<', parser.position - 1);
  });

  parser.on('opentag', (tag: SaxesTag) => {
    const headEnd = parser.position;
    const attrs: Record<string, SourceAttr> = {};
    for (const a of scanStartTag(text, tagStart, headEnd)) {
      const decoded = tag.attributes[a.name];
      attrs[a.name] = {
        value: typeof decoded === 'string' ? decoded : text.slice(a.valueStart, a.valueEnd),
        span: { start: a.start, end: a.end },
        nameSpan: { start: a.start, end: a.nameEnd },
        valueSpan: { start: a.valueStart, end: a.valueEnd },
      };
    }
    const parent = stack.length > 0 ? stack[stack.length - 1].node : undefined;
    const base = { span: { start: tagStart, end: headEnd }, headSpan: { start: tagStart, end: headEnd }, attrs };
    let node: Builder | undefined;
    if (stack.length === 0) {
      sawRoot = true;
      if (tag.name !== 'model') {
        fail(`Not a Core Data model: the root element is <${tag.name}>, expected <model>.`, headEnd);
        throw STOP;
      }
      usedWithCloudKit = yes(attrs, 'usedWithCloudKit');
      node = { t: 'model', n: base };
    } else if (parent !== undefined) {
      node = childBuilder(tag.name, parent, base, attrs);
    }
    stack.push({ name: tag.name, start: tagStart, headEnd, attrs, node });
  });

  parser.on('closetag', () => {
    const frame = stack.pop();
    if (!frame) return;
    const span = { start: frame.start, end: parser.position };
    const b = frame.node;
    if (!b) return;
    const parent = stack.length > 0 ? stack[stack.length - 1].node : undefined;
    switch (b.t) {
      case 'model': b.n.span = span; root = b.n; break;
      case 'entity': b.n.span = span; entities.push(b.n); break;
      case 'attribute':
        b.n.span = span;
        if (parent?.t === 'entity' || parent?.t === 'composite') parent.n.attributes.push(b.n);
        break;
      case 'relationship': b.n.span = span; if (parent?.t === 'entity') parent.n.relationships.push(b.n); break;
      case 'fetchedProperty': b.n.span = span; if (parent?.t === 'entity') parent.n.fetchedProperties.push(b.n); break;
      case 'fetchRequest': b.n.span = span; fetchRequests.push(b.n); break;
      case 'uniquenessConstraints': if (parent?.t === 'entity') parent.n.uniquenessConstraintsSpan = span; break;
      case 'uniquenessConstraint': b.n.span = span; if (parent?.t === 'uniquenessConstraints') uniquenessOwner(stack)?.n.uniquenessConstraints.push(b.n); break;
      case 'configuration': b.n.span = span; configurations.push(b.n); break;
      case 'composite': b.n.span = span; composites.push(b.n); break;
      case 'userInfo': case 'nestedFetchRequest': break;
    }
  });

  /** userInfo entries and constraints are recorded on open (they are leaves); element spans on close. */
  function childBuilder(name: string, parent: Builder, base: ModelNode, attrs: Record<string, SourceAttr>): Builder | undefined {
    switch (parent.t) {
      case 'model':
        if (name === 'entity') return { t: 'entity', n: newEntity(base, attrs) };
        if (name === 'fetchRequest') return { t: 'fetchRequest', n: { kind: 'fetchRequest', ...base, name: str(attrs, 'name') ?? '', entity: str(attrs, 'entity') } };
        if (name === 'configuration') {
          return { t: 'configuration', n: { kind: 'configuration', ...base, name: str(attrs, 'name') ?? '', usedWithCloudKit: yes(attrs, 'usedWithCloudKit'), memberEntities: [] } };
        }
        if (name === 'composite') return { t: 'composite', n: { kind: 'composite', ...base, name: str(attrs, 'name') ?? '', attributes: [] } };
        return undefined;
      case 'entity':
        if (name === 'attribute') return { t: 'attribute', n: newAttribute(base, attrs) };
        if (name === 'relationship') return { t: 'relationship', n: newRelationship(base, attrs) };
        if (name === 'fetchedProperty') return { t: 'fetchedProperty', n: { kind: 'fetchedProperty', ...base, name: str(attrs, 'name') ?? '' } };
        if (name === 'uniquenessConstraints') return { t: 'uniquenessConstraints' };
        if (name === 'userInfo') return { t: 'userInfo', list: parent.n.userInfo };
        return undefined;
      case 'composite':
        if (name === 'attribute') return { t: 'attribute', n: newAttribute(base, attrs) };
        return undefined;
      case 'attribute': case 'relationship':
        if (name === 'userInfo') return { t: 'userInfo', list: parent.n.userInfo };
        return undefined;
      case 'fetchedProperty':
        if (name === 'fetchRequest') {
          parent.n.fetchEntity = str(attrs, 'entity');
          parent.n.predicateString = str(attrs, 'predicateString');
          return { t: 'nestedFetchRequest' };
        }
        return undefined;
      case 'uniquenessConstraints':
        if (name === 'uniquenessConstraint') return { t: 'uniquenessConstraint', n: { ...base, properties: [] } };
        return undefined;
      case 'uniquenessConstraint': {
        const v = attrs.value;
        if (name === 'constraint' && v) parent.n.properties.push({ name: v.value, span: v.valueSpan });
        return undefined;
      }
      case 'userInfo':
        if (name === 'entry') parent.list.push({ key: str(attrs, 'key') ?? '', value: str(attrs, 'value') ?? '', span: base.span });
        return undefined;
      case 'configuration': {
        const v = attrs.name;
        if (name === 'memberEntity' && v) parent.n.memberEntities.push({ name: v.value, span: v.valueSpan });
        return undefined;
      }
      default:
        return undefined;
    }
  }

  try {
    parser.write(text);
    parser.close();
  } catch (e) {
    if (e !== STOP) fail(`Could not read the model: ${e instanceof Error ? e.message : String(e)}`, parser.position);
  }
  if (!sawRoot && problems.every((p) => p.severity !== 'error')) fail('Empty file: no <model> element.', 0);
  // userInfo entry spans were taken at open time: an `<entry>` element is always self-closing in Xcode
  // files; a non-self-closing one still points at its start tag, which is what a diagnostic needs.
  return result();
}

function uniquenessOwner(stack: Frame[]): { t: 'entity'; n: Mutable<EntityIR> } | undefined {
  for (let i = stack.length - 1; i >= 0; i--) {
    const b = stack[i].node;
    if (b?.t === 'entity') return b;
  }
  return undefined;
}

function newEntity(base: ModelNode, attrs: Record<string, SourceAttr>): Mutable<EntityIR> {
  const nameAttr = attrs.name;
  return {
    kind: 'entity', ...base,
    name: nameAttr?.value ?? '',
    nameSpan: nameAttr?.valueSpan ?? base.headSpan,
    representedClassName: str(attrs, 'representedClassName'),
    parentEntity: str(attrs, 'parentEntity'),
    isAbstract: yes(attrs, 'isAbstract'),
    elementID: str(attrs, 'elementID'),
    attributes: [], relationships: [], fetchedProperties: [], uniquenessConstraints: [], userInfo: [],
  };
}

function newAttribute(base: ModelNode, attrs: Record<string, SourceAttr>): Mutable<AttributeIR> {
  const scalar = str(attrs, 'usesScalarValueType');
  return {
    kind: 'attribute', ...base,
    name: str(attrs, 'name') ?? '',
    attributeType: str(attrs, 'attributeType'),
    optional: yes(attrs, 'optional'),
    transient: yes(attrs, 'transient'),
    derived: yes(attrs, 'derived'),
    derivationExpression: str(attrs, 'derivationExpression'),
    defaultValueString: str(attrs, 'defaultValueString'),
    defaultDateTimeInterval: str(attrs, 'defaultDateTimeInterval'),
    valueTransformerName: str(attrs, 'valueTransformerName'),
    customClassName: str(attrs, 'customClassName'),
    allowsCloudEncryption: yes(attrs, 'allowsCloudEncryption'),
    allowsExternalBinaryDataStorage: yes(attrs, 'allowsExternalBinaryDataStorage'),
    usesScalarValueType: scalar === undefined ? undefined : scalar === 'YES',
    elementID: str(attrs, 'elementID'),
    composite: str(attrs, 'composite'),
    preserveAfterDeletion: yes(attrs, 'preserveAfterDeletion'),
    userInfo: [],
  };
}

function newRelationship(base: ModelNode, attrs: Record<string, SourceAttr>): Mutable<RelationshipIR> {
  return {
    kind: 'relationship', ...base,
    name: str(attrs, 'name') ?? '',
    destinationEntity: str(attrs, 'destinationEntity') ?? '',
    inverseName: str(attrs, 'inverseName'),
    inverseEntity: str(attrs, 'inverseEntity'),
    optional: yes(attrs, 'optional'),
    toMany: yes(attrs, 'toMany'),
    ordered: yes(attrs, 'ordered'),
    // Absent means Nullify, Xcode's default (reference §2.4).
    deletionRule: str(attrs, 'deletionRule') ?? 'Nullify',
    minCount: intOrUndefined(str(attrs, 'minCount')),
    maxCount: intOrUndefined(str(attrs, 'maxCount')),
    transient: yes(attrs, 'transient'),
    elementID: str(attrs, 'elementID'),
    userInfo: [],
  };
}
