import type { Span, TextEdit } from '../../text/span';
import type { ModelEditor } from '../editor';
import type { AttributeIR, DeletionRule } from '../ir';
import type { SwiftAttributeUse, SwiftModelClass, SwiftProperty } from './declarations';
import { optionArg, shift, type SwiftDeclRef, type SwiftFileRead } from './entity-builder';
import type { SwiftModel } from './reader';

/**
 * Quick-fix edits in Swift source: minimal insertions and deletions at the declaration, never a
 * rewrite of the file. Offsets are in the model's combined text (reader.ts); the lint adapter splits
 * them per file. Where Swift has nothing to change (ordered relationships do not exist in SwiftData)
 * the edit list is empty and the rule offers no fix.
 */
export function createSwiftEditor(model: SwiftModel): ModelEditor {
  const refOf = (node: object): SwiftDeclRef | undefined => model.decls.get(node);
  return {
    setOptional(target) {
      const ref = refOf(target);
      const p = ref?.property;
      if (!ref || !p) return [];
      if (!p.type) {
        // `var id = UUID()`: spell the inferred type out as an optional.
        return p.inferredTypeName ? [insert(ref.file, p.nameSpan.end, `: ${p.inferredTypeName}?`)] : [];
      }
      if (p.type.optional) return [];
      const needsParens = /[\s&>-]/.test(p.type.text);
      return needsParens
        ? [insert(ref.file, p.type.span.start, '('), insert(ref.file, p.type.span.end, ')?')]
        : [insert(ref.file, p.type.span.end, '?')];
    },
    setDefaultValue(target) {
      const ref = refOf(target);
      const p = ref?.property;
      if (!ref || !p || !p.type || p.value) return undefined;
      const value = swiftDefault(target);
      return value === undefined ? undefined : [insert(ref.file, p.type.span.end, ` = ${value}`)];
    },
    removeUniquenessConstraints(entity) {
      const ref = refOf(entity);
      if (!ref) return [];
      const edits: TextEdit[] = [];
      for (const p of ref.cls.properties) {
        const use = p.attribute;
        const unique = use && optionArg(use, 'unique');
        if (use && unique) edits.push(...removeArgument(ref.file, use, unique.span));
      }
      for (const m of ref.macros ?? []) if (m.name === 'Unique') edits.push(deleteLineOrSpan(ref.file, m.span));
      return edits;
    },
    setUnordered() {
      return [];
    },
    setDeletionRule(target, rule) {
      const ref = refOf(target);
      const arg = ref?.property?.relationship?.args.find((a) => a.label === 'deleteRule');
      if (!ref || !arg || arg.valueText === '') return [];
      return [replace(ref.file, arg.valueSpan, `.${SWIFT_DELETE_RULE[rule]}`)];
    },
    addInverseRelationship(owner, relationship, inverse) {
      const ref = refOf(relationship);
      const destEntity = model.model.entities.find((e) => e.name === relationship.destinationEntity);
      const destRef = destEntity && refOf(destEntity);
      if (!ref?.property || !destEntity || !destRef) return [];
      const existing = destEntity.relationships.find((q) => q.destinationEntity === owner.name && q.toMany === inverse.toMany && q.inverseName === undefined);
      const name = existing?.name ?? inverse.name;
      const edits = [addInverseArgument(ref.file, ref.property, `\\${destEntity.name}.${name}`)];
      if (!existing) edits.push(insertProperty(destRef.file, destRef.cls, `var ${name}: ${inverse.toMany ? `[${owner.name}]? = []` : `${owner.name}?`}`));
      return edits;
    },
  };
}

const SWIFT_DELETE_RULE: Readonly<Record<DeletionRule, string>> = { Nullify: 'nullify', Cascade: 'cascade', Deny: 'deny', 'No Action': 'noAction' };

/** A Swift literal of the attribute's type; undefined when no neutral value exists (enums, URL, Codable). */
function swiftDefault(a: AttributeIR): string | undefined {
  switch (a.attributeType) {
    case 'String': return '""';
    case 'Integer 16': case 'Integer 32': case 'Integer 64': case 'Double': case 'Float': case 'Decimal': return '0';
    case 'Boolean': return 'false';
    // The reference date, as Xcode's neutral default (defaultDateTimeInterval 0).
    case 'Date': return 'Date(timeIntervalSinceReferenceDate: 0)';
    case 'UUID': return 'UUID()';
    case 'Binary': return 'Data()';
    default: return undefined;
  }
}

function insert(file: SwiftFileRead, at: number, text: string): TextEdit {
  return { span: { start: file.start + at, end: file.start + at }, newText: text };
}

function replace(file: SwiftFileRead, span: Span, text: string): TextEdit {
  return { span: shift(span, file.start), newText: text };
}

/** Removes one argument and its comma; the whole `@Attribute(...)` (and its line, when alone) if it was the only one. */
function removeArgument(file: SwiftFileRead, use: SwiftAttributeUse, argSpan: Span): TextEdit[] {
  if (use.args.length <= 1) return [deleteAttribute(file, use.span)];
  const i = use.args.findIndex((a) => a.span.start === argSpan.start);
  const next = use.args[i + 1];
  const prev = use.args[i - 1];
  // `.unique, .externalStorage` -> `.externalStorage`; `.externalStorage, .unique` -> `.externalStorage`.
  const span = next ? { start: argSpan.start, end: next.span.start } : { start: prev.span.end, end: argSpan.end };
  return [replace(file, span, '')];
}

/** Deletes an attribute with the spaces after it, or its whole line when nothing else is on it. */
function deleteAttribute(file: SwiftFileRead, span: Span): TextEdit {
  const line = lineAround(file.text, span);
  if (line) return replace(file, line, '');
  let end = span.end;
  while (file.text.charAt(end) === ' ' || file.text.charAt(end) === '\t') end++;
  return replace(file, { start: span.start, end }, '');
}

function deleteLineOrSpan(file: SwiftFileRead, span: Span): TextEdit {
  return replace(file, lineAround(file.text, span) ?? span, '');
}

/** The span's lines, newline included, when the lines hold only the span and whitespace. */
function lineAround(text: string, span: Span): Span | undefined {
  const start = text.lastIndexOf('\n', span.start - 1) + 1;
  let end = text.indexOf('\n', span.end);
  end = end < 0 ? text.length : end + 1;
  const before = text.slice(start, span.start);
  const after = text.slice(span.end, end);
  return /^[ \t]*$/.test(before) && /^[ \t]*\r?\n?$/.test(after) ? { start, end } : undefined;
}

function addInverseArgument(file: SwiftFileRead, p: SwiftProperty, keyPath: string): TextEdit {
  const use = p.relationship;
  if (!use) return insert(file, p.span.start, `@Relationship(inverse: ${keyPath}) `);
  if (!use.parens) return insert(file, use.span.end, `(inverse: ${keyPath})`);
  return insert(file, use.parens.close.start, use.args.length > 0 ? `, inverse: ${keyPath}` : `inverse: ${keyPath}`);
}

/** A new stored property as the first line of the class body, indented like the body's first member. */
function insertProperty(file: SwiftFileRead, cls: SwiftModelClass, declaration: string): TextEdit {
  const open = cls.bodySpan.start; // the `{`
  const first = cls.properties[0];
  let indent = '    ';
  if (first) {
    const lineStart = file.text.lastIndexOf('\n', first.span.start - 1) + 1;
    const lead = file.text.slice(lineStart, first.span.start);
    if (/^[ \t]*$/.test(lead)) indent = lead;
  }
  return insert(file, open + 1, `\n${indent}${declaration}`);
}
