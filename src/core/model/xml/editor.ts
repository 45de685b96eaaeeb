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

/**
 * An XML attribute value, safe inside either quote character: a file may write `name='...'` (XML 1.0 allows
 * both), and a value replaced in place keeps the file's quotes, so `'` is escaped too (issue 17: an entity
 * named `D'x` broke the model). Tabs and line breaks are written as character references, as Xcode does,
 * so attribute-value normalization does not turn them into spaces.
 */
export function escapeXmlAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
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

  /**
   * Deletes every `<uniquenessConstraints>` block of the entity. The IR keeps one block's span, but a file
   * may hold two (Core Data reads both; issue 17: removing only the last left the finding), so the
   * entity's own text is scanned for them, comments and CDATA skipped.
   */
  removeUniquenessConstraints(entity: EntityIR): TextEdit[] {
    if (!entity.uniquenessConstraintsSpan) return [];
    return this.elementsNamed('uniquenessConstraints', entity.headSpan.end, entity.span.end)
      .map((s) => ({ span: this.wholeLines(s.start, s.end), newText: '' }));
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
    for (const e of this.setAttr(relationship, 'inverseName', inverse.name, ['destinationEntity'])) edits.push(e);
    for (const e of this.setAttr(relationship, 'inverseEntity', dest.name, ['inverseName', 'destinationEntity'])) edits.push(e);
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

  /** The spans of the `<name>` elements (with their content) in [from, end), outside comments and CDATA. */
  private elementsNamed(name: string, from: number, end: number): { start: number; end: number }[] {
    const t = this.text;
    const out: { start: number; end: number }[] = [];
    const close = `</${name}`;
    let i = from;
    while (i < end) {
      const lt = t.indexOf('<', i);
      if (lt < 0 || lt >= end) break;
      if (t.startsWith('<!--', lt)) { const e = t.indexOf('-->', lt + 4); i = e < 0 ? end : e + 3; continue; }
      if (t.startsWith('<![CDATA[', lt)) { const e = t.indexOf(']]>', lt + 9); i = e < 0 ? end : e + 3; continue; }
      const after = t.charCodeAt(lt + 1 + name.length);
      const isName = t.startsWith(name, lt + 1) && (after === 62 /* > */ || after === 47 /* / */ || after === 32 || after === 9 || after === 10 || after === 13);
      if (!isName) { i = lt + 1; continue; }
      const tagEnd = t.indexOf('>', lt);
      if (tagEnd < 0 || tagEnd >= end) break;
      if (t[tagEnd - 1] === '/') { out.push({ start: lt, end: tagEnd + 1 }); i = tagEnd + 1; continue; }
      // The matching end tag, skipping comments inside the block.
      let j = tagEnd + 1;
      let found = -1;
      while (j < end) {
        const k = t.indexOf('<', j);
        if (k < 0 || k >= end) break;
        if (t.startsWith('<!--', k)) { const e = t.indexOf('-->', k + 4); j = e < 0 ? end : e + 3; continue; }
        if (t.startsWith(close, k)) { const e = t.indexOf('>', k); found = e < 0 ? -1 : e + 1; break; }
        j = k + 1;
      }
      if (found < 0 || found > end) break;
      out.push({ start: lt, end: found });
      i = found;
    }
    return out;
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
