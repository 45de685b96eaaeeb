import fs from 'node:fs';
import path from 'node:path';
import { currentVersionOf, readCurrentVersionPlist } from '../core/model/bundle';

/**
 * Finds the `contents` file of a model given as a `.xcdatamodeld` bundle (its current version, from
 * `.xccurrentversion`, else the last version by name), a `.xcdatamodel` directory or a `contents`
 * file. Undefined when `p` is none of these. The choice of version is the model linter's
 * (src/core/model/bundle.ts).
 */
export function modelContentsPath(p: string): string | undefined {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat) return undefined;
  if (stat.isFile()) return path.basename(p) === 'contents' || /\.xcdatamodel$/i.test(path.dirname(p)) ? p : undefined;
  if (/\.xcdatamodel\/?$/i.test(p)) return path.join(p, 'contents');
  if (/\.xcdatamodeld\/?$/i.test(p)) {
    const versions = fs.readdirSync(p).filter((n) => n.endsWith('.xcdatamodel'));
    const plist = path.join(p, '.xccurrentversion');
    const named = fs.existsSync(plist) ? readCurrentVersionPlist(fs.readFileSync(plist, 'utf8')).name : undefined;
    const current = currentVersionOf(versions, named);
    return current ? path.join(p, current, 'contents') : undefined;
  }
  return undefined;
}
