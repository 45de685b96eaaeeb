import type { Range, Span } from '../text/span';
import type { LogEntry } from './types';

/** Maps an offset in an entry's text to the document (line/character and absolute offset). */
export function entryPosition(entry: LogEntry, at: number): { line: number; character: number; offset: number } {
  const s = segmentAt(entry, at);
  if (entry.coarse) return { line: s.line, character: 0, offset: s.offset };
  const d = Math.max(0, Math.min(at - s.textStart, s.length));
  return { line: s.line, character: s.character + d, offset: s.offset + d };
}

/** The document range of `[start, end)` in the entry text; a coarse (JSON) entry covers its line. */
export function entryRange(entry: LogEntry, start: number, end: number): { range: Range; span: Span } {
  if (entry.coarse) {
    const s = entry.segments[0];
    const len = entry.coarseLength ?? 0;
    return { range: { start: { line: s.line, character: 0 }, end: { line: s.line, character: len } }, span: { start: s.offset, end: s.offset + len } };
  }
  // A scanner may report an end past the entry (an error cut off by the end of the input): clamp, so the
  // range never runs past the last line's end (found by the sync-log fuzz target, issue 17).
  const len = entry.text.length;
  end = Math.max(0, Math.min(end, len));
  start = Math.max(0, Math.min(start, end));
  const a = entryPosition(entry, start);
  // The end is the position after the last character, not the start of the next segment.
  const b = end > start ? entryPosition(entry, end - 1) : a;
  // The last character may be the line break joining two segments (not on any line): then the range
  // ends at that line's end, not one past it.
  const bEnd = end > start && inSegment(entry, end - 1) ? { line: b.line, character: b.character + 1, offset: b.offset + 1 } : b;
  return { range: { start: { line: a.line, character: a.character }, end: { line: bEnd.line, character: bEnd.character } }, span: { start: a.offset, end: bEnd.offset } };
}

/** Whether an offset of the entry text is a character of one of its lines (not a joining line break). */
function inSegment(entry: LogEntry, at: number): boolean {
  const s = segmentAt(entry, at);
  return at - s.textStart < s.length;
}

/** The last segment (line piece) of the entry that starts at or before `at` (binary search). */
function segmentAt(entry: LogEntry, at: number): LogEntry['segments'][number] {
  const segs = entry.segments;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid].textStart <= at) lo = mid;
    else hi = mid - 1;
  }
  return segs[lo];
}
