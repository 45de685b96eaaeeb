import type { Span } from '../text/span';
import type { FieldIR, FieldOption, FieldType } from '../cloudkit/schema-ir';

/**
 * A field as the `.ckdb` parser produces it: a FieldIR whose three spans are kept as offsets and made into
 * `Span` objects when read. A 1,000-type export has 100k fields; three span objects each were a large share
 * of what the parse allocated and kept (issue 17; the XML reader's `XmlSourceAttr` makes the same choice).
 * Offsets and the shared `FieldShape` live in private fields; `toJSON` writes every FieldIR property out.
 *
 * The five offsets are the field's start and four lengths (name, gap to the type, type, options). Lengths
 * that fit 7 bits each (every field of a cktool export) are packed in one small integer, so a field is four
 * slots (name, shape, start, lengths) instead of nine; a field with a longer part keeps its offsets unpacked
 * (`WideParsedField`).
 */
export function parsedField(name: string, shape: FieldShape, start: number, nameEnd: number, typeStart: number, typeEnd: number, end: number): FieldIR {
  const a = nameEnd - start;
  const b = typeStart - nameEnd;
  const c = typeEnd - typeStart;
  const d = end - typeEnd;
  if ((a | b | c | d) >>> 0 < 128) return new ParsedField(name, shape, start, (a << 21) | (b << 14) | (c << 7) | d);
  return new WideParsedField(name, shape, start, nameEnd, typeStart, typeEnd, end);
}

/**
 * What many fields share: type, options and whether the name is quoted. A 100k-field export has a handful of
 * distinct ones (the parser interns them), so a field points at one shared shape instead of holding three
 * slots: a smaller object is less for the garbage collector to copy while the parse runs (issue 17).
 */
export interface FieldShape {
  readonly type: FieldType;
  readonly options: readonly FieldOption[];
  readonly quoted: boolean;
}

/*
 * Both classes hold the shape themselves (no common base class: a derived constructor's `super` call was a
 * measurable share of the parse). Own enumerable property: the name only.
 */
class ParsedField implements FieldIR {
  readonly #shape: FieldShape;
  readonly #start: number;
  /** Four 7-bit lengths: name, gap, type, options. */
  readonly #lengths: number;

  constructor(readonly name: string, shape: FieldShape, start: number, lengths: number) {
    this.#shape = shape;
    this.#start = start;
    this.#lengths = lengths;
  }

  get type(): FieldType { return this.#shape.type; }
  get options(): readonly FieldOption[] { return this.#shape.options; }
  get quoted(): boolean { return this.#shape.quoted; }

  /** From the name to the last option. */
  get span(): Span {
    const l = this.#lengths;
    return { start: this.#start, end: this.#start + (l >>> 21) + ((l >>> 14) & 127) + ((l >>> 7) & 127) + (l & 127) };
  }

  /** The name as written (with its quotes, if any). */
  get nameSpan(): Span { return { start: this.#start, end: this.#start + (this.#lengths >>> 21) }; }

  /** The type, `LIST<...>` and `PREFERRED AS ...` included, options excluded. */
  get typeSpan(): Span {
    const l = this.#lengths;
    const typeStart = this.#start + (l >>> 21) + ((l >>> 14) & 127);
    return { start: typeStart, end: typeStart + ((l >>> 7) & 127) };
  }

  toJSON(): Required<FieldIR> { return fieldJSON(this); }
}

class WideParsedField implements FieldIR {
  readonly #shape: FieldShape;
  readonly #start: number;
  readonly #nameEnd: number;
  readonly #typeStart: number;
  readonly #typeEnd: number;
  readonly #end: number;

  constructor(readonly name: string, shape: FieldShape, start: number, nameEnd: number, typeStart: number, typeEnd: number, end: number) {
    this.#shape = shape;
    this.#start = start;
    this.#nameEnd = nameEnd;
    this.#typeStart = typeStart;
    this.#typeEnd = typeEnd;
    this.#end = end;
  }

  get type(): FieldType { return this.#shape.type; }
  get options(): readonly FieldOption[] { return this.#shape.options; }
  get quoted(): boolean { return this.#shape.quoted; }
  get span(): Span { return { start: this.#start, end: this.#end }; }
  get nameSpan(): Span { return { start: this.#start, end: this.#nameEnd }; }
  get typeSpan(): Span { return { start: this.#typeStart, end: this.#typeEnd }; }
  toJSON(): Required<FieldIR> { return fieldJSON(this); }
}

function fieldJSON(f: Required<FieldIR>): Required<FieldIR> {
  return { name: f.name, quoted: f.quoted, type: f.type, options: f.options, span: f.span, nameSpan: f.nameSpan, typeSpan: f.typeSpan };
}
