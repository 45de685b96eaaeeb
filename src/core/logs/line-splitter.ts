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

/** Our choice: enough for any CoreData+CloudKit event (the longest corpus line is 2.5 KB). */
export const DEFAULT_MAX_LINE_LENGTH = 256 * 1024;

export class LineSplitter {
  private partial = '';
  private partialCut = 0;
  private line = 0;
  private offset = 0;
  private lineStart = 0;

  constructor(private readonly onLine: OnLine, private readonly maxLineLength = DEFAULT_MAX_LINE_LENGTH) {}

  push(chunk: string): void {
    // Only \n is searched in the chunk: a \r is dealt with per line in emit(). (Searching the whole chunk
    // for \r as well made V8 slow down from one chunk to the next: 25x on a 50 MB log.)
    const n = chunk.length;
    let at = 0;
    while (at < n) {
      const lf = chunk.indexOf('\n', at);
      if (lf < 0) {
        this.append(chunk, at, n);
        this.offset += n - at;
        return;
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
