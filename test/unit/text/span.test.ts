import assert from 'node:assert/strict';
import { LineIndex, applyEdits } from '../../../src/core/text/span';

describe('core/text/span', () => {
  it('maps offsets to 0-based positions across \\n, \\r\\n and \\r line ends', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 4);
    assert.deepEqual(idx.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(idx.positionAt(4), { line: 1, character: 1 });
    assert.deepEqual(idx.positionAt(text.indexOf('e')), { line: 2, character: 0 });
    assert.deepEqual(idx.positionAt(text.length), { line: 3, character: 2 });
    for (let o = 0; o <= text.length; o++) {
      const p = idx.positionAt(o);
      if (text[o - 1] === '\r' && text[o] === '\n') continue; // between \r and \n is not a position
      assert.equal(idx.offsetAt(p), o, `round trip at ${o}`);
    }
  });

  it('an offset between \\r and \\n is the end of its line, never past it (issue 17)', () => {
    const text = 'ab\r\ncd\r\n';
    const idx = new LineIndex(text);
    assert.deepEqual(idx.positionAt(3), { line: 0, character: 2 });
    assert.deepEqual(idx.rangeOf({ start: 1, end: 3 }), { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } });
    assert.deepEqual(idx.positionAt(7), { line: 1, character: 2 });
    assert.deepEqual(idx.positionAt(8), { line: 2, character: 0 });
  });

  it('clamps out-of-range offsets and positions', () => {
    const idx = new LineIndex('x\ny');
    assert.deepEqual(idx.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(idx.positionAt(99), { line: 1, character: 1 });
    assert.equal(idx.offsetAt({ line: 0, character: 50 }), 2);
    assert.equal(idx.offsetAt({ line: 9, character: 0 }), 3);
  });

  it('applies non-overlapping edits in any order and rejects overlaps', () => {
    const s = 'hello world';
    assert.equal(applyEdits(s, [
      { span: { start: 6, end: 11 }, newText: 'there' },
      { span: { start: 0, end: 0 }, newText: '>> ' },
    ]), '>> hello there');
    assert.throws(() => applyEdits(s, [
      { span: { start: 0, end: 5 }, newText: 'a' },
      { span: { start: 3, end: 7 }, newText: 'b' },
    ]), /overlapping/);
  });
});
