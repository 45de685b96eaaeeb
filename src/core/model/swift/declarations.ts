import type { SwiftSyntaxNode } from '../../swift/syntax-node';
import type { Span } from '../../text/span';
import type { ReadProblem } from '../ir';
import {
  argumentParens, attributeArguments, attributeName, childList, childOfType, childrenOfType, isPlainIdentifier, lastComponent, plainAttributeName,
  spanOf, typedChildren, type SwiftArgument, type TypedChildren,
} from './syntax';
import { readTypeRef, inferTypeFromValue, type SwiftTypeRef } from './type-ref';

/**
 * What one Swift file declares that a SwiftData model needs: `@Model` classes with their stored
 * properties, the value types (enums, structs) and type aliases a property type may name, and the
 * `VersionedSchema` / `SchemaMigrationPlan` types. Plain data with file-local spans; nothing is
 * resolved across files here (model.ts does that).
 */
export interface SwiftAttributeUse {
  readonly name: string;
  /** `@Name(...)` whole. */
  readonly span: Span;
  readonly args: readonly SwiftArgument[];
  readonly parens?: { readonly open: Span; readonly close: Span };
}

export interface SwiftProperty {
  readonly name: string;
  readonly nameSpan: Span;
  /** The whole declaration, attributes included. */
  readonly span: Span;
  readonly type?: SwiftTypeRef;
  /** Type written or inferred from the initializer (`= UUID()`), when the annotation is absent. */
  readonly inferredTypeName?: string;
  readonly value?: { readonly text: string; readonly span: Span };
  readonly attribute?: SwiftAttributeUse;
  readonly relationship?: SwiftAttributeUse;
  readonly transient?: SwiftAttributeUse;
}

export interface SwiftModelClass {
  readonly name: string;
  /** Enclosing type names, outermost first (`KadoSchemaV4` for a class in `extension KadoSchemaV4`). */
  readonly namespace: readonly string[];
  readonly span: Span;
  readonly nameSpan: Span;
  /** The `@Model` attribute. */
  readonly modelSpan: Span;
  /** Names after the colon: a superclass if one is another @Model class, else protocols. */
  readonly inherits: readonly { readonly name: string; readonly span: Span }[];
  readonly properties: readonly SwiftProperty[];
  /** The `{` ... `}` of the class body. */
  readonly bodySpan: Span;
}

export interface SwiftVersionedSchema {
  readonly name: string;
  readonly span: Span;
  readonly nameSpan: Span;
  readonly versionIdentifier?: string;
  /** Names in `static var models` (`HabitRecord` from `HabitRecord.self`). */
  readonly models?: readonly string[];
}

export interface SwiftFileDeclarations {
  readonly models: SwiftModelClass[];
  /** Enums and structs (and classes without @Model) by simple name: Codable value types a property may use. */
  readonly valueTypes: { readonly name: string; readonly kind: string; readonly namespace: readonly string[] }[];
  readonly typeAliases: { readonly name: string; readonly target: string; readonly namespace: readonly string[] }[];
  readonly versionedSchemas: SwiftVersionedSchema[];
  /** `SchemaMigrationPlan.schemas` in order, when the file has a plan. */
  readonly migrationPlans: { readonly name: string; readonly schemas: readonly string[]; readonly span: Span }[];
  readonly problems: ReadProblem[];
}

const BODY_TYPES = new Set(['class_body', 'enum_class_body', 'protocol_body']);

export function readSwiftDeclarations(root: SwiftSyntaxNode, text: string): SwiftFileDeclarations {
  const out: SwiftFileDeclarations = { models: [], valueTypes: [], typeAliases: [], versionedSchemas: [], migrationPlans: [], problems: [] };
  visitContainer(root, [], text, out);
  return out;
}

/** Declarations of a file, a type body or an ERROR node (whose children may still be whole declarations). */
function visitContainer(
  node: SwiftSyntaxNode, namespace: readonly string[], text: string, out: SwiftFileDeclarations, typed: TypedChildren = typedChildren(node),
): void {
  for (let i = 0; i < typed.nodes.length; i++) {
    const child = typed.nodes[i];
    switch (typed.types[i]) {
      case 'class_declaration': visitTypeDeclaration(child, namespace, text, out); break;
      case 'typealias_declaration': {
        const names = child.childrenForFieldName('name');
        const name = names[0]?.text;
        const target = names[1]?.text ?? childOfType(child, 'user_type')?.text;
        if (name && target) out.typeAliases.push({ name, target, namespace });
        break;
      }
      case 'ERROR': visitContainer(child, namespace, text, out); break;
      default: break;
    }
  }
}

function declarationKind(decl: SwiftSyntaxNode): string {
  return decl.childForFieldName('declaration_kind')?.text ?? '';
}

function visitTypeDeclaration(decl: SwiftSyntaxNode, namespace: readonly string[], text: string, out: SwiftFileDeclarations): void {
  const kind = declarationKind(decl);
  // The declaration's children once, with their types: its name, modifiers, inheritance and body are among them.
  const { nodes, types } = typedChildren(decl);
  const nameNode = kind === 'extension' ? nodes[types.indexOf('user_type')] : decl.childForFieldName('name') ?? undefined;
  if (!nameNode) return;
  const name = nameNode.text;
  const inherits: { name: string; span: Span }[] = [];
  let model: SwiftSyntaxNode | undefined;
  let body: SwiftSyntaxNode | undefined;
  for (let i = 0; i < nodes.length; i++) {
    const type = types[i];
    if (type === 'inheritance_specifier') {
      const t = nodes[i].childForFieldName('inherits_from') ?? nodes[i];
      inherits.push({ name: t.text, span: spanOf(t) });
    } else if (type === 'modifiers' && !model) {
      model = childrenOfType(nodes[i], 'attribute').find((a) => attributeName(a) === 'Model');
    } else if (BODY_TYPES.has(type) && !body) {
      body = nodes[i];
    }
  }
  if (model && kind !== 'class') {
    out.problems.push({
      severity: 'warning', span: spanOf(model),
      message: `@Model applies to classes; the ${kind} ${name} is not read as a SwiftData model (Apple: the Model macro "converts a Swift class into a stored model").`,
    });
  }
  const bodyChildren = body && typedChildren(body);
  if (kind !== 'extension') {
    if (model && kind === 'class') {
      out.models.push({
        name, namespace, span: spanOf(decl), nameSpan: spanOf(nameNode), modelSpan: spanOf(model), inherits,
        properties: bodyChildren ? readProperties(bodyChildren, text, out) : [], bodySpan: body ? spanOf(body) : spanOf(decl),
      });
    } else {
      out.valueTypes.push({ name, kind, namespace });
    }
  }
  const names = inherits.map((i) => lastComponent(i.name));
  if (body && names.includes('VersionedSchema')) out.versionedSchemas.push(readVersionedSchema(decl, nameNode, body, text));
  if (body && names.includes('SchemaMigrationPlan')) {
    const schemas = staticArray(body, 'schemas');
    if (schemas) out.migrationPlans.push({ name, schemas, span: spanOf(decl) });
  }
  // Nested declarations live in the type's namespace (`extension KadoSchemaV1 { @Model class ... }`).
  if (body) visitContainer(body, [...namespace, ...(kind === 'extension' ? name.split('.') : [name])], text, out, bodyChildren);
}

function readVersionedSchema(decl: SwiftSyntaxNode, nameNode: SwiftSyntaxNode, body: SwiftSyntaxNode, text: string): SwiftVersionedSchema {
  let versionIdentifier: string | undefined;
  for (const p of childrenOfType(body, 'property_declaration')) {
    if (propertyName(p) !== 'versionIdentifier') continue;
    const v = p.childForFieldName('value') ?? p.childForFieldName('computed_value');
    if (v) versionIdentifier = text.slice(v.startIndex, v.endIndex);
  }
  const models = staticArray(body, 'models');
  return {
    name: nameNode.text, span: spanOf(decl), nameSpan: spanOf(nameNode),
    ...(versionIdentifier ? { versionIdentifier } : {}), ...(models ? { models } : {}),
  };
}

/** `static var models: [...] { [A.self, B.self] }` or `= [A.self, ...]` -> ['A', 'B']. */
function staticArray(body: SwiftSyntaxNode, property: string): string[] | undefined {
  for (const p of childrenOfType(body, 'property_declaration')) {
    if (propertyName(p) !== property) continue;
    const value = p.childForFieldName('value') ?? p.childForFieldName('computed_value');
    const array = value && findDescendant(value, 'array_literal');
    if (!array) return undefined;
    return array.childrenForFieldName('element').flatMap((e) => {
      const t = e?.text.replace(/\s+/g, '') ?? '';
      return t.endsWith('.self') ? [lastComponent(t.slice(0, -'.self'.length))] : [];
    });
  }
  return undefined;
}

function findDescendant(node: SwiftSyntaxNode, type: string): SwiftSyntaxNode | undefined {
  if (node.type === type) return node;
  for (const c of childList(node)) {
    const hit = findDescendant(c, type);
    if (hit) return hit;
  }
  return undefined;
}

function propertyName(p: SwiftSyntaxNode): string | undefined {
  const pattern = p.childForFieldName('name');
  return (pattern?.childForFieldName('bound_identifier') ?? pattern)?.text;
}

/** Stored properties of a @Model class body: computed and static ones are not persisted (SD-Preserve). */
function readProperties(body: TypedChildren, text: string, out: SwiftFileDeclarations): SwiftProperty[] {
  const props: SwiftProperty[] = [];
  for (let b = 0; b < body.nodes.length; b++) {
    const p = body.nodes[b];
    const pType = body.types[b];
    if (pType === 'ERROR') {
      out.problems.push({ severity: 'warning', span: spanOf(p), message: `Swift syntax the reader does not understand was skipped here: ${snippet(p.text)}` });
      continue;
    }
    if (pType !== 'property_declaration') continue;
    // Each node access crosses into WebAssembly (and `children` allocates a node per child): a
    // declaration's children and their types are fetched once, and its parts found among them
    // (measured: about a third of the reading time went to repeated lookups).
    const { nodes: kids, types: kinds } = typedChildren(p);
    if (kinds.includes('computed_property')) continue;
    const modsAt = kinds.indexOf('modifiers');
    // The modifiers are told apart by their text (`@`, `static`), not their types.
    const modList = modsAt >= 0 ? childList(kids[modsAt]) : [];
    // An attribute without arguments (`@Transient`) is read from its text; the others' children are listed once.
    const attrs: { node: SwiftSyntaxNode; typed: TypedChildren | undefined; name: string | undefined }[] = [];
    let isStatic = false;
    for (const m of modList) {
      if (text.charCodeAt(m.startIndex) === 64 /* @ */) {
        const plain = plainAttributeName(text.slice(m.startIndex, m.endIndex));
        const typed = plain === undefined ? typedChildren(m) : undefined;
        attrs.push({ node: m, typed, name: plain ?? attributeName(m, typed) });
      } else if (/\b(static|class)\b/.test(text.slice(m.startIndex, m.endIndex))) {
        isStatic = true;
      }
    }
    if (isStatic) continue;
    const use = (n: string): SwiftAttributeUse | undefined => {
      const a = attrs.find((x) => x.name === n);
      if (!a) return undefined;
      if (!a.typed) return { name: n, span: spanOf(a.node), args: [] };
      const parens = argumentParens(a.node, a.typed);
      return { name: n, span: spanOf(a.node), args: attributeArguments(a.node, text, a.typed), ...(parens ? { parens } : {}) };
    };
    const attribute = use('Attribute');
    const relationship = use('Relationship');
    const transient = use('Transient');
    const common = { span: spanOf(p), attribute, relationship, transient };
    // A `pattern` child starts each binding (`var a = 0, b: Int = 1`); its type annotation and the
    // value after its `=` follow it, before the next pattern.
    let at = kinds.indexOf('pattern');
    while (at >= 0) {
      const next = kinds.indexOf('pattern', at + 1);
      const end = next < 0 ? kids.length : next;
      let annotation: SwiftSyntaxNode | undefined;
      let value: SwiftSyntaxNode | undefined;
      for (let i = at + 1; i < end; i++) {
        if (kinds[i] === 'type_annotation') annotation = kids[i];
        else if (kinds[i] === '=' && i + 1 < end) value = kids[i + 1];
      }
      props.push(binding(kids[at], annotation, value, common, text));
      at = next;
    }
  }
  return props;
}

function binding(
  pattern: SwiftSyntaxNode, annotation: SwiftSyntaxNode | undefined, value: SwiftSyntaxNode | undefined,
  common: Pick<SwiftProperty, 'span' | 'attribute' | 'relationship' | 'transient'>, text: string,
): SwiftProperty {
  // `var name`: the pattern is the bound identifier alone, and its span is the name's (one WebAssembly
  // lookup less per property); anything longer is asked for its `bound_identifier`.
  const whole = spanOf(pattern);
  const id = isPlainIdentifier(unbackticked(text.slice(whole.start, whole.end))) ? whole : spanOf(pattern.childForFieldName('bound_identifier') ?? pattern);
  const type = annotation ? readTypeRef(annotation) : undefined;
  // Built field by field, without object spreads (with them, a profile of the declaration walk put this function at 7.4%).
  const out: { -readonly [K in keyof SwiftProperty]: SwiftProperty[K] } = { name: unbackticked(text.slice(id.start, id.end)), nameSpan: id, span: common.span };
  if (common.attribute) out.attribute = common.attribute;
  if (common.relationship) out.relationship = common.relationship;
  if (common.transient) out.transient = common.transient;
  if (type) out.type = type;
  else if (value) {
    const inferred = inferTypeFromValue(value);
    if (inferred) out.inferredTypeName = inferred;
  }
  if (value) {
    const valueSpan = spanOf(value);
    out.value = { text: text.slice(valueSpan.start, valueSpan.end), span: valueSpan };
  }
  return out;
}

/** A name without the backticks that let a keyword be one (`` `default` `` -> `default`). */
function unbackticked(name: string): string {
  return name.length >= 2 && name.charCodeAt(0) === 96 && name.charCodeAt(name.length - 1) === 96 ? name.slice(1, -1) : name;
}

function snippet(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}
