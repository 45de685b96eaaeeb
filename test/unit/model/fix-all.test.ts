import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/findings';
import { fixAllEdits } from '../../../src/core/rules/fix-all';
import type { TextEdit } from '../../../src/core/text/span';

/**
 * fixAllEdits on hand-made findings: which preferred fixes it takes, in order, and which it leaves because
 * they overlap one taken already (mutation testing, docs/testing.md: the overlap cases were unpinned).
 */
const edit = (start: number, end: number, newText = 'x'): TextEdit => ({ span: { start, end }, newText });
let n = 0;
function finding(ruleId: string, edits: TextEdit[] | undefined, preferred = true): Finding {
  return {
    ruleId, severity: 'error', message: `m${n++}`, span: { start: 0, end: 0 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    ...(edits ? { fixes: [{ title: 'other', edits: [edit(900, 901, 'other')], isPreferred: false }, { title: 'fix', edits, isPreferred: preferred }] } : {}),
  } as Finding;
}
const spans = (es: TextEdit[]): string[] => es.map((e) => `${e.span.start}-${e.span.end}:${e.newText}`);

describe('fixAllEdits', () => {
  it('takes each selected finding\'s preferred fix once, in order; skips unselected findings and those without one', () => {
    const fs = [
      finding('A', [edit(0, 2, 'a')]),
      finding('B', [edit(10, 12, 'b')]),
      finding('A', [edit(0, 2, 'a')]), // the same fix again (one edit fixes two findings)
      finding('A', undefined),
      finding('A', [edit(20, 22, 'c')], false), // a fix, but none preferred
      finding('A', [edit(30, 31, 'd'), edit(40, 41, 'e')]),
    ];
    assert.deepEqual(spans(fixAllEdits(fs, (f) => f.ruleId === 'A')), ['0-2:a', '30-31:d', '40-41:e']);
    assert.deepEqual(spans(fixAllEdits(fs, () => true)), ['0-2:a', '10-12:b', '30-31:d', '40-41:e']);
  });

  it('leaves a fix any of whose edits overlaps an edit taken already', () => {
    const base = finding('A', [edit(10, 20, 'r')]);
    const cases: [TextEdit, boolean][] = [
      [edit(15, 25), false], // ranges overlap
      [edit(5, 11), false],
      [edit(12, 18), false], // inside
      [edit(5, 25), false], // around
      [edit(20, 25), true], // touching at the end
      [edit(0, 10), true], // touching at the start
      [edit(15, 15), false], // an insertion inside the replaced range
      [edit(10, 10), true], // an insertion at its start
      [edit(20, 20), true], // an insertion at its end
    ];
    for (const [e, kept] of cases) {
      const got = spans(fixAllEdits([base, finding('A', [edit(50, 51, 'ok'), e])], () => true));
      assert.deepEqual(got, kept ? ['10-20:r', '50-51:ok', `${e.span.start}-${e.span.end}:x`] : ['10-20:r'], JSON.stringify(e.span));
    }
    // Two insertions at the same point conflict (their order would be undefined); at different points they don't.
    const ins = finding('A', [edit(5, 5, 'i')]);
    assert.deepEqual(spans(fixAllEdits([ins, finding('A', [edit(5, 5, 'j')])], () => true)), ['5-5:i']);
    assert.deepEqual(spans(fixAllEdits([ins, finding('A', [edit(6, 6, 'j')])], () => true)), ['5-5:i', '6-6:j']);
    // An insertion taken first, then a replacement around it.
    assert.deepEqual(spans(fixAllEdits([ins, finding('A', [edit(3, 8, 'k')])], () => true)), ['5-5:i']);
    assert.deepEqual(spans(fixAllEdits([ins, finding('A', [edit(5, 8, 'k')])], () => true)), ['5-5:i', '5-8:k']);
  });
});
