import assert from 'node:assert/strict';
import type { DirEntry, FileAccess, FileStat } from '../../../src/core/model/file-access';
import { bundleVersions, resolveModel, versionOfContents } from '../../../src/core/model/versions/current-version';

/**
 * The current-version resolver over an in-memory file tree (paths with `/`): what counts as a version,
 * unreadable bundles and plists, and how a file, an `.xcdatamodel` or an `.xcdatamodeld` resolves. The
 * trees are written by us; a path ending in `/` is a folder.
 */

const PLIST = (name: string) => `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict><key>_XCCurrentVersionName</key><string>${name}</string></dict></plist>`;

/** A FileAccess over `files` (path → text; `null` marks a folder, `Error` a file that cannot be read). */
function memoryFs(files: Record<string, string | null | Error>, unlistable: string[] = []): FileAccess<string> {
  const kindOf = (p: string): FileStat | undefined => {
    if (p in files) return { kind: files[p] === null ? 'directory' : 'file', size: 0 };
    return Object.keys(files).some((k) => k.startsWith(`${p}/`)) ? { kind: 'directory', size: 0 } : undefined;
  };
  return {
    join: (dir, ...names) => [dir, ...names].join('/'),
    basename: (l) => l.slice(l.lastIndexOf('/') + 1),
    parent: (l) => l.slice(0, Math.max(0, l.lastIndexOf('/'))),
    async list(dir) {
      if (unlistable.includes(dir) || kindOf(dir)?.kind !== 'directory') throw new Error(`cannot list ${dir}`);
      const names = new Set(Object.keys(files).filter((k) => k.startsWith(`${dir}/`)).map((k) => k.slice(dir.length + 1).split('/')[0]));
      return [...names].map((name): DirEntry => ({ name, kind: kindOf(`${dir}/${name}`)!.kind }));
    },
    async readText(file) {
      const v = files[file];
      if (typeof v !== 'string') throw v ?? new Error(`no file ${file}`);
      return v;
    },
    stat: async (l) => kindOf(l),
  };
}

describe('current version over an in-memory tree', () => {
  it('a version is an .xcdatamodel folder holding a contents file', async () => {
    const fs = memoryFs({
      '/B.xcdatamodeld/M.xcdatamodel/contents': '<model/>',
      '/B.xcdatamodeld/M 2.xcdatamodel/contents': '<model/>',
      '/B.xcdatamodeld/Empty.xcdatamodel/other': 'x',
      '/B.xcdatamodeld/Plain/contents': '<model/>', // not named .xcdatamodel
      '/B.xcdatamodeld/File.xcdatamodel': 'a file, not a folder',
    });
    assert.deepEqual(await bundleVersions(fs, '/B.xcdatamodeld'), { versions: ['M.xcdatamodel', 'M 2.xcdatamodel'], current: 'M 2.xcdatamodel' });
  });

  it('a bundle that cannot be listed has no versions', async () => {
    const fs = memoryFs({ '/B.xcdatamodeld/M.xcdatamodel/contents': '<model/>' }, ['/B.xcdatamodeld']);
    assert.deepEqual(await bundleVersions(fs, '/B.xcdatamodeld'), { versions: [], current: undefined });
  });

  it('an unreadable .xccurrentversion is a problem, and the last version is current', async () => {
    const fs = memoryFs({
      '/B.xcdatamodeld/A.xcdatamodel/contents': '<model/>',
      '/B.xcdatamodeld/Z.xcdatamodel/contents': '<model/>',
      '/B.xcdatamodeld/.xccurrentversion': new Error('EACCES'),
    });
    assert.deepEqual(await bundleVersions(fs, '/B.xcdatamodeld'),
      { versions: ['A.xcdatamodel', 'Z.xcdatamodel'], current: 'Z.xcdatamodel', plistProblem: '.xccurrentversion cannot be read' });
  });

  it('the plist picks the current version', async () => {
    const fs = memoryFs({
      '/B.xcdatamodeld/A.xcdatamodel/contents': '<model/>',
      '/B.xcdatamodeld/Z.xcdatamodel/contents': '<model/>',
      '/B.xcdatamodeld/.xccurrentversion': PLIST('A.xcdatamodel'),
    });
    assert.deepEqual(await bundleVersions(fs, '/B.xcdatamodeld'), { versions: ['A.xcdatamodel', 'Z.xcdatamodel'], current: 'A.xcdatamodel' });
  });

  describe('resolveModel', () => {
    const fs = memoryFs({
      '/p/B.xcdatamodeld/A.xcdatamodel/contents': '<model/>',
      '/p/B.xcdatamodeld/Z.xcdatamodel/contents': '<model/>',
      '/p/B.xcdatamodeld/.xccurrentversion': PLIST('A.xcdatamodel'),
      '/p/Lone.xcdatamodel/contents': '<model/>',
      '/p/NoContents.xcdatamodel/other': 'x',
      '/p/notes.txt': 'x',
      '/p/folder/x': 'x',
    });
    const show = (l: string) => l;
    const NOT_A_MODEL = 'is not a model: expected a .xcdatamodel/contents file, an .xcdatamodel or an .xcdatamodeld folder';

    it('a contents file in a bundle: its version, current or not', async () => {
      assert.deepEqual(await resolveModel(fs, '/p/B.xcdatamodeld/Z.xcdatamodel/contents', show),
        { model: { contents: '/p/B.xcdatamodeld/Z.xcdatamodel/contents', bundle: '/p/B.xcdatamodeld', versionName: 'Z.xcdatamodel', current: false } });
      assert.deepEqual(await resolveModel(fs, '/p/B.xcdatamodeld/A.xcdatamodel/contents', show),
        { model: { contents: '/p/B.xcdatamodeld/A.xcdatamodel/contents', bundle: '/p/B.xcdatamodeld', versionName: 'A.xcdatamodel', current: true } });
    });

    it('a file not named contents is not a model', async () => {
      assert.deepEqual(await resolveModel(fs, '/p/notes.txt', show), { error: `'/p/notes.txt' ${NOT_A_MODEL}` });
    });

    it('an .xcdatamodel folder: its contents, current outside a bundle; an error without contents', async () => {
      assert.deepEqual(await resolveModel(fs, '/p/Lone.xcdatamodel', show), { model: { contents: '/p/Lone.xcdatamodel/contents', current: true } });
      assert.deepEqual(await resolveModel(fs, '/p/B.xcdatamodeld/Z.xcdatamodel', show),
        { model: { contents: '/p/B.xcdatamodeld/Z.xcdatamodel/contents', bundle: '/p/B.xcdatamodeld', versionName: 'Z.xcdatamodel', current: false } });
      assert.deepEqual(await resolveModel(fs, '/p/NoContents.xcdatamodel', show), { error: "'/p/NoContents.xcdatamodel' has no contents file" });
      assert.deepEqual(await resolveModel(fs, '/p/Gone.xcdatamodel', show), { error: "no such file or folder: '/p/Gone.xcdatamodel'" });
    });

    it('a bundle: the asked version when present, else the current one; another folder is not a model', async () => {
      assert.deepEqual(await resolveModel(fs, '/p/B.xcdatamodeld', show, 'Z.xcdatamodel'),
        { model: { contents: '/p/B.xcdatamodeld/Z.xcdatamodel/contents', bundle: '/p/B.xcdatamodeld', versionName: 'Z.xcdatamodel', current: false } });
      assert.deepEqual(await resolveModel(fs, '/p/B.xcdatamodeld', show, 'Nope.xcdatamodel'),
        { model: { contents: '/p/B.xcdatamodeld/A.xcdatamodel/contents', bundle: '/p/B.xcdatamodeld', versionName: 'A.xcdatamodel', current: true } });
      assert.deepEqual(await resolveModel(fs, '/p/folder', show), { error: `'/p/folder' ${NOT_A_MODEL}` });
    });

    it('versionOfContents: a bare contents file is current and has no bundle', async () => {
      assert.deepEqual(await versionOfContents(memoryFs({ '/p/x/contents': '' }), '/p/x/contents'), { contents: '/p/x/contents', current: true });
      assert.deepEqual(await versionOfContents(memoryFs({ '/p/M.xcdatamodel/contents': '' }), '/p/M.xcdatamodel/contents'), { contents: '/p/M.xcdatamodel/contents', current: true });
    });
  });
});
