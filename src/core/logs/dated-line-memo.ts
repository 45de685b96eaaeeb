import { Shape } from './line-prefix';
import type { EntryHeader, Segment } from './types';

/**
 * What the reader learnt about the last few distinct dated lines, keyed by the text after their
 * timestamp: most lines of a captured log repeat a handful of templates (`Found 0 objects needing
 * export.` from one process and thread) with only the time changing, so a line equal to one of them after
 * its timestamp needs neither the prefix patterns (LineShapeReader) nor the prefilter (prefilter.ts).
 *
 * Why the answers can be reused: the three dated shapes (line-prefix.ts) start with the timestamp
 * followed by white space, so where the timestamp ends does not depend on what follows, and the shape,
 * the body's start (relative to the timestamp's end) and the prefilter's answer on the body are functions
 * of the rest of the line. `test/unit/logs/line-memo.test.ts` proves the reader reports the same with and
 * without this memo.
 *
 * Lookup is `===` on a few recent tails, most recent hit first: measured faster than a Map here (a Map
 * hashes every tail, about 7x the cost of a bare line split per line; bench/cases/log-read.bench.ts).
 */
const SIZE = 16;
/** Our choice, measured on a generated log of distinct lines (bench/cases/log-read.bench.ts). */
const COLD = 16;
const COLD_STRIDE = 64;

export class DatedLineMemo {
  private readonly tails: string[] = [];
  private readonly shapes: number[] = [];
  private readonly bodyStarts: number[] = [];
  private readonly clean: boolean[] = [];
  private readonly runs: (RegExp | undefined)[] = [];
  private readonly lineLengths: number[] = [];
  // Per slot: the continuation lines last seen after the line (`line\n` each), the entry's joined text,
  // its segments after the first (textStart, length, character, offset from the first continuation line's
  // start: four numbers each) and the prefilter's answer on the joined text.
  private readonly blocks: (string | undefined)[] = [];
  private readonly blockTexts: string[] = [];
  private readonly blockSegs: number[][] = [];
  private readonly blockAnswers: boolean[] = [];
  // Per slot: the header read from a line with the tail (readLinePrefix), its timestamp that line's.
  private readonly headers: (EntryHeader | undefined)[] = [];
  blockJoinedText = '';
  blockSegments: readonly number[] = [];
  blockHolds = false;
  /** The length of each line (line break included) of the run `lastRun` returned. */
  runLineLength = 0;
  private last = 0;
  private next = 0;
  private misses = 0;
  private skipped = 0;
  /** The answer of the last successful `find`. */
  shape: Shape = Shape.None as Shape;
  bodyOffset = 0;
  isClean = false;

  /**
   * Whether to look the next dated line up (and remember it): always while lines are found, but after
   * COLD misses in a row (a log of distinct lines) only one line in COLD_STRIDE, so such a log pays the
   * memo for a few lines only, and a template that starts to repeat is still caught.
   */
  shouldTry(): boolean {
    if (this.misses < COLD) return true;
    if (++this.skipped < COLD_STRIDE) return false;
    this.skipped = 0;
    return true;
  }

  /** Looks up the tail; on a hit, `shape`, `bodyOffset` (from the tail's start) and `isClean` hold the answer. */
  find(tail: string): boolean {
    const tails = this.tails;
    let i = this.last;
    if (tails[i] !== tail) {
      i = -1;
      for (let k = 0; k < tails.length; k++) if (tails[k] === tail) { i = k; break; }
      if (i < 0) { this.misses++; return false; }
      this.last = i;
    }
    this.misses = 0;
    this.load(i);
    return true;
  }

  /**
   * A sticky pattern for a run of lines that each are a timestamp shaped like `stamp` (the same digits
   * count: every line of a run has the same length) then the tail `find` last found, when that tail is
   * clean (prefilter.ts finds nothing in it). Made the second time a tail is seen (`find` found it), so a
   * tail seen once costs nothing.
   */
  prepareRun(stamp: string): void {
    const i = this.last;
    if (this.runs[i] !== undefined || !this.clean[i]) return;
    this.runs[i] = runPattern(stamp, this.tails[i]);
    this.lineLengths[i] = stamp.length + this.tails[i].length + 1;
  }

  /** The run pattern of the tail `find` last found, if made; its answer is then in the fields. */
  lastRun(): RegExp | undefined {
    const i = this.last;
    const run = this.runs[i];
    if (run === undefined) return undefined;
    this.load(i);
    this.runLineLength = this.lineLengths[i];
    return run;
  }

  private load(i: number): void {
    this.shape = this.shapes[i] as Shape;
    this.bodyOffset = this.bodyStarts[i];
    this.isClean = this.clean[i];
  }

  /** The slot and tail `find` last found (for `setBlock`). */
  get slot(): number {
    return this.last;
  }

  get tail(): string {
    return this.tails[this.last];
  }

  /**
   * Remembers the continuation lines an entry had after the line of `slot` (still holding `tail`): the
   * next time the line is followed by the same text, the entry is the same (entry-builder.ts `take`).
   */
  setBlock(slot: number, tail: string, lines: readonly string[], joined: string, segments: readonly Segment[], holds: boolean): void {
    if (this.tails[slot] !== tail) return;
    const rel: number[] = [];
    // Offsets from the first continuation line's start, from the lines' lengths: right for any text that
    // holds these lines, each ended by \n (what `take` compares).
    let lineStart = 0;
    for (let i = 1; i < segments.length; i++) {
      const g = segments[i];
      rel.push(g.textStart, g.length, g.character, lineStart + g.character);
      lineStart += lines[i - 1].length + 1;
    }
    if (lineStart > 64 * 1024) return;
    this.blocks[slot] = flatCopy(lines.join('\n') + '\n');
    this.blockTexts[slot] = flatCopy(joined);
    this.blockSegs[slot] = rel;
    this.blockAnswers[slot] = holds;
  }

  /** The continuation lines remembered after the line `find` last found; their entry is then in the fields. */
  block(): string | undefined {
    const i = this.last;
    const b = this.blocks[i];
    if (b === undefined) return undefined;
    this.blockJoinedText = this.blockTexts[i];
    this.blockSegments = this.blockSegs[i];
    this.blockHolds = this.blockAnswers[i];
    return b;
  }

  /** Remembers a tail's answer (the oldest answer is forgotten once SIZE are kept). */
  add(tail: string, shape: Shape, bodyOffset: number, clean: boolean): void {
    const i = this.next;
    this.next = (i + 1) % SIZE;
    // A copy: the tail may be a slice of a 1 MB chunk, which it would otherwise keep alive.
    this.tails[i] = flatCopy(tail);
    this.shapes[i] = shape;
    this.bodyStarts[i] = bodyOffset;
    this.clean[i] = clean;
    this.runs[i] = undefined;
    this.blocks[i] = undefined;
    this.headers[i] = undefined;
    this.last = i;
  }

  /**
   * The header of a line with the tail of `slot` and the timestamp `stamp`: `read` reads it the first time, later
   * lines get a copy with their own timestamp. What the prefix patterns capture after the timestamp lies in the tail
   * (see timestampEnd), so it is the same for every line with the tail. A slot that holds another tail by now is
   * not used.
   */
  header(slot: number, tail: string, stamp: string, read: () => EntryHeader | undefined): EntryHeader | undefined {
    if (this.tails[slot] !== tail) return read();
    const known = this.headers[slot];
    if (known === undefined) return (this.headers[slot] = read());
    return known.timestamp === undefined ? known : { ...known, timestamp: stamp };
  }
}

/**
 * One or more lines, each a timestamp of `stamp`'s shape (each digit any digit: one instance of
 * line-prefix.ts's TIME, so every line of a run has the stamp's length) then `tail` then `\n`. As the tail
 * starts with white space, the timestamp matched here is the one the shape patterns match (see
 * timestampEnd).
 */
function runPattern(stamp: string, tail: string): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(String.raw`(?:${escape(stamp).replace(/\d/g, String.raw`\d`)}${escape(tail)}\n)+`, 'y');
}

/** A string that does not point into a bigger one (V8 keeps the parent of a slice alive). */
function flatCopy(s: string): string {
  return (' ' + s).slice(1);
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Where the timestamp that starts `line` at `at` ends (`2026-12-05 10:00:00.123456+0100`: line-prefix.ts's TIME,
 * read greedily), or -1 when the line does not start with one followed by white space. Greedy reading
 * gives what the patterns' match gives: each optional part, when present, could only be given back to
 * leave a character that is not white space after the timestamp.
 */
export function timestampEnd(line: string, at: number): number {
  // Each test fails on a line break, so a short line never lets the reading run into the next one.
  if (!(isDigit(line.charCodeAt(at)) && isDigit(line.charCodeAt(at + 1)) && isDigit(line.charCodeAt(at + 2)) && isDigit(line.charCodeAt(at + 3))
    && line.charCodeAt(at + 4) === 45 && isDigit(line.charCodeAt(at + 5)) && isDigit(line.charCodeAt(at + 6)) && line.charCodeAt(at + 7) === 45
    && isDigit(line.charCodeAt(at + 8)) && isDigit(line.charCodeAt(at + 9)))) return -1;
  const sep = line.charCodeAt(at + 10);
  if (!(sep === 32 || sep === 84) || !isDigit(line.charCodeAt(at + 11)) || !isDigit(line.charCodeAt(at + 12)) || line.charCodeAt(at + 13) !== 58
    || !isDigit(line.charCodeAt(at + 14)) || !isDigit(line.charCodeAt(at + 15)) || line.charCodeAt(at + 16) !== 58
    || !isDigit(line.charCodeAt(at + 17)) || !isDigit(line.charCodeAt(at + 18))) return -1;
  let i = at + 19;
  if (line.charCodeAt(i) === 46 && isDigit(line.charCodeAt(i + 1))) { i += 2; while (isDigit(line.charCodeAt(i))) i++; }
  const z = line.charCodeAt(i);
  if (z === 90) i++;
  else if ((z === 43 || z === 45) && isDigit(line.charCodeAt(i + 1)) && isDigit(line.charCodeAt(i + 2))) {
    const colon = line.charCodeAt(i + 3) === 58 ? 1 : 0;
    if (isDigit(line.charCodeAt(i + 3 + colon)) && isDigit(line.charCodeAt(i + 4 + colon))) i += 5 + colon;
  }
  const w = line.charCodeAt(i);
  // The patterns' `\s+` after the time: the ASCII white space a log prints (others are not memoised).
  return w === 32 || w === 9 ? i : -1;
}
