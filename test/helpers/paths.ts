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

/** What a test says when a corpus file is missing: where it looked and how to point it elsewhere. */
export function missingCorpusMessage(file: string, corpusDir = CORPUS_DIR, fromEnv = process.env.CKDEV_CORPUS !== undefined): string {
  const where = fromEnv
    ? `CKDEV_CORPUS is set to ${corpusDir}`
    : `the corpus is looked for at ${corpusDir} (../shared/corpus next to the clone)`;
  return `corpus file missing: ${file}\n  ${where}.\n`
    + '  Point CKDEV_CORPUS at the folder holding the shared corpus (the one holding xcdatamodel/, ckdb/, logs/ ...), e.g.\n'
    + '    CKDEV_CORPUS=/path/to/shared/corpus npm run test:unit\n'
    + '  or make ../shared next to the clone a link to the shared folder: ln -s /path/to/shared ../shared';
}

export function corpusPath(...parts: string[]): string {
  const p = path.join(CORPUS_DIR, ...parts);
  if (!fs.existsSync(p)) throw new Error(missingCorpusMessage(p));
  return p;
}

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/** Every `.swift` file below a folder, sorted (corpus folders nest apps and their model folders). */
export function swiftFilesBelow(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? swiftFilesBelow(p) : e.name.endsWith('.swift') ? [p] : [];
  }).sort();
}
