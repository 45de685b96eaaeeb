import type { Span } from '../text/span';
import type { FieldIR, FieldOption, FieldType } from '../cloudkit/schema-ir';

/**
 * A field as the `.ckdb` parser produces it: a FieldIR whose three spans are kept as five offsets and
 * made into `Span` objects when read. A 1,000-type export has 100k fields; three span objects each were
 * a large share of what the parse allocated and kept (issue 17, the same choice as the XML reader's
 * `XmlSourceAttr`). Offsets in private fields: not enumerable, so spreading or comparing fields sees
 * only name, quoted, type and options, as for a derived schema; `toJSON` writes the spans out.
 */
export class ParsedField implements FieldIR {
  readonly #start: number;
  readonly #nameEnd: number;
  readonly #typeStart: number;
  readonly #typeEnd: number;
  readonly #end: number;

  constructor(
    readonly name: string,
    readonly quoted: boolean,
    readonly type: FieldType,
    readonly options: readonly FieldOption[],
    start: number, nameEnd: number, typeStart: number, typeEnd: number, end: number,
  ) {
    this.#start = start;
    this.#nameEnd = nameEnd;
    this.#typeStart = typeStart;
    this.#typeEnd = typeEnd;
    this.#end = end;
  }

  /** From the name to the last option. */
  get span(): Span { return { start: this.#start, end: this.#end }; }
  /** The name as written (with its quotes, if any). */
  get nameSpan(): Span { return { start: this.#start, end: this.#nameEnd }; }
  /** The type, `LIST<...>` and `PREFERRED AS ...` included, options excluded. */
  get typeSpan(): Span { return { start: this.#typeStart, end: this.#typeEnd }; }

  toJSON(): Required<FieldIR> {
    return { name: this.name, quoted: this.quoted, type: this.type, options: this.options, span: this.span, nameSpan: this.nameSpan, typeSpan: this.typeSpan };
  }
}
