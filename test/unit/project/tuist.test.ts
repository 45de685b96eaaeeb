import assert from 'node:assert/strict';
import type { ProjectModel, ProjectTarget, Setting } from '../../../src/core/project/model';
import { readTuistProject } from '../../../src/core/project/tuist';
import type { SwiftParser } from '../../../src/core/swift/syntax-node';
import { loadSwiftParser } from '../../../src/swift-parser/load-node';

import { spanAfter } from './fixtures';
/**
 * The Tuist `Project.swift` reader on its own (reference/project-config.md §1), read syntactically from
 * the tree-sitter-swift tree: which calls are targets, their names (literals or `let` constants), product
 * kinds, platforms, `entitlements:` and `infoPlist:` forms, `sources:` globs, `.settings(base:
 * configurations:)` at project and target level and how they merge, the project name, and unreadable
 * Swift. Every manifest is a small text written by us; expected spans are found with `indexOf`.
 */
const FILE = 'App/Project.swift';
let parser: SwiftParser;
before(async () => { parser = await loadSwiftParser(); });

function read(text: string, file = FILE): ProjectModel {
  const tree = parser.parse(text);
  try {
    return readTuistProject(tree.rootNode, file);
  } finally {
    tree.delete();
  }
}
const ref = (text: string, needle: string, after = '') => ({ file: FILE, span: spanAfter(text, needle, after) });
/** A dictionary entry from its key literal to the end of its value text. */
const entry = (text: string, raw: string, key: string, value: string, after = ''): Setting => {
  const start = spanAfter(text, key, after).start;
  return { raw, at: { file: FILE, span: { start, end: spanAfter(text, value, key).end } } };
};
const only = (m: ProjectModel): ProjectTarget => {
  assert.equal(m.targets.length, 1, JSON.stringify(m.targets.map((t) => t.name)));
  return m.targets[0];
};
const target = (call: string): ProjectTarget => only(read(call));
const settingsOf = (t: ProjectTarget, config = 'Debug') => t.configurations.find((c) => c.name === config)?.settings;
const raws = (t: ProjectTarget, config = 'Debug') => Object.fromEntries([...settingsOf(t, config) ?? []].map(([k, v]) => [k, v.raw]));

describe('project: Tuist Project.swift reader', () => {
  it('a typical manifest: every field of the model, the target call as its place', () => {
    const call = '.target(name: "Notes", destinations: .iOS, product: .app, bundleId: "com.example.notes", infoPlist: .file(path: "Notes/Info.plist"), sources: ["Notes/**"], entitlements: .file(path: .relativeToManifest("Notes/Notes.entitlements")))';
    const text = `import ProjectDescription\n\nlet project = Project(name: "Notes", targets: [\n    ${call},\n])\n`;
    const at = ref(text, call);
    const settings = new Map<string, Setting>([
      ['CODE_SIGN_ENTITLEMENTS', { raw: 'Notes/Notes.entitlements', at: ref(text, '.file(path: .relativeToManifest("Notes/Notes.entitlements"))') }],
      ['INFOPLIST_FILE', { raw: 'Notes/Info.plist', at: ref(text, '.file(path: "Notes/Info.plist")') }],
    ]);
    assert.deepEqual(read(text), {
      kind: 'tuist', file: FILE, rootDir: 'App', name: 'Notes', problems: [],
      targets: [{
        name: 'Notes', kind: 'application', productType: 'app', platform: 'ios', at,
        configurations: [{ name: 'Debug', settings, at }, { name: 'Release', settings, at }],
        sources: { files: [], folders: [{ path: 'App/Notes', exclude: [] }] },
        dependencies: [],
      }],
    });
  });

  it('a manifest at the workspace root: rootDir is empty; no sources means the whole manifest folder', () => {
    const m = read('let p = Project(name: "P", targets: [.target(name: "A", product: .app)])', 'Project.swift');
    assert.equal(m.rootDir, '');
    assert.deepEqual(m.targets[0].sources, { files: [], folders: [{ path: '', exclude: [] }] });
    assert.deepEqual(target('.target(name: "A", product: .app)').sources, { files: [], folders: [{ path: 'App', exclude: [] }] });
  });

  it('targets in the order they are written, each with its own call as its place', () => {
    const a = 'Target(name: "A", product: .app)';
    const b = '.target(name: "B", product: .framework)';
    const text = `let p = Project(name: "P", targets: [${a}, ${b}])`;
    const m = read(text);
    assert.deepEqual(m.targets.map((t) => [t.name, t.at, t.configurations.map((c) => c.at)]), [
      ['A', ref(text, a), [ref(text, a), ref(text, a)]],
      ['B', ref(text, b), [ref(text, b), ref(text, b)]],
    ]);
  });

  it('which calls are targets: Target( and .target( alone; any other call only with name: and entitlements:, product: or infoPlist:', () => {
    const names = (text: string) => read(text).targets.map((t) => t.name);
    assert.deepEqual(names('Target(name: "A")'), ['A']);
    assert.deepEqual(names('.target(name: "A")'), ['A']);
    assert.deepEqual(names('ProjectDescription.Target.target(name: "A")'), ['A']);
    assert.deepEqual(names('.makeApp(name: "A", entitlements: "A.entitlements")'), ['A']);
    assert.deepEqual(names('.make(name: "A", product: .app)'), ['A']);
    assert.deepEqual(names('.make(name: "A", infoPlist: .default)'), ['A']);
    assert.deepEqual(names('.make(name: "A", bundleId: "x")'), []);
    assert.deepEqual(names('.make(product: .app, entitlements: "x", infoPlist: .default)'), []);
    assert.deepEqual(names('let p = Project(name: "P", targets: [])'), []);
  });

  it('a target without a readable name is skipped: none, empty, an unknown identifier, an interpolation', () => {
    for (const call of ['Target(product: .app)', 'Target(name: "", product: .app)', 'Target(name: unknown, product: .app)', 'Target(name: "\\(x)App", product: .app)', 'Target(name: a + b, product: .app)']) {
      assert.deepEqual(read(call).targets, [], call);
    }
  });

  it('let and var string constants resolve names, wherever they are declared; other constants do not', () => {
    assert.equal(target('.target(name: appName, product: .app)\nlet appName = "Notes"').name, 'Notes');
    assert.equal(target('var appName = "Notes"\nlet t = Target(name: appName, product: .app)').name, 'Notes');
    assert.equal(target('func f() { let inner = "In" }\nlet t = Target(name: inner, product: .app)').name, 'In');
    assert.equal(target('let n = "N"\nlet t = Target(name: n, product: .app)').name, 'N');
    assert.deepEqual(read('let n = 3\nlet t = Target(name: n, product: .app)').targets, []);
    assert.deepEqual(read('let n = "\\(x)"\nlet t = Target(name: n, product: .app)').targets, []);
    // A later declaration of the same name that is not a string does not hide the string.
    assert.equal(target('let appName = "Notes"\nfunc f() { let appName = 3 }\nlet t = Target(name: appName, product: .app)').name, 'Notes');
    // An empty constant is known but empty: no name.
    assert.deepEqual(read('let n = ""\nlet t = Target(name: n, product: .app)').targets, []);
  });

  it('the project name: the first call with a name: argument, resolved; "Project" otherwise', () => {
    assert.equal(read('let x = helper()\nlet project = Project(name: "Notes", targets: [.target(name: "App", product: .app)])').name, 'Notes');
    assert.equal(read('let n = "Named"\nlet project = Project(name: n)').name, 'Named');
    // The first name: is Project's; unreadable, it is not replaced by the target's.
    assert.equal(read('let project = Project(name: computed, targets: [.target(name: "App", product: .app)])').name, 'Project');
    assert.equal(read('let project = Project(targets: [])').name, 'Project');
    assert.equal(read('').name, 'Project');
  });

  it('Swift the parser cannot read: one info problem at the start; what it could read is still read', () => {
    const m = read('let p = Project(name: "P", targets: [.target(name: "A", product: .app)]');
    assert.deepEqual(m.problems, [{ file: FILE, span: { start: 0, end: 0 }, severity: 'info', message: 'This Project.swift has Swift syntax the parser could not read; targets in those parts may be missing.' }]);
    assert.deepEqual(m.targets.map((t) => t.name), ['A']);
    assert.deepEqual(read('let p = Project(name: "P")').problems, []);
  });

  it('product kinds: app, app extension, watch app, framework; other products as written; none', () => {
    const kind = (call: string) => { const t = target(call); return [t.productType, t.kind]; };
    assert.deepEqual(kind('.target(name: "A", product: .app)'), ['app', 'application']);
    assert.deepEqual(kind('.target(name: "A", product: .appExtension)'), ['appExtension', 'app-extension']);
    assert.deepEqual(kind('.target(name: "A", product: .watch2App)'), ['watch2App', 'watch-app']);
    assert.deepEqual(kind('.target(name: "A", product: .framework)'), ['framework', 'framework']);
    assert.deepEqual(kind('.target(name: "A", product: .unitTests)'), ['unitTests', 'other']);
    assert.deepEqual(kind('.target(name: "A")'), ['', 'other']);
    assert.deepEqual(kind('Target(name: "A")'), ['', 'other']);
  });

  it('product kinds: a helper without product: whose name says App makes an app, in any case', () => {
    const kind = (call: string) => { const t = target(call); return [t.productType, t.kind]; };
    assert.deepEqual(kind('.makeAppTarget(name: "A", entitlements: "A.entitlements")'), ['app', 'application']);
    assert.deepEqual(kind('.appTarget(name: "A", infoPlist: .default)'), ['app', 'application']);
    assert.deepEqual(kind('.makeFrameworkTarget(name: "A", infoPlist: .default)'), ['', 'other']);
    // product: wins over the helper's name.
    assert.deepEqual(kind('.makeAppTarget(name: "A", product: .appExtension)'), ['appExtension', 'app-extension']);
  });

  it('platforms from destinations: (before platform:), by the words they use', () => {
    const platform = (args: string) => target(`.target(name: "A", ${args})`).platform;
    assert.equal(platform('destinations: .iOS'), 'ios');
    assert.equal(platform('destinations: [.iPhone]'), 'ios');
    assert.equal(platform('destinations: [.iPad]'), 'ios');
    assert.equal(platform('destinations: iosDestinations'), 'ios');
    assert.equal(platform('destinations: [.iPad, .macWithiPadDesign]'), 'ios');
    assert.equal(platform('destinations: .macOS'), 'macos');
    assert.equal(platform('destinations: [.mac]'), 'macos');
    assert.equal(platform('destinations: allMacs'), 'macos');
    assert.equal(platform('destinations: .watchOS'), 'watchos');
    assert.equal(platform('destinations: [.appleWatch]'), 'watchos');
    assert.equal(platform('destinations: .tvOS'), 'tvos');
    assert.equal(platform('destinations: [.appleTv]'), 'tvos');
    assert.equal(platform('destinations: .visionOS'), 'visionos');
    assert.equal(platform('destinations: [.appleVision]'), 'visionos');
    assert.equal(platform('destinations: .all'), 'unknown');
    assert.equal(platform('platform: .macOS'), 'macos');
    assert.equal(platform('destinations: .tvOS, platform: .iOS'), 'tvos');
    assert.equal(platform('product: .app'), 'unknown');
  });

  it('entitlements: a string, a constant, .file(path:), .file(path: .relativeToManifest()), .variable(); the argument as the place', () => {
    for (const [arg, raw, before] of [
      ['"A/A.entitlements"', 'A/A.entitlements', ''],
      ['entPath', 'A/B.entitlements', 'let entPath = "A/B.entitlements"\n'],
      ['.file(path: "A/C.entitlements")', 'A/C.entitlements', ''],
      ['.file(path: .relativeToManifest("A/D.entitlements"))', 'A/D.entitlements', ''],
      ['Entitlements.file(path: "A/E.entitlements")', 'A/E.entitlements', ''],
      ['.variable("$(ENT_FILE)")', '$(ENT_FILE)', ''],
    ]) {
      const text = `${before}let t = Target(name: "A", entitlements: ${arg})`;
      assert.deepEqual(settingsOf(only(read(text))), new Map([['CODE_SIGN_ENTITLEMENTS', { raw, at: ref(text, arg, 'Target(') }]]), arg);
    }
  });

  it('entitlements: a dictionary or an unknown path sets nothing', () => {
    for (const arg of ['.dictionary(["aps-environment": .string("development")])', 'unknownPath', '.file(path: unknown)']) {
      assert.deepEqual(settingsOf(target(`.target(name: "A", entitlements: ${arg})`)), new Map(), arg);
    }
  });

  it('infoPlist: a file (as .file(path:), InfoPlist.file(path:), a string or a constant) sets INFOPLIST_FILE at the argument', () => {
    for (const [arg, raw, before] of [
      ['.file(path: "A/Info.plist")', 'A/Info.plist', ''],
      ['.file(path: .relativeToManifest("A/R.plist"))', 'A/R.plist', ''],
      ['InfoPlist.file(path: "A/Q.plist")', 'A/Q.plist', ''],
      ['"A/S.plist"', 'A/S.plist', ''],
      ['plistPath', 'A/C.plist', 'let plistPath = "A/C.plist"\n'],
    ]) {
      const text = `${before}let t = Target(name: "A", infoPlist: ${arg})`;
      assert.deepEqual(settingsOf(only(read(text))), new Map([['INFOPLIST_FILE', { raw, at: ref(text, arg, 'Target(') }]]), arg);
    }
  });

  it('infoPlist: .default, .extendingDefault(with:) and .dictionary() are generated: GENERATE_INFOPLIST_FILE = YES at the argument', () => {
    for (const arg of ['.default', '.extendingDefault(with: ["UIBackgroundModes": ["remote-notification"]])', '.dictionary(["CFBundleName": "file"])', '.extendingDefault(with: [:])']) {
      const text = `.target(name: "A", infoPlist: ${arg})`;
      assert.deepEqual(settingsOf(only(read(text))), new Map([['GENERATE_INFOPLIST_FILE', { raw: 'YES', at: ref(text, arg) }]]), arg);
    }
  });

  it('infoPlist: a file whose path is not written out sets nothing (it is not generated either)', () => {
    for (const arg of ['.file(path: plistPath)', 'InfoPlist.file(path: .relativeToManifest(plistPath))']) {
      assert.deepEqual(settingsOf(target(`.target(name: "A", infoPlist: ${arg})`)), new Map(), arg);
    }
  });

  it('sources: each glob as the folder before its first wildcard, files as themselves, nested calls walked', () => {
    const folders = (arg: string) => target(`.target(name: "A", product: .app, sources: ${arg})`).sources;
    assert.deepEqual(folders('["S/**", "T/*.swift", "U/**/*.swift", "V/Main.swift", "W/X/*", "**", .glob("G/**")]'), { files: [], folders: [
      { path: 'App/S', exclude: [] }, { path: 'App/T', exclude: [] }, { path: 'App/U', exclude: [] }, { path: 'App/V/Main.swift', exclude: [] },
      { path: 'App/W/X', exclude: [] }, { path: 'App', exclude: [] }, { path: 'App/G', exclude: [] },
    ] });
    assert.deepEqual(folders('"Sources/**"').folders, [{ path: 'App/Sources', exclude: [] }]);
    assert.deepEqual(folders('"../Shared/**"').folders, [{ path: 'Shared', exclude: [] }]);
    assert.deepEqual(folders('["\\(dir)/**", "K/**"]').folders, [{ path: 'App/K', exclude: [] }]);
    // Written but unreadable (a helper's list): no folder, rather than everything.
    assert.deepEqual(folders('sharedSources').folders, []);
  });

  it('project settings: base for every configuration, each configuration\'s own dictionary, spans from key to value', () => {
    const text = [
      'let project = Project(name: "P", settings: .settings(',
      '  base: ["B1": "base", "B2": "base"],',
      '  configurations: [',
      '    .debug(name: "Debug", settings: ["B2": "debug", "D": "d"]),',
      '    .release(name: "Release", settings: ["R": "r"]),',
      '  ]),',
      '  targets: [.target(name: "A", product: .app)])',
    ].join('\n');
    const t = only(read(text));
    assert.deepEqual(t.configurations.map((c) => c.name), ['Debug', 'Release']);
    const b1 = entry(text, 'base', '"B1"', '"base"');
    assert.deepEqual(settingsOf(t, 'Debug'), new Map([['B1', b1], ['B2', entry(text, 'debug', '"B2": "debug"', '"debug"')], ['D', entry(text, 'd', '"D"', '"d"')]]));
    assert.deepEqual(settingsOf(t, 'Release'), new Map([['B1', b1], ['B2', entry(text, 'base', '"B2": "base"', '"base"')], ['R', entry(text, 'r', '"R"', '"r"')]]));
  });

  it('configuration names: name: strings, .debug/.release without a name, any other call by its name; others skipped', () => {
    const text = 'let project = Project(name: "P", settings: .settings(configurations: [.debug(name: .debug, settings: ["K": "d"]), .release(name: "Beta"), .release(settings: ["R": "r"]), .custom("X"), someConfig, Shared.config, .debug(name: "")]), targets: [.target(name: "A", product: .app)])';
    const t = only(read(text));
    assert.deepEqual(t.configurations.map((c) => c.name), ['Debug', 'Beta', 'Release', 'custom']);
    assert.deepEqual(raws(t, 'Debug'), { K: 'd' });
    assert.deepEqual(raws(t, 'Beta'), {});
    assert.deepEqual(raws(t, 'Release'), { R: 'r' });
  });

  it('configuration names: the project\'s first, then new ones of the target, each once; Debug and Release when none', () => {
    const text = 'let project = Project(name: "P", settings: .settings(configurations: [.debug(name: "Dev"), .release(name: "Prod")]), targets: [.target(name: "A", product: .app, settings: .settings(configurations: [.release(name: "Prod"), .release(name: "Beta")]))])';
    assert.deepEqual(only(read(text)).configurations.map((c) => c.name), ['Dev', 'Prod', 'Beta']);
    const own = '.target(name: "A", product: .app, settings: .settings(configurations: [.debug(name: "Dev")]))';
    assert.deepEqual(target(own).configurations.map((c) => c.name), ['Dev']);
    assert.deepEqual(target('.target(name: "A", product: .app, settings: .settings(base: ["K": "v"]))').configurations.map((c) => c.name), ['Debug', 'Release']);
  });

  it('merging: project base, project configuration, entitlements/infoPlist, target base, target configuration (later wins)', () => {
    const text = [
      'let project = Project(name: "P", settings: .settings(base: ["A": "pb", "B": "pb", "CODE_SIGN_ENTITLEMENTS": "pb.entitlements", "FLAGS": "-p"],',
      '  configurations: [.debug(name: "Debug", settings: ["B": "pc", "C": "pc", "INFOPLIST_FILE": "pc.plist"]), .release(name: "Release")]),',
      '  targets: [.target(name: "A", product: .app, infoPlist: "fixed.plist", entitlements: "fixed.entitlements",',
      '    settings: .settings(base: ["C": "tb", "D": "tb", "FLAGS": "$(inherited) -t"], configurations: [.debug(name: "Debug", settings: ["D": "tc"])]))])',
    ].join('\n');
    const t = only(read(text));
    assert.deepEqual(raws(t, 'Debug'), { A: 'pb', B: 'pc', C: 'tb', D: 'tc', CODE_SIGN_ENTITLEMENTS: 'fixed.entitlements', INFOPLIST_FILE: 'fixed.plist', FLAGS: '-p -t' });
    assert.deepEqual(raws(t, 'Release'), { A: 'pb', B: 'pb', C: 'tb', D: 'tb', CODE_SIGN_ENTITLEMENTS: 'fixed.entitlements', INFOPLIST_FILE: 'fixed.plist', FLAGS: '-p -t' });
    const u = target('.target(name: "A", entitlements: "fixed.entitlements", settings: .settings(base: ["CODE_SIGN_ENTITLEMENTS": "tb.entitlements"]))');
    assert.deepEqual(raws(u), { CODE_SIGN_ENTITLEMENTS: 'tb.entitlements' });
  });

  it('project settings are the first settings call outside a target (one with entitlements: or product:)', () => {
    // The target (and its settings) comes first in the text; the project's settings still apply.
    const text = 'let t = Target.target(name: "A", product: .app, settings: .settings(base: ["T": "t"]))\nlet project = Project(name: "P", settings: .settings(base: ["P": "p"]), targets: [t])';
    assert.deepEqual(raws(only(read(text))), { P: 'p', T: 't' });
    const ent = 'let t = Target.target(name: "A", entitlements: "x", settings: .settings(base: ["T": "t"]))\nlet project = Project(name: "P", settings: .settings(base: ["P": "p"]), targets: [t])';
    assert.deepEqual(raws(only(read(ent))), { CODE_SIGN_ENTITLEMENTS: 'x', P: 'p', T: 't' });
  });

  it('each target takes the settings call inside its own call, not a neighbour\'s', () => {
    const text = 'let project = Project(name: "P", targets: [.target(name: "A", product: .app, settings: .settings(base: ["K": "a"])), .target(name: "B", product: .app), .target(name: "C", product: .app, settings: .settings(base: ["K": "c"]))])';
    assert.deepEqual(read(text).targets.map((t) => [t.name, raws(t)]), [['A', { K: 'a' }], ['B', {}], ['C', { K: 'c' }]]);
  });

  it('settings dictionaries: values from constants; non-literal keys, interpolations and other values skipped; nested dictionaries read', () => {
    const text = 'let team = "ABC"\nlet key = "K"\nlet t = Target(name: "A", product: .app, settings: .settings(base: ["TEAM": team, key: "v", "I": "\\(x)", "N": 1, "U": unknown, "S": "s", "W": wrap(["INNER": "in"])]))';
    const t = only(read(text));
    assert.deepEqual(settingsOf(t), new Map([
      ['TEAM', entry(text, 'ABC', '"TEAM"', 'team')],
      ['S', entry(text, 's', '"S"', '"s"')],
      ['INNER', entry(text, 'in', '"INNER"', '"in"')],
    ]));
  });

  it('settings dictionaries: comments between entries do not shift keys and values', () => {
    // One comment of each kind per dictionary: an odd count shifted every later pair.
    const text = '.target(name: "A", product: .app, settings: .settings(base: [\n  "A": "1", // first\n  "B": "2",\n  "C": "3",\n], configurations: [.debug(name: "Debug", settings: ["D": "4", /* second */ "E": "5", "F": "6"])]))';
    assert.deepEqual(raws(only(read(text))), { A: '1', B: '2', C: '3', D: '4', E: '5', F: '6' });
  });

  it('a settings call without base: or configurations: adds nothing', () => {
    // Only dictionaries hold settings: a list of strings is not read as key, value pairs.
    assert.deepEqual(raws(target('.target(name: "A", product: .app, settings: .settings(base: wrap(["K", "v"])))')), {});
    assert.deepEqual(raws(target('.target(name: "A", product: .app, settings: .settings(defaultSettings: .recommended))')), {});
    assert.deepEqual(target('.target(name: "A", product: .app, settings: .settings(configurations: []))').configurations.map((c) => c.name), ['Debug', 'Release']);
  });

  it('no dependencies and no file list are read from a manifest', () => {
    const t = target('.target(name: "A", product: .app, dependencies: [.external(name: "B"), .sdk(name: "CloudKit", type: .framework)])');
    assert.deepEqual([t.dependencies, t.sources.files], [[], []]);
  });
});
