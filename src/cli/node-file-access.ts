import fs from 'node:fs';
import path from 'node:path';
import type { DirEntry, EntryKind, FileAccess, FileStat } from '../core/model/file-access';
import { inputLimits, readInputText } from './input-file';

/** The file-access port over `node:fs` (the CLI): locations are OS paths. */
const kindOf = (st: fs.Stats): EntryKind => (st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other');

export const nodeFileAccess: FileAccess<string> = {
  join: (dir, ...names) => path.join(dir, ...names),
  basename: (p) => path.basename(path.resolve(p)),
  parent: (p) => path.dirname(p),
  async list(dir): Promise<DirEntry[]> {
    const out: DirEntry[] = [];
    for (const e of await fs.promises.readdir(dir, { withFileTypes: true })) {
      // A symbolic link is what it points to (a linked version folder is a version); a dangling one is 'other'.
      const kind: EntryKind = e.isSymbolicLink()
        ? await fs.promises.stat(path.join(dir, e.name)).then(kindOf, () => 'other' as const)
        : e.isDirectory() ? 'directory' : e.isFile() ? 'file' : 'other';
      out.push({ name: e.name, kind });
    }
    return out;
  },
  // Through the one input reader (regular files only, the size cap of CKDEV_MAX_FILE_SIZE_MB or 10 MB).
  readText: async (file) => readInputText(file, inputLimits()),
  stat: (p): Promise<FileStat | undefined> => fs.promises.stat(p).then((st) => ({ kind: kindOf(st), size: st.size }), () => undefined),
};
