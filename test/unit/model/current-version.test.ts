import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type * as vscode from 'vscode';
import { isCurrentVersion, resolveModelContents } from '../../../src/cli/modelPath';
import { nodeFileAccess } from '../../../src/cli/node-file-access';
import { bundleVersions, resolveModel, versionOfContents } from '../../../src/core/model/versions/current-version';
import { createWorkspaceFileAccess, type WorkspaceFsApi } from '../../../src/extension/common/workspace-file-access';
import { writeModelBundles } from '../../helpers/model-bundles';

/**
 * A stand-in for `vscode.workspace.fs` over the disk, typed the way VS Code's disk provider types
 * entries: a link is `SymbolicLink | <its target's kind>`, a dangling link `SymbolicLink` alone
 * (`bareLinks` reports every link that way, as some providers do). URIs are `{ path }`.
 */
const FileType = { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 };
type FakeUri = { readonly path: string };
function fakeWorkspaceFs(bareLinks: boolean): WorkspaceFsApi {
  const typeOf = (p: string): number => {
    const l = fs.lstatSync(p);
    let target = 0;
    try { const s = fs.statSync(p); target = s.isDirectory() ? FileType.Directory : s.isFile() ? FileType.File : 0; } catch { /* dangling */ }
    if (!l.isSymbolicLink()) return target;
    return bareLinks ? FileType.SymbolicLink : FileType.SymbolicLink | target;
  };
  const api = {
    FileType,
    joinPath: (base: FakeUri, ...segs: string[]) => ({ path: path.posix.join(base.path, ...segs) }),
    fs: {
      readDirectory: async (u: FakeUri) => fs.readdirSync(u.path).map((n) => [n, typeOf(path.join(u.path, n))] as [string, number]),
      readFile: async (u: FakeUri) => new Uint8Array(fs.readFileSync(u.path)),
      stat: async (u: FakeUri) => { const s = fs.statSync(u.path); return { type: s.isDirectory() ? FileType.Directory : FileType.File, size: s.size, ctime: 0, mtime: 0 }; },
    },
  };
  return api as unknown as WorkspaceFsApi;
}

describe('current version: one resolver, the CLI and the extension agree', () => {
  const { root, cases } = writeModelBundles();
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('the CLI path (node:fs) resolves each bundle to its current version', async () => {
    for (const c of cases) {
      const r = await resolveModelContents(c.bundle);
      assert.equal(r.versionName, c.expected, `${path.basename(c.bundle)}: ${c.why}`);
      assert.equal(r.contentsPath, path.join(c.bundle, c.expected, 'contents'));
      assert.equal(await isCurrentVersion(r.contentsPath), true);
    }
  });

  for (const bareLinks of [false, true]) {
    it(`the extension path (workspace.fs${bareLinks ? ', links reported bare' : ''}) agrees with the CLI on every bundle and version`, async () => {
      const access = createWorkspaceFileAccess(fakeWorkspaceFs(bareLinks));
      for (const c of cases) {
        const uri = { path: c.bundle } as vscode.Uri;
        const ext = await resolveModel(access, uri, (u) => u.path);
        const cli = await resolveModelContents(c.bundle);
        assert.equal(ext.model?.versionName, cli.versionName, `${path.basename(c.bundle)}: ${c.why}`);
        assert.equal(ext.model?.contents.path, cli.contentsPath);
        // Every version folder: both sides say the same about "is it current?".
        const { versions } = await bundleVersions(access, uri);
        assert.ok(versions.length >= 2, path.basename(c.bundle));
        for (const v of versions) {
          const contents = path.join(c.bundle, v, 'contents');
          const viaExt = (await versionOfContents(access, { path: contents } as vscode.Uri)).current;
          assert.equal(viaExt, await isCurrentVersion(contents), `${path.basename(c.bundle)}/${v}`);
          assert.equal(viaExt, v === c.expected, `${path.basename(c.bundle)}/${v}`);
        }
      }
    });
  }

  it('both paths list the same versions, the symlinked one included and the empty one left out', async () => {
    const access = createWorkspaceFileAccess(fakeWorkspaceFs(false));
    for (const c of cases) {
      const a = await bundleVersions(access, { path: c.bundle } as vscode.Uri);
      const b = await bundleVersions(nodeFileAccess, c.bundle);
      assert.deepEqual(a, b, path.basename(c.bundle));
    }
    const linked = cases.find((c) => c.bundle.endsWith('Linked.xcdatamodeld'))!;
    assert.deepEqual((await bundleVersions(nodeFileAccess, linked.bundle)).versions, ['Model.xcdatamodel', 'Model 2.xcdatamodel']);
    const stale = cases.find((c) => c.bundle.endsWith('Stale.xcdatamodeld'))!;
    const s = await bundleVersions(nodeFileAccess, stale.bundle);
    assert.deepEqual(s.versions, ['Model.xcdatamodel', 'Model 2.xcdatamodel']);
    assert.match(s.plistProblem!, /Model 9/);
  });

  it('reports what is not a model, on both paths alike', async () => {
    const access = createWorkspaceFileAccess(fakeWorkspaceFs(false));
    const empty = path.join(root, 'Empty.xcdatamodeld');
    fs.mkdirSync(empty);
    for (const p of [empty, path.join(root, 'missing.xcdatamodeld'), root]) {
      const ext = await resolveModel(access, { path: p } as vscode.Uri, (u) => u.path);
      await assert.rejects(resolveModelContents(p), (e: Error) => e.message === ext.error);
      assert.ok(ext.error && !ext.model, p);
    }
  });
});
