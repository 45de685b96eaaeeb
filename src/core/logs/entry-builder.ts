import { formatOfShape, LineShapeReader, readLinePrefix, Shape } from './line-prefix';
import { JsonEventCollector } from './json-events';
import { mayHoldEventOrError } from './prefilter';
import type { EntryHeader, LogEntry, LogFormat, ReadNote, Segment } from './types';

/**
 * Groups lines into entries (one log event each). A line with a recognised prefix starts an entry; the
 * lines after it continue it (wrapped messages, multi-line error descriptions) until the next prefixed
 * line or a blank line. Lines without any prefix (forum pastes, prose) form blank-line separated blocks.
 * An entry is cut at `maxEntryLength` so unstructured text can never accumulate without bound.
 *
 * Speed (bench/cases/log-read.bench.ts): most entries of a real log are one line of chatter. Such a line
 * is classified in place (LineShapeReader: no slice, no header object), tested with the prefilter
 * (prefilter.ts) and, when it holds no event and no error, only counted: its header is parsed
 * (readLinePrefix) and its LogEntry built only when something may be found in it.
 */
export const DEFAULT_MAX_ENTRY_LENGTH = 512 * 1024;

// Read once: the tests bundle each module on its own, where every `Shape.X` would be a getter call.
const { None: NONE, Meta: META, StreamDefault: STREAM_DEFAULT, StreamCompact: STREAM_COMPACT, XcodeNSLog: XCODE_NSLOG } = Shape;
const mayHold = mayHoldEventOrError;

const BINARY = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/g;
const CONTROL = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/;
const NON_SPACE = /\S/g;

export interface EntrySink {
  /** An entry that may hold an event or an error (every entry when the prefilter is off). */
  entry(e: LogEntry): void;
  /** An entry the prefilter found nothing in: counted, never built. */
  skipped(format: LogFormat): void;
}

export class EntryBuilder {
  private readonly shapes = new LineShapeReader();
  // The entry being collected: its header line (parsed only if needed), its first line in place, and
  // its parts once a second line joins.
  private headLine: string | undefined;
  private headShape: Shape = NONE;
  private lineCount = 0;
  private firstText = '';
  private firstBodyStart = 0;
  private firstLine = 0;
  private firstOffset = 0;
  private parts: string[] | undefined;
  private segments: Segment[] | undefined;
  private length = 0;
  private index = 0;
  private readonly json: JsonEventCollector;
  private counts = { binary: 0, binaryFirst: -1, replacement: 0, replacementFirst: -1, long: 0, longFirst: -1, longMax: 0, entryCut: 0, entryCutFirst: -1 };

  constructor(private readonly sink: EntrySink, private readonly maxEntryLength = DEFAULT_MAX_ENTRY_LENGTH, private readonly prefilter = true) {
    this.json = new JsonEventCollector((e) => this.sink.entry({ ...e, index: this.index++ }));
  }

  line(text: string, line: number, offset: number, cut: number): void {
    if (cut > 0) {
      this.counts.long++;
      if (this.counts.longFirst < 0) this.counts.longFirst = line;
      this.counts.longMax = Math.max(this.counts.longMax, text.length + cut);
    }
    if (this.json.active || (mayStartObject(text) && this.json.startsObject(text))) {
      this.flush();
      this.json.line(text, line, offset);
      return;
    }
    const shapes = this.shapes;
    shapes.read(text);
    const shape = shapes.shape;
    // A line that starts with a log's date columns is read as text, whatever follows (our choice: the
    // control-character scan is the costliest per-line test, and binary data does not start that way).
    const dated = shape === STREAM_DEFAULT || shape === STREAM_COMPACT || shape === XCODE_NSLOG;
    if (!dated && isBinary(text)) {
      this.counts.binary++;
      if (this.counts.binaryFirst < 0) this.counts.binaryFirst = line;
      this.flush();
      return;
    }
    if (text.includes('\uFFFD')) {
      this.counts.replacement++;
      if (this.counts.replacementFirst < 0) this.counts.replacementFirst = line;
    }
    if (shape === META) { this.flush(); return; }
    const bodyStart = shapes.bodyStart;
    const header = shape !== NONE;
    if (!header && isBlank(text, bodyStart)) { this.flush(); return; }
    const bodyLength = text.length - bodyStart;
    if (header || this.lineCount === 0) {
      this.flush();
      this.headLine = header ? text : undefined;
      this.headShape = shape;
    } else if (this.length + bodyLength + 1 > this.maxEntryLength) {
      this.counts.entryCut++;
      if (this.counts.entryCutFirst < 0) this.counts.entryCutFirst = line;
      const headLine = this.headLine;
      const headShape = this.headShape;
      this.flush();
      this.headLine = headLine;
      this.headShape = headShape;
    }
    if (this.lineCount === 0) {
      this.firstText = text;
      this.firstBodyStart = bodyStart;
      this.firstLine = line;
      this.firstOffset = offset;
      this.length = bodyLength;
    } else {
      if (!this.parts) {
        this.parts = [this.firstText.slice(this.firstBodyStart)];
        this.segments = [this.firstSegment()];
      }
      this.parts.push('\n');
      this.length++;
      this.segments!.push({ textStart: this.length, length: bodyLength, line, character: bodyStart, offset: offset + bodyStart });
      this.parts.push(text.slice(bodyStart));
      this.length += bodyLength;
    }
    this.lineCount++;
  }

  end(): void {
    this.json.end();
    this.flush();
  }

  notes(): ReadNote[] {
    const c = this.counts;
    const notes: ReadNote[] = [...this.json.notes];
    if (c.binary) notes.push({ kind: 'binary-line', line: c.binaryFirst, message: `${c.binary} line${c.binary === 1 ? '' : 's'} of binary data skipped (first: line ${c.binaryFirst + 1})` });
    if (c.long) notes.push({ kind: 'long-line', line: c.longFirst, message: `${c.long} line${c.long === 1 ? '' : 's'} longer than the read limit were cut (longest ${c.longMax.toLocaleString('en-US')} characters; first: line ${c.longFirst + 1}); their ends were not read` });
    if (c.entryCut) notes.push({ kind: 'long-entry', line: c.entryCutFirst, message: `${c.entryCut} event${c.entryCut === 1 ? ' was' : 's were'} longer than the read limit and read in pieces (first: line ${c.entryCutFirst + 1}); an error split between two pieces may be missed` });
    if (c.replacement) notes.push({ kind: 'replacement-chars', line: c.replacementFirst, message: `${c.replacement} line${c.replacement === 1 ? ' has' : 's have'} bytes that are not UTF-8 (shown as \uFFFD; first: line ${c.replacementFirst + 1}); the rest of ${c.replacement === 1 ? 'it' : 'them'} was read` });
    return notes;
  }

  /** The event being collected (it ends at the next event or blank line), for a report on a growing log. */
  pending(): LogEntry | undefined {
    if (this.lineCount === 0) return undefined;
    return this.build(this.index);
  }

  private firstSegment(): Segment {
    return { textStart: 0, length: this.firstText.length - this.firstBodyStart, line: this.firstLine, character: this.firstBodyStart, offset: this.firstOffset + this.firstBodyStart };
  }

  private header(): EntryHeader {
    return (this.headLine !== undefined ? readLinePrefix(this.headLine).header : undefined) ?? { format: 'plain' };
  }

  private build(index: number): LogEntry {
    const text = this.parts ? this.parts.join('') : this.firstText.slice(this.firstBodyStart);
    return { index, header: this.header(), text, segments: this.segments ? [...this.segments] : [this.firstSegment()] };
  }

  private flush(): void {
    if (this.lineCount === 0) return;
    // One line: tested in place, from its body's start; more: their joined text (a match may span them).
    const skip = this.prefilter && (this.parts ? !mayHold(this.parts.join('')) : !mayHold(this.firstText, this.firstBodyStart));
    if (skip) {
      this.index++;
      this.sink.skipped((this.headLine !== undefined ? formatOfShape(this.headShape) : undefined) ?? 'plain');
    } else this.sink.entry(this.build(this.index++));
    this.lineCount = 0;
    this.parts = undefined;
    this.segments = undefined;
    this.length = 0;
    this.headLine = undefined;
    this.headShape = NONE;
  }
}

/** `{`, `[` or `,` first (after spaces): the only lines the JSON collector's pattern can start an object on. */
function mayStartObject(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91 || c === 44) return true;
    if (c !== 32 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 0xa0 && c !== 0xfeff && !(c >= 0x2000 && c <= 0x200a) && c !== 0x1680 && c !== 0x2028 && c !== 0x2029 && c !== 0x202f && c !== 0x205f && c !== 0x3000) return false;
  }
  return false;
}

function isBlank(text: string, from: number): boolean {
  NON_SPACE.lastIndex = from;
  return !NON_SPACE.test(text);
}

/** A NUL or many control characters: not text (a .tracev3, an image pasted as bytes). */
function isBinary(text: string): boolean {
  if (!CONTROL.test(text)) return false;
  if (text.indexOf('\u0000') >= 0) return true;
  BINARY.lastIndex = 0;
  let n = 0;
  while (BINARY.exec(text) !== null) if (++n > 8 && n * 20 > text.length) return true;
  return false;
}
