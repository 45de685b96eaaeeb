import { SaxesParser, type SaxesTag } from 'saxes';
import { ATTRIBUTE_TYPES } from '../ir';
import type {
  AttributeIR, CompositeIR, ConfigurationIR, EntityIR, FetchedPropertyIR, FetchRequestIR, ModelIR, ModelNode,
  ReadProblem, RelationshipIR, SourceAttr, UniquenessConstraintIR, UserInfoEntry,
} from '../ir';
import type { EditableModel } from '../editor';
import type { Span } from '../../text/span';
import { maxBytesOf, tooLargeProblem } from './decode';
import { attrValueOf, attrValueSpanOf, sourceAttrsOf } from './start-tag';
import { XmlModelEditor } from './editor';
import { errorMessage } from '../../error-message';

/**
 * Reads a `.xcdatamodel/contents` file (reference coredata-model.md §2) into a ModelIR with the exact
 * span of every element, start tag, attribute name and attribute value.
 *
 * saxes does the XML: strict well-formedness (duplicate attributes, bad nesting, undefined entities)
 * and the events. Spans come from saxes' `position` (the offset after the current token, in UTF-16
 * code units, BOM included) plus a scan of the start tag saxes has just accepted (./start-tag.ts).
 * Nothing here throws: every bad input becomes a ReadProblem and a (possibly partial) model.
 */
export interface ReadModelOptions {
  /** Larger inputs are not parsed (setting `cloudkit.lint.maxFileSizeMB`, default 10). */
  readonly maxFileSizeMB?: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

type Builder =
  | { t: 'model'; n: XmlNode & ModelNode }
  | { t: 'entity'; n: Mutable<EntityIR> }
  | { t: 'attribute'; n: XmlAttribute }
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
/** Attribute values as saxes decoded them (entities expanded). */
type Decoded = Readonly<Record<string, string>>;

function yes(attrs: Decoded, name: string): boolean {
  const v = attrs[name];
  return v === 'YES' || v === 'yes' || v === 'true' || v === '1';
}

const str = (attrs: Decoded, name: string): string | undefined => attrs[name];

function intOrUndefined(v: string | undefined): number | undefined {
  if (v === undefined || !/^\s*\d+\s*$/.test(v)) return undefined;
  return Number(v);
}

const TEXT = Symbol('text');
const HEAD_END = Symbol('headEnd');
const END = Symbol('end');
const ATTRS = Symbol('attrs');
const FLAGS = Symbol('flags');

/**
 * The parts every node shares, kept as offsets. Everything the reader keeps per element survives two
 * young-generation collections (copied, then promoted), and that copying — not saxes, not the rules —
 * was the largest cost of linting a 4 MB model (bench/cases/lint.bench.ts, --trace-gc): so a node holds
 * the end of its start tag and little else, and `span`, `headSpan` and `attrs` are made when read.
 * - `attrs` (the span of each XML attribute) is scanned from the start tag on first use and kept: rules
 *   and fixes need it only for the elements they report on.
 * - The start of the start tag: `<` cannot occur inside a start tag (XML 1.0 §3.1, not even in attribute
 *   values), so it is the last `<` before the tag's end (one native `lastIndexOf` when asked, instead of
 *   a scan per element while saxes runs).
 * - The end of the element is the end of its start tag unless an end tag was seen: only then is `[END]`
 *   set (most elements are self-closing: `<attribute .../>`).
 * What the getters need is kept under symbol keys, which JSON and structured clone skip; a serialized
 * node therefore has no spans or `attrs` (only the extension host computes fixes, with the live model).
 */
class XmlNode {
  [TEXT]: string;
  [HEAD_END]: number;
  declare [END]?: number;
  /** Own property once scanned; until then the prototype's `undefined` (one field less per node). */
  declare [ATTRS]?: Record<string, SourceAttr>;

  constructor(text: string, headEnd: number) {
    this[TEXT] = text;
    this[HEAD_END] = headEnd;
  }

  /** Offset of the `<` of the start tag. */
  start(): number {
    return tagStartBefore(this[TEXT], this[HEAD_END]);
  }

  get headSpan(): Span {
    return { start: this.start(), end: this[HEAD_END] };
  }

  get span(): Span {
    return { start: this.start(), end: this[END] ?? this[HEAD_END] };
  }

  get attrs(): Readonly<Record<string, SourceAttr>> {
    return (this[ATTRS] ??= sourceAttrsOf(this[TEXT], this.start(), this[HEAD_END]));
  }

  /**
   * The node as plain data, as it serialized when every field was an own property (getters on the
   * prototype would be dropped). The sandbox webview no longer receives a ModelIR (the host sends it a
   * ModelSpec, core/sandbox/model-spec.ts), but a ModelIR stays JSON-serializable in full for any other
   * consumer (test/unit/model/xml-reader-lazy.test.ts pins it). Symbol-keyed internals are left out.
   */
  toJSON(): Record<string, unknown> {
    return { span: this.span, headSpan: this.headSpan, ...(this as object) };
  }

  /** ModelNode.valueSpanOf: one attribute's value span, from `attrs` when scanned, else without building it. */
  valueSpanOf(name: string): Span | undefined {
    const cached = this[ATTRS];
    if (cached) return cached[name]?.valueSpan;
    return attrValueSpanOf(this[TEXT], this.start(), this[HEAD_END], name);
  }

  /** The decoded value of one XML attribute of the start tag (rarely read IR fields), without caching. */
  protected rawAttr(name: string): string | undefined {
    const cached = this[ATTRS];
    if (cached) return cached[name]?.value;
    return attrValueOf(this[TEXT], this.start(), this[HEAD_END], name);
  }
}

(XmlNode.prototype as { [ATTRS]?: unknown })[ATTRS] = undefined;

/** The `<` that opens the start tag ending at `headEnd` (see XmlNode). */
function tagStartBefore(text: string, headEnd: number): number {
  return Math.max(0, text.lastIndexOf('<', headEnd - 1));
}

/**
 * The values Xcode writes, as shared constant strings: saxes gives a fresh string per attribute, and
 * rules look these up in sets and objects for every attribute (cheaper with internalized strings; also
 * less memory for a 40,000-attribute model).
 */
const CANONICAL = new Map<string, string>([...ATTRIBUTE_TYPES, 'Nullify', 'Cascade', 'Deny', 'No Action'].map((v) => [v, v]));
const canonical = (v: string | undefined): string | undefined => (v === undefined ? undefined : CANONICAL.get(v) ?? v);

/** userInfo is rare: nodes share this empty list until their first `<userInfo>` (never mutated). */
const NO_USER_INFO: UserInfoEntry[] = [];

const isYes = (v: string | undefined): boolean => v === 'YES' || v === 'yes' || v === 'true' || v === '1';

// Attribute flags, one bit each (a 40,000-attribute model keeps one number instead of seven fields).
const OPTIONAL = 1;
const TRANSIENT = 2;
const CLOUD_ENCRYPTION = 4;

/**
 * An `<attribute>`. The fields the rules read for every attribute (name, type, optional, transient,
 * allowsCloudEncryption; the defaults of non-optional ones for CK002, the transformer of Transformables
 * for CK010) are read from saxes' decoded attributes once; the others are rarely set and rarely read, so
 * they are getters over the start tag (the same decoding as `attrs`, see start-tag.ts).
 */
class XmlAttribute extends XmlNode implements AttributeIR {
  get kind(): 'attribute' { return 'attribute'; }
  name: string;
  attributeType: string | undefined;
  defaultValueString: string | undefined;
  defaultDateTimeInterval: string | undefined;
  valueTransformerName: string | undefined;
  [FLAGS]: number;
  /** The prototype's shared empty list until the first `<userInfo>` (ownUserInfo). */
  declare userInfo: UserInfoEntry[];

  constructor(text: string, headEnd: number, attrs: Decoded, name: string) {
    super(text, headEnd);
    this.name = name;
    this.attributeType = canonical(attrs.attributeType);
    this.defaultValueString = attrs.defaultValueString;
    this.defaultDateTimeInterval = attrs.defaultDateTimeInterval;
    this.valueTransformerName = attrs.valueTransformerName;
    this[FLAGS] = (isYes(attrs.optional) ? OPTIONAL : 0) | (isYes(attrs.transient) ? TRANSIENT : 0)
      | (isYes(attrs.allowsCloudEncryption) ? CLOUD_ENCRYPTION : 0);
  }

  get optional(): boolean { return (this[FLAGS] & OPTIONAL) !== 0; }
  get transient(): boolean { return (this[FLAGS] & TRANSIENT) !== 0; }
  get allowsCloudEncryption(): boolean { return (this[FLAGS] & CLOUD_ENCRYPTION) !== 0; }
  get derived(): boolean { return isYes(this.rawAttr('derived')); }
  get derivationExpression(): string | undefined { return this.rawAttr('derivationExpression'); }
  get customClassName(): string | undefined { return this.rawAttr('customClassName'); }
  get allowsExternalBinaryDataStorage(): boolean { return isYes(this.rawAttr('allowsExternalBinaryDataStorage')); }
  get usesScalarValueType(): boolean | undefined {
    const v = this.rawAttr('usesScalarValueType');
    return v === undefined ? undefined : v === 'YES';
  }
  get elementID(): string | undefined { return this.rawAttr('elementID'); }
  get composite(): string | undefined { return this.rawAttr('composite'); }
  get preserveAfterDeletion(): boolean { return isYes(this.rawAttr('preserveAfterDeletion')); }

  override toJSON(): Record<string, unknown> {
    return {
      span: this.span, headSpan: this.headSpan, kind: this.kind, name: this.name, attributeType: this.attributeType,
      optional: this.optional, transient: this.transient, derived: this.derived, derivationExpression: this.derivationExpression,
      defaultValueString: this.defaultValueString, defaultDateTimeInterval: this.defaultDateTimeInterval,
      valueTransformerName: this.valueTransformerName, customClassName: this.customClassName,
      allowsCloudEncryption: this.allowsCloudEncryption, allowsExternalBinaryDataStorage: this.allowsExternalBinaryDataStorage,
      usesScalarValueType: this.usesScalarValueType, elementID: this.elementID, composite: this.composite,
      preserveAfterDeletion: this.preserveAfterDeletion, userInfo: this.userInfo,
    };
  }
}

XmlAttribute.prototype.userInfo = NO_USER_INFO;

class XmlRelationship extends XmlNode implements Mutable<RelationshipIR> {
  readonly kind = 'relationship' as const;
  name: string;
  destinationEntity: string;
  inverseName: string | undefined;
  inverseEntity: string | undefined;
  optional: boolean;
  toMany: boolean;
  ordered: boolean;
  deletionRule: string;
  minCount: number | undefined;
  maxCount: number | undefined;
  transient: boolean;
  elementID: string | undefined;
  userInfo: UserInfoEntry[] = NO_USER_INFO;

  constructor(text: string, headEnd: number, attrs: Decoded) {
    super(text, headEnd);
    this.name = attrs.name ?? '';
    this.destinationEntity = attrs.destinationEntity ?? '';
    this.inverseName = attrs.inverseName;
    this.inverseEntity = attrs.inverseEntity;
    this.optional = yes(attrs, 'optional');
    this.toMany = yes(attrs, 'toMany');
    this.ordered = yes(attrs, 'ordered');
    // Absent means Nullify, Xcode's default (reference §2.4).
    this.deletionRule = canonical(attrs.deletionRule) ?? 'Nullify';
    this.minCount = intOrUndefined(attrs.minCount);
    this.maxCount = intOrUndefined(attrs.maxCount);
    this.transient = yes(attrs, 'transient');
    this.elementID = attrs.elementID;
  }
}

function nodeBase(text: string, headEnd: number): XmlNode & ModelNode {
  return new XmlNode(text, headEnd);
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
  // The open elements: the end of each start tag, and what each element builds (undefined for elements
  // the IR does not keep, e.g. `<elements>`). Two arrays instead of an object per element.
  const heads: number[] = [];
  const stack: (Builder | undefined)[] = [];
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

  parser.on('opentag', (tag: SaxesTag) => {
    const headEnd = parser.position;
    const attrs = tag.attributes as Decoded; // xmlns is off: plain name → value
    const parent = stack.length > 0 ? stack[stack.length - 1] : undefined;
    let node: Builder | undefined;
    if (stack.length === 0) {
      sawRoot = true;
      if (tag.name !== 'model') {
        fail(`Not a Core Data model: the root element is <${tag.name}>, expected <model>.`, headEnd);
        throw STOP;
      }
      usedWithCloudKit = yes(attrs, 'usedWithCloudKit');
      node = { t: 'model', n: nodeBase(text, headEnd) };
    } else if (parent !== undefined) {
      node = childBuilder(tag.name, parent, headEnd, attrs, tag.isSelfClosing);
    }
    heads.push(headEnd);
    stack.push(node);
  });

  parser.on('closetag', () => {
    if (stack.length === 0) return;
    const b = stack.pop();
    const headEnd = heads.pop()!;
    if (!b) return;
    const end = parser.position;
    const parent = stack.length > 0 ? stack[stack.length - 1] : undefined;
    switch (b.t) {
      case 'model': setEnd(b.n, end); root = b.n; break;
      case 'entity': setEnd(b.n, end); entities.push(b.n); break;
      case 'attribute':
        setEnd(b.n, end);
        if (parent?.t === 'entity' || parent?.t === 'composite') parent.n.attributes.push(b.n);
        break;
      case 'relationship': setEnd(b.n, end); if (parent?.t === 'entity') parent.n.relationships.push(b.n); break;
      case 'fetchedProperty': setEnd(b.n, end); if (parent?.t === 'entity') parent.n.fetchedProperties.push(b.n); break;
      case 'fetchRequest': setEnd(b.n, end); fetchRequests.push(b.n); break;
      case 'uniquenessConstraints': if (parent?.t === 'entity') parent.n.uniquenessConstraintsSpan = { start: tagStartBefore(text, headEnd), end }; break;
      case 'uniquenessConstraint': setEnd(b.n, end); if (parent?.t === 'uniquenessConstraints') uniquenessOwner(stack)?.n.uniquenessConstraints.push(b.n); break;
      case 'configuration': setEnd(b.n, end); configurations.push(b.n); break;
      case 'composite': setEnd(b.n, end); composites.push(b.n); break;
      case 'userInfo': case 'nestedFetchRequest': break;
    }
  });

  /**
   * One string per distinct attribute name: models repeat names across entities (`id`, `name`,
   * `createdAt`...), and each string saxes makes would otherwise be kept (see XmlNode on why that costs).
   */
  const names = new Map<string, string>();
  const intern = (name: string | undefined): string => {
    if (name === undefined) return '';
    const known = names.get(name);
    if (known !== undefined) return known;
    names.set(name, name);
    return name;
  };

  /** userInfo entries and constraints are recorded on open (they are leaves); element spans on close. */
  function childBuilder(name: string, parent: Builder, headEnd: number, attrs: Decoded, selfClosing: boolean): Builder | undefined {
    const base = (): XmlNode & ModelNode => nodeBase(text, headEnd);
    switch (parent.t) {
      case 'model':
        if (name === 'entity') return { t: 'entity', n: newEntity(base(), attrs) };
        if (name === 'fetchRequest') return { t: 'fetchRequest', n: Object.assign(base(), { kind: 'fetchRequest' as const, name: str(attrs, 'name') ?? '', entity: str(attrs, 'entity') }) };
        if (name === 'configuration') {
          return { t: 'configuration', n: Object.assign(base(), { kind: 'configuration' as const, name: str(attrs, 'name') ?? '', usedWithCloudKit: yes(attrs, 'usedWithCloudKit'), memberEntities: [] }) };
        }
        if (name === 'composite') return { t: 'composite', n: Object.assign(base(), { kind: 'composite' as const, name: str(attrs, 'name') ?? '', attributes: [] }) };
        return undefined;
      case 'entity':
        // A self-closing attribute or relationship (almost all of them) is complete when it opens: it joins
        // its entity now, with nothing on the stack to build or to close (what the close would do, in the
        // same order among siblings).
        if (name === 'attribute') {
          const n = new XmlAttribute(text, headEnd, attrs, intern(attrs.name));
          if (!selfClosing) return { t: 'attribute', n };
          parent.n.attributes.push(n);
          return undefined;
        }
        if (name === 'relationship') {
          const n = new XmlRelationship(text, headEnd, attrs);
          if (!selfClosing) return { t: 'relationship', n };
          parent.n.relationships.push(n);
          return undefined;
        }
        if (name === 'fetchedProperty') return { t: 'fetchedProperty', n: Object.assign(base(), { kind: 'fetchedProperty' as const, name: str(attrs, 'name') ?? '' }) };
        if (name === 'uniquenessConstraints') return { t: 'uniquenessConstraints' };
        if (name === 'userInfo') return { t: 'userInfo', list: ownUserInfo(parent.n) };
        return undefined;
      case 'composite':
        if (name === 'attribute') {
          const n = new XmlAttribute(text, headEnd, attrs, intern(attrs.name));
          if (!selfClosing) return { t: 'attribute', n };
          parent.n.attributes.push(n);
          return undefined;
        }
        return undefined;
      case 'attribute': case 'relationship':
        if (name === 'userInfo') return { t: 'userInfo', list: ownUserInfo(parent.n) };
        return undefined;
      case 'fetchedProperty':
        if (name === 'fetchRequest') {
          parent.n.fetchEntity = str(attrs, 'entity');
          parent.n.predicateString = str(attrs, 'predicateString');
          return { t: 'nestedFetchRequest' };
        }
        return undefined;
      case 'uniquenessConstraints':
        if (name === 'uniquenessConstraint') return { t: 'uniquenessConstraint', n: Object.assign(base(), { properties: [] }) };
        return undefined;
      case 'uniquenessConstraint': {
        const v = name === 'constraint' ? sourceAttrsOf(text, tagStartBefore(text, headEnd), headEnd).value : undefined;
        if (v) parent.n.properties.push({ name: v.value, span: v.valueSpan });
        return undefined;
      }
      case 'userInfo':
        if (name === 'entry') parent.list.push({ key: str(attrs, 'key') ?? '', value: str(attrs, 'value') ?? '', span: { start: tagStartBefore(text, headEnd), end: headEnd } });
        return undefined;
      case 'configuration': {
        const v = name === 'memberEntity' ? sourceAttrsOf(text, tagStartBefore(text, headEnd), headEnd).name : undefined;
        if (v) parent.n.memberEntities.push({ name: v.value, span: v.valueSpan });
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
    if (e !== STOP) fail(`Could not read the model: ${errorMessage(e)}`, parser.position);
  }
  if (!sawRoot && problems.every((p) => p.severity !== 'error')) fail('Empty file: no <model> element.', 0);
  // userInfo entry spans were taken at open time: an `<entry>` element is always self-closing in Xcode
  // files; a non-self-closing one still points at its start tag, which is what a diagnostic needs.
  return result();
}

/** Records the end of an element (its end tag's `>`; the start tag's for a self-closing one). */
function setEnd(n: unknown, end: number): void {
  if (end !== (n as XmlNode)[HEAD_END]) (n as XmlNode)[END] = end;
}

function uniquenessOwner(stack: readonly (Builder | undefined)[]): { t: 'entity'; n: Mutable<EntityIR> } | undefined {
  for (let i = stack.length - 1; i >= 0; i--) {
    const b = stack[i];
    if (b?.t === 'entity') return b;
  }
  return undefined;
}

function newEntity(base: XmlNode & ModelNode, attrs: Decoded): Mutable<EntityIR> {
  return Object.assign(base, {
    kind: 'entity' as const,
    name: str(attrs, 'name') ?? '',
    nameSpan: base.valueSpanOf('name') ?? base.headSpan,
    representedClassName: str(attrs, 'representedClassName'),
    parentEntity: str(attrs, 'parentEntity'),
    isAbstract: yes(attrs, 'isAbstract'),
    elementID: str(attrs, 'elementID'),
    attributes: [], relationships: [], fetchedProperties: [], uniquenessConstraints: [], userInfo: [],
    uniquenessConstraintsSpan: undefined as Span | undefined,
  });
}

/** The node's own userInfo list, replacing the shared empty one on first use. */
function ownUserInfo(n: { userInfo: UserInfoEntry[] }): UserInfoEntry[] {
  if (n.userInfo === NO_USER_INFO) n.userInfo = [];
  return n.userInfo;
}
