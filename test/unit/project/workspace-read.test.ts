import assert from 'node:assert/strict';
import type { ProjectFiles, ProjectModel, ProjectTarget, Setting, SourceRef } from '../../../src/core/project/model';
import { readPlist } from '../../../src/core/project/plist';
import type { ContainerSetupCall, ContainerSetupFile } from '../../../src/core/project/setup-model';
import { analyzeProject, compiles, entitlementsFileName, isAppOrExtension, reachOf, syncingViews, viewLabel, type ProjectInput } from '../../../src/core/project/workspace';
import { plist } from './fixtures';

/**
 * How the analysis reads a workspace: which Swift files a target compiles, which entitlements and
 * Info.plist files its settings name (and where they are found, XcodeGen's moved projects included),
 * the problems it reports when a file cannot be read or a path not resolved (exact messages, places, and
 * once per project and setting), the entries it picks from the entitlements, stores per target, and the
 * orphan plists it reads. Projects are built here as plain models (no generator in between).
 */
type Settings = Readonly<Record<string, string | Setting>>;
interface TargetOpts {
  readonly kind?: ProjectTarget['kind'];
  readonly platform?: ProjectTarget['platform'];
  readonly configs?: Readonly<Record<string, Settings>>;
  readonly files?: readonly string[];
  readonly folders?: ProjectTarget['sources']['folders'];
}

function target(name: string, o: TargetOpts = {}): ProjectTarget {
  return {
    name, kind: o.kind ?? 'application', productType: o.kind ?? 'application', platform: o.platform ?? 'ios', dependencies: [],
    sources: { files: o.files ?? [], folders: o.folders ?? [] },
    configurations: Object.entries(o.configs ?? { Debug: {} }).map(([cfg, s]) => ({
      name: cfg, settings: new Map(Object.entries(s).map(([k, v]) => [k, typeof v === 'string' ? { raw: v } : v])),
    })),
  };
}

function project(targets: readonly ProjectTarget[], o: { kind?: ProjectModel['kind']; file?: string; rootDir?: string } = {}): ProjectModel {
  return { kind: o.kind ?? 'xcode', file: o.file ?? 'App.xcodeproj/project.pbxproj', rootDir: o.rootDir ?? '', name: 'App', targets, problems: [] };
}

function filesOf(files: Readonly<Record<string, string | Uint8Array>>): ProjectFiles {
  return { read: (p) => { const f = files[p]; return f === undefined ? undefined : typeof f === 'string' ? { text: f } : { bytes: f }; } };
}

const input = (projects: readonly ProjectModel[], files: Readonly<Record<string, string | Uint8Array>> = {}, extra: Partial<ProjectInput> = {}): ProjectInput =>
  ({ projects, files: filesOf(files), swift: [], ...extra });

const at = (file: string, start: number, end: number): SourceRef => ({ file, span: { start, end } });
const warning = (file: string, start: number, end: number, message: string) => ({ file, span: { start, end }, severity: 'warning', message });

const span0 = { start: 0, end: 0 };
const setupFile = (calls: ContainerSetupCall[], constants: ContainerSetupFile['constants'] = []): ContainerSetupFile =>
  ({ calls, scopeAssignments: [], optionsCleared: [], groupUrls: [], constants, sharingCalls: [] });
const call = (kind: ContainerSetupCall['kind'], id?: string): ContainerSetupCall =>
  ({ kind, span: span0, nameSpan: span0, models: [], ...(id === undefined ? {} : { containerId: { text: JSON.stringify(id), literal: id, span: span0 } }) });

describe('project analysis: which files a target compiles', () => {
  const t = target('App', {
    files: ['Shared/Listed.swift'],
    folders: [
      { path: 'App', exclude: ['App/Legacy', 'App/Old.swift'] },
      { path: 'Packages/Kit', exclude: [], viaPackage: true },
    ],
  });

  it('listed files and files under a synchronized folder are compiled directly', () => {
    assert.equal(reachOf(t, 'Shared/Listed.swift'), 'direct');
    assert.equal(reachOf(t, 'App/Model.swift'), 'direct');
    assert.equal(reachOf(t, 'App/Sub/Deep.swift'), 'direct');
    assert.equal(reachOf(t, 'App'), 'direct');
  });

  it('a folder is matched by whole path segments: `App` does not hold `AppKit/…`', () => {
    assert.equal(reachOf(t, 'AppKit/View.swift'), undefined);
    assert.equal(reachOf(t, 'Shared/Other.swift'), undefined);
  });

  it('excluded folders and files are not compiled, neighbours with a longer name are', () => {
    assert.equal(reachOf(t, 'App/Legacy/Store.swift'), undefined);
    assert.equal(reachOf(t, 'App/Old.swift'), undefined);
    assert.equal(reachOf(t, 'App/LegacyNew.swift'), 'direct');
    assert.equal(reachOf(t, 'App/Old.swift.orig'), 'direct');
  });

  it('a linked local package gives `package`; a direct folder holding the same file wins', () => {
    assert.equal(reachOf(t, 'Packages/Kit/Sources/Store.swift'), 'package');
    const both = target('Both', { folders: [{ path: 'Packages/Kit', exclude: [], viaPackage: true }, { path: 'Packages', exclude: [] }] });
    assert.equal(reachOf(both, 'Packages/Kit/Store.swift'), 'direct');
  });

  it('a synchronized folder at the workspace root holds every file', () => {
    const root = target('Root', { folders: [{ path: '', exclude: ['Tests'] }] });
    assert.equal(reachOf(root, 'Store.swift'), 'direct');
    assert.equal(reachOf(root, 'Sources/Store.swift'), 'direct');
    assert.equal(reachOf(root, 'Tests/StoreTests.swift'), undefined);
  });

  it('compiles: true for direct and package files only', () => {
    assert.deepEqual(['App/A.swift', 'Packages/Kit/B.swift', 'Other/C.swift'].map((f) => compiles(t, f)), [true, true, false]);
  });
});

describe('project analysis: entitlements and Info.plist files', () => {
  const ENT = plist({
    'com.apple.developer.icloud-services': ['CloudKit'],
    'com.apple.developer.icloud-container-identifiers': ['iCloud.$(PRODUCT_BUNDLE_IDENTIFIER)', 'iCloud.$(TARGET_NAME).$(CONFIGURATION)'],
    'com.apple.developer.icloud-container-environment': 'Production',
    'com.apple.security.application-groups': ['$(TeamIdentifierPrefix)group.app'],
  });
  const INFO = plist({ UIBackgroundModes: ['remote-notification', 'fetch'] });

  it('a target configuration: both files found from its settings, entries read and expanded', () => {
    const t = target('App', { configs: { Release: { CODE_SIGN_ENTITLEMENTS: '$(SRCROOT)/App/App.entitlements', INFOPLIST_FILE: 'App/Info.plist', PRODUCT_BUNDLE_IDENTIFIER: 'com.example.app', GENERATE_INFOPLIST_FILE: 'YES', INFOPLIST_KEY_UIBackgroundModes: 'remote-notification', INFOPLIST_KEY_NSCameraUsageDescription: 'Scan' } } });
    const p = project([t], { rootDir: 'ios' });
    const a = analyzeProject(input([p], { 'ios/App/App.entitlements': ENT, 'ios/App/Info.plist': INFO }));
    assert.deepEqual(a.problems, []);
    assert.equal(a.views.length, 1);
    const v = a.views[0];
    assert.deepEqual(v.entitlements, { path: 'ios/App/App.entitlements', doc: readPlist(ENT), setting: { value: './App/App.entitlements', unresolved: [], at: undefined } });
    assert.deepEqual(v.infoPlist, { path: 'ios/App/Info.plist', doc: readPlist(INFO), setting: { value: 'App/Info.plist', unresolved: [], at: undefined } });
    assert.deepEqual(v.services, ['CloudKit']);
    assert.equal(v.servicesEntry?.key, 'com.apple.developer.icloud-services');
    assert.deepEqual(v.containers.map((c) => [c.value, c.unresolved]), [['iCloud.com.example.app', []], ['iCloud.App.Release', []]]);
    assert.equal(v.containersEntry?.key, 'com.apple.developer.icloud-container-identifiers');
    assert.deepEqual([v.environment?.value, v.environment?.node.value], ['Production', 'Production']);
    assert.deepEqual(v.appGroups.map((g) => [g.value, g.unresolved]), [['$(TeamIdentifierPrefix)group.app', ['TeamIdentifierPrefix']]]);
    assert.deepEqual(v.backgroundModes, ['remote-notification', 'fetch']);
    assert.equal(v.backgroundModesEntry?.key, 'UIBackgroundModes');
    assert.equal(v.generateInfoPlist, true);
    assert.deepEqual([...v.infoPlistKeys.keys()], ['INFOPLIST_KEY_UIBackgroundModes', 'INFOPLIST_KEY_NSCameraUsageDescription']);
    assert.equal(v.debug, false);
    assert.deepEqual([...a.namedPlists], ['ios/App/App.entitlements', 'ios/App/Info.plist']);
    assert.deepEqual([...a.plists.keys()], ['ios/App/App.entitlements', 'ios/App/Info.plist']);
  });

  it('no setting, or a blank one, names no file', () => {
    const t = target('App', { configs: { Debug: { CODE_SIGN_ENTITLEMENTS: ' ', INFOPLIST_FILE: '' } } });
    const a = analyzeProject(input([project([t])]));
    assert.deepEqual([a.views[0].entitlements, a.views[0].infoPlist, a.problems, a.namedPlists.size, a.views[0].generateInfoPlist], [undefined, undefined, [], 0, false]);
  });

  it('a path with an undefined variable: one warning per setting on the setting, the file not read', () => {
    const entAt = at('Config/Base.xcconfig', 10, 58);
    const t = target('App', {
      configs: {
        Debug: { CODE_SIGN_ENTITLEMENTS: { raw: '$(APP_DIR)/$(FLAVOR).entitlements', at: entAt }, INFOPLIST_FILE: '$(APP_DIR)/Info.plist' },
        Release: { CODE_SIGN_ENTITLEMENTS: { raw: '$(APP_DIR)/$(FLAVOR).entitlements', at: entAt }, INFOPLIST_FILE: '$(APP_DIR)/Info.plist' },
      },
    });
    const a = analyzeProject(input([project([t])]));
    assert.deepEqual(a.problems, [
      warning('Config/Base.xcconfig', 10, 58, 'CODE_SIGN_ENTITLEMENTS = $(APP_DIR)/$(FLAVOR).entitlements: $(APP_DIR), $(FLAVOR) is not defined in the project, so the entitlements of target App (Debug) cannot be checked.'),
      warning('App.xcodeproj/project.pbxproj', 0, 0, 'INFOPLIST_FILE = $(APP_DIR)/Info.plist: $(APP_DIR) is not defined in the project, so the Info.plist of target App (Debug) cannot be checked.'),
    ]);
    assert.deepEqual(a.views[1].entitlements, { path: '$(APP_DIR)/$(FLAVOR).entitlements', setting: { value: '$(APP_DIR)/$(FLAVOR).entitlements', unresolved: ['APP_DIR', 'FLAVOR'], at: entAt }, problem: 'path not resolvable' });
    assert.deepEqual([a.plists.size, a.namedPlists.size], [0, 0]);
  });

  it('a named file missing from the workspace: one warning per setting and path, on the setting', () => {
    const entAt = at('App.xcodeproj/project.pbxproj', 120, 170);
    const cfg = { CODE_SIGN_ENTITLEMENTS: { raw: 'App/App.entitlements', at: entAt }, INFOPLIST_FILE: 'App/Info.plist' };
    const a = analyzeProject(input([project([target('App', { configs: { Debug: cfg, Release: cfg } })], { rootDir: 'ios' })]));
    assert.deepEqual(a.problems, [
      warning('App.xcodeproj/project.pbxproj', 120, 170, 'CODE_SIGN_ENTITLEMENTS names ios/App/App.entitlements (entitlements of target App (Debug)), which is not in the workspace; it cannot be checked.'),
      warning('App.xcodeproj/project.pbxproj', 0, 0, 'INFOPLIST_FILE names ios/App/Info.plist (Info.plist of target App (Debug)), which is not in the workspace; it cannot be checked.'),
    ]);
    assert.deepEqual(a.views[1].entitlements, { path: 'ios/App/App.entitlements', problem: 'not in the workspace', setting: { value: 'App/App.entitlements', unresolved: [], at: entAt } });
    assert.deepEqual([...a.namedPlists], ['ios/App/App.entitlements', 'ios/App/Info.plist']);
  });

  it('a binary entitlements file: a warning at its start, no document; a broken plist: its problems in that file', () => {
    const BPLIST = new Uint8Array([0x62, 0x70, 0x6c, 0x69, 0x73, 0x74, 0x30, 0x30, 0xd1]);
    const BINARY = 'This is a binary property list (bplist); only XML plists are read. Convert it with `plutil -convert xml1 <file>` to have it checked.';
    // <key>a</key> at 13-25 has no value.
    const broken = '<plist><dict><key>a</key></dict></plist>';
    const t = target('App', { configs: { Debug: { CODE_SIGN_ENTITLEMENTS: 'App.entitlements', INFOPLIST_FILE: 'Info.plist' } } });
    const a = analyzeProject(input([project([t])], { 'App.entitlements': BPLIST, 'Info.plist': broken }));
    assert.deepEqual(a.problems, [
      warning('App.entitlements', 0, 0, BINARY),
      { file: 'Info.plist', span: { start: 13, end: 25 }, severity: 'error', message: 'Key "a" has no value.' },
    ]);
    assert.deepEqual(a.plists.get('App.entitlements'), { path: 'App.entitlements', problem: BINARY });
    assert.deepEqual(a.views[0].containers, []);
    assert.deepEqual(a.views[0].infoPlist?.doc?.problems.length, 1);
  });

  it('the push entitlement: the platform\'s own key first, the other one as a fallback', () => {
    const both = plist({ 'aps-environment': 'development', 'com.apple.developer.aps-environment': 'production' });
    const iosOnly = plist({ 'aps-environment': 'development' });
    const macOnly = plist({ 'com.apple.developer.aps-environment': 'production' });
    const aps = (platform: ProjectTarget['platform'], ent: string): [string | undefined, unknown] => {
      const t = target('App', { platform, configs: { Debug: { CODE_SIGN_ENTITLEMENTS: 'A.entitlements' } } });
      const v = analyzeProject(input([project([t])], { 'A.entitlements': ent })).views[0];
      return [v.apsEntry?.key, v.apsEntry?.value?.kind === 'string' ? v.apsEntry.value.value : undefined];
    };
    assert.deepEqual(aps('macos', both), ['com.apple.developer.aps-environment', 'production']);
    assert.deepEqual(aps('ios', both), ['aps-environment', 'development']);
    assert.deepEqual(aps('macos', iosOnly), ['aps-environment', 'development']);
    assert.deepEqual(aps('ios', macOnly), ['com.apple.developer.aps-environment', 'production']);
    assert.deepEqual(aps('ios', plist({})), [undefined, undefined]);
  });

  it('orphan plists: every .entitlements and *Info.plist path is read, other plists are not', () => {
    const paths = ['Extra/Extra.entitlements', 'Info.plist', 'Widget/WidgetInfo.plist', 'App/Settings.plist', 'App/Info.plist.bak', 'App/Info.plist.swift'];
    const files = Object.fromEntries(paths.map((p) => [p, plist({ k: 'v' })]));
    const a = analyzeProject(input([], files, { plistPaths: paths }));
    assert.deepEqual([...a.plists.keys()], ['Extra/Extra.entitlements', 'Info.plist', 'Widget/WidgetInfo.plist']);
    assert.deepEqual(a.namedPlists.size, 0);
  });
});

describe('project analysis: where a setting\'s file is found', () => {
  const ENT = plist({ 'aps-environment': 'development' });
  const entPath = (p: ProjectModel, files: Readonly<Record<string, string>>): string | undefined =>
    analyzeProject(input([p], files)).views[0].entitlements?.path;
  const app = (value: string) => target('App', { configs: { Debug: { CODE_SIGN_ENTITLEMENTS: value } } });

  it('XcodeGen: a path that climbs out of a generated project folder is searched in the folders above', () => {
    // direct: Generated + ../../Config/App.entitlements = ../Config/App.entitlements (not there).
    const p = project([app('$(SRCROOT)/../../Config/App.entitlements')], { kind: 'xcodegen', file: 'Generated/project.yml', rootDir: 'Generated' });
    assert.equal(entPath(p, { 'Config/App.entitlements': ENT }), 'Config/App.entitlements');
    // The nearest folder wins: ios/App before ios before the root.
    const deep = project([app('../../../Config/App.entitlements')], { kind: 'xcodegen', file: 'ios/App/project.yml', rootDir: 'ios/App' });
    assert.equal(entPath(deep, { 'Config/App.entitlements': ENT, 'ios/Config/App.entitlements': ENT }), 'ios/Config/App.entitlements');
    assert.equal(entPath(deep, { 'Config/App.entitlements': ENT, 'ios/Config/App.entitlements': ENT, 'ios/App/Config/App.entitlements': ENT }), 'ios/App/Config/App.entitlements');
  });

  it('XcodeGen: the path as written wins when it exists; nothing found keeps it (and says it is missing)', () => {
    const p = project([app('../Shared/App.entitlements')], { kind: 'xcodegen', file: 'ios/App/project.yml', rootDir: 'ios/App' });
    assert.equal(entPath(p, { 'ios/Shared/App.entitlements': ENT, 'ios/App/Shared/App.entitlements': ENT }), 'ios/Shared/App.entitlements');
    const a = analyzeProject(input([p], {}));
    assert.deepEqual([a.views[0].entitlements?.path, a.problems.map((x) => x.message)], [
      'ios/Shared/App.entitlements',
      ['CODE_SIGN_ENTITLEMENTS names ios/Shared/App.entitlements (entitlements of target App (Debug)), which is not in the workspace; it cannot be checked.'],
    ]);
  });

  it('an Xcode project takes the path as written, never searching elsewhere', () => {
    const p = project([app('../../Config/App.entitlements')], { rootDir: 'Generated' });
    assert.equal(entPath(p, { 'Config/App.entitlements': ENT }), '../Config/App.entitlements');
  });
});

describe('project analysis: Swift setup code per target', () => {
  it('string constants: the first definition of a name wins across files', () => {
    const a = analyzeProject(input([], {}, {
      swift: [
        { file: 'A.swift', setup: setupFile([], [{ names: ['containerID', 'IDs.containerID'], value: 'iCloud.first', span: span0 }]) },
        { file: 'B.swift', setup: setupFile([], [{ names: ['containerID'], value: 'iCloud.second', span: span0 }, { names: ['groupID'], value: 'group.b', span: span0 }]) },
      ],
    }));
    assert.deepEqual([...a.constants], [['containerID', 'iCloud.first'], ['IDs.containerID', 'iCloud.first'], ['groupID', 'group.b']]);
  });

  it('a store in a linked package runs in every target; plain CloudKit calls there only in apps', () => {
    const kit = { path: 'Kit', exclude: [], viaPackage: true };
    const p = project([
      target('App', { folders: [kit] }),
      target('Widget', { kind: 'app-extension', folders: [kit] }),
      target('Watch', { kind: 'watch-app', folders: [kit] }),
      target('Direct', { kind: 'app-extension', files: ['Kit/Cloud.swift'] }),
      target('Tests', { kind: 'unit-test' }),
    ]);
    const a = analyzeProject(input([p], {}, {
      swift: [
        { file: 'Kit/Store.swift', setup: setupFile([call('NSPersistentCloudKitContainer')]) },
        { file: 'Kit/Cloud.swift', setup: setupFile([call('CKContainer', 'iCloud.com.example')]) },
      ],
    }));
    const per = a.views.map((v) => [v.target.name, v.stores.map((s) => `${s.kind}@${s.file}`), v.syncs]);
    assert.deepEqual(per, [
      ['App', ['coredata@Kit/Store.swift', 'cloudkit@Kit/Cloud.swift'], true],
      ['Widget', ['coredata@Kit/Store.swift'], true],
      ['Watch', ['coredata@Kit/Store.swift', 'cloudkit@Kit/Cloud.swift'], true],
      ['Direct', ['cloudkit@Kit/Cloud.swift'], true],
      ['Tests', [], false],
    ]);
    assert.deepEqual(syncingViews(a).map(viewLabel), ['App (Debug)', 'Widget (Debug)', 'Watch (Debug)', 'Direct (Debug)']);
    assert.deepEqual(p.targets.map(isAppOrExtension), [true, true, true, true, false]);
  });

  it('entitlementsFileName: the file name, or a phrase when there is none', () => {
    const p = project([
      target('App', { configs: { Debug: { CODE_SIGN_ENTITLEMENTS: 'App/Notes.entitlements' } } }),
      target('Other', { kind: 'framework' }),
    ]);
    const a = analyzeProject(input([p], { 'App/Notes.entitlements': plist({}) }));
    assert.deepEqual(a.views.map(entitlementsFileName), ['Notes.entitlements', 'no entitlements file']);
    assert.deepEqual(isAppOrExtension(p.targets[1]), false);
  });
});
