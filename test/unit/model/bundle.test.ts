import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { compareVersionNames, currentVersionOf, demoteForNonCurrentVersion, readCurrentVersionPlist, versionInfoOfContentsPath } from '../../../src/core/model/bundle';
import type { Finding } from '../../../src/core/findings';
import { corpusPath } from '../../helpers/paths';

describe('model/bundle', () => {
  it('reads every .xccurrentversion of the corpus', () => {
    const dir = corpusPath('xccurrentversion');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.plist'));
    assert.ok(files.length > 10);
    for (const f of files) {
      const r = readCurrentVersionPlist(fs.readFileSync(path.join(dir, f), 'utf8'));
      // One real bundle (CoreStore's EvolutionDemo) has an empty <dict/>: reported, then the fallback applies.
      if (r.name === undefined) assert.match(r.problem!, /no _XCCurrentVersionName/, f);
      else assert.match(r.name, /\.xcdatamodel$/, f);
    }
  });

  it('reports a broken or keyless plist instead of throwing', () => {
    assert.match(readCurrentVersionPlist('<plist><dict>').problem!, /malformed/);
    assert.match(readCurrentVersionPlist('<plist version="1.0"><dict><key>Other</key><string>x</string></dict></plist>').problem!, /no _XCCurrentVersionName/);
    assert.equal(readCurrentVersionPlist('<plist version="1.0"><dict><key>_XCCurrentVersionName</key><string>Model 2.xcdatamodel</string></dict></plist>').name, 'Model 2.xcdatamodel');
  });

  it('picks the plist\'s version, else the only one, else the last by name', () => {
    const v = ['Model.xcdatamodel', 'Model 2.xcdatamodel', 'Model 10.xcdatamodel'];
    assert.equal(currentVersionOf(v, 'Model 2.xcdatamodel'), 'Model 2.xcdatamodel');
    assert.equal(currentVersionOf(v, undefined), 'Model 10.xcdatamodel');
    assert.equal(currentVersionOf(v, 'Gone.xcdatamodel'), 'Model 10.xcdatamodel');
    assert.equal(currentVersionOf(['Only.xcdatamodel'], undefined), 'Only.xcdatamodel');
    assert.equal(currentVersionOf([], undefined), undefined);
    assert.ok(compareVersionNames('Model 9.xcdatamodel', 'Model 10.xcdatamodel') < 0);
  });

  it('lowers non-current findings to the configured severity, keeps syntax errors', () => {
    const f = (ruleId: string, severity: Finding['severity']): Finding => ({ ruleId, severity, message: '', span: { start: 0, end: 0 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    const list = [f('CK002', 'error'), f('CK007', 'warning'), f('CK017', 'info'), f('syntax', 'error')];
    assert.deepEqual(demoteForNonCurrentVersion(list, 'info').map((x) => x.severity), ['info', 'info', 'info', 'error']);
    assert.deepEqual(demoteForNonCurrentVersion(list, 'warning').map((x) => x.severity), ['warning', 'warning', 'info', 'error']);
    assert.deepEqual(demoteForNonCurrentVersion(list, 'off').map((x) => x.ruleId), ['syntax']);
  });

  it('splits contents paths into bundle and version', () => {
    assert.deepEqual(versionInfoOfContentsPath('/a/App.xcdatamodeld/App 2.xcdatamodel/contents'),
      { versionDir: '/a/App.xcdatamodeld/App 2.xcdatamodel', versionName: 'App 2.xcdatamodel', bundleDir: '/a/App.xcdatamodeld' });
    assert.equal(versionInfoOfContentsPath('C:\\p\\M.xcdatamodel\\contents')!.bundleDir, undefined);
    assert.equal(versionInfoOfContentsPath('/a/contents.txt'), undefined);
  });
});
