import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../helpers/paths';
import { removeFixtureTree, writeFixtureTree } from './fixture-tree';

const SCRIPT = path.join(REPO_ROOT, 'scripts', 'check-file-names.mjs');

function check(root: string) {
  return spawnSync(process.execPath, [SCRIPT, '--root', root], { encoding: 'utf8', timeout: 20_000 });
}

describe('house rules: kebab-case file names (scripts/check-file-names.mjs)', () => {
  let root = '';
  beforeEach(() => {
    root = writeFixtureTree('ckdev-names-', {
      'src/core/model-spec.ts': '',
      'src/core/rules/CK004-relationship-inverse.ts': '',
      'src/core/lint.test.ts': '',
      'webview/css.d.ts': '',
      'webview/styles.css': '',
      'src/oldName.ts': '',
      'src/oldFolder/inner.ts': '',
      'scripts/file-name-exceptions.txt': '# listed before the rule\nsrc/oldName.ts\nsrc/oldFolder\n',
      'test/notChecked.ts': '',
    });
  });
  afterEach(() => removeFixtureTree(root));

  it('passes kebab-case names, rule-code prefixes and listed exceptions', () => {
    const r = check(root);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /2 known exception\(s\) left/);
  });

  it('fails on each new camelCase or PascalCase file or folder, naming only those', () => {
    fs.writeFileSync(path.join(root, 'src/core/newThing.ts'), '');
    fs.mkdirSync(path.join(root, 'webview/NewPanel'));
    fs.writeFileSync(path.join(root, 'webview/NewPanel/view.ts'), '');
    fs.writeFileSync(path.join(root, 'src/oldFolder/badInner.ts'), '');
    const r = check(root);
    assert.equal(r.status, 1);
    const named = r.stderr.split('\n').filter((l) => l.includes('not kebab-case')).map((l) => l.split(':')[0]).sort();
    assert.deepEqual(named, ['src/core/newThing.ts', 'src/oldFolder/badInner.ts', 'webview/NewPanel']);
  });

  it('notes an exception whose file was renamed, so the list can shrink', () => {
    fs.renameSync(path.join(root, 'src/oldName.ts'), path.join(root, 'src/old-name.ts'));
    const r = check(root);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /src\/oldName\.ts is in scripts\/file-name-exceptions\.txt but is no longer a badly named file/);
  });
});
