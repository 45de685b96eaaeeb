import fs from 'node:fs';
import path from 'node:path';
import { currentVersionOf, readCurrentVersionPlist } from '../core/model/bundle';

/**
 * Resolves what the user calls "a model" to one `contents` file (reference coredata-model.md §1):
 * a `contents` file itself, an `.xcdatamodel` folder (its `contents`), or an `.xcdatamodeld` bundle (its
 * current version: `.xccurrentversion`, else the only or last version by name). Throws a clear message.
 */
export function resolveModelContents(p: string): { contentsPath: string; versionName?: string } {
  if (!fs.existsSync(p)) throw new Error(`no such file or folder: '${p}'`);
  const st = fs.statSync(p);
  if (st.isFile()) {
    if (path.basename(p) !== 'contents') throw new Error(`'${p}' is not a model: expected a .xcdatamodel/contents file, an .xcdatamodel or an .xcdatamodeld folder`);
    return { contentsPath: p };
  }
  const base = path.basename(path.resolve(p));
  if (base.endsWith('.xcdatamodel')) {
    const contents = path.join(p, 'contents');
    if (!fs.existsSync(contents)) throw new Error(`'${p}' has no contents file`);
    return { contentsPath: contents };
  }
  if (base.endsWith('.xcdatamodeld')) {
    const versions = fs.readdirSync(p).filter((d) => d.endsWith('.xcdatamodel') && fs.existsSync(path.join(p, d, 'contents')));
    let plistName: string | undefined;
    const plist = path.join(p, '.xccurrentversion');
    if (fs.existsSync(plist)) plistName = readCurrentVersionPlist(fs.readFileSync(plist, 'utf8')).name;
    const current = currentVersionOf(versions, plistName);
    if (!current) throw new Error(`'${p}' holds no model version (.xcdatamodel folder with a contents file)`);
    return { contentsPath: path.join(p, current, 'contents'), versionName: current };
  }
  throw new Error(`'${p}' is not a model: expected a .xcdatamodel/contents file, an .xcdatamodel or an .xcdatamodeld folder`);
}
