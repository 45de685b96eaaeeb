import assert from 'node:assert/strict';
import { isProjectFile, isProjectRelevant, needsSwiftParser, runProjectChecks, type WorkspaceFile } from '../../../src/core/project';
import { EMPTY_SETUP_FILE } from '../../../src/core/project/setup-model';
import type { SwiftParser } from '../../../src/core/swift/syntax-node';
import { loadSwiftParser } from '../../../src/swift-parser/load-node';
import { pbxproj, text } from './fixtures';

/**
 * The entry point's file triage: which workspace paths are project files (and of which generator), which
 * ones the checks look at, which Swift files need the parser, and which files `runProjectChecks` reads as
 * projects or as setup code, with and without a parser. Files are small texts written here.
 */
let parser: SwiftParser;
before(async () => { parser = await loadSwiftParser(); });

const TUIST = 'import ProjectDescription\n\nlet project = Project(name: "T", targets: [.target(name: "T", product: .app)])\n';
const TUIST_WORKSPACE = 'import ProjectDescription\n\nlet workspace = Workspace(name: "W", projects: ["."])\n';
/** A SwiftData model named Project: a plain Swift file that happens to be called Project.swift. */
const MODEL_NAMED_PROJECT = 'import SwiftData\n\n@Model final class Project {\n    var name = ""\n}\n';
const CLOUD = 'import CloudKit\n\nlet db = CKContainer(identifier: "iCloud.com.example.app").privateCloudDatabase\n';
const XCODEGEN = 'name: App\ntargets:\n  App:\n    type: application\n    platform: iOS\n';

describe('project: which files are project files', () => {
  it('isProjectFile: the kind of each generator\'s project file, by exact name', () => {
    const kinds = Object.fromEntries([
      'App.xcodeproj/project.pbxproj', 'ios/App.xcodeproj/project.pbxproj', 'App.xcodeproj/project.pbxproj.orig', 'project.pbxproj', 'App.xcodeproj/project.xcworkspace/contents.xcworkspacedata',
      'project.yml', 'ios/project.yaml', 'project.yml.bak', 'myproject.yml', 'ios/project.json',
      'Project.swift', 'Tuist/App/Project.swift', 'Project.swift.orig', 'MyProject.swift', 'project.swift',
      'README.md',
    ].map((p) => [p, isProjectFile(p) ?? null]));
    assert.deepEqual(kinds, {
      'App.xcodeproj/project.pbxproj': 'pbxproj', 'ios/App.xcodeproj/project.pbxproj': 'pbxproj', 'App.xcodeproj/project.pbxproj.orig': null, 'project.pbxproj': null, 'App.xcodeproj/project.xcworkspace/contents.xcworkspacedata': null,
      'project.yml': 'xcodegen', 'ios/project.yaml': 'xcodegen', 'project.yml.bak': null, 'myproject.yml': null, 'ios/project.json': null,
      'Project.swift': 'tuist', 'Tuist/App/Project.swift': 'tuist', 'Project.swift.orig': null, 'MyProject.swift': null, 'project.swift': null,
      'README.md': null,
    });
  });

  it('isProjectRelevant: project files, entitlements, plists, xcconfigs and Swift files', () => {
    const relevant = Object.fromEntries([
      'App.xcodeproj/project.pbxproj', 'project.yml', 'App/App.entitlements', 'App/Info.plist', 'Config/Base.xcconfig', 'App/Store.swift',
      'App/Store.swift.orig', 'App/Info.plist.bak', 'README.md', 'Package.resolved', 'App/entitlements.txt',
    ].map((p) => [p, isProjectRelevant(p)]));
    assert.deepEqual(relevant, {
      'App.xcodeproj/project.pbxproj': true, 'project.yml': true, 'App/App.entitlements': true, 'App/Info.plist': true, 'Config/Base.xcconfig': true, 'App/Store.swift': true,
      'App/Store.swift.orig': false, 'App/Info.plist.bak': false, 'README.md': false, 'Package.resolved': false, 'App/entitlements.txt': false,
    });
  });

  it('needsSwiftParser: a Tuist manifest or Swift setup code needs it, other files do not', () => {
    const needs = (f: WorkspaceFile) => needsSwiftParser([text('README.md', '# CKContainer'), f]);
    assert.equal(needs(text('Project.swift', TUIST)), true);
    assert.equal(needs(text('App/Store.swift', CLOUD)), true);
    assert.equal(needs(text('App/Ids.swift', 'let group = "group.com.example.app"\n')), true);
    assert.equal(needs(text('Workspace.swift', TUIST_WORKSPACE)), false);
    assert.equal(needs(text('App/Models/Project.swift', MODEL_NAMED_PROJECT)), false);
    assert.equal(needs(text('App/View.swift', 'import SwiftUI\n')), false);
    assert.equal(needs(text('notes.md', CLOUD)), false);
    assert.equal(needs(text('App/Setup.swift.txt', CLOUD)), false);
    assert.equal(needs({ path: 'App/Store.swift', bytes: new Uint8Array([0x2f, 0x2f]) }), false);
    assert.equal(needsSwiftParser([]), false);
  });
});

describe('project: what runProjectChecks reads', () => {
  const files: WorkspaceFile[] = [
    text('App.xcodeproj/project.pbxproj', pbxproj([{ name: 'App', settings: { Debug: {} } }], { Debug: {} })),
    { path: 'Old.xcodeproj/project.pbxproj', bytes: new Uint8Array([0x2f, 0x2f]) },
    text('gen/project.yml', XCODEGEN),
    text('tool/project.yml', 'name: Tool\nbuild:\n  targets: [a]\n'),
    text('Project.swift', TUIST),
    text('Workspace.swift', TUIST_WORKSPACE),
    text('App/Models/Project.swift', MODEL_NAMED_PROJECT),
    text('App/Store.swift', CLOUD),
    text('App/View.swift', 'import SwiftUI\n'),
    text('notes.md', CLOUD),
    { path: 'App/Binary.swift', bytes: new Uint8Array([0x2f, 0x2f]) },
  ];

  it('with a parser: projects of the three generators, setup code of the interesting Swift files; each tree freed', () => {
    let parsed = 0;
    let deleted = 0;
    const counting: SwiftParser = {
      parse: (t) => {
        parsed++;
        const tree = parser.parse(t);
        return { rootNode: tree.rootNode, delete: () => { deleted++; tree.delete(); } };
      },
    };
    const r = runProjectChecks(files, counting);
    assert.deepEqual(r.analysis.input.projects.map((p) => [p.kind, p.file]), [
      ['xcode', 'App.xcodeproj/project.pbxproj'], ['xcodegen', 'gen/project.yml'], ['tuist', 'Project.swift'],
    ]);
    assert.deepEqual(r.analysis.input.swift.map((s) => s.file), ['App/Store.swift']);
    assert.deepEqual(r.analysis.stores.map((s) => [s.kind, s.file, s.containerIds.map((c) => c.literal)]), [['cloudkit', 'App/Store.swift', ['iCloud.com.example.app']]]);
    assert.deepEqual([parsed, deleted], [2, 2]);
  });

  it('without a parser: the interesting Swift files count, with no setup read; no Tuist project', () => {
    const r = runProjectChecks(files, undefined);
    assert.deepEqual(r.analysis.input.projects.map((p) => [p.kind, p.file]), [['xcode', 'App.xcodeproj/project.pbxproj'], ['xcodegen', 'gen/project.yml']]);
    assert.deepEqual(r.analysis.input.swift, [{ file: 'App/Store.swift', setup: EMPTY_SETUP_FILE }]);
  });

  it('the plist paths passed on are the .entitlements and .plist files', () => {
    const r = runProjectChecks([
      text('App/App.entitlements', '<plist><dict/></plist>'),
      text('App/Info.plist', '<plist><dict/></plist>'),
      text('App/Info.plist.orig', '<plist><dict/></plist>'),
      text('README.md', '# notes'),
    ], undefined);
    assert.deepEqual(r.analysis.input.plistPaths, ['App/App.entitlements', 'App/Info.plist']);
    assert.deepEqual([...r.analysis.plists.keys()], ['App/App.entitlements', 'App/Info.plist']);
  });
});
