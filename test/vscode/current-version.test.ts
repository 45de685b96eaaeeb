import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { isCurrentVersion, resolveModelContents } from '../../src/cli/modelPath';
import { CurrentVersions } from '../../src/extension/common/current-versions';
import { writeModelBundles } from '../helpers/model-bundles';

/**
 * The extension's current-version service over the real `vscode.workspace.fs` (symlinks as VS Code
 * reports them) agrees with the CLI's `node:fs` path on the same bundles, written by the test.
 */
describe('current version in a real VS Code: the extension agrees with the CLI', () => {
  const { root, cases } = writeModelBundles();
  const service = new CurrentVersions();
  after(() => { service.dispose(); fs.rmSync(root, { recursive: true, force: true }); });

  it('resolves each bundle to the version the CLI resolves, a symlinked one and a bundle without .xccurrentversion included', async () => {
    for (const c of cases) {
      const cli = await resolveModelContents(c.bundle);
      const ext = await service.resolve(vscode.Uri.file(c.bundle));
      assert.equal(cli.versionName, c.expected, `${path.basename(c.bundle)}: ${c.why}`);
      assert.equal(ext.model?.versionName, cli.versionName, `${path.basename(c.bundle)}: ${c.why}`);
      assert.equal(ext.model?.contents.fsPath, cli.contentsPath);
      const { versions, current } = await service.versionsOf(vscode.Uri.file(c.bundle));
      assert.equal(current, c.expected);
      for (const v of versions) {
        const contents = path.join(c.bundle, v, 'contents');
        assert.equal(await service.isCurrent(vscode.Uri.file(contents)), await isCurrentVersion(contents), `${path.basename(c.bundle)}/${v}`);
      }
    }
  });
});
