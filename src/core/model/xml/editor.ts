import type { TextEdit } from '../../text/span';
import type { AttributeIR, DeletionRule, EntityIR, ModelIR, ModelNode, RelationshipIR } from '../ir';
import type { ModelEditor } from '../editor';

/**
 * ModelEditor for `contents` XML: every change is an insertion, deletion or replacement of one XML
 * attribute or one element, placed where Xcode itself writes it (attribute order of reference
 * coredata-model.md §2.3/§2.4), so the file Xcode saves next is the same shape. Never re-serializes.
 */

/** Types with no default-value field in Xcode (reference §2.3). */
const NO_DEFAULT_TYPES = new Set(['UUID', 'URI', 'Binary', 'Transformable', 'Composite', 'Object ID', 'ObjectID']);

export function escapeXmlAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}

export class XmlModelEditor implements ModelEditor {
  constructor(private readonly text: string, private readonly model: ModelIR) {}

  setOptional(target: AttributeIR | RelationshipIR): TextEdit[] {
    return this.setAttr(target, 'optional', 'YES', ['name']);
  }

  setDefaultValue(target: AttributeIR, value: string): TextEdit[] | undefined {
    const type = target.attributeType;
    if (type === undefined || NO_DEFAULT_TYPES.has(type)) return undefined;
    // Dates keep their default as seconds since 2001-01-01 in defaultDateTimeInterval (reference §2.3).
    const key = type === 'Date' ? 'defaultDateTimeInterval' : 'defaultValueString';
    return this.setAttr(target, key, value, ['attributeType', 'transient', 'optional', 'name']);
  }

  removeUniquenessConstraints(entity: EntityIR): TextEdit[] {
    const s = entity.uniquenessConstraintsSpan;
    return s ? [{ span: this.wholeLines(s.start, s.end), newText: '' }] : [];
  }

  setUnordered(target: RelationshipIR): TextEdit[] {
    const a = target.attrs.ordered;
    return a ? [this.deleteAttr(a.span.start, a.span.end)] : [];
  }

  setDeletionRule(target: RelationshipIR, rule: DeletionRule): TextEdit[] {
    return this.setAttr(target, 'deletionRule', rule, ['maxCount', 'minCount', 'toMany', 'optional', 'name']);
  }

  addInverseRelationship(owner: EntityIR, relationship: RelationshipIR, inverse: { name: string; toMany: boolean }): TextEdit[] {
    const dest = this.model.entities.find((e) => e.name === relationship.destinationEntity);
    if (!dest) return [];
    const el = `<relationship name="${escapeXmlAttr(inverse.name)}" optional="YES"${inverse.toMany ? ' toMany="YES"' : ' maxCount="1"'}`
      + ` deletionRule="Nullify" destinationEntity="${escapeXmlAttr(owner.name)}" inverseName="${escapeXmlAttr(relationship.name)}"`
      + ` inverseEntity="${escapeXmlAttr(owner.name)}"/>`;
    const edits: TextEdit[] = [];
    // Xcode order inside <entity>: attribute*, relationship*, ... (reference §2.2).
    const anchor = dest.relationships[dest.relationships.length - 1] ?? dest.attributes[dest.attributes.length - 1];
    if (anchor) {
      edits.push({ span: { start: anchor.span.end, end: anchor.span.end }, newText: `\n${this.indentOf(anchor.span.start)}${el}` });
    } else {
      const entityIndent = this.indentOf(dest.span.start);
      const childIndent = entityIndent + this.indentUnit();
      const head = dest.headSpan;
      if (this.text.startsWith('/>', head.end - 2)) {
        let at = head.end - 2;
        while (at > head.start && /\s/.test(this.text[at - 1])) at--;
        edits.push({ span: { start: at, end: head.end }, newText: `>\n${childIndent}${el}\n${entityIndent}</entity>` });
      } else {
        edits.push({ span: { start: head.end, end: head.end }, newText: `\n${childIndent}${el}` });
      }
    }
    edits.push(...this.setAttr(relationship, 'inverseName', inverse.name, ['destinationEntity']));
    edits.push(...this.setAttr(relationship, 'inverseEntity', dest.name, ['inverseName', 'destinationEntity']));
    // Two insertions at the same offset (no inverseName and no inverseEntity yet): merge them, in order.
    if (edits.length >= 3 && edits[edits.length - 1].span.start === edits[edits.length - 2].span.start
      && edits[edits.length - 1].span.end === edits[edits.length - 2].span.end && edits[edits.length - 2].span.start === edits[edits.length - 2].span.end) {
      const b = edits.pop()!;
      const a = edits.pop()!;
      edits.push({ span: a.span, newText: a.newText + b.newText });
    }
    return edits;
  }

  /** Replace the value of `key`, or insert ` key="value"` after the first present anchor (else at the end of the tag). */
  private setAttr(node: ModelNode, key: string, value: string, after: readonly string[]): TextEdit[] {
    const existing = node.attrs[key];
    if (existing) return existing.value === value ? [] : [{ span: existing.valueSpan, newText: escapeXmlAttr(value) }];
    let at: number | undefined;
    for (const a of after) {
      const s = node.attrs[a];
      if (s) { at = s.span.end; break; }
    }
    if (at === undefined) at = this.tagContentEnd(node);
    return [{ span: { start: at, end: at }, newText: ` ${key}="${escapeXmlAttr(value)}"` }];
  }

  /** The offset just after the last attribute of the start tag (before any space and `/>` or `>`). */
  private tagContentEnd(node: ModelNode): number {
    let at = node.headSpan.end - 1;
    if (this.text[at - 1] === '/') at--;
    while (at > node.headSpan.start && /\s/.test(this.text[at - 1])) at--;
    return at;
  }

  private deleteAttr(start: number, end: number): TextEdit {
    let s = start;
    while (s > 0 && /[ \t\r\n]/.test(this.text[s - 1])) s--;
    return { span: { start: s, end }, newText: '' };
  }

  /** Extends [start, end) to whole lines when the element stands alone on its lines. */
  private wholeLines(start: number, end: number) {
    let s = start;
    while (s > 0 && (this.text[s - 1] === ' ' || this.text[s - 1] === '\t')) s--;
    let e = end;
    while (e < this.text.length && (this.text[e] === ' ' || this.text[e] === '\t')) e++;
    const lineBefore = s === 0 || this.text[s - 1] === '\n';
    const nl = this.text.startsWith('\r\n', e) ? 2 : this.text[e] === '\n' ? 1 : 0;
    if (lineBefore && nl > 0) return { start: s, end: e + nl };
    return { start, end };
  }

  private indentOf(offset: number): string {
    let s = offset;
    while (s > 0 && (this.text[s - 1] === ' ' || this.text[s - 1] === '\t')) s--;
    return this.text.slice(s, offset);
  }

  /** Xcode indents with 4 spaces; follow the file when its first entity says otherwise. */
  private indentUnit(): string {
    const first = this.model.entities[0];
    const ind = first ? this.indentOf(first.span.start) : '';
    return ind.length > 0 ? ind : '    ';
  }
}
