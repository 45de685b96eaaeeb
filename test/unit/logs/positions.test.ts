import assert from 'node:assert/strict';
import { readSyncLog } from '../../../src/core/logs/reader';
import { LineIndex } from '../../../src/core/text/span';

/** Issue 17, found by the sync-log fuzz target: error ranges never run past the end of a line or the text. */
describe('sync log: error ranges stay inside the text', () => {
  const lineLength = (text: string, line: number): number => text.split(/\r\n|\r|\n/)[line].length;
  const assertInside = (text: string): void => {
    const r = readSyncLog(text);
    assert.ok(r.errors.length > 0, 'an error is found');
    for (const e of r.errors) {
      assert.ok(e.span.end <= text.length, `span ${e.span.start}-${e.span.end} of ${text.length}`);
      for (const p of [e.range.start, e.range.end]) assert.ok(p.character <= lineLength(text, p.line), `${p.line}:${p.character}`);
      assert.deepEqual(e.range, new LineIndex(text).rangeOf(e.span));
    }
  };

  it('an error cut off by the end of the input (the scanner ends it past the text)', () => {
    assertInside('<CKError 0x1: "Not Authenticated" (9/1002); "CloudK');
    assertInside('x: Error Domain=CKErrorDomain Code=9 "Not Authenticated" UserInfo={NSLocalizedDescription=');
  });

  it('an error whose last character is the break between two lines of one entry', () => {
    assertInside('error: \nError Domain=NSCocoaErrorDomain Code=134410 \n"CloudKit setup failed because there is another instance of this persistent store actively syncing with CloudKit in this process."\nU');
  });
});
