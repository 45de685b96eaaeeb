import type { Span } from '../../text/span';
import type { AttributeIR, EntityIR, ReadProblem, RelationshipIR, SourceAttr, UniquenessConstraintIR } from '../ir';
import { isKnownPrimitive, mapSwiftAttributeType } from './attribute-types';
import type { SwiftAttributeUse, SwiftModelClass, SwiftProperty } from './declarations';
import type { SwiftArgument } from './syntax';
import { lastComponent } from './syntax';
import type { SwiftTypeCore } from './type-ref';

/** One file as the model builder sees it: `start` is its offset in the model's combined text. */
export interface SwiftFileRead {
  readonly path: string;
  readonly text: string;
  readonly start: number;
}

/** `#Unique<T>([\.a, \.b], ...)` / `#Index<T>(...)` of a class, file-local spans. */
export interface SwiftMemberMacro {
  readonly name: 'Unique' | 'Index';
  readonly span: Span;
  readonly typeName?: string;
  readonly groups: readonly { readonly span: Span; readonly names: readonly { readonly name: string; readonly span: Span }[] }[];
}

/** Where an IR node came from in Swift: what the quick fixes edit. */
export interface SwiftDeclRef {
  readonly file: SwiftFileRead;
  readonly cls: SwiftModelClass;
  readonly property?: SwiftProperty;
  readonly macros?: readonly SwiftMemberMacro[];
}

export interface BuildContext {
  /** @Model classes of this model (one version), by class name. */
  readonly classes: ReadonlyMap<string, { readonly cls: SwiftModelClass; readonly file: SwiftFileRead }>;
  /** Every value type (enum, struct, plain class) declared in the files read. */
  readonly valueTypes: ReadonlySet<string>;
  /** typealias name -> target spelling. */
  readonly aliases: ReadonlyMap<string, string>;
  readonly problems: ReadProblem[];
  readonly decls: Map<object, SwiftDeclRef>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function shift(s: Span, base: number): Span {
  return { start: s.start + base, end: s.end + base };
}

function sourceAttr(value: string, span: Span, valueSpan: Span, nameSpan: Span = span): SourceAttr {
  return { value, span, nameSpan, valueSpan };
}

/** Follows type aliases to a simple type name (`HabitRecord = KadoSchemaV4.HabitRecord` -> `HabitRecord`). */
export function resolveTypeName(name: string, aliases: ReadonlyMap<string, string>): string {
  let cur = lastComponent(name);
  for (let i = 0; i < 8; i++) {
    const target = aliases.get(cur);
    if (!target) break;
    const next = lastComponent(target.replace(/[?!]$/, ''));
    if (next === cur) break;
    cur = next;
  }
  return cur;
}

export function buildEntity(cls: SwiftModelClass, file: SwiftFileRead, macros: readonly SwiftMemberMacro[], ctx: BuildContext): Mutable<EntityIR> {
  const base = file.start;
  const parent = cls.inherits.map((i) => resolveTypeName(i.name, ctx.aliases)).find((n) => ctx.classes.has(n) && n !== cls.name);
  const attributes: AttributeIR[] = [];
  const relationships: RelationshipIR[] = [];
  const constraints: UniquenessConstraintIR[] = [];
  for (const p of cls.properties) {
    if (p.transient) continue; // @Transient: not persisted at all [DOC SD-Preserve]
    const built = buildProperty(cls, p, file, ctx);
    if (!built) continue;
    ctx.decls.set(built, { file, cls, property: p });
    if (built.kind === 'attribute') attributes.push(built);
    else relationships.push(built);
    const unique = p.attribute ? optionArg(p.attribute, 'unique') : undefined;
    if (unique) {
      constraints.push({ span: shift(unique.span, base), headSpan: shift(unique.span, base), attrs: {}, properties: [{ name: p.name, span: shift(p.nameSpan, base) }] });
    }
  }
  for (const m of macros) {
    if (m.name !== 'Unique') continue;
    for (const g of m.groups) {
      constraints.push({ span: shift(g.span, base), headSpan: shift(m.span, base), attrs: {}, properties: g.names.map((n) => ({ name: n.name, span: shift(n.span, base) })) });
    }
  }
  const nameSpan = shift(cls.nameSpan, base);
  const entity: Mutable<EntityIR> = {
    kind: 'entity', name: cls.name, nameSpan,
    span: shift(cls.span, base),
    headSpan: { start: cls.span.start + base, end: cls.bodySpan.start + base },
    attrs: { name: sourceAttr(cls.name, nameSpan, nameSpan) },
    representedClassName: cls.name,
    ...(parent ? { parentEntity: parent } : {}),
    isAbstract: false,
    attributes, relationships, fetchedProperties: [], uniquenessConstraints: constraints, userInfo: [],
  };
  ctx.decls.set(entity, { file, cls, macros });
  return entity;
}

/** A leading-dot option (`.unique`) among an attribute's arguments. */
export function optionArg(use: SwiftAttributeUse, option: string): SwiftArgument | undefined {
  return use.args.find((a) => !a.label && a.valueText.replace(/\s+/g, '') === `.${option}`);
}

function labelled(use: SwiftAttributeUse | undefined, label: string): SwiftArgument | undefined {
  return use?.args.find((a) => a.label === label);
}

function argAttr(arg: SwiftArgument, base: number, value: string): SourceAttr {
  return sourceAttr(value, shift(arg.span, base), shift(arg.valueSpan, base), shift(arg.labelSpan ?? arg.span, base));
}

function unquote(s: string): string {
  return s.replace(/^"|"$/g, '');
}

function buildProperty(cls: SwiftModelClass, p: SwiftProperty, file: SwiftFileRead, ctx: BuildContext): AttributeIR | RelationshipIR | undefined {
  const base = file.start;
  const nameSpan = shift(p.nameSpan, base);
  const core: SwiftTypeCore | undefined = p.type?.core ?? (p.inferredTypeName ? { kind: 'named', name: p.inferredTypeName } : undefined);
  if (!core) {
    ctx.problems.push({
      severity: 'warning', span: nameSpan,
      message: `${cls.name}.${p.name}: the reader cannot tell this property's type (no type annotation${p.value ? ` and \`${p.value.text.slice(0, 40)}\` is not a literal or a type's initializer` : ''}); it was left out of the model. Add a type annotation.`,
    });
    return undefined;
  }
  const typeSpan = shift(p.type?.span ?? p.value?.span ?? p.nameSpan, base);
  const attrs: Record<string, SourceAttr> = { name: sourceAttr(p.name, nameSpan, nameSpan) };
  const optional = p.type?.optional ?? false;
  const destination = relationshipDestination(core, ctx);
  const originalName = labelled(p.relationship ?? p.attribute, 'originalName');
  if (originalName) attrs.elementID = argAttr(originalName, base, unquote(originalName.valueText));
  if (destination) {
    attrs.destinationEntity = sourceAttr(destination.name, typeSpan, typeSpan);
    const r: Mutable<RelationshipIR> = {
      kind: 'relationship', name: p.name, destinationEntity: destination.name, optional, toMany: destination.toMany, ordered: false,
      deletionRule: 'Nullify', transient: false, userInfo: [],
      span: shift(p.span, base), headSpan: nameSpan, attrs,
    };
    readRelationshipMacro(r, attrs, p.relationship, base, ctx);
    if (originalName) r.elementID = attrs.elementID.value;
    return r;
  }
  const a: Mutable<AttributeIR> = {
    kind: 'attribute', name: p.name, attributeType: undefined, optional, transient: false, derived: false,
    allowsCloudEncryption: false, allowsExternalBinaryDataStorage: false, preserveAfterDeletion: false, userInfo: [],
    span: shift(p.span, base), headSpan: nameSpan, attrs,
  };
  a.attributeType = attributeTypeOf(cls, p, core, typeSpan, ctx);
  if (a.attributeType === 'Composite') a.composite = typeText(core);
  attrs.attributeType = sourceAttr(a.attributeType ?? '', typeSpan, typeSpan);
  if (p.value) a.defaultValueString = p.value.text; // the Swift initializer: its presence is what the validator needs
  if (originalName) a.elementID = attrs.elementID.value;
  const use = p.attribute;
  if (use) {
    const flag = (option: string, key: string): boolean => {
      const arg = optionArg(use, option);
      if (arg) attrs[key] = argAttr(arg, base, 'YES');
      return arg !== undefined;
    };
    a.allowsCloudEncryption = flag('allowsCloudEncryption', 'allowsCloudEncryption');
    a.allowsExternalBinaryDataStorage = flag('externalStorage', 'allowsExternalBinaryDataStorage');
    a.preserveAfterDeletion = flag('preserveValueOnDeletion', 'preserveAfterDeletion');
    // `.ephemeral`: tracked for changes but not persisted [UNVERIFIED: reference §3 "probably no field"].
    a.transient = flag('ephemeral', 'transient');
    const transformable = use.args.find((x) => !x.label && /^\.transformable\s*\(/.test(x.valueText));
    if (transformable) {
      a.attributeType = 'Transformable';
      a.valueTransformerName = transformable.valueText.replace(/^\.transformable\s*\(\s*by:\s*/, '').replace(/\s*\)\s*$/, '').replace(/\.self$/, '');
    }
  }
  return a;
}

function typeText(core: SwiftTypeCore): string {
  switch (core.kind) {
    case 'named': return core.name;
    case 'array': return `[${typeText(core.element)}]`;
    case 'dictionary': return 'Dictionary';
    default: return 'Codable';
  }
}

function relationshipDestination(core: SwiftTypeCore, ctx: BuildContext): { name: string; toMany: boolean } | undefined {
  if (core.kind === 'named') {
    const name = resolveTypeName(core.name, ctx.aliases);
    return ctx.classes.has(name) ? { name, toMany: false } : undefined;
  }
  if (core.kind === 'array' && core.element.kind === 'named') {
    const name = resolveTypeName(core.element.name, ctx.aliases);
    return ctx.classes.has(name) ? { name, toMany: true } : undefined;
  }
  return undefined;
}

function attributeTypeOf(cls: SwiftModelClass, p: SwiftProperty, core: SwiftTypeCore, typeSpan: Span, ctx: BuildContext): string | undefined {
  if (core.kind !== 'named') return 'Composite';
  const name = resolveTypeName(core.name, ctx.aliases);
  const mapped = mapSwiftAttributeType(name);
  if (mapped.kind === 'primitive') return mapped.attributeType;
  if (mapped.kind === 'unsupported') return undefined;
  if (!ctx.valueTypes.has(name) && !isKnownPrimitive(name)) {
    ctx.problems.push({
      severity: 'warning', span: typeSpan,
      message: `${cls.name}.${p.name}: the type ${core.name} is not declared in the Swift files read (a type alias or a type from another module?); it is assumed to be a Codable value stored as one BYTES field.`,
    });
  }
  return 'Composite';
}

const DELETE_RULES: Readonly<Record<string, string>> = { nullify: 'Nullify', cascade: 'Cascade', deny: 'Deny', noAction: 'No Action' };

function readRelationshipMacro(r: Mutable<RelationshipIR>, attrs: Record<string, SourceAttr>, use: SwiftAttributeUse | undefined, base: number, ctx: BuildContext): void {
  if (!use) return;
  const rule = labelled(use, 'deleteRule');
  if (rule) {
    const key = rule.valueText.replace(/^.*\./, '');
    r.deletionRule = DELETE_RULES[key] ?? key;
    attrs.deletionRule = argAttr(rule, base, r.deletionRule);
  }
  const inverse = labelled(use, 'inverse');
  if (inverse) {
    // `\Child.parent`: the destination's property (the type part may be qualified).
    const path = inverse.valueText.replace(/^\\/, '').replace(/\s+/g, '');
    const dot = path.lastIndexOf('.');
    if (dot > 0) {
      r.inverseName = path.slice(dot + 1);
      r.inverseEntity = resolveTypeName(path.slice(0, dot), ctx.aliases);
      attrs.inverseName = argAttr(inverse, base, r.inverseName);
    }
  }
  for (const [label, key] of [['minimumModelCount', 'minCount'], ['maximumModelCount', 'maxCount']] as const) {
    const arg = labelled(use, label);
    const n = arg ? Number.parseInt(arg.valueText, 10) : NaN;
    if (arg && Number.isFinite(n)) {
      r[key] = n;
      attrs[key] = argAttr(arg, base, String(n));
    }
  }
}
