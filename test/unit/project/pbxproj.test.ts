import assert from 'node:assert/strict';
import type { ProjectFiles, ProjectModel, ProjectTarget, Setting, SourceRef } from '../../../src/core/project/model';
import { readXcodeProject } from '../../../src/core/project/pbxproj';

/**
 * The project.pbxproj reader on its own (reference/project-config.md §1): name and SRCROOT from the file
 * path, targets with their kind, platform, configurations (project < project xcconfig < target xcconfig <
 * target, with where each setting is written), compiled files through the group tree, synchronized
 * folders, local packages, dependencies, and the problems for files that cannot be read. The project
 * texts are written by us, one object per line, so every expected span is found with `indexOf` here.
 */
const FILE = 'Apps/Notes.xcodeproj/project.pbxproj';

/** An old-style plist project with the given objects (one per line, each `ID = { ... }`). */
function doc(objects: readonly string[], root = 'PRJ'): string {
  return `// !$*UTF8*$!\n{\n\tarchiveVersion = 1;\n\tclasses = {\n\t};\n\tobjectVersion = 56;\n\tobjects = {\n${objects.map((o) => `\t\t${o};\n`).join('')}\t};\n\trootObject = ${root};\n}\n`;
}

/** Where the object written as `obj` is: from its id to its closing brace. */
function objAt(text: string, obj: string, file = FILE): SourceRef {
  const start = text.indexOf(obj);
  assert.ok(start >= 0 && text.indexOf(obj, start + 1) < 0, `unique: ${obj}`);
  return { file, span: { start, end: start + obj.length } };
}

/** Where `assignment` (`KEY = value;`) is inside the object written as `obj`. */
function settingAt(text: string, obj: string, assignment: string, file = FILE): SourceRef {
  const start = text.indexOf(obj) + obj.indexOf(assignment);
  assert.ok(obj.includes(assignment), assignment);
  return { file, span: { start, end: start + assignment.length } };
}

/** A target with its settings maps as entry lists, so the order of keys is compared too. */
const view = (t: ProjectTarget) => ({ ...t, configurations: t.configurations.map((c) => ({ ...c, settings: [...c.settings] })) });
const settingsOf = (m: ProjectModel, target = 0, config = 0): [string, Setting][] => [...m.targets[target].configurations[config].settings];
const raws = (m: ProjectModel, target = 0, config = 0): [string, string][] => settingsOf(m, target, config).map(([k, v]) => [k, v.raw]);

function filesOf(contents: Record<string, string>, reads: string[] = []): ProjectFiles {
  return { read: (p) => { reads.push(p); return p in contents ? { text: contents[p] } : undefined; } };
}

describe('project: project.pbxproj reader', () => {
  describe('name and folder', () => {
    const minimal = doc(['PRJ = { isa = PBXProject; targets = (); }']);

    it('SRCROOT is the folder holding the .xcodeproj; the name drops only a trailing .xcodeproj', () => {
      assert.deepEqual(readXcodeProject(minimal, FILE), { kind: 'xcode', file: FILE, rootDir: 'Apps', name: 'Notes', targets: [], problems: [] });
      const top = readXcodeProject(minimal, 'My.xcodeproj.App.xcodeproj/project.pbxproj');
      assert.deepEqual([top.rootDir, top.name], ['', 'My.xcodeproj.App']);
      const deep = readXcodeProject(minimal, 'a/b/Tools.xcodeproj/project.pbxproj');
      assert.deepEqual([deep.rootDir, deep.name], ['a/b', 'Tools']);
    });

    it('a project folder without the .xcodeproj extension keeps its whole name', () => {
      const p = readXcodeProject(minimal, 'x/Project/project.pbxproj');
      assert.deepEqual([p.rootDir, p.name], ['x', 'Project']);
    });
  });

  describe('problems', () => {
    it('merge-conflict markers: one error on the first marker line with the count, nothing else read', () => {
      const good = doc(['PRJ = { isa = PBXProject; targets = (T); }', 'T = { isa = PBXNativeTarget; name = T; }']);
      const text = good.replace('\t\tT = {', '<<<<<<< HEAD\n\t\tT = {').replace('\t};\n\trootObject', '=======\n>>>>>>> other\n\t};\n\trootObject');
      const start = text.indexOf('<<<<<<< HEAD');
      assert.deepEqual(readXcodeProject(text, FILE), {
        kind: 'xcode', file: FILE, rootDir: 'Apps', name: 'Notes', targets: [],
        problems: [{ file: FILE, span: { start, end: start + '<<<<<<< HEAD'.length }, severity: 'error', message: 'This project file holds 3 git merge-conflict marker line(s); resolve the conflict in Xcode or git before the project can be checked.' }],
      });
    });

    it('a parse error: one error at the line and column the parser names (1-based there, offsets here)', () => {
      const text = '// !$*UTF8*$!\n{\n\tobjects = {\n\t\tA = { isa = ; };\n\t};\n}\n';
      const at = text.indexOf('isa = ;') + 'isa = '.length;
      assert.deepEqual(readXcodeProject(text, FILE), {
        kind: 'xcode', file: FILE, rootDir: 'Apps', name: 'Notes', targets: [],
        problems: [{ file: FILE, span: { start: at, end: at }, severity: 'error', message: 'Not a readable project.pbxproj: Expected string literal at line 4, column 15' }],
      });
    });

    it('no PBXProject root object: missing rootObject, an unknown id, another isa, no objects at all', () => {
      const problem = { file: FILE, span: { start: 0, end: 0 }, severity: 'error', message: 'This project.pbxproj has no PBXProject root object.' };
      const texts = [
        '// !$*UTF8*$!\n{\n\tobjects = {\n\t\tPRJ = { isa = PBXProject; };\n\t};\n}\n',
        doc(['PRJ = { isa = PBXProject; }'], 'OTHER'),
        doc(['PRJ = { isa = PBXGroup; }']),
        '// !$*UTF8*$!\n{\n\trootObject = PRJ;\n}\n',
      ];
      for (const t of texts) assert.deepEqual(readXcodeProject(t, FILE), { kind: 'xcode', file: FILE, rootDir: 'Apps', name: 'Notes', targets: [], problems: [problem] }, t);
    });

    it('a numeric root object id (the parser reads 123 as a number) still finds its object', () => {
      const text = doc(['"123" = { isa = PBXProject; targets = (T); }', 'T = { isa = PBXNativeTarget; name = T; }'], '123');
      const p = readXcodeProject(text, FILE);
      assert.deepEqual(p.problems, []);
      assert.deepEqual(p.targets.map((t) => t.name), ['T']);
    });
  });

  describe('targets', () => {
    const PRJ = 'PRJ /* Project object */ = { isa = PBXProject; buildConfigurationList = PL; mainGroup = MG; targets = (APP /* App */, WID); }';
    const PL = 'PL = { isa = XCConfigurationList; buildConfigurations = (PD, PR); }';
    const PD = 'PD /* Debug */ = { isa = XCBuildConfiguration; buildSettings = { SDKROOT = iphoneos; SHARED = project; }; name = Debug; }';
    const PR = 'PR = { isa = XCBuildConfiguration; buildSettings = { SHARED = "project release"; }; name = Release; }';
    const MG = 'MG = { isa = PBXGroup; children = (GA, FW); sourceTree = "<group>"; }';
    const GA = 'GA = { isa = PBXGroup; children = (F1); path = App; sourceTree = "<group>"; }';
    const F1 = 'F1 = { isa = PBXFileReference; path = Note.swift; sourceTree = "<group>"; }';
    const FW = 'FW = { isa = PBXFileReference; path = Widget/Widget.swift; sourceTree = "<group>"; }';
    const B1 = 'B1 = { isa = PBXBuildFile; fileRef = F1; }';
    const BW = 'BW = { isa = PBXBuildFile; fileRef = FW; }';
    const SA = 'SA = { isa = PBXSourcesBuildPhase; files = (B1 /* Note.swift in Sources */); }';
    const SW = 'SW = { isa = PBXSourcesBuildPhase; files = (BW); }';
    const APP = 'APP /* App */ = { isa = PBXNativeTarget; buildConfigurationList = AL; buildPhases = (SA); dependencies = (DW); name = App; productType = "com.apple.product-type.application"; }';
    const AL = 'AL = { isa = XCConfigurationList; buildConfigurations = (AD, AR); }';
    const AD = 'AD = { isa = XCBuildConfiguration; buildSettings = { CODE_SIGN_ENTITLEMENTS = App/App.entitlements; SHARED = "$(inherited) app"; }; name = Debug; }';
    const AR = 'AR = { isa = XCBuildConfiguration; buildSettings = { "CODE_SIGN_ENTITLEMENTS[sdk=iphoneos*]" = App/Device.entitlements; }; name = Release; }';
    const DW = 'DW = { isa = PBXTargetDependency; target = WID /* Widget */; }';
    const WID = 'WID = { isa = PBXNativeTarget; buildConfigurationList = WL; buildPhases = (SW); name = Widget; productType = "com.apple.product-type.app-extension"; }';
    const WL = 'WL = { isa = XCConfigurationList; buildConfigurations = (WD); }';
    const WD = 'WD = { isa = XCBuildConfiguration; buildSettings = { SDKROOT = macosx; }; name = Debug; }';
    const text = doc([PRJ, PL, PD, PR, MG, GA, F1, FW, B1, BW, SA, SW, APP, AL, AD, AR, DW, WID, WL, WD]);

    it('every field of an app and its extension: kind, platform, spans, merged settings, files, dependencies', () => {
      const p = readXcodeProject(text, FILE);
      assert.deepEqual(p.problems, []);
      assert.deepEqual(p.targets.map(view), [
        {
          name: 'App', kind: 'application', productType: 'com.apple.product-type.application', platform: 'ios', at: objAt(text, APP),
          configurations: [
            {
              name: 'Debug', at: objAt(text, AD),
              settings: [
                ['SDKROOT', { raw: 'iphoneos', at: settingAt(text, PD, 'SDKROOT = iphoneos;') }],
                ['SHARED', { raw: 'project app', at: settingAt(text, AD, 'SHARED = "$(inherited) app";') }],
                ['CODE_SIGN_ENTITLEMENTS', { raw: 'App/App.entitlements', at: settingAt(text, AD, 'CODE_SIGN_ENTITLEMENTS = App/App.entitlements;') }],
              ],
            },
            {
              name: 'Release', at: objAt(text, AR),
              settings: [
                ['SHARED', { raw: 'project release', at: settingAt(text, PR, 'SHARED = "project release";') }],
                ['CODE_SIGN_ENTITLEMENTS[sdk=iphoneos*]', { raw: 'App/Device.entitlements', at: settingAt(text, AR, '"CODE_SIGN_ENTITLEMENTS[sdk=iphoneos*]" = App/Device.entitlements;') }],
              ],
            },
          ],
          sources: { files: ['Apps/App/Note.swift'], folders: [] },
          dependencies: ['Widget'],
        },
        {
          name: 'Widget', kind: 'app-extension', productType: 'com.apple.product-type.app-extension', platform: 'macos', at: objAt(text, WID),
          configurations: [
            {
              name: 'Debug', at: objAt(text, WD),
              settings: [
                ['SDKROOT', { raw: 'macosx', at: settingAt(text, WD, 'SDKROOT = macosx;') }],
                ['SHARED', { raw: 'project', at: settingAt(text, PD, 'SHARED = project;') }],
              ],
            },
          ],
          sources: { files: ['Apps/Widget/Widget.swift'], folders: [] },
          dependencies: [],
        },
      ]);
    });

    it('native, aggregate and legacy targets are read; other objects and unknown ids in `targets` are not', () => {
      const t = doc([
        'PRJ = { isa = PBXProject; targets = (N, AG, LG, FR, GONE); }',
        'N = { isa = PBXNativeTarget; name = Native; productType = "com.apple.product-type.framework"; }',
        'AG = { isa = PBXAggregateTarget; name = Aggregate; }',
        'LG = { isa = PBXLegacyTarget; }',
        'FR = { isa = PBXFileReference; name = File; }',
      ]);
      const p = readXcodeProject(t, FILE);
      assert.deepEqual(p.targets.map((x) => [x.name, x.kind, x.productType, x.platform, x.configurations, x.sources, x.dependencies]), [
        ['Native', 'framework', 'com.apple.product-type.framework', 'unknown', [], { files: [], folders: [] }, []],
        ['Aggregate', 'other', '', 'unknown', [], { files: [], folders: [] }, []],
        ['LG', 'other', '', 'unknown', [], { files: [], folders: [] }, []],
      ], 'a target without a name is named by its id');
    });

    it('`targets` that is not a list reads as no targets', () => {
      const p = readXcodeProject(doc(['PRJ = { isa = PBXProject; targets = T; }', 'T = { isa = PBXNativeTarget; name = T; }']), FILE);
      assert.deepEqual(p, { kind: 'xcode', file: FILE, rootDir: 'Apps', name: 'Notes', targets: [], problems: [] });
    });

    it('dependencies: by target name (or id when unnamed); no target, a target outside the project or a missing object are dropped', () => {
      const t = doc([
        'PRJ = { isa = PBXProject; targets = (T, W, U); }',
        'T = { isa = PBXNativeTarget; dependencies = (D1, D2, D3, D4, D5); name = App; }',
        'W = { isa = PBXNativeTarget; name = Widget; }',
        'U = { isa = PBXNativeTarget; }',
        'X = { isa = PBXNativeTarget; name = Outside; }',
        'D1 = { isa = PBXTargetDependency; target = W; }',
        'D2 = { isa = PBXTargetDependency; targetProxy = PROXY; }',
        'D3 = { isa = PBXTargetDependency; target = X; }',
        'D5 = { isa = PBXTargetDependency; target = U; }',
      ]);
      assert.deepEqual(readXcodeProject(t, FILE).targets[0].dependencies, ['Widget', 'U']);
    });
  });

  describe('configurations', () => {
    it('setting values: lists joined by spaces, numbers as written, empty strings kept, dictionaries skipped', () => {
      const C = 'C = { isa = XCBuildConfiguration; buildSettings = { LIST = ("-D", X, 3); NUM = 12; REAL = 1.5; VERSION = 1.0; DICT = { a = b; }; EMPTY = ""; }; name = 7; }';
      const t = doc(['PRJ = { isa = PBXProject; targets = (T); }', 'T = { isa = PBXNativeTarget; buildConfigurationList = L; name = T; }', 'L = { isa = XCConfigurationList; buildConfigurations = (C); }', C]);
      const p = readXcodeProject(t, FILE);
      assert.equal(p.targets[0].configurations[0].name, '7');
      assert.deepEqual(settingsOf(p), [
        ['LIST', { raw: '-D X 3', at: settingAt(t, C, 'LIST = ("-D", X, 3);') }],
        ['NUM', { raw: '12', at: settingAt(t, C, 'NUM = 12;') }],
        ['REAL', { raw: '1.5', at: settingAt(t, C, 'REAL = 1.5;') }],
        ['VERSION', { raw: '1.0', at: settingAt(t, C, 'VERSION = 1.0;') }],
        ['EMPTY', { raw: '', at: settingAt(t, C, 'EMPTY = "";') }],
      ]);
    });

    it('a configuration without a name is named by its id; a missing one is its id with no settings and no span', () => {
      const C = 'C = { isa = XCBuildConfiguration; }';
      const t = doc(['PRJ = { isa = PBXProject; targets = (T); }', 'T = { isa = PBXNativeTarget; buildConfigurationList = L; name = T; }', 'L = { isa = XCConfigurationList; buildConfigurations = (C, GONE); }', C]);
      assert.deepEqual(readXcodeProject(t, FILE).targets[0].configurations.map((c) => ({ ...c, settings: [...c.settings] })), [
        { name: 'C', settings: [], at: objAt(t, C) },
        { name: 'GONE', settings: [], at: undefined },
      ]);
    });

    it('a setting the locator cannot find (object not at a line start) has no span', () => {
      const t = doc(['PRJ = { isa = PBXProject; targets = (T); }', 'T = { isa = PBXNativeTarget; buildConfigurationList = L; name = T; }; C = { isa = XCBuildConfiguration; buildSettings = { A = b; }; name = Debug; }', 'L = { isa = XCConfigurationList; buildConfigurations = (C); }']);
      const c = readXcodeProject(t, FILE).targets[0].configurations[0];
      assert.deepEqual([c.at, [...c.settings]], [undefined, [['A', { raw: 'b', at: undefined }]]]);
    });

    it('project-level settings apply to the target configuration of the same name only', () => {
      const t = doc([
        'PRJ = { isa = PBXProject; buildConfigurationList = PL; targets = (T); }',
        'PL = { isa = XCConfigurationList; buildConfigurations = (PD, PR); }',
        'PD = { isa = XCBuildConfiguration; buildSettings = { P = debug; }; name = Debug; }',
        'PR = { isa = XCBuildConfiguration; buildSettings = { P = release; }; name = Release; }',
        'T = { isa = PBXNativeTarget; buildConfigurationList = L; name = T; }',
        'L = { isa = XCConfigurationList; buildConfigurations = (TR, TB, TD); }',
        'TR = { isa = XCBuildConfiguration; buildSettings = { }; name = Release; }',
        'TB = { isa = XCBuildConfiguration; buildSettings = { B = beta; }; name = Beta; }',
        'TD = { isa = XCBuildConfiguration; name = Debug; }',
      ]);
      const p = readXcodeProject(t, FILE);
      assert.deepEqual([raws(p, 0, 0), raws(p, 0, 1), raws(p, 0, 2)], [[['P', 'release']], [['B', 'beta']], [['P', 'debug']]]);
    });
  });

  describe('base configuration files (.xcconfig)', () => {
    const PRJ = 'PRJ = { isa = PBXProject; buildConfigurationList = PL; mainGroup = MG; targets = (T); }';
    const PL = 'PL = { isa = XCConfigurationList; buildConfigurations = (PD); }';
    const PD = 'PD = { isa = XCBuildConfiguration; baseConfigurationReference = XP; buildSettings = { FLAGS = "$(inherited) p"; }; name = Debug; }';
    const MG = 'MG = { isa = PBXGroup; children = (GC); sourceTree = "<group>"; }';
    const GC = 'GC = { isa = PBXGroup; children = (XP, XT); path = Config; sourceTree = "<group>"; }';
    const XP = 'XP = { isa = PBXFileReference; path = Project.xcconfig; sourceTree = "<group>"; }';
    const XT = 'XT = { isa = PBXFileReference; path = Config/Target.xcconfig; sourceTree = SOURCE_ROOT; }';
    const T = 'T = { isa = PBXNativeTarget; buildConfigurationList = L; name = T; }';
    const L = 'L = { isa = XCConfigurationList; buildConfigurations = (TD); }';
    const TD = 'TD = { isa = XCBuildConfiguration; baseConfigurationReference = XT; buildSettings = { FLAGS = "$(inherited) t"; }; name = Debug; }';
    const text = doc([PRJ, PL, PD, MG, GC, XP, XT, T, L, TD]);
    const projectXc = '#include "Shared/Base.xcconfig"\nFLAGS = $(inherited) px\nPX_ONLY = 1\n';
    const contents = {
      'Apps/Config/Project.xcconfig': projectXc,
      'Apps/Config/Shared/Base.xcconfig': 'FLAGS = base\n',
      'Apps/Config/Target.xcconfig': 'FLAGS = $(inherited) tx\n',
    };

    it('layers project xcconfig (after its includes) < project < target xcconfig < target', () => {
      const reads: string[] = [];
      const p = readXcodeProject(text, FILE, filesOf(contents, reads));
      assert.deepEqual(p.problems, []);
      const px = projectXc.indexOf('PX_ONLY = 1');
      assert.deepEqual(settingsOf(p), [
        ['FLAGS', { raw: 'base px p tx t', at: settingAt(text, TD, 'FLAGS = "$(inherited) t";') }],
        ['PX_ONLY', { raw: '1', at: { file: 'Apps/Config/Project.xcconfig', span: { start: px, end: px + 'PX_ONLY = 1'.length } } }],
      ]);
      assert.deepEqual(reads, ['Apps/Config/Project.xcconfig', 'Apps/Config/Shared/Base.xcconfig', 'Apps/Config/Target.xcconfig']);
    });

    it('without workspace files the xcconfig levels are skipped and nothing is reported', () => {
      const p = readXcodeProject(text, FILE);
      assert.deepEqual([p.problems, raws(p)], [[], [['FLAGS', '$(inherited) p t']]]);
    });

    it('a missing xcconfig (or one without text) is a warning on its file reference', () => {
      const problem = (path: string, obj: string) => ({ file: FILE, span: objAt(text, obj).span, severity: 'warning', message: `The base configuration file ${path} is not in the workspace; its settings are not known.` });
      const expected = [problem('Apps/Config/Project.xcconfig', XP), problem('Apps/Config/Target.xcconfig', XT)];
      assert.deepEqual(readXcodeProject(text, FILE, filesOf({})).problems, expected);
      const bytesOnly: ProjectFiles = { read: () => ({ bytes: new Uint8Array([1]) }) };
      assert.deepEqual(readXcodeProject(text, FILE, bytesOnly).problems, expected);
    });

    it('a missing xcconfig that two configurations are based on is said once, on its first reference', () => {
      const L2 = 'L = { isa = XCConfigurationList; buildConfigurations = (TD, TR); }';
      const TR = 'TR = { isa = XCBuildConfiguration; baseConfigurationReference = XT; buildSettings = { }; name = Release; }';
      const t = doc([PRJ, PL, PD, MG, GC, XP, XT, T, L2, TD, TR]);
      const p = readXcodeProject(t, FILE, filesOf({ 'Apps/Config/Project.xcconfig': '' }));
      assert.deepEqual(p.problems, [{ file: FILE, span: objAt(t, XT).span, severity: 'warning', message: 'The base configuration file Apps/Config/Target.xcconfig is not in the workspace; its settings are not known.' }]);
      assert.equal(p.targets[0].configurations.length, 2);
    });

    it('an empty xcconfig is a known file with no settings, not a missing one', () => {
      const p = readXcodeProject(text, FILE, filesOf({ 'Apps/Config/Project.xcconfig': '', 'Apps/Config/Target.xcconfig': '' }));
      assert.deepEqual([p.problems, raws(p)], [[], [['FLAGS', '$(inherited) p t']]]);
    });

    it('a missing include is a warning naming the included path, on the file reference that led to it', () => {
      const only = { 'Apps/Config/Project.xcconfig': projectXc, 'Apps/Config/Target.xcconfig': contents['Apps/Config/Target.xcconfig'] };
      const q = readXcodeProject(text, FILE, filesOf(only));
      assert.deepEqual(q.problems, [{ file: FILE, span: objAt(text, XP).span, severity: 'warning', message: 'The base configuration file Apps/Config/Shared/Base.xcconfig is not in the workspace; its settings are not known.' }]);
      assert.deepEqual(raws(q), [['FLAGS', '$(inherited) px p tx t'], ['PX_ONLY', '1']]);
    });

    it('the warning falls back to the file start when the file reference cannot be located', () => {
      const t = doc([PRJ, PL, PD, MG, `${GC}; ${XP}`, XT, T, L, 'TD = { isa = XCBuildConfiguration; buildSettings = { }; name = Debug; }']);
      const p = readXcodeProject(t, FILE, filesOf({}));
      assert.deepEqual(p.problems, [{ file: FILE, span: { start: 0, end: 0 }, severity: 'warning', message: 'The base configuration file Apps/Config/Project.xcconfig is not in the workspace; its settings are not known.' }]);
    });

    it('a reference outside the project tree (build products) is not read and not reported', () => {
      const t = doc([PRJ, PL, PD, MG, GC, 'XP = { isa = PBXFileReference; path = Gen.xcconfig; sourceTree = BUILT_PRODUCTS_DIR; }', XT, T, L, 'TD = { isa = XCBuildConfiguration; buildSettings = { }; name = Debug; }']);
      const reads: string[] = [];
      const p = readXcodeProject(t, FILE, filesOf({}, reads));
      assert.deepEqual([p.problems, reads, raws(p)], [[], [], [['FLAGS', '$(inherited) p']]]);
    });

    it('includes: several in order below the file, relative to the including file, cycles read once', () => {
      const files = filesOf({
        'Apps/Config/Project.xcconfig': '#include "A.xcconfig"\n#include "../Top.xcconfig"\nOWN = o\n',
        'Apps/Config/A.xcconfig': '#include "Project.xcconfig"\n#include "A.xcconfig"\nX = $(inherited) a\nOWN = a\n',
        'Apps/Top.xcconfig': 'X = top\nTOP = 1\n',
        'Apps/Config/Target.xcconfig': '',
      });
      const t = doc([PRJ, PL, 'PD = { isa = XCBuildConfiguration; baseConfigurationReference = XP; name = Debug; }', MG, GC, XP, XT, T, L, 'TD = { isa = XCBuildConfiguration; name = Debug; }']);
      const p = readXcodeProject(t, FILE, files);
      assert.deepEqual(p.problems, []);
      // A.xcconfig's X is below Top.xcconfig's (included later), which replaces it.
      assert.deepEqual(raws(p), [['X', 'top'], ['OWN', 'o'], ['TOP', '1']]);
    });

    it('includes nest 16 deep below the base file; deeper ones are ignored silently', () => {
      const contents: Record<string, string> = { 'Apps/Config/Target.xcconfig': '' };
      contents['Apps/Config/Project.xcconfig'] = '#include "C1.xcconfig"\nV0 = 0\n';
      for (let i = 1; i < 20; i++) contents[`Apps/Config/C${i}.xcconfig`] = `#include "C${i + 1}.xcconfig"\nV${i} = ${i}\n`;
      const t = doc([PRJ, PL, 'PD = { isa = XCBuildConfiguration; baseConfigurationReference = XP; name = Debug; }', MG, GC, XP, XT, T, L, 'TD = { isa = XCBuildConfiguration; name = Debug; }']);
      const p = readXcodeProject(t, FILE, filesOf(contents));
      assert.deepEqual(p.problems, []);
      assert.deepEqual(raws(p).map(([k]) => k), Array.from({ length: 17 }, (_, i) => `V${16 - i}`));
    });
  });

  describe('platform', () => {
    /** The platform of one target whose configurations hold these settings (and the project's first one). */
    function platform(targetConfigs: readonly string[], projectConfig = ''): string {
      const t = doc([
        'PRJ = { isa = PBXProject; buildConfigurationList = PL; targets = (T); }',
        'PL = { isa = XCConfigurationList; buildConfigurations = (PC); }',
        `PC = { isa = XCBuildConfiguration; buildSettings = { ${projectConfig} }; name = C0; }`,
        'T = { isa = PBXNativeTarget; buildConfigurationList = TL; name = T; }',
        `TL = { isa = XCConfigurationList; buildConfigurations = (${targetConfigs.map((_, i) => `C${i}`).join(', ')}); }`,
        ...targetConfigs.map((s, i) => `C${i} = { isa = XCBuildConfiguration; buildSettings = { ${s} }; name = C${i}; }`),
      ]);
      return readXcodeProject(t, FILE).targets[0].platform;
    }

    it('from SDKROOT, one per SDK', () => {
      assert.deepEqual(['iphoneos', 'macosx', 'watchos', 'appletvos', 'xros', 'iphoneos17.0'].map((s) => platform([`SDKROOT = ${s};`])), ['ios', 'macos', 'watchos', 'tvos', 'visionos', 'ios']);
    });

    it('the first non-empty SDKROOT of the configurations, project level included', () => {
      assert.equal(platform(['SDKROOT = "";', 'SDKROOT = watchos;']), 'watchos');
      assert.equal(platform([''], 'SDKROOT = appletvos;'), 'tvos');
      assert.equal(platform(['SDKROOT = macosx;', 'SDKROOT = iphoneos;']), 'macos');
    });

    it('SDKROOT decides before SUPPORTED_PLATFORMS and deployment targets', () => {
      assert.equal(platform(['SDKROOT = macosx; SUPPORTED_PLATFORMS = iphoneos; IPHONEOS_DEPLOYMENT_TARGET = 17.0;']), 'macos');
      assert.equal(platform(['SDKROOT = xros; SUPPORTED_PLATFORMS = macosx;']), 'visionos');
    });

    it('else from the first non-empty SUPPORTED_PLATFORMS: iOS, then macOS, then watchOS, tvOS, visionOS', () => {
      assert.equal(platform(['SDKROOT = auto; SUPPORTED_PLATFORMS = "appletvos appletvsimulator";']), 'tvos');
      assert.equal(platform(['SDKROOT = auto; SUPPORTED_PLATFORMS = "xros xrsimulator";']), 'visionos');
      assert.equal(platform(['SUPPORTED_PLATFORMS = "xros appletvos";']), 'tvos');
      assert.equal(platform(['SDKROOT = auto; SUPPORTED_PLATFORMS = "macosx iphoneos iphonesimulator";']), 'ios');
      assert.equal(platform(['SUPPORTED_PLATFORMS = "watchos macosx";']), 'macos');
      assert.equal(platform(['SUPPORTED_PLATFORMS = "";', 'SUPPORTED_PLATFORMS = "watchos watchsimulator";']), 'watchos');
      assert.equal(platform(['SUPPORTED_PLATFORMS = macosx; IPHONEOS_DEPLOYMENT_TARGET = 17.0;']), 'macos');
    });

    it('else from a deployment target in any configuration (iOS first), else unknown', () => {
      assert.equal(platform(['A = 1;', 'IPHONEOS_DEPLOYMENT_TARGET = 17.0;']), 'ios');
      assert.equal(platform(['MACOSX_DEPLOYMENT_TARGET = 14.0; IPHONEOS_DEPLOYMENT_TARGET = 17.0;']), 'ios');
      assert.equal(platform(['A = 1;', 'MACOSX_DEPLOYMENT_TARGET = 14.0;']), 'macos');
      assert.equal(platform(['SDKROOT = driverkit; WATCHOS_DEPLOYMENT_TARGET = 10.0;']), 'unknown');
      assert.equal(platform([]), 'unknown');
    });
  });

  describe('compiled files', () => {
    /** A project with one target compiling through these phases, plus the given objects. */
    function sources(phases: string, objects: readonly string[]): ProjectTarget['sources'] {
      const t = doc([
        'PRJ = { isa = PBXProject; mainGroup = MG; targets = (T); }',
        `T = { isa = PBXNativeTarget; buildPhases = (${phases}); name = T; }`,
        ...objects,
      ]);
      return readXcodeProject(t, FILE).targets[0].sources;
    }

    it('paths through the group tree: <group> (the default) below parents, SOURCE_ROOT, <absolute>, orphans at SRCROOT', () => {
      const s = sources('S', [
        'MG = { isa = PBXGroup; children = (G1, GUP); sourceTree = "<group>"; }',
        'G1 = { isa = PBXGroup; children = (G2, FS); path = App; sourceTree = "<group>"; }',
        'G2 = { isa = PBXGroup; children = (F1, FA); }',
        'F1 = { isa = PBXFileReference; path = Models/Note.swift; }',
        'FS = { isa = PBXFileReference; path = Shared/S.swift; sourceTree = SOURCE_ROOT; }',
        'FA = { isa = PBXFileReference; path = /abs/A.swift; sourceTree = "<absolute>"; }',
        'GUP = { isa = PBXGroup; children = (FU); path = ../Common; sourceTree = "<group>"; }',
        'FU = { isa = PBXFileReference; path = U.swift; sourceTree = "<group>"; }',
        'FN = { isa = PBXFileReference; path = Orphan.swift; sourceTree = "<group>"; }',
        'S = { isa = PBXSourcesBuildPhase; files = (B1, BS, BA, BU, BN); }',
        'B1 = { isa = PBXBuildFile; fileRef = F1; }',
        'BS = { isa = PBXBuildFile; fileRef = FS; }',
        'BA = { isa = PBXBuildFile; fileRef = FA; }',
        'BU = { isa = PBXBuildFile; fileRef = FU; }',
        'BN = { isa = PBXBuildFile; fileRef = FN; }',
      ]);
      assert.deepEqual(s, { files: ['Apps/App/Models/Note.swift', 'Apps/Shared/S.swift', '/abs/A.swift', 'Common/U.swift', 'Apps/Orphan.swift'], folders: [] });
    });

    it('only Sources phases count (all of them); build files without a resolvable file are skipped', () => {
      const s = sources('S1, R, GONE, S2', [
        'S1 = { isa = PBXSourcesBuildPhase; files = (B1, BNOREF, BMISSING, BPROD, BGONE); }',
        'R = { isa = PBXResourcesBuildPhase; files = (BR); }',
        'S2 = { isa = PBXSourcesBuildPhase; files = (B2); }',
        'B1 = { isa = PBXBuildFile; fileRef = F1; }',
        'B2 = { isa = PBXBuildFile; fileRef = F2; }',
        'BR = { isa = PBXBuildFile; fileRef = FR; }',
        'BNOREF = { isa = PBXBuildFile; productRef = P; }',
        'BMISSING = { isa = PBXBuildFile; fileRef = NOPE; }',
        'BPROD = { isa = PBXBuildFile; fileRef = FP; }',
        'F1 = { isa = PBXFileReference; path = a.swift; }',
        'F2 = { isa = PBXFileReference; path = b.swift; }',
        'FR = { isa = PBXFileReference; path = r.png; }',
        'FP = { isa = PBXFileReference; path = Gen.swift; sourceTree = BUILT_PRODUCTS_DIR; }',
      ]);
      assert.deepEqual(s, { files: ['Apps/a.swift', 'Apps/b.swift'], folders: [] });
    });

    it('a file below a group outside the tree (SDKROOT) has no path', () => {
      const s = sources('S', [
        'G = { isa = PBXGroup; children = (F); path = usr/lib; sourceTree = SDKROOT; }',
        'F = { isa = PBXFileReference; path = x.swift; }',
        'S = { isa = PBXSourcesBuildPhase; files = (B); }',
        'B = { isa = PBXBuildFile; fileRef = F; }',
      ]);
      assert.deepEqual(s, { files: [], folders: [] });
    });

    it('a cycle in the group tree ends without a path', () => {
      const s = sources('S', [
        'GA = { isa = PBXGroup; children = (GB); path = a; }',
        'GB = { isa = PBXGroup; children = (GA, F); path = b; }',
        'F = { isa = PBXFileReference; path = x.swift; }',
        'S = { isa = PBXSourcesBuildPhase; files = (B); }',
        'B = { isa = PBXBuildFile; fileRef = F; }',
      ]);
      assert.deepEqual(s, { files: [], folders: [] });
    });

    it('groups nest 63 deep above a file; one more and the file has no path', () => {
      const chain = (n: number): string[] => [
        ...Array.from({ length: n }, (_, i) => `G${i} = { isa = PBXGroup; children = (${i === n - 1 ? 'F' : `G${i + 1}`}); path = d${i}; }`),
        'F = { isa = PBXFileReference; path = x.swift; }',
        'S = { isa = PBXSourcesBuildPhase; files = (B); }',
        'B = { isa = PBXBuildFile; fileRef = F; }',
      ];
      const deepest = ['Apps', ...Array.from({ length: 63 }, (_, i) => `d${i}`), 'x.swift'].join('/');
      assert.deepEqual(sources('S', chain(63)).files, [deepest]);
      assert.deepEqual(sources('S', chain(64)).files, []);
    });

    it('synchronized folders with this target\'s membership exceptions (others\' ignored), then local packages', () => {
      const s = sources('', []);
      assert.deepEqual(s, { files: [], folders: [] });
      const t = doc([
        'PRJ = { isa = PBXProject; mainGroup = MG; targets = (T); }',
        'T = { isa = PBXNativeTarget; fileSystemSynchronizedGroups = (SG, SG2, SGX, GONE); packageProductDependencies = (PD1); name = T; }',
        'MG = { isa = PBXGroup; children = (SG); sourceTree = "<group>"; }',
        'SG = { isa = PBXFileSystemSynchronizedRootGroup; exceptions = (E1, E2, EGONE); path = App; sourceTree = "<group>"; }',
        'E1 = { isa = PBXFileSystemSynchronizedBuildFileExceptionSet; membershipExceptions = (Info.plist, "Sub/Old.swift"); target = T; }',
        'E2 = { isa = PBXFileSystemSynchronizedBuildFileExceptionSet; membershipExceptions = (Widget.swift); target = OTHER; }',
        'SG2 = { isa = PBXFileSystemSynchronizedRootGroup; path = Shared; sourceTree = SOURCE_ROOT; }',
        'SGX = { isa = PBXFileSystemSynchronizedRootGroup; path = Gen; sourceTree = BUILT_PRODUCTS_DIR; }',
        'PD1 = { isa = XCSwiftPackageProductDependency; package = LP1; productName = Core; }',
        'LP1 = { isa = XCLocalSwiftPackageReference; relativePath = Packages/Core; }',
      ]);
      assert.deepEqual(readXcodeProject(t, FILE).targets[0].sources, {
        files: [],
        folders: [
          { path: 'Apps/App', exclude: ['Apps/App/Info.plist', 'Apps/App/Sub/Old.swift'] },
          { path: 'Apps/Shared', exclude: [] },
          { path: 'Apps/Packages/Core', exclude: [], viaPackage: true },
        ],
      });
    });

    it('local packages: by the dependency\'s package, else another dependency on the product, else a package folder of that name', () => {
      const targets = ['T1:PD1', 'T2:PD2', 'T3:PD3', 'T4:PD4', 'T5:PD5', 'T6:PD6', 'T7:PD7', 'T8:GONE', 'T9:PD9', 'T10:PD10'];
      const t = doc([
        `PRJ = { isa = PBXProject; targets = (${targets.map((x) => x.split(':')[0]).join(', ')}); }`,
        ...targets.map((x) => { const [n, d] = x.split(':'); return `${n} = { isa = PBXNativeTarget; packageProductDependencies = (${d}); name = ${n}; }`; }),
        // Not a product dependency: its package must not be taken for Tools.
        'BX = { isa = PBXBuildFile; productName = Tools; package = LP1; }',
        'PD1 = { isa = XCSwiftPackageProductDependency; package = LP1; productName = Core; }',
        'LP1 = { isa = XCLocalSwiftPackageReference; relativePath = ../Packages/Core; }',
        'PD2 = { isa = XCSwiftPackageProductDependency; package = RP; productName = Kit; }',
        'RP = { isa = XCRemoteSwiftPackageReference; repositoryURL = "https://example.com/kit"; }',
        'PD3 = { isa = XCSwiftPackageProductDependency; productName = Core; }',
        'PD4 = { isa = XCSwiftPackageProductDependency; productName = Tools; }',
        // Not a local package reference: its folder name must not be taken for Tools.
        'DX = { isa = XCRemoteSwiftPackageReference; relativePath = Other/Tools; }',
        'LP2 = { isa = XCLocalSwiftPackageReference; relativePath = Local/Tools; }',
        'PD5 = { isa = XCSwiftPackageProductDependency; productName = Ghost; }',
        'PD6 = { isa = XCSwiftPackageProductDependency; }',
        // Another dependency without a product name: not a match for PD6's missing one.
        'PDN = { isa = XCSwiftPackageProductDependency; package = LP2; }',
        'PD7 = { isa = XCSwiftPackageProductDependency; package = LP3; productName = NoPath; }',
        'LP3 = { isa = XCLocalSwiftPackageReference; }',
        // Another dependency says Remote comes from a remote package: no fallback to the folder name.
        'PD9 = { isa = XCSwiftPackageProductDependency; productName = Remote; }',
        'PDR = { isa = XCSwiftPackageProductDependency; package = RP; productName = Remote; }',
        'LP4 = { isa = XCLocalSwiftPackageReference; relativePath = Pk/Remote; }',
        // A remote package is never a folder, even with a relativePath.
        'PD10 = { isa = XCSwiftPackageProductDependency; package = DX; productName = Odd; }',
      ]);
      const pkg = (path: string) => [{ path, exclude: [], viaPackage: true }];
      assert.deepEqual(readXcodeProject(t, FILE).targets.map((x) => [x.name, x.sources.folders]), [
        ['T1', pkg('Packages/Core')],
        ['T2', []],
        ['T3', pkg('Packages/Core')],
        ['T4', pkg('Apps/Local/Tools')],
        ['T5', []],
        ['T6', []],
        ['T7', []],
        ['T8', []],
        ['T9', []],
        ['T10', []],
      ]);
    });
  });
});
