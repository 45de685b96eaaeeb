import type { TextEdit } from '../../text/span';
import type { ModelEditor } from '../editor';
import type { AttributeIR, DeletionRule, EntityIR, ModelIR, ModelNode, RelationshipIR, SourceAttr } from '../ir';
import type { TypeScriptModelLayout } from './layout';
import { insertProperty, propertyKey, quoteString, removeProperty } from './object-edits';

/**
 * The ModelEditor of TypeScript model definitions (`defineModel({...})`): every rule's quick fix
 * becomes a minimal edit of the object literals (change one literal, insert or remove one property),
 * never a reprint of the file. Property names are those of src/modeldef (`optional`, `default`,
 * `deletionRule`, `ordered`, `inverse`, `uniquenessConstraints`); `attrs` keys are the XML names.
 */

/** Types without a default value in Core Data (reference/coredata-model.md §2.3). */
const NO_DEFAULT_TYPES = new Set(['UUID', 'URI', 'Binary', 'Transformable', 'Composite', 'Object ID']);
const NUMERIC_TYPES = new Set(['Integer 16', 'Integer 32', 'Integer 64', 'Decimal', 'Double', 'Float', 'Date']);
const NUMBER_LITERAL = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export class TypeScriptModelEditor implements ModelEditor {
  constructor(
    private readonly text: string,
    private readonly model: ModelIR,
    private readonly layout: TypeScriptModelLayout,
  ) {}

  setOptional(target: AttributeIR | RelationshipIR): TextEdit[] {
    return this.setLiteral(target, 'optional', 'optional', 'true');
  }

  setDefaultValue(target: AttributeIR, value: string): TextEdit[] | undefined {
    const type = target.attributeType;
    if (type === undefined || NO_DEFAULT_TYPES.has(type)) return undefined;
    let literal: string;
    if (type === 'Boolean') literal = /^(YES|true|1)$/i.test(value.trim()) ? 'true' : 'false';
    else if (NUMERIC_TYPES.has(type) && NUMBER_LITERAL.test(value.trim())) literal = value.trim();
    else literal = quoteString(value, this.layout.quote);
    const existing = target.attrs.defaultValueString ?? target.attrs.defaultDateTimeInterval;
    if (existing) return [{ span: existing.span, newText: `${this.sourceKey(existing)}: ${literal}` }];
    return this.insert(target, `default: ${literal}`);
  }

  removeUniquenessConstraints(entity: EntityIR): TextEdit[] {
    if (!entity.uniquenessConstraintsSpan) return [];
    return [removeProperty(this.text, entity.uniquenessConstraintsSpan)];
  }

  setUnordered(target: RelationshipIR): TextEdit[] {
    const attr = target.attrs.ordered;
    return attr ? [removeProperty(this.text, attr.span)] : [];
  }

  setDeletionRule(target: RelationshipIR, rule: DeletionRule): TextEdit[] {
    const attr = target.attrs.deletionRule;
    if (attr) return [{ span: attr.valueSpan, newText: rule }];
    return this.insert(target, `deletionRule: ${quoteString(rule, this.layout.quote)}`);
  }

  addInverseRelationship(owner: EntityIR, relationship: RelationshipIR, inverse: { name: string; toMany: boolean }): TextEdit[] {
    const q = this.layout.quote;
    const edits: TextEdit[] = [];
    const current = relationship.attrs.inverseName;
    if (current) edits.push({ span: current.valueSpan, newText: inverse.name });
    else edits.push(...this.insert(relationship, `inverse: ${quoteString(inverse.name, q)}`));
    const destination = this.model.entities.find((e) => e.name === relationship.destinationEntity);
    if (!destination) return edits;
    const body = [
      `destination: ${quoteString(owner.name, q)}`,
      `inverse: ${quoteString(relationship.name, q)}`,
      ...(inverse.toMany ? ['toMany: true'] : []),
      'optional: true',
    ].join(', ');
    const property = `${propertyKey(inverse.name, q)}: { ${body} }`;
    const relationships = this.layout.relationshipObjects.get(destination);
    if (relationships) edits.push(insertProperty(this.text, relationships, property, this.layout.eol));
    else edits.push(...this.insert(destination, `relationships: { ${property} }`));
    return edits;
  }

  /** Replace the value of a literal property, or insert `key: literal` when it is absent. */
  private setLiteral(target: ModelNode, xmlName: string, key: string, literal: string): TextEdit[] {
    const attr = target.attrs[xmlName];
    if (attr) return [{ span: { start: attr.valueSpan.start, end: attr.valueSpan.end }, newText: literal }];
    return this.insert(target, `${key}: ${literal}`);
  }

  private insert(target: ModelNode, property: string): TextEdit[] {
    const obj = this.layout.objects.get(target);
    return obj ? [insertProperty(this.text, obj, property, this.layout.eol)] : [];
  }

  private sourceKey(attr: SourceAttr): string {
    return this.text.slice(attr.nameSpan.start, attr.nameSpan.end);
  }
}
