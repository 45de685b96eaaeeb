import type { Finding } from '../findings';
import type { TextEdit } from '../text/span';

/**
 * The edits of a "fix all": the preferred fix of every selected finding, each applied at most once
 * (two findings may share a fix, e.g. two constraints of one entity removed by one edit) and never
 * overlapping an edit already taken. What is skipped stays a finding; running fix-all again picks it up.
 */
export function fixAllEdits(findings: readonly Finding[], select: (f: Finding) => boolean): TextEdit[] {
  const taken: TextEdit[] = [];
  const seen = new Set<string>();
  const overlaps = (e: TextEdit): boolean => taken.some((t) =>
    (e.span.start < t.span.end && t.span.start < e.span.end)
    || (e.span.start === e.span.end && e.span.start === t.span.start && t.span.start === t.span.end)
    || (e.span.start === e.span.end && (e.span.start > t.span.start && e.span.start < t.span.end))
    || (t.span.start === t.span.end && (t.span.start > e.span.start && t.span.start < e.span.end)));
  for (const f of findings) {
    if (!select(f)) continue;
    const fix = f.fixes?.find((x) => x.isPreferred);
    if (!fix) continue;
    const id = fix.edits.map((e) => `${e.span.start}:${e.span.end}:${e.newText}`).join('|');
    if (seen.has(id)) continue;
    if (fix.edits.some(overlaps)) continue;
    seen.add(id);
    for (const e of fix.edits) taken.push(e);
  }
  return taken;
}
