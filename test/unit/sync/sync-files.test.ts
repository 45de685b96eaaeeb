import assert from 'node:assert/strict';
import path from 'node:path';
import type { DirEntry, FileAccess } from '../../../src/core/model/file-access';
import { MAX_SETUP_LENGTH, mayHoldSetup, setupFilesFor, setupRootOf } from '../../../src/core/model/sync-files';
import { syncPlanFromSwift } from '../../../src/core/model/sync-read';
import type { SwiftParser } from '../../../src/core/swift/syntax-node';
import { swiftParser } from '../../helpers/swift';

/**
 * Where "which models sync" looks for setup code (sync-files.ts) and which files it parses (sync-read.ts),
 * over an in-memory file tree written by us: the project root search, the `limit` folder, the size and text
 * filters.
 */

/** A file tree from `{ '/a/b.swift': text }`; folders are implied; listing an unknown folder rejects. */
function memoryFs(files: Record<string, string>, unreadable: readonly string[] = []): FileAccess<string> {
  const dirs = new Map<string, Map<string, DirEntry>>();
  const add = (dir: string, e: DirEntry) => {
    if (!dirs.has(dir)) dirs.set(dir, new Map());
    dirs.get(dir)!.set(e.name, e);
  };
  for (const p of Object.keys(files)) {
    let child = p;
    let kind: DirEntry['kind'] = 'file';
    while (child !== '/') {
      const dir = path.posix.dirname(child);
      add(dir, { name: path.posix.basename(child), kind });
      kind = 'directory';
      child = dir;
    }
  }
  return {
    join: (dir, ...names) => path.posix.join(dir, ...names),
    basename: (p) => path.posix.basename(p),
    parent: (p) => path.posix.dirname(p),
    list: async (dir) => {
      const d = dirs.get(dir);
      if (!d || unreadable.includes(dir)) throw new Error(`no folder ${dir}`);
      return [...d.values()];
    },
    readText: async (p) => {
      if (!(p in files)) throw new Error(`no file ${p}`);
      return files[p];
    },
    stat: async () => undefined,
  };
}

const SETUP = 'let c = try ModelContainer(for: Item.self)';

describe('setup files: where the setup code of a model is looked for', () => {
  it('the nearest folder with Package.swift, an .xcodeproj or an .xcworkspace', async () => {
    const fs = memoryFs({
      '/r/Package.swift': '', '/r/app/Model.swift': '',
      '/x/App.xcodeproj/project.pbxproj': '', '/x/src/m/Model.swift': '',
      '/w/App.xcworkspace/contents.xcworkspacedata': '', '/w/Model.swift': '',
    });
    assert.equal(await setupRootOf(fs, '/r/app/Model.swift'), '/r');
    assert.equal(await setupRootOf(fs, '/x/src/m/Model.swift'), '/x');
    assert.equal(await setupRootOf(fs, '/w/Model.swift'), '/w');
  });

  it('a folder holding only other files is no root; the search stops at the file system root', async () => {
    const fs = memoryFs({ '/a/b/README.md': '', '/a/b/Model.swift': '', '/a/notes.txt': '' });
    assert.equal(await setupRootOf(fs, '/a/b/Model.swift'), undefined);
  });

  it('a folder that is only named like a marker is not matched in part (Package.swift.bak)', async () => {
    const fs = memoryFs({ '/a/Package.swift.bak': '', '/a/Model.swift': '' });
    assert.equal(await setupRootOf(fs, '/a/Model.swift'), undefined);
  });

  it('never above the limit folder; at the limit itself a marker still counts', async () => {
    const fs = memoryFs({ '/ws/Package.swift': '', '/ws/proj/sub/Model.swift': '' });
    assert.equal(await setupRootOf(fs, '/ws/proj/sub/Model.swift', '/ws/proj'), undefined);
    assert.equal(await setupRootOf(fs, '/ws/proj/sub/Model.swift', '/ws'), '/ws');
    assert.equal(await setupRootOf(fs, '/ws/proj/sub/Model.swift', '/elsewhere'), '/ws');
  });

  it('a folder that cannot be listed ends the search', async () => {
    const fs = memoryFs({ '/r/Package.swift': '', '/r/a/Model.swift': '' }, ['/r/a']);
    assert.equal(await setupRootOf(fs, '/r/a/Model.swift'), undefined);
  });

  it('twelve folders up at most', async () => {
    const deep = (n: number) => `/r/${Array.from({ length: n }, (_, i) => `d${i}`).join('/')}/Model.swift`;
    const files = { '/r/Package.swift': '', [deep(11)]: '', [deep(12)]: '' };
    const fs = memoryFs(files);
    assert.equal(await setupRootOf(fs, deep(11)), '/r', 'the root is the 12th folder up');
    assert.equal(await setupRootOf(fs, deep(12)), undefined, 'the root is the 13th folder up');
  });

  it('setup files: Swift files below the root that may set up a container, up to the size limit', async () => {
    const big = `${SETUP}\n//${'x'.repeat(MAX_SETUP_LENGTH - SETUP.length - 3)}`;
    assert.equal(big.length, MAX_SETUP_LENGTH);
    const fs = memoryFs({
      '/r/Package.swift': '', '/r/Model.swift': '@Model final class Item {}',
      '/r/App.swift': SETUP, '/r/Big.swift': big, '/r/TooBig.swift': `${big}x`, '/r/Notes.swift': 'let x = 1',
    });
    const got = await setupFilesFor(fs, '/r/Model.swift');
    assert.deepEqual(got.map((f) => f.at), ['/r/App.swift', '/r/Big.swift']);
    assert.equal(got[0].text, SETUP);
    assert.deepEqual(await setupFilesFor(memoryFs({ '/a/App.swift': SETUP, '/a/Model.swift': '' }), '/a/Model.swift'), [], 'no root: no files');
  });

  it('the cheap text test: the container and configuration APIs by whole name', () => {
    assert.deepEqual(
      [
        'NSPersistentContainer(name: "M")', 'NSPersistentCloudKitContainer(name: "M")', 'ModelConfiguration()', 'ModelContainer(for: A.self)',
        '.modelContainer(for: A.self)', '.modelContainer (for: A.self)', '.modelContainer\n(for: A.self)',
        'NSPersistentContainers', 'ModelConfigurations', 'ModelContainerX', '.modelContainerFor(x)', 'modelContainer = x',
      ].map(mayHoldSetup),
      [true, true, true, true, true, true, true, false, false, false, false, false],
    );
  });
});

describe('sync read: which setup files are parsed', () => {
  it('files over the size limit or without setup calls are not parsed; every parsed tree is released', async () => {
    const real = await swiftParser();
    let parsed = 0;
    let deleted = 0;
    const counting: SwiftParser = {
      parse: (text: string) => {
        parsed++;
        const tree = real.parse(text);
        return { rootNode: tree.rootNode, delete: () => { deleted++; tree.delete(); } } as ReturnType<SwiftParser['parse']>;
      },
    } as SwiftParser;
    const atLimit = `${SETUP}\n//${'x'.repeat(MAX_SETUP_LENGTH - SETUP.length - 3)}`;
    const plan = syncPlanFromSwift([
      { path: 'Small.swift', text: SETUP },
      { path: 'AtLimit.swift', text: atLimit },
      { path: 'OverLimit.swift', text: `${atLimit}x` },
      { path: 'Other.swift', text: 'let x = 1' },
    ], counting);
    assert.deepEqual(plan.entries.map((e) => e.file), ['Small.swift', 'AtLimit.swift']);
    assert.equal(parsed, 2);
    assert.equal(deleted, 2);
  });
});
