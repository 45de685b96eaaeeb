import assert from 'node:assert/strict';
import { compareVersionNames, demoteForNonCurrentVersion, orderVersionChoices, versionInfoOfContentsPath } from '../../../src/core/model/bundle';
import type { Finding } from '../../../src/core/findings';

/**
 * Edge cases of the `.xcdatamodeld` helpers (bundle.ts): the tie-break of version names that compare
 * equal as numbers, the order of the version pick, unchanged findings, and path splitting at the edges
 * (relative paths, Windows separators, short paths). Names and paths are written by us.
 */
describe('model/bundle edges', () => {
  it('orders names equal as numbers by their code units, and a name equals only itself', () => {
    // "02" and "2" are the same number for localeCompare: the plain comparison decides.
    assert.equal(compareVersionNames('Model 02.xcdatamodel', 'Model 2.xcdatamodel'), -1);
    assert.equal(compareVersionNames('Model 2.xcdatamodel', 'Model 02.xcdatamodel'), 1);
    assert.equal(compareVersionNames('Model 2.xcdatamodel', 'Model 2.xcdatamodel'), 0);
    // The suffix is ignored for the order, then breaks the tie.
    assert.equal(compareVersionNames('Model', 'Model.xcdatamodel'), -1);
    assert.equal(compareVersionNames('Model.xcdatamodel', 'Model'), 1);
  });

  it('lists the current version first, then the others by version name', () => {
    const v = ['M 10.xcdatamodel', 'M.xcdatamodel', 'M 2.xcdatamodel'];
    assert.deepEqual(orderVersionChoices(v, 'M 2.xcdatamodel'), ['M 2.xcdatamodel', 'M.xcdatamodel', 'M 10.xcdatamodel']);
    assert.deepEqual(orderVersionChoices(v, undefined), ['M.xcdatamodel', 'M 2.xcdatamodel', 'M 10.xcdatamodel']);
    // A current version the list does not hold is not added.
    assert.deepEqual(orderVersionChoices(v, 'Gone.xcdatamodel'), ['M.xcdatamodel', 'M 2.xcdatamodel', 'M 10.xcdatamodel']);
    assert.deepEqual(orderVersionChoices([], undefined), []);
    assert.deepEqual(v, ['M 10.xcdatamodel', 'M.xcdatamodel', 'M 2.xcdatamodel']); // input untouched
  });

  it('returns findings already at or below the cap unchanged (the same objects)', () => {
    const f = (severity: Finding['severity']): Finding => ({ ruleId: 'CK001', severity, message: 'm', span: { start: 0, end: 0 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    const list = [f('warning'), f('info'), f('hint'), f('error')];
    const out = demoteForNonCurrentVersion(list, 'warning');
    assert.equal(out[0], list[0]);
    assert.equal(out[1], list[1]);
    assert.equal(out[2], list[2]);
    assert.notEqual(out[3], list[3]);
    assert.deepEqual(out.map((x) => x.severity), ['warning', 'info', 'hint', 'warning']);
  });

  it('splits relative, short and Windows paths', () => {
    assert.deepEqual(versionInfoOfContentsPath('M.xcdatamodel/contents'), { versionDir: 'M.xcdatamodel', versionName: 'M.xcdatamodel', bundleDir: undefined });
    assert.deepEqual(versionInfoOfContentsPath('B.xcdatamodeld/M.xcdatamodel/contents'), { versionDir: 'B.xcdatamodeld/M.xcdatamodel', versionName: 'M.xcdatamodel', bundleDir: 'B.xcdatamodeld' });
    assert.deepEqual(versionInfoOfContentsPath('C:\\p\\B.xcdatamodeld\\M.xcdatamodel\\contents'),
      { versionDir: 'C:\\p\\B.xcdatamodeld\\M.xcdatamodel', versionName: 'M.xcdatamodel', bundleDir: 'C:\\p\\B.xcdatamodeld' });
    assert.deepEqual(versionInfoOfContentsPath('/p/x/M.xcdatamodel/contents'), { versionDir: '/p/x/M.xcdatamodel', versionName: 'M.xcdatamodel', bundleDir: undefined });
  });

  it('is undefined for anything but a contents file in an .xcdatamodel folder', () => {
    assert.equal(versionInfoOfContentsPath('contents'), undefined);
    assert.equal(versionInfoOfContentsPath('/p/M.xcdatamodel/other'), undefined);
    assert.equal(versionInfoOfContentsPath('/p/M/contents'), undefined);
    assert.equal(versionInfoOfContentsPath('/p/M.xcdatamodeld/contents'), undefined);
  });
});
