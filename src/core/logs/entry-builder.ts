import { readLinePrefix } from './line-prefix';
import type { SplitLine } from './line-splitter';
import { JsonEventCollector } from './json-events';
import type { EntryHeader, LogEntry, ReadNote, Segment } from './types';

/**
 * Groups lines into entries (one log event each). A line with a recognised prefix starts an entry; the
 * lines after it continue it (wrapped messages, multi-line error descriptions) until the next prefixed
 * line or a blank line. Lines without any prefix (forum pastes, prose) form blank-line separated blocks.
 * An entry is cut at `maxEntryLength` so unstructured text can never accumulate without bound.
 */
export const DEFAULT_MAX_ENTRY_LENGTH = 512 * 1024;

const BINARY = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/g;
const CONTROL = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/;

export class EntryBuilder {
  private header: EntryHeader | undefined;
  private parts: string[] = [];
  private segments: Segment[] = [];
  private length = 0;
  private index = 0;
  private readonly json: JsonEventCollector;
  private counts = { binary: 0, binaryFirst: -1, replacement: 0, replacementFirst: -1, long: 0, longFirst: -1, longMax: 0, entryCut: 0, entryCutFirst: -1 };

  constructor(private readonly onEntry: (e: LogEntry) => void, private readonly maxEntryLength = DEFAULT_MAX_ENTRY_LENGTH) {
    this.json = new JsonEventCollector((e) => this.onEntry({ ...e, index: this.index++ }));
  }

  line(l: SplitLine): void {
    if (l.cut > 0) {
      this.counts.long++;
      if (this.counts.longFirst < 0) this.counts.longFirst = l.line;
      this.counts.longMax = Math.max(this.counts.longMax, l.text.length + l.cut);
    }
    const text = l.text;
    if (this.json.active || this.json.startsObject(text)) {
      this.flush();
      this.json.line(text, l.line, l.offset);
      return;
    }
    if (isBinary(text)) {
      this.counts.binary++;
      if (this.counts.binaryFirst < 0) this.counts.binaryFirst = l.line;
      this.flush();
      return;
    }
    if (text.includes('\uFFFD')) {
      this.counts.replacement++;
      if (this.counts.replacementFirst < 0) this.counts.replacementFirst = l.line;
    }
    const prefix = readLinePrefix(text);
    if (prefix.meta) { this.flush(); return; }
    const body = text.slice(prefix.bodyStart);
    if (body.trim() === '' && !prefix.header) { this.flush(); return; }
    if (prefix.header || this.parts.length === 0) {
      this.flush();
      this.header = prefix.header ?? { format: 'plain' };
    } else if (this.length + body.length + 1 > this.maxEntryLength) {
      this.counts.entryCut++;
      if (this.counts.entryCutFirst < 0) this.counts.entryCutFirst = l.line;
      const h = this.header;
      this.flush();
      this.header = h;
    }
    if (this.parts.length > 0) { this.parts.push('\n'); this.length++; }
    this.segments.push({ textStart: this.length, length: body.length, line: l.line, character: prefix.bodyStart, offset: l.offset + prefix.bodyStart });
    this.parts.push(body);
    this.length += body.length;
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
    if (this.parts.length === 0) return undefined;
    return { index: this.index, header: this.header ?? { format: 'plain' }, text: this.parts.join(''), segments: [...this.segments] };
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    this.onEntry({ index: this.index++, header: this.header ?? { format: 'plain' }, text: this.parts.join(''), segments: this.segments });
    this.parts = [];
    this.segments = [];
    this.length = 0;
    this.header = undefined;
  }
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
