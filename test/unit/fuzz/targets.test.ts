import assert from 'node:assert/strict';
import path from 'node:path';
import { loadTarget, runOne, targetFiles } from '../../fuzz/run';

/**
 * A small fixed-seed slice of every fuzz target (test/fuzz/targets, the sandbox's included) inside
 * `npm test`: the targets still load and still hold on their first seeds. The long campaign is `npm run fuzz`.
 */
// sharing-replay runs ten scenarios a seed (one of them 1,000 zones): two seeds here, 100 in `npm run fuzz`.
const SLICE: Record<string, number> = { 'swift-model': 15, 'sharing-replay': 2 };
const DEFAULT_SLICE = 60;

describe('fuzz targets (fixed-seed slice; `npm run fuzz` runs the long campaign)', function () {
  this.timeout(120000);
  const files = targetFiles(path.join(__dirname, '../../fuzz/targets'));

  it('finds the targets, each exporting { name, defaultCount, check }', () => {
    assert.ok(files.length >= 6, files.join(', '));
    for (const f of files) loadTarget(f);
  });

  for (const file of files) {
    const name = path.basename(file, '.js');
    it(`${name}: seeds 1-${SLICE[name] ?? DEFAULT_SLICE} hold`, async () => {
      const target = loadTarget(file);
      const failures: string[] = [];
      for (let seed = 1; seed <= (SLICE[name] ?? DEFAULT_SLICE); seed++) {
        const r = await runOne(target, seed);
        if (!r.ok) failures.push(`seed ${seed} ${r.kind}: ${r.detail}`);
      }
      assert.deepEqual(failures, []);
    });
  }
});
