/**
 * Source positions shared by every reader, rule and adapter.
 *
 * Offsets are UTF-16 code-unit indexes into the document string (what JavaScript strings and
 * VS Code's `TextDocument.positionAt` use); `end` is exclusive. Line/character positions are 0-based,
 * as in LSP and VS Code. Readers store offsets only (cheap for 4 MB models); a `LineIndex` built once
 * per document turns them into line/character ranges when a finding leaves the core.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A replacement of `span` by `newText`: the only kind of change a quick fix or formatter makes. */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

/** Maps offsets to line/character positions and back, with a binary search over line starts. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    if (text.indexOf('\r') < 0) {
      // The common case (Xcode writes \n): indexOf is much faster than a per-character loop on 4 MB.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 /* \n */) starts.push(i + 1);
        else if (c === 13 /* \r */) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // Between the \r and the \n of a CRLF is no position: it is the end of the line (an XML error span
    // that ends there ran past the line's end, found by the xcdatamodel fuzz target, issue 17).
    const back = o > 0 && this.text.charCodeAt(o - 1) === 13 && this.text.charCodeAt(o) === 10 ? 1 : 0;
    return { line: lo, character: o - back - this.lineStarts[lo] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const lineStart = this.lineStarts[position.line];
    const nextStart = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    return Math.max(lineStart, Math.min(lineStart + position.character, nextStart));
  }

  rangeOf(s: Span): Range {
    return { start: this.positionAt(s.start), end: this.positionAt(s.end) };
  }

  /** Start offset of a 0-based line. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }
}

/** Applies non-overlapping edits to a string (used by tests, the CLI and fix-all). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.span.start < at) throw new Error(`overlapping edits at offset ${e.span.start}`);
    out += text.slice(at, e.span.start) + e.newText;
    at = e.span.end;
  }
  return out + text.slice(at);
}
