import assert from 'node:assert/strict';
import type { ProjectModel, ProjectTarget, Setting } from '../../../src/core/project/model';
import { readXcodeGenProject } from '../../../src/core/project/xcodegen';

import { spanAfter } from './fixtures';
/**
 * The XcodeGen `project.yml` reader on its own (reference/project-config.md §1): the project name,
 * `configs:`, flat and structured (`base` / `configs` / `groups`) settings at project and target level,
 * `entitlements:` / `info:` `{path, properties}`, platforms, product types, sources, dependencies, and YAML
 * errors. Every spec is a small text written by us; expected spans are found with `indexOf` in the text.
 */
const FILE = 'Spec/project.yml';
const read = (lines: readonly string[], file = FILE): ProjectModel => readXcodeGenProject(lines.join('\n'), file);

const ref = (text: string, needle: string, after = '') => ({ file: FILE, span: spanAfter(text, needle, after) });
/** A setting written from `key` (its first occurrence) to the first `value` after it. */
const setting = (text: string, raw: string, key: string, value: string): Setting => {
  const start = spanAfter(text, key).start;
  const v = text.indexOf(value, start);
  assert.ok(v >= 0, `value ${value}`);
  return { raw, at: { file: FILE, span: { start, end: v + value.length } } };
};
const only = (m: ProjectModel): ProjectTarget => {
  assert.equal(m.targets.length, 1);
  return m.targets[0];
};
const settingsOf = (t: ProjectTarget, config = 'Debug') => t.configurations.find((c) => c.name === config)?.settings;

describe('project: XcodeGen project.yml reader', () => {
  it('a minimal target: every field of the model, the target key as its place, Debug and Release by default', () => {
    const text = 'name: Notes\ntargets:\n  Notes:\n    type: application\n    platform: iOS\n    sources: [Notes]\n';
    const at = ref(text, 'Notes', 'targets:');
    assert.deepEqual(readXcodeGenProject(text, FILE), {
      kind: 'xcodegen', file: FILE, rootDir: 'Spec', name: 'Notes', problems: [],
      targets: [{
        name: 'Notes', kind: 'application', productType: 'application', platform: 'ios', at,
        configurations: [{ name: 'Debug', settings: new Map(), at }, { name: 'Release', settings: new Map(), at }],
        sources: { files: [], folders: [{ path: 'Spec/Notes', exclude: [] }] },
        dependencies: [], generatedFiles: [],
      }],
    });
  });

  it('a spec at the workspace root: rootDir is empty and paths stay relative', () => {
    const m = readXcodeGenProject('targets:\n  A:\n    sources: Src\n', 'project.yml');
    assert.equal(m.rootDir, '');
    assert.deepEqual(m.targets[0].sources.folders, [{ path: 'Src', exclude: [] }]);
  });

  it('the project name: `project` when missing, null or not a scalar; a number as its text', () => {
    assert.equal(read(['targets: {}']).name, 'project');
    assert.equal(read(['name:', 'targets: {}']).name, 'project');
    assert.equal(read(['name: [A]']).name, 'project');
    assert.equal(read(['name: {a: b}']).name, 'project');
    assert.equal(read(['name: 12']).name, '12');
  });

  it('duplicate keys are not an error (XcodeGen accepts them); the first one is read', () => {
    const m = read(['name: A', 'name: B']);
    assert.deepEqual(m.problems, []);
    assert.equal(m.name, 'A');
  });

  it('a spec that is not a mapping: one error at the start, no targets, the default name', () => {
    for (const text of ['', '- a\n- b\n', 'just text', '# only a comment\n']) {
      assert.deepEqual(readXcodeGenProject(text, FILE), {
        kind: 'xcodegen', file: FILE, rootDir: 'Spec', name: 'project', targets: [],
        problems: [{ file: FILE, span: { start: 0, end: 0 }, severity: 'error', message: 'This XcodeGen spec is not a mapping.' }],
      }, JSON.stringify(text));
    }
  });

  it('a YAML error: its first line after a fixed prefix, its range, no second "not a mapping" error', () => {
    const text = 'x: y: z\n';
    const m = readXcodeGenProject(text, FILE);
    assert.deepEqual(m.problems, [{ file: FILE, span: spanAfter(text, 'y'), severity: 'error', message: 'Not a readable XcodeGen spec: Nested mappings are not allowed in compact mappings' }]);
    // A lone quote: the root is not a mapping, and the YAML error is the only problem.
    assert.deepEqual(readXcodeGenProject('"', FILE).problems, [{ file: FILE, span: { start: 1, end: 1 }, severity: 'error', message: 'Not a readable XcodeGen spec: Missing closing "quote' }]);
  });

  it('a YAML error past the end of the text is clamped to the end', () => {
    // The yaml package reports [4, 5] for this 4-character text.
    assert.deepEqual(readXcodeGenProject('a: "', FILE).problems, [{ file: FILE, span: { start: 4, end: 4 }, severity: 'error', message: 'Not a readable XcodeGen spec: Missing closing "quote' }]);
  });

  it('at most five YAML errors, the first five in order; a mapping with errors still has its targets read', () => {
    const text = 'targets:\n  T: {}\n}\n}\n}\n}\n}\n}\n';
    const m = readXcodeGenProject(text, FILE);
    const braces = [...text.matchAll(/^\}/gm)].map((x) => x.index);
    assert.deepEqual(m.problems, braces.slice(0, 5).map((start) => ({ file: FILE, span: { start, end: start + 1 }, severity: 'error', message: 'Not a readable XcodeGen spec: Unexpected flow-map-end token in YAML stream: "}"' })));
    assert.deepEqual(m.targets.map((t) => t.name), ['T']);
  });

  it('configs: the names of a `configs:` mapping in order; a list is ignored (Debug, Release); an empty mapping gives none', () => {
    const names = (configs: string) => read([configs, 'targets:', '  A: {}']).targets[0].configurations.map((c) => c.name);
    assert.deepEqual(names('configs:\n  Dev: debug\n  Beta: release\n  Prod: release'), ['Dev', 'Beta', 'Prod']);
    assert.deepEqual(names('configs: [Dev, Prod]'), ['Debug', 'Release']);
    assert.deepEqual(names('configs: {}'), []);
    assert.deepEqual(names('configs: 3'), ['Debug', 'Release']);
  });

  it('configuration names are their text: a numeric key becomes a string', () => {
    assert.deepEqual(read(['configs:', '  1: debug', 'targets:', '  A: {}']).targets[0].configurations.map((c) => c.name), ['1']);
  });

  it('flat settings: string, number, boolean, empty and list values as text, spans from the key to the value', () => {
    const text = [
      'targets:',
      '  A:',
      '    settings:',
      '      S: plain',
      '      N: 5',
      '      B: true',
      '      E:',
      '      L: [-a, -b]',
      '      M: [x, {k: v}, 3]',
      '',
    ].join('\n');
    const t = only(readXcodeGenProject(text, FILE));
    const e = spanAfter(text, 'E:');
    assert.deepEqual(settingsOf(t), new Map<string, Setting>([
      ['S', setting(text, 'plain', 'S:', 'plain')],
      ['N', setting(text, '5', 'N:', '5')],
      ['B', setting(text, 'true', 'B:', 'true')],
      // An empty value ends where its key's colon is followed by nothing.
      ['E', { raw: '', at: { file: FILE, span: { start: e.start, end: e.end } } }],
      ['L', setting(text, '-a -b', 'L:', '[-a, -b]')],
      // A mapping inside a list stands for an empty word.
      ['M', setting(text, 'x  3', 'M:', '[x, {k: v}, 3]')],
    ]));
    assert.deepEqual(settingsOf(t, 'Release'), settingsOf(t, 'Debug'));
  });

  it('flat settings: a mapping value and a null key are skipped; settings that are not a mapping give none', () => {
    const t = only(read(['targets:', '  A:', '    settings:', '      MAP: {a: b}', '      ~: x', '      K: v']));
    assert.deepEqual([...settingsOf(t)!.keys()], ['K']);
    for (const s of ['settings: [A, B]', 'settings: A=1', 'settings:']) {
      assert.deepEqual(settingsOf(only(read(['targets:', '  A:', `    ${s}`]))), new Map(), s);
    }
  });

  it('structured settings: base for every configuration, configs by name ignoring case, others not applied', () => {
    const text = [
      'targets:',
      '  A:',
      '    settings:',
      '      base:',
      '        X: base',
      '        Y: base',
      '      configs:',
      '        debug:',
      '          Y: dbg',
      '        Other:',
      '          Z: other',
      '',
    ].join('\n');
    const t = only(readXcodeGenProject(text, FILE));
    const baseX = setting(text, 'base', 'X:', 'base');
    assert.deepEqual(settingsOf(t, 'Debug'), new Map([['X', baseX], ['Y', setting(text, 'dbg', 'Y: dbg', 'Y: dbg')]]));
    assert.deepEqual(settingsOf(t, 'Release'), new Map([['X', baseX], ['Y', setting(text, 'base', 'Y: base', 'Y: base')]]));
  });

  it('structured settings: any of base, configs or groups makes the other keys not settings', () => {
    const keys = (extra: string) => [...settingsOf(only(read(['targets:', '  A:', '    settings:', '      FLAT: 1', `      ${extra}`])))!.keys()];
    assert.deepEqual(keys('base: {B: 1}'), ['B']);
    assert.deepEqual(keys('configs: {Debug: {C: 1}}'), ['C']);
    // Setting groups are not followed [design]: nothing is guessed from them.
    assert.deepEqual(keys('groups: [shared]'), []);
    assert.deepEqual(keys('OTHER: 2'), ['FLAT', 'OTHER']);
  });

  it('structured settings: a base or configs entry that is not a mapping adds nothing', () => {
    const t = only(read(['targets:', '  A:', '    settings:', '      base: [X]', '      configs:', '        Debug: X=1', '        Release: {R: 1}']));
    assert.deepEqual(settingsOf(t, 'Debug'), new Map());
    assert.deepEqual([...settingsOf(t, 'Release')!.keys()], ['R']);
    const u = only(read(['targets:', '  A:', '    settings:', '      base: {B: 1}', '      configs: [Debug]']));
    assert.deepEqual([...settingsOf(u, 'Debug')!.keys()], ['B']);
  });

  it('project settings under target settings: the target wins, $(inherited) takes the project value', () => {
    const text = [
      'settings:',
      '  P: project',
      '  SHARED: project',
      '  FLAGS: -p',
      'targets:',
      '  A:',
      '    settings:',
      '      SHARED: target',
      '      FLAGS: $(inherited) -t',
      '',
    ].join('\n');
    const t = only(readXcodeGenProject(text, FILE));
    assert.deepEqual(settingsOf(t), new Map([
      ['P', setting(text, 'project', 'P:', 'project')],
      ['SHARED', setting(text, 'target', 'SHARED: target', 'SHARED: target')],
      ['FLAGS', setting(text, '-p -t', 'FLAGS: $', '-t')],
    ]));
  });

  it('project settings per configuration with structure', () => {
    const t = only(read(['settings:', '  base: {A: b}', '  configs:', '    Release: {A: r}', 'targets:', '  T: {}']));
    assert.equal(settingsOf(t, 'Debug')?.get('A')?.raw, 'b');
    assert.equal(settingsOf(t, 'Release')?.get('A')?.raw, 'r');
  });

  it('entitlements: and info: {path, properties}: generated files and the two settings they set', () => {
    const text = [
      'targets:',
      '  Notes:',
      '    entitlements:',
      '      path: Notes/Notes.entitlements',
      '      properties:',
      '        com.apple.developer.icloud-services: [CloudKit]',
      '        aps-environment: development',
      '    info:',
      '      path: ../Shared/Info.plist',
      '      properties:',
      '        UIBackgroundModes: [remote-notification]',
      '',
    ].join('\n');
    const t = only(readXcodeGenProject(text, FILE));
    assert.deepEqual(t.generatedFiles, [
      { role: 'entitlements', path: 'Spec/Notes/Notes.entitlements', keys: ['com.apple.developer.icloud-services', 'aps-environment'], at: ref(text, 'path', 'entitlements:') },
      { role: 'info', path: 'Shared/Info.plist', keys: ['UIBackgroundModes'], at: ref(text, 'path', 'info:') },
    ]);
    // The settings keep the path as written (relative to the spec folder, like SRCROOT).
    const expected = new Map<string, Setting>([
      ['CODE_SIGN_ENTITLEMENTS', { raw: 'Notes/Notes.entitlements', at: ref(text, 'Notes/Notes.entitlements') }],
      ['INFOPLIST_FILE', { raw: '../Shared/Info.plist', at: ref(text, '../Shared/Info.plist') }],
    ]);
    assert.deepEqual(settingsOf(t, 'Debug'), expected);
    assert.deepEqual(settingsOf(t, 'Release'), expected);
  });

  it('entitlements: without properties, or properties not a mapping: no keys', () => {
    const t = only(read(['targets:', '  A:', '    entitlements:', '      path: A.entitlements', '    info:', '      path: Info.plist', '      properties: [x]']));
    assert.deepEqual(t.generatedFiles?.map((g) => [g.role, g.path, g.keys]), [['entitlements', 'Spec/A.entitlements', []], ['info', 'Spec/Info.plist', []]]);
  });

  it('entitlements: as a string, without a path, or with a null path: nothing generated, no setting', () => {
    for (const spec of ['entitlements: A.entitlements', 'entitlements: {properties: {a: 1}}', 'entitlements: {path: }', 'info: [Info.plist]']) {
      const t = only(read(['targets:', '  A:', `    ${spec}`]));
      assert.deepEqual(t.generatedFiles, [], spec);
      assert.deepEqual(settingsOf(t), new Map(), spec);
    }
  });

  it('the entitlements path sits between the project and the target settings', () => {
    const text = [
      'settings:',
      '  CODE_SIGN_ENTITLEMENTS: project.entitlements',
      '  INFOPLIST_FILE: project.plist',
      'targets:',
      '  A:',
      '    entitlements: {path: spec.entitlements}',
      '    info: {path: spec.plist}',
      '    settings:',
      '      configs:',
      '        Release:',
      '          CODE_SIGN_ENTITLEMENTS: release.entitlements',
      '',
    ].join('\n');
    const t = only(readXcodeGenProject(text, FILE));
    assert.deepEqual(settingsOf(t, 'Debug'), new Map([
      ['CODE_SIGN_ENTITLEMENTS', { raw: 'spec.entitlements', at: ref(text, 'spec.entitlements') }],
      ['INFOPLIST_FILE', { raw: 'spec.plist', at: ref(text, 'spec.plist') }],
    ]));
    assert.deepEqual(settingsOf(t, 'Release')?.get('CODE_SIGN_ENTITLEMENTS'), setting(text, 'release.entitlements', 'CODE_SIGN_ENTITLEMENTS: release', 'release.entitlements'));
  });

  it('platforms: the five XcodeGen spellings in any case; anything else, a list or none is unknown', () => {
    const platform = (p: string) => only(read(['targets:', '  A:', `    ${p}`])).platform;
    assert.equal(platform('platform: iOS'), 'ios');
    assert.equal(platform('platform: macOS'), 'macos');
    assert.equal(platform('platform: watchOS'), 'watchos');
    assert.equal(platform('platform: tvOS'), 'tvos');
    assert.equal(platform('platform: visionOS'), 'visionos');
    assert.equal(platform('platform: IOS'), 'ios');
    assert.equal(platform('platform: Linux'), 'unknown');
    assert.equal(platform('platform: [iOS, macOS]'), 'unknown');
    assert.equal(platform('type: application'), 'unknown');
  });

  it('product types: as written, with their kind; missing is empty and other', () => {
    const target = (p: string) => only(read(['targets:', '  A:', `    ${p}`]));
    assert.deepEqual([target('type: app-extension')].map((t) => [t.productType, t.kind]), [['app-extension', 'app-extension']]);
    assert.deepEqual([target('type: bundle.unit-test')].map((t) => [t.productType, t.kind]), [['bundle.unit-test', 'unit-test']]);
    assert.deepEqual([target('platform: iOS')].map((t) => [t.productType, t.kind]), [['', 'other']]);
  });

  it('sources: strings, {path, excludes} under their path, one string or one mapping; entries without a path skipped', () => {
    const folders = (s: string[]) => only(read(['targets:', '  A:', ...s])).sources;
    assert.deepEqual(folders([
      '    sources:',
      '      - Notes',
      '      - path: ./Shared',
      '        excludes: [Tests, "**/*.md", {x: 1}]',
      '      - path: Widget',
      '        excludes: Tests',
      '      - name: NoPath',
      '      - [Nested]',
    ]), { files: [], folders: [
      { path: 'Spec/Notes', exclude: [] },
      { path: 'Spec/Shared', exclude: ['Spec/Shared/Tests', 'Spec/Shared/**/*.md', 'Spec/Shared'] },
      { path: 'Spec/Widget', exclude: [] },
    ] });
    assert.deepEqual(folders(['    sources: Notes']).folders, [{ path: 'Spec/Notes', exclude: [] }]);
    assert.deepEqual(folders(['    sources: {path: ../Up, excludes: [X]}']).folders, [{ path: 'Up', exclude: ['Up/X'] }]);
    assert.deepEqual(folders(['    sources:']).folders, []);
    assert.deepEqual(folders(['    type: application']).folders, []);
  });

  it('dependencies: the `target:` entries in order; sdk/framework entries and a non-list skipped', () => {
    const deps = (s: string[]) => only(read(['targets:', '  A:', ...s])).dependencies;
    assert.deepEqual(deps([
      '    dependencies:',
      '      - target: Widget',
      '      - sdk: CloudKit.framework',
      '      - Extra',
      '      - target: ~',
      '      - target: Intents',
      '        embed: true',
    ]), ['Widget', 'Intents']);
    assert.deepEqual(deps(['    dependencies: {target: Widget}']), []);
  });

  it('targets: in order; a null name, a value that is not a mapping, and targets that are not a mapping are skipped', () => {
    assert.deepEqual(read(['targets:', '  B: {}', '  ~: {}', '  S: application', '  L: [x]', '  A: {}']).targets.map((t) => t.name), ['B', 'A']);
    assert.deepEqual(read(['targets: [A, B]']).targets, []);
    assert.deepEqual(read(['name: A']).targets, []);
  });

  it('target templates are not applied [design]: a target has only what it declares itself', () => {
    const t = only(read(['targetTemplates:', '  Base:', '    platform: iOS', '    settings: {T: 1}', 'targets:', '  A:', '    templates: [Base]']));
    assert.equal(t.platform, 'unknown');
    assert.deepEqual(settingsOf(t), new Map());
  });

  it('a second target gets its own key as its place and its own settings', () => {
    const text = 'targets:\n  A:\n    settings: {K: a}\n  B:\n    settings: {K: b}\n';
    const m = readXcodeGenProject(text, FILE);
    assert.deepEqual(m.targets.map((t) => [t.name, t.at, t.configurations[0].at, settingsOf(t)?.get('K')?.raw]), [
      ['A', ref(text, 'A'), ref(text, 'A'), 'a'],
      ['B', ref(text, 'B', '  B:'), ref(text, 'B', '  B:'), 'b'],
    ]);
  });
});
