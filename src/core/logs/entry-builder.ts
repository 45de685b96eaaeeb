import { DatedLineMemo, timestampEnd } from './dated-line-memo';
import { formatOfShape, LineShapeReader, readLinePrefix, Shape } from './line-prefix';
import { JsonEventCollector } from './json-events';
import { DEFAULT_MAX_LINE_LENGTH } from './line-splitter';
import { mayHoldEventOrError } from './prefilter';
import type { EntryHeader, LogEntry, LogFormat, ReadNote, Segment } from './types';

/**
 * Groups lines into entries (one log event each). A line with a recognised prefix starts an entry; the
 * lines after it continue it (wrapped messages, multi-line error descriptions) until the next prefixed
 * line or a blank line. Lines without any prefix (forum pastes, prose) form blank-line separated blocks.
 * An entry is cut at `maxEntryLength` so unstructured text can never accumulate without bound.
 *
 * Speed (bench/cases/log-read.bench.ts): most entries of a real log are one line of chatter, and most
 * lines repeat a few templates with only the time changing. A dated line whose text after the timestamp
 * was seen lately (dated-line-memo.ts) is taken in place without being sliced (`take`), with the run of
 * lines of the same template after it in one sticky match, and an entry whose first line and following
 * lines are those of a recent entry is taken whole. Other lines are classified in place (LineShapeReader:
 * no slice, no header object), tested with the prefilter (prefilter.ts) and, when they hold no event and
 * no error, only counted: a header is parsed (readLinePrefix) and a LogEntry built only when something may
 * be found in it.
 */
export const DEFAULT_MAX_ENTRY_LENGTH = 512 * 1024;

// Read once: the tests bundle each module on its own, where every `Shape.X` would be a getter call.
const { None: NONE, Meta: META, StreamDefault: STREAM_DEFAULT, StreamCompact: STREAM_COMPACT, XcodeNSLog: XCODE_NSLOG } = Shape;
const mayHold = mayHoldEventOrError;

const BINARY = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/g;
const CONTROL = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/;
const NON_SPACE = /\S/g;

export interface EntrySink {
  /**
   * An entry that may hold an event or an error (every entry when the prefilter is off); `filtered`
   * when the prefilter already found something in it.
   */
  entry(e: LogEntry, filtered: boolean): void;
}

/** Entries the prefilter found nothing in: counted per format, never built (`plain` for headerless ones). */
export type SkippedCounts = Partial<Record<LogFormat, number>>;

// The prefilter's answer on the entry's first line, when the line memo knew it.
const UNKNOWN = 0;
const CLEAN = 1;
const HOLDS = 2;

export class EntryBuilder {
  private readonly shapes = new LineShapeReader();
  // The entry being collected: its header line (parsed only if needed), its first line in place, and
  // its parts once a second line joins.
  private headLine: string | undefined;
  // Set instead of headLine when the head is the first line, read in place (`fastLine`).
  private headIsFirst = false;
  private headShape: Shape = NONE;
  // When the head is a line the memo knew: its slot and tail, and its timestamp's length (`header` then reuses the
  // header the memo keeps for the tail).
  private headSlot = -1;
  private headTail = '';
  private headStampLength = 0;
  private lineCount = 0;
  private firstTextValue: string | undefined = '';
  // The first line in place in its chunk, when `fastLine` took it (sliced only if needed).
  private firstChunk = '';
  private firstAt = 0;
  private firstEnd = 0;
  private firstBodyStart = 0;
  private firstLine = 0;
  private firstOffset = 0;
  private parts: string[] | undefined;
  private segments: Segment[] | undefined;
  private length = 0;
  private index = 0;
  private readonly json: JsonEventCollector;
  private readonly memo: DatedLineMemo | undefined;
  private firstAnswer = UNKNOWN;
  // Recording the continuation lines of an entry whose first line the memo knew (its slot and tail), so
  // the next entry with the same first line and the same lines after it is taken whole (`take`).
  private recording = false;
  // The line `take` last looked at without taking it, and whether `line` should remember it.
  private decidedLine = -1;
  private decidedAdd = false;
  private recSlot = -1;
  private recTail = '';
  private readonly recLines: string[] = [];
  // The joined text of an entry taken whole from the memo (its prefilter answer is known: it holds something).
  private blockJoined: string | undefined;
  // Skipped entries per Shape (index), counted as numbers: a keyed store per line cost more than the rest.
  private readonly skippedByShape: number[] = [0, 0, 0, 0, 0, 0, 0];
  private counts = { binary: 0, binaryFirst: -1, replacement: 0, replacementFirst: -1, long: 0, longFirst: -1, longMax: 0, entryCut: 0, entryCutFirst: -1 };

  constructor(private readonly sink: EntrySink, private readonly maxEntryLength = DEFAULT_MAX_ENTRY_LENGTH, private readonly prefilter = true, memo = true,
    private readonly maxLineLength = DEFAULT_MAX_LINE_LENGTH) {
    this.memo = memo ? new DatedLineMemo() : undefined;
    this.json = new JsonEventCollector((e) => this.sink.entry({ ...e, index: this.index++ }, false));
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
    // The fast lane: a dated line whose text after the timestamp was seen lately (dated-line-memo.ts).
    const memo = this.memo;
    // `take` may have looked this line up already (and missed), or decided not to.
    const decided = this.decidedLine === line;
    const tryMemo = memo !== undefined && cut === 0 && (decided ? this.decidedAdd : memo.shouldTry());
    const ts = tryMemo ? timestampEnd(text, 0) : -1;
    let tail: string | undefined;
    if (ts > 0) {
      tail = text.slice(ts);
      if (!decided && memo!.find(tail)) {
        this.remembered(text, 0, text.length, ts, line, offset);
        this.firstTextValue = text;
        return;
      }
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
      this.recording = false;
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
      this.headIsFirst = false;
    } else if (this.length + bodyLength + 1 > this.maxEntryLength) {
      this.counts.entryCut++;
      this.recording = false;
      if (this.counts.entryCutFirst < 0) this.counts.entryCutFirst = line;
      const headLine = this.headIsFirst ? this.firstText() : this.headLine;
      const headShape = this.headShape;
      this.flush();
      this.headLine = headLine;
      this.headShape = headShape;
    }
    if (this.lineCount === 0) {
      this.firstTextValue = text;
      this.firstBodyStart = bodyStart;
      this.firstLine = line;
      this.firstOffset = offset;
      this.length = bodyLength;
      this.firstAnswer = UNKNOWN;
      // Remembered only when a whole run of its lines stays within the line limit (dated-line-memo.ts).
      if (tail !== undefined && tail.length + 40 <= this.maxLineLength && header && bodyStart > ts && !text.includes('\uFFFD') && (shape === STREAM_DEFAULT || shape === STREAM_COMPACT || shape === XCODE_NSLOG)) {
        const clean = !mayHold(text, bodyStart);
        this.firstAnswer = clean ? CLEAN : HOLDS;
        this.memo!.add(tail, shape, bodyStart - ts, clean);
      }
    } else {
      if (this.recording) {
        if (cut === 0) this.recLines.push(text);
        else this.recording = false;
      }
      if (!this.parts) {
        this.parts = [this.firstText().slice(this.firstBodyStart)];
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

  /** Lines the last `take` took. */
  taken = 0;

  /**
   * Offered the whole line `chunk.slice(at, lf)` in place (no line break in it, nothing cut, a chunk
   * without \r): takes it, and the run of lines of the same template after it when there is one, when the
   * line memo knew the line (dated-line-memo.ts). Returns the index after the last line break taken
   * (`taken` says how many lines), or -1 to have the line sliced and given to `line`. Most lines of a
   * captured log take this lane: nothing is allocated for a line of a run, and a run is one match.
   */
  take(chunk: string, at: number, lf: number, line: number, offset: number): number {
    const memo = this.memo;
    if (memo === undefined || this.json.active) return -1;
    const run = this.prefilter ? memo.lastRun() : undefined;
    if (run !== undefined) {
      run.lastIndex = at;
      if (run.test(chunk)) {
        const end = run.lastIndex;
        // Every line of the run has the same length (dated-line-memo.ts runPattern).
        const n = (end - at) / memo.runLineLength;
        const lastStart = end - memo.runLineLength;
        this.flush();
        // Every line of the run but the last is a whole entry (the next line starts a new one) and clean.
        this.index += n - 1;
        this.skippedByShape[memo.shape] += n - 1;
        this.remembered(chunk, lastStart, end - 1, timestampEnd(chunk, lastStart), line + n - 1, offset + lastStart - at);
        this.firstTextValue = undefined;
        this.taken = n;
        return end;
      }
    }
    this.decidedLine = line;
    this.decidedAdd = false;
    if (!memo.shouldTry()) return -1;
    const ts = timestampEnd(chunk, at);
    if (ts < 0) return -1;
    if (!memo.find(chunk.slice(ts, lf))) { this.decidedAdd = true; return -1; }
    if (this.prefilter) memo.prepareRun(chunk.slice(at, ts));
    this.remembered(chunk, at, lf, ts, line, offset);
    this.firstTextValue = undefined;
    const block = memo.block();
    if (block !== undefined && chunk.length > lf + block.length && chunk.slice(lf + 1, lf + 1 + block.length) === block) {
      // The same lines after it as last time: the entry as `line` would have built it from them.
      const joined = memo.blockJoinedText;
      const rel = memo.blockSegments;
      const segments: Segment[] = [this.firstSegment()];
      const next = offset + lf - at + 1;
      for (let i = 0; i < rel.length; i += 4) segments.push({ textStart: rel[i], length: rel[i + 1], line: line + 1 + i / 4, character: rel[i + 2], offset: next + rel[i + 3] });
      this.parts = [joined];
      this.segments = segments;
      this.length = joined.length;
      this.lineCount = 1 + rel.length / 4;
      this.blockJoined = joined;
      this.recording = false;
      this.taken = this.lineCount;
      return lf + 1 + block.length;
    }
    this.taken = 1;
    return lf + 1;
  }

  /** Starts an entry with a dated line the memo knew (its answer is in the memo's fields). */
  private remembered(chunk: string, at: number, end: number, ts: number, line: number, offset: number): void {
    const memo = this.memo!;
    this.flush();
    this.headIsFirst = true;
    this.headShape = memo.shape;
    this.headSlot = memo.slot;
    this.headTail = memo.tail;
    this.headStampLength = ts - at;
    this.firstChunk = chunk;
    this.firstAt = at;
    this.firstEnd = end;
    this.firstBodyStart = ts - at + memo.bodyOffset;
    this.firstLine = line;
    this.firstOffset = offset;
    this.length = end - ts - memo.bodyOffset;
    this.firstAnswer = memo.isClean ? CLEAN : HOLDS;
    this.lineCount = 1;
    this.recording = true;
    this.recSlot = memo.slot;
    this.recTail = memo.tail;
  }

  private firstText(): string {
    if (this.firstTextValue === undefined) this.firstTextValue = this.firstChunk.slice(this.firstAt, this.firstEnd);
    return this.firstTextValue;
  }

  private firstLength(): number {
    return this.firstTextValue !== undefined ? this.firstTextValue.length : this.firstEnd - this.firstAt;
  }

  end(): void {
    this.json.end();
    this.flush();
  }

  /** How many entries were skipped, per format. */
  skippedCounts(): SkippedCounts {
    const out: SkippedCounts = {};
    this.skippedByShape.forEach((n, shape) => {
      if (n === 0) return;
      const f = formatOfShape(shape as Shape) ?? 'plain';
      out[f] = (out[f] ?? 0) + n;
    });
    return out;
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
    return { textStart: 0, length: this.firstLength() - this.firstBodyStart, line: this.firstLine, character: this.firstBodyStart, offset: this.firstOffset + this.firstBodyStart };
  }

  private header(): EntryHeader {
    return this.headHeader() ?? { format: 'plain' };
  }

  private headHeader(): EntryHeader | undefined {
    if (this.headSlot >= 0) {
      // A head line the memo knew: its header is the one read for the same text after the timestamp, with this
      // line's timestamp (the columns after it are part of that text: dated-line-memo.ts).
      const stamp = this.firstChunk.slice(this.firstAt, this.firstAt + this.headStampLength);
      return this.memo!.header(this.headSlot, this.headTail, stamp, () => readLinePrefix(this.firstText()).header);
    }
    const head = this.headIsFirst ? this.firstText() : this.headLine;
    return head !== undefined ? readLinePrefix(head).header : undefined;
  }

  private build(index: number, joined?: string): LogEntry {
    const text = joined ?? (this.parts ? this.parts.join('') : this.firstText().slice(this.firstBodyStart));
    return { index, header: this.header(), text, segments: this.segments ? [...this.segments] : [this.firstSegment()] };
  }

  private flush(): void {
    if (this.lineCount === 0) return;
    // One line: tested in place, from its body's start; more: their joined text (a match may span them).
    const joined = this.parts ? (this.parts.length === 1 ? this.parts[0] : this.parts.join('')) : undefined;
    if (this.recording && joined !== undefined && this.recLines.length === this.lineCount - 1) {
      this.memo!.setBlock(this.recSlot, this.recTail, this.recLines, joined, this.segments!, mayHold(joined));
    }
    this.recording = false;
    if (this.recLines.length !== 0) this.recLines.length = 0;
    const known = joined !== undefined && joined === this.blockJoined ? this.memo!.blockHolds : undefined;
    this.blockJoined = undefined;
    const skip = this.prefilter && (known !== undefined ? !known : joined !== undefined ? !mayHold(joined)
      : this.firstAnswer !== UNKNOWN ? this.firstAnswer === CLEAN : !mayHold(this.firstText(), this.firstBodyStart));
    if (skip) {
      this.index++;
      this.skippedByShape[this.headIsFirst || this.headLine !== undefined ? this.headShape : NONE]++;
    } else this.sink.entry(this.build(this.index++, joined), this.prefilter);
    this.firstAnswer = UNKNOWN;
    this.lineCount = 0;
    this.parts = undefined;
    this.segments = undefined;
    this.length = 0;
    this.headLine = undefined;
    this.headIsFirst = false;
    this.headShape = NONE;
    this.headSlot = -1;
    this.firstChunk = '';
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
