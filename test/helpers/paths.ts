import fs from 'node:fs';
import path from 'node:path';

/** The repository root (the folder holding package.json), found from this compiled file's location. */
export const REPO_ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
})();

/**
 * The shared corpus of real files (`../shared/corpus` next to the clone, as in CI), or $CKDEV_CORPUS.
 * Corpus tests fail, never skip, when it is missing: a green run must mean the corpus was checked.
 */
export const CORPUS_DIR = process.env.CKDEV_CORPUS ?? path.resolve(REPO_ROOT, '..', 'shared', 'corpus');

export function corpusPath(...parts: string[]): string {
  const p = path.join(CORPUS_DIR, ...parts);
  if (!fs.existsSync(p)) {
    throw new Error(`corpus file missing: ${p} (set CKDEV_CORPUS to the shared corpus folder)`);
  }
  return p;
}

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
