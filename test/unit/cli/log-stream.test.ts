import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { readLogStream } from '../../../src/cli/log-stream';

/**
 * The CLI's log streaming (src/cli/log-stream.ts): bytes arrive in chunks that can end inside a UTF-8
 * character; the decoder must carry the partial character over, not turn it into U+FFFD.
 */
const LINE = '2026-12-05 10:00:00.123 Df ShoppingList[4242:2a4f1] [com.apple.coredata:cloudkit] CoreData+CloudKit: Liste “Café” — exported.\n';

describe('ckdev explain: streamed log bytes', () => {
  it('a UTF-8 character split between two chunks is read whole (no replacement-character note)', async () => {
    const bytes = Buffer.from(LINE.repeat(3), 'utf8');
    // Split inside every multi-byte character in turn: one cut in the middle of “, é and —.
    const cuts = [...LINE].reduce<number[]>((acc, ch, i) => {
      const before = Buffer.byteLength([...LINE].slice(0, i).join(''), 'utf8');
      if (Buffer.byteLength(ch, 'utf8') > 1) acc.push(before + 1);
      return acc;
    }, []);
    assert.ok(cuts.length >= 4);
    for (const cut of cuts) {
      const progress: number[] = [];
      const report = await readLogStream(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]), { onProgress: (n) => progress.push(n) });
      assert.equal(report.lines, 3, `cut at byte ${cut}`);
      assert.deepEqual(report.notes.filter((n) => n.kind === 'replacement-chars'), [], `cut at byte ${cut}`);
      // Progress counts bytes, not characters.
      assert.deepEqual(progress, [cut, bytes.length]);
    }
  });

  it('bytes that are not UTF-8 are noted, and the rest of the line is read', async () => {
    const bad = Buffer.concat([Buffer.from(LINE.slice(0, 40), 'utf8'), Buffer.from([0xff, 0xfe]), Buffer.from(LINE.slice(40), 'utf8')]);
    const report = await readLogStream(Readable.from([bad]));
    assert.equal(report.lines, 1);
    assert.deepEqual(report.notes.map((n) => [n.kind, n.line]), [['replacement-chars', 0]]);
  });

  it('string chunks (stdin set to an encoding) are read as they are, with no byte count', async () => {
    const progress: number[] = [];
    const report = await readLogStream(Readable.from([LINE, LINE], { objectMode: true }), { onProgress: (n) => progress.push(n) });
    assert.equal(report.lines, 2);
    assert.deepEqual(report.notes, []);
    assert.deepEqual(progress, [0, 0]);
  });
});
