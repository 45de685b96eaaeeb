import { Node, Project, SyntaxKind, type Expression, type ObjectLiteralExpression, type SourceFile } from 'ts-morph';
import type {
  AttributeIR, CompositeIR, ConfigurationIR, EntityIR, ModelIR, ModelNode, ReadProblem, RelationshipIR,
  SourceAttr, UniquenessConstraintIR, UserInfoEntry,
} from '../core/model/ir';
import type { EditableModel } from '../core/model/editor';
import type { ObjectLayout, TypeScriptModelLayout } from '../core/model/typescript/layout';
import { TypeScriptModelEditor } from '../core/model/typescript/editor';
import {
  ATTRIBUTE_KEYS, ATTRIBUTE_TYPES, COMPOSITE_KEYS, CONFIGURATION_KEYS, DELETION_RULES, ENTITY_KEYS, MODEL_KEYS, RELATIONSHIP_KEYS,
} from '../core/model/typescript/vocabulary';
import type { Span } from '../core/text/span';

/**
 * Reads a TypeScript model definition (`defineModel({ entities: { ... } })`, see src/modeldef) into the
 * same ModelIR as the `contents` XML reader, statically: the file is parsed by ts-morph in an in-memory
 * project and never executed, type-checked or resolved. Only literals are understood; anything else
 * (spreads, computed keys, variables, calls, unknown keys or types) becomes a ReadProblem at its
 * exact range, so the author knows which part of the model the checks could not see.
 *
 * `attrs` are keyed by the XML attribute names (reference/coredata-model.md §2) so rules and fixes
 * address a property the same way in both formats: `type` → `attributeType`, `default` →
 * `defaultValueString` (`defaultDateTimeInterval` for Date), `destination` → `destinationEntity`,
 * `inverse` → `inverseName`, `parent` → `parentEntity`, `abstract` → `isAbstract`,
 * `renamingIdentifier` → `elementID`.
 */

/** One `key: value` of an object literal that the reader understood. */
interface Prop {
  readonly key: string;
  readonly keySpan: Span;
  readonly span: Span;
  readonly value: Expression;
}

/** A literal value with the span of its text (strings: without the quotes). */
interface Literal {
  readonly text: string;
  readonly span: Span;
}

const spanOf = (n: Node): Span => ({ start: n.getStart(), end: n.getEnd() });

/** Removes `as const`, `satisfies T`, `<T>x`, `x!` and parentheses around a value. */
function unwrap(e: Expression): Expression {
  let cur: Node = e;
  for (;;) {
    if (Node.isAsExpression(cur) || Node.isSatisfiesExpression(cur) || Node.isParenthesizedExpression(cur)
      || Node.isTypeAssertion(cur) || Node.isNonNullExpression(cur)) cur = cur.getExpression();
    else return cur as Expression;
  }
}

class Reader {
  readonly problems: ReadProblem[] = [];
  readonly objects = new Map<ModelNode, ObjectLayout>();
  readonly relationshipObjects = new Map<ModelNode, ObjectLayout>();
  quote: "'" | '"' | undefined;

  constructor(private readonly text: string) {}

  problem(node: Node | Span, message: string, severity: 'error' | 'warning' = 'error'): void {
    this.problems.push({ message, span: node instanceof Node ? spanOf(node) : node, severity });
  }

  describe(e: Node): string {
    if (Node.isIdentifier(e)) return `the variable '${e.getText()}'`;
    if (Node.isCallExpression(e)) return 'a function call';
    if (Node.isTemplateExpression(e)) return 'a template string with substitutions';
    if (Node.isPropertyAccessExpression(e)) return `'${e.getText()}'`;
    return `a ${e.getKindName().replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
  }

  layoutOf(obj: ObjectLiteralExpression): ObjectLayout {
    const props = obj.getProperties();
    const last = props[props.length - 1];
    if (!last) return { span: spanOf(obj) };
    const start = last.getStart();
    let lineStart = start;
    while (lineStart > 0 && (this.text[lineStart - 1] === ' ' || this.text[lineStart - 1] === '\t')) lineStart--;
    const ownLine = lineStart === 0 || this.text[lineStart - 1] === '\n';
    return { span: spanOf(obj), lastPropertyEnd: last.getEnd(), propertyIndent: ownLine ? this.text.slice(lineStart, start) : undefined };
  }

  /** The object literal a value must be, or a problem. */
  object(e: Expression, what: string): ObjectLiteralExpression | undefined {
    const v = unwrap(e);
    if (Node.isObjectLiteralExpression(v)) return v;
    this.problem(v, `${what} must be an object literal written in this file, not ${this.describe(v)}: the model is read without running it`);
    return undefined;
  }

  /** The properties of an object literal; unsupported members (spread, computed keys...) become problems. */
  props(obj: ObjectLiteralExpression, where: string, known?: Record<string, string>): Prop[] {
    const out: Prop[] = [];
    for (const p of obj.getProperties()) {
      if (Node.isSpreadAssignment(p)) {
        this.problem(p, `Spread ('...') in ${where} is not supported: the model is read without running it, so write the properties out`);
        continue;
      }
      if (Node.isShorthandPropertyAssignment(p)) {
        this.problem(p, `Shorthand property '${p.getName()}' in ${where} is not supported: write '${p.getName()}: <literal>'`);
        continue;
      }
      if (!Node.isPropertyAssignment(p)) {
        this.problem(p, `Only 'key: value' properties are supported in ${where} (found ${this.describe(p)})`);
        continue;
      }
      const nameNode = p.getNameNode();
      let key: string;
      let keySpan: Span;
      if (Node.isIdentifier(nameNode) || Node.isPrivateIdentifier(nameNode)) {
        key = nameNode.getText();
        keySpan = spanOf(nameNode);
      } else if (Node.isStringLiteral(nameNode) || Node.isNoSubstitutionTemplateLiteral(nameNode)) {
        key = nameNode.getLiteralText();
        keySpan = { start: nameNode.getStart() + 1, end: nameNode.getEnd() - 1 };
      } else if (Node.isNumericLiteral(nameNode)) {
        key = nameNode.getText();
        keySpan = spanOf(nameNode);
      } else {
        this.problem(nameNode, `Computed key ${nameNode.getText()} in ${where} is not supported: write the name as a literal`);
        continue;
      }
      if (known && !Object.prototype.hasOwnProperty.call(known, key)) {
        this.problem(nameNode, `Unknown key '${key}' in ${where}; expected one of: ${Object.keys(known).join(', ')}`, 'warning');
        continue;
      }
      const initializer = p.getInitializer();
      if (!initializer) continue;
      out.push({ key, keySpan, span: spanOf(p), value: initializer });
    }
    return out;
  }

  string(e: Expression, what: string): Literal | undefined {
    const v = unwrap(e);
    if (Node.isStringLiteral(v) || Node.isNoSubstitutionTemplateLiteral(v)) {
      if (this.quote === undefined && Node.isStringLiteral(v)) this.quote = v.getText().startsWith('"') ? '"' : "'";
      return { text: v.getLiteralText(), span: { start: v.getStart() + 1, end: v.getEnd() - 1 } };
    }
    this.problem(v, `${what} must be a string literal, not ${this.describe(v)}`);
    return undefined;
  }

  boolean(e: Expression, what: string): Literal | undefined {
    const v = unwrap(e);
    if (v.getKind() === SyntaxKind.TrueKeyword) return { text: 'YES', span: spanOf(v) };
    if (v.getKind() === SyntaxKind.FalseKeyword) return { text: 'NO', span: spanOf(v) };
    this.problem(v, `${what} must be true or false, not ${this.describe(v)}`);
    return undefined;
  }

  number(e: Expression, what: string): Literal | undefined {
    const v = unwrap(e);
    if (Node.isNumericLiteral(v)) return { text: String(v.getLiteralValue()), span: spanOf(v) };
    if (Node.isPrefixUnaryExpression(v) && v.getOperatorToken() === SyntaxKind.MinusToken && Node.isNumericLiteral(v.getOperand())) {
      return { text: String(-(v.getOperand() as import('ts-morph').NumericLiteral).getLiteralValue()), span: spanOf(v) };
    }
    this.problem(v, `${what} must be a number literal, not ${this.describe(v)}`);
    return undefined;
  }

  /** A default value: string, number or boolean literal, in the XML spelling (`YES`/`NO` for booleans). */
  scalar(e: Expression, what: string): Literal | undefined {
    const v = unwrap(e);
    if (v.getKind() === SyntaxKind.TrueKeyword || v.getKind() === SyntaxKind.FalseKeyword) return this.boolean(v, what);
    if (Node.isNumericLiteral(v) || Node.isPrefixUnaryExpression(v)) return this.number(v, what);
    return this.string(v, what);
  }

  stringList(e: Expression, what: string): { name: string; span: Span }[] | undefined {
    const v = unwrap(e);
    if (!Node.isArrayLiteralExpression(v)) {
      this.problem(v, `${what} must be an array literal of strings, not ${this.describe(v)}`);
      return undefined;
    }
    const out: { name: string; span: Span }[] = [];
    for (const el of v.getElements()) {
      const s = this.string(el, `Each item of ${what}`);
      if (s) out.push({ name: s.text, span: s.span });
    }
    return out;
  }

  /** The key is the element's name: recorded as the `name` attr, where the rules point by default. */
  named(p: Prop, attrs: Record<string, SourceAttr>): Record<string, SourceAttr> {
    attrs.name = { value: p.key, span: p.keySpan, nameSpan: p.keySpan, valueSpan: p.keySpan };
    return attrs;
  }

  attr(p: Prop, xmlName: string, lit: Literal, attrs: Record<string, SourceAttr>): void {
    attrs[xmlName] = { value: lit.text, span: p.span, nameSpan: p.keySpan, valueSpan: lit.span };
  }

  userInfo(e: Expression, where: string): UserInfoEntry[] {
    const obj = this.object(e, `userInfo of ${where}`);
    if (!obj) return [];
    const out: UserInfoEntry[] = [];
    for (const p of this.props(obj, `userInfo of ${where}`)) {
      const v = this.scalar(p.value, `userInfo '${p.key}' of ${where}`);
      if (v) out.push({ key: p.key, value: v.text, span: p.span });
    }
    return out;
  }

  /** Reads a model-element object: each known key's literal into `attrs`, the nested ones via `nested`. */
  element(
    obj: ObjectLiteralExpression, where: string, known: Record<string, string>,
    kinds: Record<string, 'string' | 'boolean' | 'number' | 'scalar' | 'nested'>,
    nested: (p: Prop) => void,
  ): Record<string, SourceAttr> {
    const attrs: Record<string, SourceAttr> = {};
    for (const p of this.props(obj, where, known)) {
      const xmlName = known[p.key];
      const kind = kinds[p.key] ?? 'nested';
      const what = `'${p.key}' of ${where}`;
      const lit = kind === 'string' ? this.string(p.value, what)
        : kind === 'boolean' ? this.boolean(p.value, what)
          : kind === 'number' ? this.number(p.value, what)
            : kind === 'scalar' ? this.scalar(p.value, what)
              : undefined;
      if (kind === 'nested') nested(p);
      else if (lit) this.attr(p, xmlName, lit, attrs);
    }
    return attrs;
  }

  attribute(p: Prop, owner: string): AttributeIR | undefined {
    const where = `attribute '${p.key}' of ${owner}`;
    const obj = this.object(p.value, `Attribute '${p.key}' of ${owner}`);
    if (!obj) return undefined;
    let userInfo: UserInfoEntry[] = [];
    const attrs = this.element(obj, where, ATTRIBUTE_KEYS, {
      type: 'string', optional: 'boolean', default: 'scalar', transient: 'boolean', derived: 'boolean',
      derivationExpression: 'string', allowsCloudEncryption: 'boolean', allowsExternalBinaryDataStorage: 'boolean',
      valueTransformerName: 'string', customClassName: 'string', usesScalarValueType: 'boolean',
      renamingIdentifier: 'string', composite: 'string', preserveAfterDeletion: 'boolean',
    }, (n) => { userInfo = this.userInfo(n.value, where); });
    const typeAttr = attrs.attributeType;
    if (!typeAttr && !obj.getProperty('type')) {
      this.problem({ start: p.keySpan.start, end: p.keySpan.end }, `Attribute '${p.key}' of ${owner} has no 'type'`);
    }
    if (typeAttr && !ATTRIBUTE_TYPES.has(typeAttr.value)) {
      this.problem(typeAttr.valueSpan, `Unknown attribute type '${typeAttr.value}' for ${where}; expected one of: ${[...ATTRIBUTE_TYPES].join(', ')}`);
    }
    const attributeType = typeAttr && typeAttr.value !== 'Undefined' ? typeAttr.value : undefined;
    // Dates store their default as seconds since 2001 in `defaultDateTimeInterval` (reference §2.3).
    if (attributeType === 'Date' && attrs.defaultValueString) {
      attrs.defaultDateTimeInterval = attrs.defaultValueString;
      delete attrs.defaultValueString;
    }
    const flag = (k: string): boolean => attrs[k]?.value === 'YES';
    const node: AttributeIR = {
      kind: 'attribute', name: p.key, span: p.span, headSpan: p.keySpan, attrs: this.named(p, attrs),
      attributeType,
      optional: flag('optional'), transient: flag('transient'), derived: flag('derived'),
      derivationExpression: attrs.derivationExpression?.value,
      defaultValueString: attrs.defaultValueString?.value,
      defaultDateTimeInterval: attrs.defaultDateTimeInterval?.value,
      valueTransformerName: attrs.valueTransformerName?.value,
      customClassName: attrs.customClassName?.value,
      allowsCloudEncryption: flag('allowsCloudEncryption'),
      allowsExternalBinaryDataStorage: flag('allowsExternalBinaryDataStorage'),
      usesScalarValueType: attrs.usesScalarValueType ? flag('usesScalarValueType') : undefined,
      elementID: attrs.elementID?.value,
      composite: attrs.composite?.value,
      preserveAfterDeletion: flag('preserveAfterDeletion'),
      userInfo,
    };
    this.objects.set(node, this.layoutOf(obj));
    return node;
  }

  relationship(p: Prop, owner: string): RelationshipIR | undefined {
    const where = `relationship '${p.key}' of ${owner}`;
    const obj = this.object(p.value, `Relationship '${p.key}' of ${owner}`);
    if (!obj) return undefined;
    let userInfo: UserInfoEntry[] = [];
    const attrs = this.element(obj, where, RELATIONSHIP_KEYS, {
      destination: 'string', inverse: 'string', toMany: 'boolean', optional: 'boolean', ordered: 'boolean',
      deletionRule: 'string', minCount: 'number', maxCount: 'number', transient: 'boolean', renamingIdentifier: 'string',
    }, (n) => { userInfo = this.userInfo(n.value, where); });
    const destination = attrs.destinationEntity?.value;
    if (destination === undefined && !attrs.destinationEntity) {
      this.problem(p.keySpan, `Relationship '${p.key}' of ${owner} has no 'destination'`);
    }
    const rule = attrs.deletionRule;
    if (rule && !DELETION_RULES.has(rule.value)) {
      this.problem(rule.valueSpan, `Unknown deletion rule '${rule.value}' for ${where}; expected one of: ${[...DELETION_RULES].join(', ')}`);
    }
    const flag = (k: string): boolean => attrs[k]?.value === 'YES';
    const count = (k: string): number | undefined => (attrs[k] ? Number(attrs[k].value) : undefined);
    const node: RelationshipIR = {
      kind: 'relationship', name: p.key, span: p.span, headSpan: p.keySpan, attrs: this.named(p, attrs),
      destinationEntity: destination ?? '',
      inverseName: attrs.inverseName?.value,
      // TypeScript definitions name the inverse on the destination entity (XML repeats it as inverseEntity).
      inverseEntity: attrs.inverseName ? destination : undefined,
      optional: flag('optional'), toMany: flag('toMany'), ordered: flag('ordered'),
      // Absent means Nullify, as in Xcode's XML (reference §2.4).
      deletionRule: rule?.value ?? 'Nullify',
      minCount: count('minCount'), maxCount: count('maxCount'),
      transient: flag('transient'),
      elementID: attrs.elementID?.value,
      userInfo,
    };
    this.objects.set(node, this.layoutOf(obj));
    return node;
  }

  entity(p: Prop): EntityIR | undefined {
    const where = `entity '${p.key}'`;
    const obj = this.object(p.value, `Entity '${p.key}'`);
    if (!obj) return undefined;
    const attributes: AttributeIR[] = [];
    const relationships: RelationshipIR[] = [];
    const constraints: UniquenessConstraintIR[] = [];
    let constraintsSpan: Span | undefined;
    let userInfo: UserInfoEntry[] = [];
    let relationshipsLayout: ObjectLayout | undefined;
    const attrs = this.element(obj, where, ENTITY_KEYS, {
      parent: 'string', abstract: 'boolean', representedClassName: 'string', renamingIdentifier: 'string',
    }, (n) => {
      if (n.key === 'attributes') {
        const o = this.object(n.value, `'attributes' of ${where}`);
        if (o) for (const a of this.props(o, `attributes of ${where}`)) { const x = this.attribute(a, where); if (x) attributes.push(x); }
      } else if (n.key === 'relationships') {
        const o = this.object(n.value, `'relationships' of ${where}`);
        if (o) {
          relationshipsLayout = this.layoutOf(o);
          for (const r of this.props(o, `relationships of ${where}`)) { const x = this.relationship(r, where); if (x) relationships.push(x); }
        }
      } else if (n.key === 'uniquenessConstraints') {
        constraintsSpan = n.span;
        const v = unwrap(n.value);
        if (!Node.isArrayLiteralExpression(v)) {
          this.problem(v, `'uniquenessConstraints' of ${where} must be an array literal of string arrays, not ${this.describe(v)}`);
          return;
        }
        for (const c of v.getElements()) {
          const names = this.stringList(c as Expression, `a uniqueness constraint of ${where}`);
          if (names) constraints.push({ span: spanOf(c), headSpan: spanOf(c), attrs: {}, properties: names });
        }
      } else if (n.key === 'userInfo') {
        userInfo = this.userInfo(n.value, where);
      }
    });
    const node: EntityIR = {
      kind: 'entity', name: p.key, nameSpan: p.keySpan, span: p.span, headSpan: p.keySpan, attrs: this.named(p, attrs),
      representedClassName: attrs.representedClassName?.value,
      parentEntity: attrs.parentEntity?.value,
      isAbstract: attrs.isAbstract?.value === 'YES',
      elementID: attrs.elementID?.value,
      attributes, relationships, fetchedProperties: [],
      uniquenessConstraints: constraints,
      uniquenessConstraintsSpan: constraintsSpan,
      userInfo,
    };
    this.objects.set(node, this.layoutOf(obj));
    if (relationshipsLayout) this.relationshipObjects.set(node, relationshipsLayout);
    return node;
  }

  configuration(p: Prop): ConfigurationIR | undefined {
    const where = `configuration '${p.key}'`;
    const obj = this.object(p.value, `Configuration '${p.key}'`);
    if (!obj) return undefined;
    let members: { name: string; span: Span }[] = [];
    const attrs = this.element(obj, where, CONFIGURATION_KEYS, { usedWithCloudKit: 'boolean' }, (n) => {
      members = this.stringList(n.value, `'entities' of ${where}`) ?? [];
    });
    const node: ConfigurationIR = {
      kind: 'configuration', name: p.key, span: p.span, headSpan: p.keySpan, attrs: this.named(p, attrs),
      usedWithCloudKit: attrs.usedWithCloudKit?.value === 'YES', memberEntities: members,
    };
    this.objects.set(node, this.layoutOf(obj));
    return node;
  }

  composite(p: Prop): CompositeIR | undefined {
    const where = `composite '${p.key}'`;
    const obj = this.object(p.value, `Composite '${p.key}'`);
    if (!obj) return undefined;
    const attributes: AttributeIR[] = [];
    const attrs = this.element(obj, where, COMPOSITE_KEYS, {}, (n) => {
      const o = this.object(n.value, `'attributes' of ${where}`);
      if (o) for (const a of this.props(o, `attributes of ${where}`)) { const x = this.attribute(a, where); if (x) attributes.push(x); }
    });
    return { kind: 'composite', name: p.key, span: p.span, headSpan: p.keySpan, attrs: this.named(p, attrs), attributes };
  }
}

/** Finds the `defineModel(...)` call (any callee spelled `defineModel` or `x.defineModel`). */
function findDefineModelCalls(sf: SourceFile): import('ts-morph').CallExpression[] {
  return sf.getDescendantsOfKind(SyntaxKind.CallExpression).filter((c) => {
    const callee = c.getExpression();
    return (Node.isIdentifier(callee) && callee.getText() === 'defineModel')
      || (Node.isPropertyAccessExpression(callee) && callee.getName() === 'defineModel');
  });
}

const emptyModel = (problems: ReadProblem[]): ModelIR => ({
  format: 'typescript', root: undefined, usedWithCloudKit: false, entities: [], configurations: [], fetchRequests: [],
  composites: [], problems,
});

let sharedProject: Project | undefined;

/** Parses text into a ts-morph SourceFile of a reused in-memory project (no lib files, no resolution). */
function parse(text: string, fileName: string): SourceFile {
  sharedProject ??= new Project({
    useInMemoryFileSystem: true, skipLoadingLibFiles: true, skipFileDependencyResolution: true,
    compilerOptions: { allowJs: false, noLib: true },
  });
  const name = '/' + (fileName.split(/[\\/]/).pop() || 'model.cdmodel.ts').replace(/[^\w.-]/g, '_');
  return sharedProject.createSourceFile(name, text, { overwrite: true });
}

export function readTypeScriptModel(text: string, fileName = 'model.cdmodel.ts'): EditableModel {
  const sf = parse(text, fileName);
  try {
    const r = new Reader(text);
    const calls = findDefineModelCalls(sf);
    let model: ModelIR;
    if (calls.length === 0) {
      r.problem({ start: 0, end: Math.min(text.length, Math.max(0, text.indexOf('\n')) || text.length) },
        "No defineModel({ entities: { ... } }) call found: CloudKit DevTools reads the model from that call's object literal", 'warning');
      model = { ...emptyModel(r.problems), sourceText: text };
    } else {
      for (const extra of calls.slice(1)) r.problem(extra, 'Only the first defineModel(...) call of a file is read; move other models to their own .cdmodel.ts file', 'warning');
      model = { ...readCall(r, calls[0]), sourceText: text };
    }
    const layout: TypeScriptModelLayout = {
      objects: r.objects, relationshipObjects: r.relationshipObjects, quote: r.quote ?? "'",
      eol: text.includes('\r\n') ? '\r\n' : '\n',
    };
    return { model, editor: new TypeScriptModelEditor(text, model, layout) };
  } finally {
    sf.forget();
  }
}

function readCall(r: Reader, call: import('ts-morph').CallExpression): ModelIR {
  const args = call.getArguments();
  const root: ModelNode = { span: spanOf(call), headSpan: spanOf(call.getExpression()), attrs: {} };
  if (args.length !== 1) {
    r.problem(call, `defineModel takes one object literal argument (found ${args.length})`);
    return { ...emptyModel(r.problems), root };
  }
  const obj = r.object(args[0] as Expression, 'The argument of defineModel');
  if (!obj) return { ...emptyModel(r.problems), root };
  const entities: EntityIR[] = [];
  const configurations: ConfigurationIR[] = [];
  const composites: CompositeIR[] = [];
  let sawEntities = false;
  const attrs = r.element(obj, 'the model', MODEL_KEYS, { usedWithCloudKit: 'boolean' }, (n) => {
    const o = r.object(n.value, `'${n.key}' of the model`);
    if (!o) return;
    if (n.key === 'entities') {
      sawEntities = true;
      for (const p of r.props(o, 'entities')) { const e = r.entity(p); if (e) entities.push(e); }
    } else if (n.key === 'configurations') {
      for (const p of r.props(o, 'configurations')) { const c = r.configuration(p); if (c) configurations.push(c); }
    } else if (n.key === 'composites') {
      for (const p of r.props(o, 'composites')) { const c = r.composite(p); if (c) composites.push(c); }
    }
  });
  if (!sawEntities && !obj.getProperty('entities')) {
    r.problem(call.getExpression(), "defineModel's object has no 'entities'", 'warning');
  }
  const rootNode: ModelNode = { ...root, attrs };
  r.objects.set(rootNode, r.layoutOf(obj));
  return {
    format: 'typescript', root: rootNode, usedWithCloudKit: attrs.usedWithCloudKit?.value === 'YES',
    entities, configurations, fetchRequests: [], composites, problems: r.problems,
  };
}
