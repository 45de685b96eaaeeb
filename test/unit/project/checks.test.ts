import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_CHECKS, runProjectChecks, type ProjectFinding, type WorkspaceFile } from '../../../src/core/project';
import type { SwiftParser } from '../../../src/core/swift/syntax-node';
import { loadSwiftParser } from '../../../src/swift-parser/load-node';
import { REPO_ROOT } from '../../helpers/paths';
import { appAndWidgetSharingOneStore, CORE_DATA_SETUP, entitlements, pbxproj, plist, text, type TargetSpec } from './fixtures';

let parser: SwiftParser;
before(async () => { parser = await loadSwiftParser(); });

const run = (files: WorkspaceFile[]) => runProjectChecks(files, parser);
const only = (findings: ProjectFinding[], id: string) => findings.filter((f) => f.ruleId === id);
const applyEdits = (t: string, edits: readonly { span: { start: number; end: number }; newText: string }[]) =>
  [...edits].sort((a, b) => b.span.start - a.span.start).reduce((acc, e) => acc.slice(0, e.span.start) + e.newText + acc.slice(e.span.end), t);


const GOOD_ENT = { containers: ['iCloud.com.example.notes'], services: ['CloudKit'], aps: 'development' };

/** App + widget, Debug + Release; overrides per file. */
function project(opts: { app?: Partial<TargetSpec>; ent?: Parameters<typeof entitlements>[0]; info?: string | null; swift?: string; extra?: WorkspaceFile[] } = {}): WorkspaceFile[] {
  const appSettings = { CODE_SIGN_ENTITLEMENTS: 'Notes/Notes.entitlements', INFOPLIST_FILE: 'Notes/Info.plist' };
  return [
    text('Notes.xcodeproj/project.pbxproj', pbxproj([
      { name: 'Notes', settings: { Debug: appSettings, Release: appSettings }, sources: ['Notes/Persistence.swift'], dependencies: ['NotesWidget'], ...opts.app },
      { name: 'NotesWidget', productType: 'com.apple.product-type.app-extension', settings: { Debug: {}, Release: {} }, sources: ['NotesWidget/Widget.swift'] },
    ])),
    text('Notes/Notes.entitlements', entitlements(opts.ent ?? GOOD_ENT)),
    ...(opts.info === null ? [] : [text('Notes/Info.plist', opts.info ?? plist({ UIBackgroundModes: ['remote-notification'] }))]),
    text('Notes/Persistence.swift', opts.swift ?? CORE_DATA_SETUP),
    text('NotesWidget/Widget.swift', 'import WidgetKit\n'),
    ...(opts.extra ?? []),
  ];
}

describe('project checks (hand-made projects)', () => {
  it('a correctly configured app + widget (two targets, two configurations) has no findings', () => {
    const r = run(project());
    assert.deepEqual(r.findings.map((f) => `${f.ruleId} ${f.message}`), []);
    const app = r.summary.targets.find((t) => t.name === 'Notes')!;
    assert.deepEqual(app.configurations.map((c) => [c.name, c.syncs, c.containers.join(), c.remoteNotification]), [['Debug', true, 'iCloud.com.example.notes', true], ['Release', true, 'iCloud.com.example.notes', true]]);
    assert.equal(r.summary.targets.find((t) => t.name === 'NotesWidget')!.configurations[0].syncs, false);
  });

  it('PC01: syncing code without CloudKit in icloud-services, with a fix that adds it', () => {
    const r = run(project({ ent: { containers: ['iCloud.com.example.notes'], services: ['CloudDocuments'], aps: 'development' } }));
    const [f] = only(r.findings, 'PC01');
    assert.equal(f.severity, 'error');
    assert.equal(f.file, 'Notes/Notes.entitlements');
    assert.match(f.message, /Notes \(Debug, Release\).*missing required entitlement com\.apple\.developer\.icloud-services/);
    assert.equal(f.related?.[0].file, 'Notes/Persistence.swift');
    const ent = r.analysis.plists.get('Notes/Notes.entitlements')!.doc!.text;
    const fixed = applyEdits(ent, f.fixes![0].edits);
    assert.match(fixed, /<string>CloudDocuments<\/string>\n\t\t<string>CloudKit<\/string>\n\t<\/array>/);
    assert.equal(only(run(project()).findings, 'PC01').length, 0);
  });

  it('PC01: CloudKit in Release only (a configuration without it)', () => {
    const files = project({ app: { settings: { Debug: { CODE_SIGN_ENTITLEMENTS: 'Notes/Debug.entitlements', INFOPLIST_FILE: 'Notes/Info.plist' }, Release: { CODE_SIGN_ENTITLEMENTS: 'Notes/Notes.entitlements', INFOPLIST_FILE: 'Notes/Info.plist' } }, sources: [] },
      extra: [text('Notes/Debug.entitlements', entitlements({ groups: ['group.x'] }))] });
    const f = only(run(files).findings, 'PC01');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'warning');
    assert.match(f[0].message, /Notes \(Debug\).*Debug\.entitlements without CloudKit/);
  });

  it('PC02: CloudKit entitled without a container; an error when the store takes the default container', () => {
    const setup = CORE_DATA_SETUP.replace(/\n.*cloudKitContainerOptions.*\n/, '\n');
    const r = run(project({ ent: { services: ['CloudKit'], aps: 'development' }, swift: setup }));
    const [f] = only(r.findings, 'PC02');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /never syncs/);
    const r2 = run(project({ ent: { services: ['CloudKit'], aps: 'development' } }));
    const [g] = only(r2.findings, 'PC02');
    assert.equal(g.severity, 'warning');
    assert.equal(g.fixes?.[0].title, 'Add iCloud.com.example.notes to com.apple.developer.icloud-container-identifiers');
  });

  it('PC03: the code asks for a container the target is not entitled to, per configuration with $(VAR) resolved', () => {
    const setup = CORE_DATA_SETUP.replace('"iCloud.com.example.notes"', '"iCloud.com.example.other"');
    const r = run(project({ swift: setup }));
    const [f] = only(r.findings, 'PC03');
    assert.equal(f.file, 'Notes/Persistence.swift');
    assert.equal(r.analysis.input.files.read(f.file)!.text!.slice(f.span.start, f.span.end), '"iCloud.com.example.other"');
    assert.match(f.message, /Permission Failure.*10\/2007.*Invalid bundle ID for container/);
    assert.deepEqual(Object.keys(f.fixes![0].otherFiles!), ['Notes/Notes.entitlements']);
    // Entitlements written with a build setting: $(CONTAINER) is Debug's dev container and Release's prod one.
    const perConfig = project({
      app: { settings: { Debug: { CODE_SIGN_ENTITLEMENTS: 'Notes/Notes.entitlements', INFOPLIST_FILE: 'Notes/Info.plist', CONTAINER: 'iCloud.com.example.notes.dev' }, Release: { CODE_SIGN_ENTITLEMENTS: 'Notes/Notes.entitlements', INFOPLIST_FILE: 'Notes/Info.plist', CONTAINER: 'iCloud.com.example.notes' } } },
      ent: { containers: ['$(CONTAINER)'], services: ['CloudKit'], aps: 'development' },
    });
    const g = only(run(perConfig).findings, 'PC03');
    assert.equal(g.length, 1);
    assert.match(g[0].message, /Notes \(Debug\) is entitled to "iCloud\.com\.example\.notes\.dev" only/);
  });

  it('PC04: a SwiftData store on .automatic while two containers are listed', () => {
    const swift = 'import SwiftData\nlet c = try ModelContainer(for: Item.self, configurations: ModelConfiguration())\n';
    const r = run(project({ swift, ent: { containers: ['iCloud.a', 'iCloud.b'], services: ['CloudKit'], aps: 'development' } }));
    const [f] = only(r.findings, 'PC04');
    assert.match(f.message, /FIRST container of the entitlements, "iCloud\.a"/);
    assert.equal(only(run(project({ swift })).findings, 'PC04').length, 0);
  });

  it('PC05: no remote-notification in the Info.plist the app uses, with a plist fix; INFOPLIST_KEY_UIBackgroundModes does not count', () => {
    const r = run(project({ info: plist({ CFBundleName: 'Notes' }) }));
    const [f] = only(r.findings, 'PC05');
    assert.equal(f.file, 'Notes/Info.plist');
    assert.match(f.message, /BUG IN CLIENT OF CLOUDKIT: CloudKit push notifications require the 'remote-notification' background mode/);
    const fixed = applyEdits(r.analysis.plists.get('Notes/Info.plist')!.doc!.text, f.fixes![0].edits);
    assert.match(fixed, /<key>UIBackgroundModes<\/key>\n\t<array>\n\t\t<string>remote-notification<\/string>\n\t<\/array>\n<\/dict>/);
    const generated = { GENERATE_INFOPLIST_FILE: 'YES', INFOPLIST_KEY_UIBackgroundModes: 'remote-notification', CODE_SIGN_ENTITLEMENTS: 'Notes/Notes.entitlements' };
    const g = only(run(project({ info: null, app: { settings: { Debug: generated, Release: generated } } })).findings, 'PC05');
    assert.equal(g.length, 1);
    assert.equal(g[0].file, 'Notes.xcodeproj/project.pbxproj');
    assert.match(g[0].message, /INFOPLIST_KEY_UIBackgroundModes, which Xcode does not write/);
  });

  it('PC06: an invalid aps-environment is an error with a fix; a missing one a warning', () => {
    const bad = run(project({ ent: { ...GOOD_ENT, aps: 'staging' } }));
    const [f] = only(bad.findings, 'PC06');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /Current value='staging'/);
    assert.match(applyEdits(bad.analysis.plists.get('Notes/Notes.entitlements')!.doc!.text, f.fixes![0].edits), /<string>development<\/string>/);
    const missing = only(run(project({ ent: { containers: GOOD_ENT.containers, services: ['CloudKit'] } })).findings, 'PC06');
    assert.equal(missing.length, 1);
    assert.equal(missing[0].severity, 'warning');
  });

  it('PC07: Production in a file a Debug configuration signs; Development fix only when no Release build shares it', () => {
    const shared = run(project({ ent: { ...GOOD_ENT, environment: 'Production' } }));
    const [f] = only(shared.findings, 'PC07');
    assert.match(f.message, /Notes \(Debug\)/);
    assert.match(f.message, /also signed by Notes \(Release\)/);
    assert.match(f.fixes![0].title, /CLOUDKIT_ENVIRONMENT/);
    const debugOnly = project({
      app: { settings: { Debug: { CODE_SIGN_ENTITLEMENTS: 'Notes/Notes.entitlements', INFOPLIST_FILE: 'Notes/Info.plist' }, Release: { CODE_SIGN_ENTITLEMENTS: 'Notes/Release.entitlements', INFOPLIST_FILE: 'Notes/Info.plist' } } },
      ent: { ...GOOD_ENT, environment: 'Production' },
      extra: [text('Notes/Release.entitlements', entitlements({ ...GOOD_ENT, environment: 'Production' }))],
    });
    const [g] = only(run(debugOnly).findings, 'PC07');
    assert.equal(g.file, 'Notes/Notes.entitlements');
    assert.equal(g.fixes![0].title, 'Use Development');
  });

  it('PC08: app and widget each syncing one App Group store get the 134410 warning on both setup calls', () => {
    const r = run(appAndWidgetSharingOneStore());
    const f = only(r.findings, 'PC08');
    assert.deepEqual(f.map((x) => x.file).sort(), ['Notes/NotesStore.swift', 'NotesWidget/WidgetStore.swift']);
    for (const x of f) {
      assert.match(x.message, /134410 "CloudKit setup failed because there is another instance of this persistent store actively syncing with CloudKit in this process\."/);
      assert.equal(x.related?.length, 1);
    }
    // The widget opening the store with .none is TN3164's fix: no finding.
    const fixed = appAndWidgetSharingOneStore().map((w) => (w.path.endsWith('WidgetStore.swift') ? { ...w, text: w.text!.replace('.private("iCloud.com.example.notes")', '.none') } : w));
    assert.equal(only(run(fixed).findings, 'PC08').length, 0);
  });

  it('PC09: an entitlements file no configuration names', () => {
    const r = run(project({ extra: [text('Notes/Old.entitlements', entitlements(GOOD_ENT))] }));
    const [f] = only(r.findings, 'PC09');
    assert.equal(f.file, 'Notes/Old.entitlements');
    assert.equal(f.severity, 'warning');
  });

  it('PC10: sharing code without a shared store, and without CKSharingSupported', () => {
    const swift = CORE_DATA_SETUP + 'func share(_ o: NSManagedObject, c: NSPersistentCloudKitContainer) { c.share([o], to: nil) { _, _, _, _ in } }\n';
    const r = run(project({ swift }));
    const f = only(r.findings, 'PC10');
    assert.equal(f.length, 2);
    assert.match(f[0].message + f[1].message, /shared database/);
    assert.match(f[0].message + f[1].message, /CKSharingSupported/);
    const withShared = swift.replace('container.loadPersistentStores', 'description.cloudKitContainerOptions?.databaseScope = .shared\n        container.loadPersistentStores');
    const g = only(run(project({ swift: withShared, info: plist({ UIBackgroundModes: ['remote-notification'], CKSharingSupported: true }) })).findings, 'PC10');
    assert.equal(g.length, 0);
  });

  it('PC11: the widget entitled to another container than the app', () => {
    const files = project({ extra: [text('NotesWidget/W.entitlements', entitlements({ containers: ['iCloud.com.example.widget'], services: ['CloudKit'] }))] });
    files[0] = text('Notes.xcodeproj/project.pbxproj', pbxproj([
      { name: 'Notes', settings: { Debug: { CODE_SIGN_ENTITLEMENTS: 'Notes/Notes.entitlements', INFOPLIST_FILE: 'Notes/Info.plist' }, Release: { CODE_SIGN_ENTITLEMENTS: 'Notes/Notes.entitlements', INFOPLIST_FILE: 'Notes/Info.plist' } }, sources: ['Notes/Persistence.swift'], dependencies: ['NotesWidget'] },
      { name: 'NotesWidget', productType: 'com.apple.product-type.app-extension', settings: { Debug: { CODE_SIGN_ENTITLEMENTS: 'NotesWidget/W.entitlements' }, Release: { CODE_SIGN_ENTITLEMENTS: 'NotesWidget/W.entitlements' } } },
    ]));
    const f = only(run(files).findings, 'PC11');
    assert.equal(f.length, 2);
    assert.equal(f[0].file, 'NotesWidget/W.entitlements');
    assert.equal(f[0].related?.[0].file, 'Notes/Notes.entitlements');
  });

  it('PC12 and an XcodeGen project: entitlements properties that lack keys of the file; per-configuration settings', () => {
    const yml = [
      'name: Notes',
      'targets:',
      '  Notes:',
      '    type: application',
      '    platform: iOS',
      '    sources: [Notes]',
      '    entitlements:',
      '      path: Notes/Notes.entitlements',
      '      properties:',
      '        com.apple.developer.icloud-services: [CloudKit]',
      '    settings:',
      '      base:',
      '        INFOPLIST_FILE: Notes/Info.plist',
      '      configs:',
      '        Release:',
      '          CODE_SIGN_ENTITLEMENTS: Notes/Release.entitlements',
      '',
    ].join('\n');
    const files = [text('project.yml', yml), text('Notes/Notes.entitlements', entitlements(GOOD_ENT)), text('Notes/Release.entitlements', entitlements(GOOD_ENT)),
      text('Notes/Info.plist', plist({ UIBackgroundModes: ['remote-notification'] })), text('Notes/Persistence.swift', CORE_DATA_SETUP)];
    const r = run(files);
    const [f] = only(r.findings, 'PC12');
    assert.equal(f.file, 'project.yml');
    assert.match(f.message, /aps-environment, com\.apple\.developer\.icloud-container-identifiers are only in the file/);
    assert.equal(yml.slice(f.span.start, f.span.end), 'path');
    const t = r.summary.targets[0];
    assert.deepEqual(t.configurations.map((c) => [c.name, c.entitlements, c.syncs]), [['Debug', 'Notes/Notes.entitlements', true], ['Release', 'Notes/Release.entitlements', true]]);
  });

  it('a Tuist project: entitlements .file(path:), per-configuration settings, sources', () => {
    const manifest = [
      'import ProjectDescription', '',
      'let name = "Notes"',
      'let project = Project(name: name, settings: .settings(base: ["CONTAINER": "iCloud.com.example.notes"], configurations: [.debug(name: "Debug", settings: ["CONTAINER": "iCloud.com.example.notes.dev"]), .release(name: "Release")]), targets: [',
      '    .target(name: name, destinations: .iOS, product: .app, bundleId: "com.example.notes", infoPlist: .file(path: "Notes/Info.plist"), sources: ["Notes/**"], entitlements: .file(path: .relativeToManifest("Notes/Notes.entitlements")))',
      '])', '',
    ].join('\n');
    const files = [text('Project.swift', manifest), text('Notes/Notes.entitlements', entitlements({ ...GOOD_ENT, containers: ['$(CONTAINER)'] })),
      text('Notes/Info.plist', plist({ UIBackgroundModes: ['remote-notification'] })), text('Notes/Persistence.swift', CORE_DATA_SETUP)];
    const r = run(files);
    assert.deepEqual(r.summary.projects.map((p) => p.kind), ['tuist']);
    const t = r.summary.targets[0];
    assert.equal(t.name, 'Notes');
    assert.equal(t.kind, 'application');
    assert.deepEqual(t.configurations.map((c) => [c.name, c.containers.join()]), [['Debug', 'iCloud.com.example.notes.dev'], ['Release', 'iCloud.com.example.notes']]);
    // Debug is entitled to the .dev container, the code asks for the production one.
    const f = only(r.findings, 'PC03');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /Notes \(Debug\)/);
  });

  it('every check has a file named after it and a docs/rules page', () => {
    const dir = path.join(REPO_ROOT, 'src/core/project/checks');
    for (const c of PROJECT_CHECKS) {
      assert.ok(fs.readdirSync(dir).some((f) => f.startsWith(`${c.id}-`)), `${c.id} file`);
      assert.ok(fs.existsSync(path.join(REPO_ROOT, 'docs/rules', `${c.id}.md`)), `${c.id} docs page`);
    }
  });
});
