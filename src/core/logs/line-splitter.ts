/**
 * Splits text that arrives in chunks (a stream, a growing file) into lines, keeping each line's
 * 0-based number. \n, \r\n and \r end a line, also when a chunk ends between \r and \n.
 *
 * A line longer than `maxLineLength` is cut: the first `maxLineLength` characters are kept, the rest is
 * counted and dropped without being buffered, so a 5 MB line costs at most `maxLineLength` of memory.
 */
export interface SplitLine {
  readonly text: string;
  readonly line: number;
  /** Offset of the line's first character in the whole text (UTF-16 code units, line breaks counted). */
  readonly offset: number;
  /** Characters dropped from the end of the line (0 when whole). */
  readonly cut: number;
}

/** Our choice: enough for any CoreData+CloudKit event (the longest corpus line is 2.5 KB). */
export const DEFAULT_MAX_LINE_LENGTH = 256 * 1024;

export class LineSplitter {
  private partial = '';
  private partialCut = 0;
  private line = 0;
  private pendingCR = false;
  private offset = 0;
  private lineStart = 0;

  constructor(private readonly onLine: (l: SplitLine) => void, private readonly maxLineLength = DEFAULT_MAX_LINE_LENGTH) {}

  push(chunk: string): void {
    let at = 0;
    if (this.pendingCR) {
      this.pendingCR = false;
      if (chunk.charCodeAt(0) === 10) { at = 1; this.offset++; this.lineStart = this.offset; }
    }
    const n = chunk.length;
    // Next \r, searched again only once passed: a chunk without \r costs one extra scan, not one per line.
    let cr = chunk.indexOf('\r', at);
    while (at < n) {
      if (cr >= 0 && cr < at) cr = chunk.indexOf('\r', at);
      const lf = chunk.indexOf('\n', at);
      const nl = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
      if (nl < 0) {
        this.append(chunk, at, n);
        this.offset += n - at;
        return;
      }
      this.append(chunk, at, nl);
      this.offset += nl - at;
      this.emit();
      let next = nl + 1;
      if (chunk.charCodeAt(nl) === 13) {
        if (nl + 1 === n) this.pendingCR = true;
        else if (chunk.charCodeAt(nl + 1) === 10) next = nl + 2;
      }
      this.offset += next - nl;
      this.lineStart = this.offset;
      at = next;
    }
  }

  /** Emits the last line when the text does not end with a line break. */
  end(): void {
    if (this.partial.length > 0 || this.partialCut > 0) this.emit();
  }

  private append(chunk: string, from: number, to: number): void {
    const room = this.maxLineLength - this.partial.length;
    const len = to - from;
    if (len <= room) {
      this.partial = this.partial.length === 0 && from === 0 && to === chunk.length ? chunk : this.partial + chunk.slice(from, to);
    } else {
      if (room > 0) this.partial += chunk.slice(from, from + room);
      this.partialCut += len - Math.max(room, 0);
    }
  }

  private emit(): void {
    this.onLine({ text: this.partial, line: this.line++, offset: this.lineStart, cut: this.partialCut });
    this.partial = '';
    this.partialCut = 0;
  }
}
