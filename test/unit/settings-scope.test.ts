import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

// Found in a real VS Code (scripts/screenshots.mjs): the extension reads the cloudkit.lint.* settings for
// each model file, but they were window-scoped, so the extension host logged "Accessing a window scoped
// configuration for a resource is not expected" for every read (111 lines for the examples); the
// resource-scoped cloudkit.schema.* settings were read without a resource (the reverse warning).
describe('settings scopes (package.json vs how the extension reads them)', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const props = pkg.contributes.configuration.properties as Record<string, { scope?: string }>;
  const source = (rel: string) => fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8');

  it('the cloudkit.lint.* settings, read per model file, are resource-scoped', () => {
    const lint = Object.keys(props).filter((k) => k.startsWith('cloudkit.lint.'));
    assert.ok(lint.length >= 4, lint.join(', '));
    for (const k of lint) assert.equal(props[k].scope, 'resource', k);
    assert.match(source('src/extension/modelLinting/settings.ts'), /getConfiguration\('cloudkit\.lint', scope\)/);
  });

  it('the resource-scoped cloudkit.schema.* settings are read for a folder, never without a resource', () => {
    assert.equal(props['cloudkit.schema.development'].scope, 'resource');
    assert.equal(props['cloudkit.schema.production'].scope, 'resource');
    for (const f of ['src/extension/deploy/index.ts', 'src/extension/deploy/inputs.ts', 'src/extension/deploy/tasks.ts',
      'src/extension/typescript/registerTypeScriptModels.ts']) {
      assert.doesNotMatch(source(f), /getConfiguration\('cloudkit\.(schema|lint)'\)/, f);
    }
  });
});
