/**
 * Splits text that arrives in chunks (a stream, a growing file) into lines, keeping each line's
 * 0-based number. \n, \r\n and \r end a line, also when a chunk ends between \r and \n.
 *
 * A line longer than `maxLineLength` is cut: the first `maxLineLength` characters are kept, the rest is
 * counted and dropped without being buffered, so a 5 MB line costs at most `maxLineLength` of memory.
 */

/**
 * Called once per line (arguments rather than an object: nothing is allocated per line but its text):
 * `offset` is the line's first character in the whole text (UTF-16 code units, line breaks counted), `cut`
 * the characters dropped from the end of the line (0 when whole).
 */
export type OnLine = (text: string, line: number, offset: number, cut: number) => void;

/**
 * Offered each whole line of a chunk in place (`chunk.slice(at, lf)`, nothing cut) before it is sliced:
 * takes it and maybe lines after it, and returns the index after the last line break it took (`taken`
 * lines), or -1 to have the line sliced and given to OnLine. Lets the reader count lines of chatter
 * without allocating them (entry-builder.ts `take`). It must take only text equal to lines OnLine was
 * given (which never hold \r), so a line holding \r is never taken.
 */
export interface LinesInPlace {
  take(chunk: string, at: number, lf: number, line: number, offset: number): number;
  readonly taken: number;
}

/** Our choice: enough for any CoreData+CloudKit event (the longest corpus line is 2.5 KB). */
export const DEFAULT_MAX_LINE_LENGTH = 256 * 1024;

export class LineSplitter {
  private partial = '';
  private partialCut = 0;
  private line = 0;
  private offset = 0;
  private lineStart = 0;

  constructor(private readonly onLine: OnLine, private readonly maxLineLength = DEFAULT_MAX_LINE_LENGTH, private readonly inPlace?: LinesInPlace) {}

  /** Lines emitted so far. */
  get lines(): number {
    return this.line;
  }

  push(chunk: string): void {
    // Only \n is searched line by line: a \r is dealt with per line in emit(). (Searching for \r at
    // every line as well made V8 slow down from one chunk to the next: 25x on a 50 MB log.) Lines are
    // offered in place even when the chunk holds a \r: what `take` accepts in place is equal to lines it
    // learnt from emit(), which splits at every \r, so a line holding one is never taken (it goes on to
    // emit()). A search of every chunk for \r was a fifth of the reading time.
    const n = chunk.length;
    let at = 0;
    const inPlace = this.inPlace;
    while (at < n) {
      const lf = chunk.indexOf('\n', at);
      if (lf < 0) {
        this.append(chunk, at, n);
        this.offset += n - at;
        return;
      }
      // A line ending in \r\n is never taken (see above): not offered, as when no line was offered at all.
      if (inPlace !== undefined && this.partial.length === 0 && this.partialCut === 0 && lf - at <= this.maxLineLength && chunk.charCodeAt(lf - 1) !== 13) {
        const next = inPlace.take(chunk, at, lf, this.line, this.offset);
        if (next > at) {
          this.line += inPlace.taken;
          this.offset += next - at;
          this.lineStart = this.offset;
          at = next;
          continue;
        }
      }
      this.append(chunk, at, lf);
      this.offset += lf - at;
      this.emit(1);
      at = lf + 1;
    }
  }

  /** Emits the last line when the text does not end with a line break. */
  end(): void {
    if (this.partial.length > 0 || this.partialCut > 0) this.emit(0);
  }

  private append(chunk: string, from: number, to: number): void {
    const room = this.maxLineLength - this.partial.length;
    const len = to - from;
    if (len <= room) {
      this.partial = this.partial.length === 0 ? (from === 0 && to === chunk.length ? chunk : chunk.slice(from, to)) : this.partial + chunk.slice(from, to);
    } else {
      if (room > 0) this.partial += chunk.slice(from, from + room);
      this.partialCut += len - Math.max(room, 0);
    }
  }

  /** Emits the collected line; `breakLength` is the \n after it (0 at the end of the text). */
  private emit(breakLength: number): void {
    let text = this.partial;
    const cut = this.partialCut;
    this.partial = '';
    this.partialCut = 0;
    if (text.includes('\r')) {
      // \r\n, and lone \r line breaks (classic Mac) inside what \n delimited.
      const parts = text.split('\r');
      const crlf = parts.length > 1 && parts[parts.length - 1] === '' && cut === 0;
      if (crlf) parts.pop();
      let offset = this.lineStart;
      for (let i = 0; i < parts.length - 1; i++) {
        this.onLine(parts[i], this.line++, offset, 0);
        offset += parts[i].length + 1;
      }
      text = parts[parts.length - 1];
      this.lineStart = offset;
    }
    this.onLine(text, this.line++, this.lineStart, cut);
    this.lineStart = this.offset + breakLength;
    this.offset += breakLength;
  }
}
