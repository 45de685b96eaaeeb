import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import plistOracle from 'plist';
import { expand } from '../../../src/core/project/build-settings';
import { runProjectChecks } from '../../../src/core/project';
import { readXcodeProject } from '../../../src/core/project/pbxproj';
import { conflictMarkers, PbxprojLocator } from '../../../src/core/project/pbxproj-locator';
import { decodePlistBytes, plistValue, readPlist, type PlistArray, type PlistDict } from '../../../src/core/project/plist';
import { addArrayString, addDictEntry } from '../../../src/core/project/plist-edits';
import type { Setting } from '../../../src/core/project/model';
import { corpusPath } from '../../helpers/paths';
import { bigPbxproj } from './big-pbxproj';
import { entitlements, pbxproj, plist, text } from './fixtures';

const corpusFiles = (ext: RegExp) => fs.readdirSync(corpusPath('project-config')).filter((f) => ext.test(f)).map((f) => path.join(corpusPath('project-config'), f));

describe('project readers', () => {
  it('reads every corpus plist like the `plist` package does, with spans that hold each key', () => {
    const files = corpusFiles(/\.(plist|entitlements)$/);
    assert.ok(files.length >= 20);
    for (const f of files) {
      const t = fs.readFileSync(f, 'utf8');
      const doc = readPlist(t);
      assert.deepEqual(doc.problems, [], f);
      assert.deepEqual(plistValue(doc.root), JSON.parse(JSON.stringify(plistOracle.parse(t))), f);
      if (doc.root?.kind === 'dict') for (const e of doc.root.entries) assert.equal(t.slice(e.keySpan.start, e.keySpan.end), `<key>${e.key}</key>`, f);
    }
  });

  it('reports binary, UTF-16 and malformed plists instead of throwing', () => {
    const binary = decodePlistBytes(new Uint8Array([...Buffer.from('bplist00'), 0xd1, 0x01, 0x02]));
    assert.match(binary.problem!.message, /binary property list.*plutil -convert xml1/);
    assert.match(decodePlistBytes(new Uint8Array([0xff, 0xfe, 0x3c, 0x00])).problem!.message, /UTF-16/);
    const broken = readPlist('<plist><dict><key>a</key><string>x</dict></plist>');
    assert.equal(broken.problems[0].severity, 'error');
    assert.match(broken.problems[0].message, /Not a well-formed XML property list/);
    assert.match(readPlist('<plist><dict><key>a</key></dict></plist>').problems[0].message, /Key "a" has no value/);
    // A binary entitlements file in a project: a warning on that file, the rest still checked.
    const files = [
      text('A.xcodeproj/project.pbxproj', pbxproj([{ name: 'A', settings: { Debug: { CODE_SIGN_ENTITLEMENTS: 'A/A.entitlements' } } }], { Debug: {} })),
      { path: 'A/A.entitlements', bytes: new Uint8Array([...Buffer.from('bplist00'), 0, 1, 2]) },
    ];
    const r = runProjectChecks(files, undefined);
    assert.deepEqual(r.findings.map((f) => [f.file, f.ruleId, f.severity]), [['A/A.entitlements', 'project', 'warning']]);
  });

  it('plist edits keep the file and its indentation (tabs, spaces, empty arrays)', () => {
    const spaces = '<plist version="1.0">\n<dict>\n    <key>a</key>\n    <array>\n        <string>x</string>\n    </array>\n</dict>\n</plist>\n';
    const doc = readPlist(spaces);
    const arr = (doc.root as PlistDict).entries[0].value as PlistArray;
    const e = addArrayString(spaces, arr, 'y&z');
    const out = spaces.slice(0, e.span.start) + e.newText + spaces.slice(e.span.end);
    assert.equal(out, spaces.replace('        <string>x</string>\n', '        <string>x</string>\n        <string>y&amp;z</string>\n'));
    const empty = '<plist version="1.0">\n<dict>\n\t<key>a</key>\n\t<array/>\n</dict>\n</plist>\n';
    const d2 = readPlist(empty);
    const e2 = addArrayString(empty, (d2.root as PlistDict).entries[0].value as PlistArray, 'v');
    assert.deepEqual(plistValue(readPlist(empty.slice(0, e2.span.start) + e2.newText + empty.slice(e2.span.end)).root), { a: ['v'] });
    const e3 = addDictEntry(empty, d2.root as PlistDict, 'k', ['<true/>']);
    assert.deepEqual(plistValue(readPlist(empty.slice(0, e3.span.start) + e3.newText + empty.slice(e3.span.end)).root), { a: [], k: true });
  });

  it('the pbxproj locator finds objects and settings (quoted SDK-conditional keys, braces inside strings)', () => {
    const t = [
      '{', '\tobjects = {',
      '\t\tAA /* Debug */ = {', '\t\t\tisa = XCBuildConfiguration;', '\t\t\tbuildSettings = {',
      '\t\t\t\tOTHER = "a } b";', '\t\t\t\t"INFOPLIST_KEY_X[sdk=iphoneos*]" = YES;', '\t\t\t\tCODE_SIGN_ENTITLEMENTS = App/App.entitlements;',
      '\t\t\t};', '\t\t\tname = Debug;', '\t\t};', '\t};', '}', '',
    ].join('\n');
    const loc = new PbxprojLocator(t);
    const obj = loc.objectSpan('AA')!;
    assert.ok(t.slice(obj.start, obj.end).startsWith('AA /* Debug */ = {') && t.slice(obj.start, obj.end).endsWith('};'.slice(0, 1)));
    const s = loc.settingSpan('AA', 'CODE_SIGN_ENTITLEMENTS')!;
    assert.equal(t.slice(s.start, s.end), 'CODE_SIGN_ENTITLEMENTS = App/App.entitlements;');
    const q = loc.settingSpan('AA', 'INFOPLIST_KEY_X[sdk=iphoneos*]')!;
    assert.equal(t.slice(q.start, q.end), '"INFOPLIST_KEY_X[sdk=iphoneos*]" = YES;');
    assert.equal(loc.settingSpan('AA', 'MISSING'), undefined);
    assert.equal(loc.objectSpan('BB'), undefined);
  });

  it('a pbxproj with merge-conflict markers: one error on the first marker, no targets, no edit', () => {
    const base = pbxproj([{ name: 'A', settings: { Debug: { CODE_SIGN_ENTITLEMENTS: 'A/A.entitlements' } } }], { Debug: {} });
    const lines = base.split('\n');
    const at = lines.findIndex((l) => l.includes('CODE_SIGN_ENTITLEMENTS'));
    lines.splice(at, 1, '<<<<<<< HEAD', lines[at], '=======', lines[at].replace('A.entitlements', 'B.entitlements'), '>>>>>>> feature');
    const conflicted = lines.join('\n');
    assert.equal(conflictMarkers(conflicted).length, 3);
    const p = readXcodeProject(conflicted, 'A.xcodeproj/project.pbxproj');
    assert.equal(p.targets.length, 0);
    assert.equal(p.problems.length, 1);
    assert.match(p.problems[0].message, /3 git merge-conflict marker/);
    assert.equal(conflicted.slice(p.problems[0].span.start, p.problems[0].span.end), '<<<<<<< HEAD');
  });

  it('a truncated pbxproj is one error at the line the parser stopped', () => {
    const base = pbxproj([{ name: 'A', settings: { Debug: {} } }], { Debug: {} });
    const p = readXcodeProject(base.slice(0, Math.floor(base.length / 2)), 'A.xcodeproj/project.pbxproj');
    assert.equal(p.problems.length, 1);
    assert.match(p.problems[0].message, /Not a readable project\.pbxproj/);
  });

  it('reads a 5 MB pbxproj in bounded time with every target and file membership', function () {
    this.timeout(30_000);
    const big = bigPbxproj(5 * 1024 * 1024);
    assert.ok(big.text.length >= 5 * 1024 * 1024);
    const t0 = Date.now();
    const p = readXcodeProject(big.text, 'Big.xcodeproj/project.pbxproj');
    const ms = Date.now() - t0;
    assert.deepEqual(p.problems, []);
    assert.equal(p.targets.length, 2);
    assert.equal(p.targets[0].sources.files.length, big.files);
    assert.ok(p.targets[0].configurations[0].settings.get('CODE_SIGN_ENTITLEMENTS')?.at, 'setting located');
    assert.ok(ms < 15_000, `read in ${ms} ms`);
  });

  it('resolves $(VAR) and ${VAR} across levels, reports unresolvable ones, and stops on cycles', () => {
    const s = new Map<string, Setting>([['A', { raw: '$(B)-x' }], ['B', { raw: '${C}' }], ['C', { raw: 'c' }], ['LOOP', { raw: '$(LOOP)' }]]);
    assert.deepEqual(expand('$(A)/$(TeamIdentifierPrefix)', s), { value: 'c-x/$(TeamIdentifierPrefix)', unresolved: ['TeamIdentifierPrefix'] });
    assert.deepEqual(expand('$(LOOP)', s).unresolved, ['LOOP']);
    const files = [
      text('A.xcodeproj/project.pbxproj', pbxproj([{ name: 'A', settings: { Debug: { CODE_SIGN_ENTITLEMENTS: '$(ENT_DIR)/A.entitlements' }, Release: { CODE_SIGN_ENTITLEMENTS: 'A/Missing.entitlements' } } }])),
      text('A/A.entitlements', entitlements({ services: ['CloudKit'], containers: ['iCloud.a'] })),
      text('A/Info.plist', plist({})),
    ];
    const r = runProjectChecks(files, undefined);
    const msgs = r.findings.filter((f) => f.ruleId === 'project').map((f) => f.message);
    assert.equal(msgs.length, 2);
    assert.match(msgs.join('\n'), /\$\(ENT_DIR\) is not defined in the project/);
    assert.match(msgs.join('\n'), /names A\/Missing\.entitlements .*which is not in the workspace/);
    for (const f of r.findings.filter((x) => x.ruleId === 'project')) assert.equal(f.file, 'A.xcodeproj/project.pbxproj');
  });
});
