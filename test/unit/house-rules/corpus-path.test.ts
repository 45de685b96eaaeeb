import assert from 'node:assert/strict';
import path from 'node:path';
import { CORPUS_DIR, corpusPath, missingCorpusMessage } from '../../helpers/paths';

describe('house rules: a missing corpus says how to point CKDEV_CORPUS at it', () => {
  it('names the missing file, where it looked, and the CKDEV_CORPUS and ../shared ways to fix it', () => {
    assert.throws(() => corpusPath('no-such-folder', 'no-such-file'), (e: Error) => {
      assert.ok(e.message.startsWith(`corpus file missing: ${path.join(CORPUS_DIR, 'no-such-folder', 'no-such-file')}\n`), e.message);
      assert.match(e.message, /CKDEV_CORPUS=\/path\/to\/shared\/corpus npm run test:unit/);
      assert.match(e.message, /ln -s \/path\/to\/shared \.\.\/shared/);
      return true;
    });
  });

  it('tells apart a CKDEV_CORPUS that is set from the default ../shared/corpus', () => {
    assert.match(missingCorpusMessage('/x/f', '/x', true), /CKDEV_CORPUS is set to \/x\./);
    assert.match(missingCorpusMessage('/r/../shared/corpus/f', '/shared/corpus', false), /looked for at \/shared\/corpus \(\.\.\/shared\/corpus next to the clone\)/);
  });
});
