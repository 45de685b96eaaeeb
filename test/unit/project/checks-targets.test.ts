import assert from 'node:assert/strict';
import { runProjectChecks, type ProjectFinding, type WorkspaceFile } from '../../../src/core/project';
import type { SwiftParser } from '../../../src/core/swift/syntax-node';
import { loadSwiftParser } from '../../../src/swift-parser/load-node';
import { appAndWidgetSharingOneStore, CORE_DATA_SETUP, entitlements, fileText, GOOD_ENT, NOTES_SETTINGS, notesProject, pbxproj, plist, spanIn, text, expectedFinding, lineBefore, dictAt, callName } from './fixtures';

/**
 * The target-level checks one by one, each finding pinned whole: PC05 (remote-notification background
 * mode), PC08 (app and extension syncing one App Group store), PC09 (plists no target names), PC10
 * (sharing without a shared store or CKSharingSupported), PC12 (XcodeGen rewriting a file from
 * `properties`): rule, severity, exact message, file, span (found with indexOf in the text we wrote),
 * related locations, fixes, and where each check must stay silent. Projects are hand-made.
 */
let parser: SwiftParser;
before(async () => { parser = await loadSwiftParser(); });

const SWIFT_PATH = 'Notes/Persistence.swift';
const INFO_PATH = 'Notes/Info.plist';
const PBX = 'Notes.xcodeproj/project.pbxproj';

function findings(files: WorkspaceFile[], id: string): ProjectFinding[] {
  return runProjectChecks(files, parser).findings.filter((f) => f.ruleId === id);
}

const BUG = 'CloudKit then logs "BUG IN CLIENT OF CLOUDKIT: CloudKit push notifications require the \'remote-notification\' background mode in your info plist." and changes from other devices wait for the next launch.';
const STORE_RELATED = { file: SWIFT_PATH, span: callName(CORE_DATA_SETUP, 'NSPersistentCloudKitContainer'), message: 'sync set up here' };

describe('project checks: targets (PC05, PC08, PC09, PC10, PC12)', () => {
  describe('PC05 remote-notification', () => {
    it('an Info.plist without UIBackgroundModes: on <dict>, related to the store, a fix that adds the key', () => {
      const files = notesProject({ info: plist({ CFBundleName: 'Notes' }) });
      const info = fileText(files, INFO_PATH);
      assert.deepEqual(findings(files, 'PC05'), [expectedFinding(files, {
        ruleId: 'PC05', severity: 'warning', file: INFO_PATH, span: dictAt(info),
        message: `Notes (Debug, Release) syncs with CloudKit but its Info.plist Notes/Info.plist has no remote-notification in UIBackgroundModes. ${BUG}`,
        related: [STORE_RELATED],
        fixes: [{ title: 'Add remote-notification to UIBackgroundModes', isPreferred: true,
          edits: [{ span: lineBefore(info, '</dict>', 0), newText: '\t<key>UIBackgroundModes</key>\n\t<array>\n\t\t<string>remote-notification</string>\n\t</array>\n' }] }],
      })]);
    });

    it('UIBackgroundModes without remote-notification: on the key, the fix appends to the array', () => {
      const files = notesProject({ info: plist({ UIBackgroundModes: ['fetch'] }) });
      const info = fileText(files, INFO_PATH);
      const key = spanIn(info, '<key>UIBackgroundModes</key>');
      const [f, ...rest] = findings(files, 'PC05');
      assert.deepEqual(rest, []);
      assert.deepEqual(f.span, key);
      assert.deepEqual(f.fixes?.[0].edits, [{ span: lineBefore(info, '\t</array>', key.end), newText: '\t\t<string>remote-notification</string>\n' }]);
    });

    it('a generated Info.plist with INFOPLIST_KEY_UIBackgroundModes: on that setting, no fix', () => {
      const generated = { GENERATE_INFOPLIST_FILE: 'YES', INFOPLIST_KEY_UIBackgroundModes: 'remote-notification', CODE_SIGN_ENTITLEMENTS: 'Notes/Notes.entitlements' };
      const files = notesProject({ info: null, app: { settings: { Debug: generated, Release: generated } } });
      const pbx = fileText(files, PBX);
      const [f, ...rest] = findings(files, 'PC05');
      assert.deepEqual(rest, []);
      assert.equal(f.message, `Notes (Debug, Release) syncs with CloudKit but it sets INFOPLIST_KEY_UIBackgroundModes, which Xcode does not write into a generated Info.plist, and names no INFOPLIST_FILE. ${BUG}`);
      assert.equal(f.file, PBX);
      assert.equal(f.span.start, pbx.indexOf('INFOPLIST_KEY_UIBackgroundModes'));
      assert.match(pbx.slice(f.span.start, f.span.end), /^INFOPLIST_KEY_UIBackgroundModes = remote-notification;?$/);
      assert.deepEqual(f.related?.map((r) => r.message), ['sync set up here']);
      assert.equal(f.fixes, undefined);
    });

    it('a generated Info.plist without the key: on the setup call', () => {
      const generated = { GENERATE_INFOPLIST_FILE: 'YES', CODE_SIGN_ENTITLEMENTS: 'Notes/Notes.entitlements' };
      const files = notesProject({ info: null, app: { settings: { Debug: generated, Release: generated } } });
      assert.deepEqual(findings(files, 'PC05'), [expectedFinding(files, {
        ruleId: 'PC05', severity: 'warning', file: SWIFT_PATH, span: STORE_RELATED.span,
        message: `Notes (Debug, Release) syncs with CloudKit but its generated Info.plist declares no background modes (no INFOPLIST_FILE). ${BUG}`,
        related: [STORE_RELATED],
      })]);
    });

    it('related also names an INFOPLIST_KEY_UIBackgroundModes next to a real Info.plist, and an unused plist that has the mode', () => {
      const s = { ...NOTES_SETTINGS, INFOPLIST_KEY_UIBackgroundModes: 'remote-notification' };
      const files = notesProject({ info: plist({ CFBundleName: 'Notes' }), app: { settings: { Debug: s, Release: s } },
        extra: [text('Old/Info.plist', plist({ UIBackgroundModes: ['remote-notification'] }))] });
      const pbx = fileText(files, PBX);
      const [f] = findings(files, 'PC05');
      assert.deepEqual(f.related?.map((r) => [r.file, r.span.start, r.message]), [
        [SWIFT_PATH, STORE_RELATED.span.start, 'sync set up here'],
        [PBX, pbx.indexOf('INFOPLIST_KEY_UIBackgroundModes'), 'INFOPLIST_KEY_UIBackgroundModes (not written by Xcode)'],
        ['Old/Info.plist', dictAt(fileText(files, 'Old/Info.plist')).start, 'a plist with remote-notification that no target uses'],
      ]);
      assert.deepEqual(f.related?.[2].span, dictAt(fileText(files, 'Old/Info.plist')));
    });

    it('silent with the mode, for a macOS app, for CKContainer-only code, and when the Info.plist cannot be read', () => {
      assert.deepEqual(findings(notesProject(), 'PC05'), []);
      assert.deepEqual(findings(notesProject({ info: plist({ CFBundleName: 'Notes' }), app: { sdk: 'macosx' } }), 'PC05'), []);
      assert.deepEqual(findings(notesProject({ info: plist({ CFBundleName: 'Notes' }), swift: 'import CloudKit\nlet c = CKContainer(identifier: "iCloud.com.example.notes")\n' }), 'PC05'), []);
      assert.deepEqual(findings(notesProject({ info: null }), 'PC05'), []);
    });
  });

  describe('PC08 one App Group store synced twice', () => {
    const TN3164 = 'when both processes sync it, CloudKit setup fails with 134410 "CloudKit setup failed because there is another instance of this persistent store actively syncing with CloudKit in this process." (TN3164). Let only the app sync; open the store in extensions with';

    it('app and widget each with their own setup: one finding per call, each related to the other', () => {
      const files = appAndWidgetSharingOneStore();
      const app = callName(fileText(files, 'Notes/NotesStore.swift'), 'ModelConfiguration');
      const widget = callName(fileText(files, 'NotesWidget/WidgetStore.swift'), 'ModelConfiguration');
      assert.deepEqual(findings(files, 'PC08'), [
        expectedFinding(files, { ruleId: 'PC08', severity: 'warning', file: 'Notes/NotesStore.swift', span: app,
          message: `Notes runs this setup, which syncs the store in App Group "group.com.example.notes", and NotesWidget syncs the same store: ${TN3164} cloudKitDatabase: .none.`,
          related: [{ file: 'NotesWidget/WidgetStore.swift', span: widget, message: 'the other setup of this store' }] }),
        expectedFinding(files, { ruleId: 'PC08', severity: 'warning', file: 'NotesWidget/WidgetStore.swift', span: widget,
          message: `NotesWidget runs this setup, which syncs the store in App Group "group.com.example.notes", and Notes syncs the same store: ${TN3164} cloudKitDatabase: .none.`,
          related: [{ file: 'Notes/NotesStore.swift', span: app, message: 'the other setup of this store' }] }),
      ]);
    });

    it('one Core Data setup compiled into both targets: "each run", the Core Data advice, no related', () => {
      const swift = ['import CoreData', 'let url = FileManager.default.containerURL(forSecurityApplicationGroupIdentifier: "group.com.example.notes")!', 'let c = NSPersistentCloudKitContainer(name: "Notes")', ''].join('\n');
      const files = notesProject({ swift, widget: { sources: [SWIFT_PATH] } });
      assert.deepEqual(findings(files, 'PC08'), [expectedFinding(files, {
        ruleId: 'PC08', severity: 'warning', file: SWIFT_PATH, span: callName(swift, 'NSPersistentCloudKitContainer'),
        message: `Notes and NotesWidget each run this setup, which syncs the store in App Group "group.com.example.notes": ${TN3164} cloudKitContainerOptions = nil.`,
      })]);
    });

    it('silent without an extension, without a group, or when the extension does not sync', () => {
      const swift = ['import CoreData', 'let url = FileManager.default.containerURL(forSecurityApplicationGroupIdentifier: "group.com.example.notes")!', 'let c = NSPersistentCloudKitContainer(name: "Notes")', ''].join('\n');
      assert.deepEqual(findings(notesProject({ swift, widget: { sources: [SWIFT_PATH], productType: 'com.apple.product-type.application' } }), 'PC08'), []);
      assert.deepEqual(findings(notesProject({ swift, widget: { sources: [SWIFT_PATH], productType: 'com.apple.product-type.framework' } }), 'PC08'), []);
      assert.deepEqual(findings(notesProject({ widget: { sources: [SWIFT_PATH] } }), 'PC08'), []);
      assert.deepEqual(findings(notesProject({ swift }), 'PC08'), []);
      const none = appAndWidgetSharingOneStore().map((w) => (w.path.endsWith('WidgetStore.swift') ? { ...w, text: w.text!.replace('.private("iCloud.com.example.notes")', '.none') } : w));
      assert.deepEqual(findings(none, 'PC08'), []);
    });
  });

  describe('PC09 plists no target names', () => {
    it('an unnamed entitlements file with CloudKit keys: a warning on <dict> listing them in a fixed order', () => {
      const files = notesProject({ extra: [text('Notes/Old.entitlements', entitlements(GOOD_ENT))] });
      assert.deepEqual(findings(files, 'PC09'), [expectedFinding(files, {
        ruleId: 'PC09', severity: 'warning', file: 'Notes/Old.entitlements', span: dictAt(fileText(files, 'Notes/Old.entitlements')),
        message: 'No target or build configuration in Notes.xcodeproj/project.pbxproj names Notes/Old.entitlements (CODE_SIGN_ENTITLEMENTS), so it is not part of any build: its com.apple.developer.icloud-services, com.apple.developer.icloud-container-identifiers, aps-environment never ship. Name it in the target\'s build settings or delete it.',
      })]);
    });

    it('an unnamed Info.plist: info without keys, a warning naming UIBackgroundModes and CKSharingSupported; every project is named', () => {
      const files = [...notesProject({ extra: [text('A/Info.plist', plist({ CFBundleName: 'A' })), text('B/Info.plist', plist({ CKSharingSupported: true, UIBackgroundModes: ['remote-notification'] }))] }),
        text('Other.xcodeproj/project.pbxproj', pbxproj([]))];
      assert.deepEqual(findings(files, 'PC09').map((f) => [f.file, f.severity, f.message]), [
        ['A/Info.plist', 'info', 'No target or build configuration in Notes.xcodeproj/project.pbxproj, Other.xcodeproj/project.pbxproj names A/Info.plist (INFOPLIST_FILE), so it is not part of any build. Name it in the target\'s build settings or delete it.'],
        ['B/Info.plist', 'warning', 'No target or build configuration in Notes.xcodeproj/project.pbxproj, Other.xcodeproj/project.pbxproj names B/Info.plist (INFOPLIST_FILE), so it is not part of any build: its UIBackgroundModes, CKSharingSupported never ship. Name it in the target\'s build settings or delete it.'],
      ]);
    });

    it('silent for named files, without any project, and for a file that is not a plist document', () => {
      assert.deepEqual(findings(notesProject(), 'PC09'), []);
      assert.deepEqual(findings([text('Notes/Old.entitlements', entitlements(GOOD_ENT))], 'PC09'), []);
      assert.deepEqual(findings(notesProject({ extra: [text('Notes/Broken.entitlements', 'not xml')] }), 'PC09'), []);
    });
  });

  describe('PC10 sharing', () => {
    const SHARE = 'c.share([o], to: nil) { _, _, _, _ in }';
    const SHARING = `${CORE_DATA_SETUP}func share(_ o: NSManagedObject, c: NSPersistentCloudKitContainer) { ${SHARE} }\n`;

    it('no shared store and no CKSharingSupported: two warnings on the sharing call; the key fix goes to the Info.plist', () => {
      const files = notesProject({ swift: SHARING });
      const info = fileText(files, INFO_PATH);
      const at = spanIn(SHARING, SHARE);
      assert.deepEqual(findings(files, 'PC10'), [
        expectedFinding(files, { ruleId: 'PC10', severity: 'warning', file: SWIFT_PATH, span: at,
          message: 'This code shares records, but Notes (Debug, Release) sets up no store on the shared database (databaseScope = .shared): shares accepted by others have nowhere to land.' }),
        expectedFinding(files, { ruleId: 'PC10', severity: 'warning', file: SWIFT_PATH, span: at,
          message: 'This code shares records, but the Info.plist of Notes (Debug, Release) (Notes/Info.plist) has no CKSharingSupported = true: the app cannot accept share invitations.',
          related: [{ file: INFO_PATH, span: dictAt(info), message: 'Info.plist' }],
          fixes: [{ title: 'Add CKSharingSupported = true', edits: [], isPreferred: undefined, otherFiles: { [INFO_PATH]: [{ span: lineBefore(info, '</dict>', 0), newText: '\t<key>CKSharingSupported</key>\n\t<true/>\n' }] } }] }),
      ]);
    });

    it('CKSharingSupported false (or a string) still cannot accept shares: reported, the fix replaces only that value with <true/>', () => {
      const swift = SHARING.replace('container.loadPersistentStores', 'description.cloudKitContainerOptions?.databaseScope = .shared\n        container.loadPersistentStores');
      for (const [value, element] of [[false, '<false/>'], ['YES', '<string>YES</string>']] as const) {
        const files = notesProject({ swift, info: plist({ UIBackgroundModes: ['remote-notification'], CKSharingSupported: value }) });
        const info = fileText(files, INFO_PATH);
        const found = findings(files, 'PC10');
        assert.deepEqual(found.map((f) => f.message.slice(0, 60)), ['This code shares records, but the Info.plist of Notes (Debug'], String(value));
        assert.deepEqual(found[0].fixes, [{
          title: 'Set CKSharingSupported to true', edits: [], isPreferred: undefined,
          otherFiles: { [INFO_PATH]: [{ span: spanIn(info, element), newText: '<true/>' }] },
        }], String(value));
        // Applied, the key is there once, true, and the check is silent.
        const edit = found[0].fixes![0].otherFiles![INFO_PATH][0];
        const fixed = info.slice(0, edit.span.start) + edit.newText + info.slice(edit.span.end);
        assert.equal(fixed.split('<key>CKSharingSupported</key>').length, 2);
        assert.deepEqual(findings(files.map((f) => (f.path === INFO_PATH ? text(INFO_PATH, fixed) : f)), 'PC10'), []);
      }
    });

    it('silent with a shared store and CKSharingSupported = true, for SwiftData-only code, a generated Info.plist, and non-app targets', () => {
      const swift = SHARING.replace('container.loadPersistentStores', 'description.cloudKitContainerOptions?.databaseScope = .shared\n        container.loadPersistentStores');
      assert.deepEqual(findings(notesProject({ swift, info: plist({ UIBackgroundModes: ['remote-notification'], CKSharingSupported: true }) }), 'PC10'), []);
      // SwiftData has no shared database to set up: only the Info.plist key is asked for.
      const sd = `import SwiftData\nlet m = ModelConfiguration()\nfunc s(c: X) { ${SHARE} }\n`;
      assert.deepEqual(findings(notesProject({ swift: sd, info: plist({ CKSharingSupported: true }) }), 'PC10'), []);
      assert.deepEqual(findings(notesProject({ swift, info: null }), 'PC10'), []);
      assert.deepEqual(findings(notesProject({ swift: SHARING, app: { sources: [] }, widget: { sources: [SWIFT_PATH] } }), 'PC10'), []);
    });

    it('files in a source folder count (XcodeGen `sources: [Notes]`)', () => {
      const yml = ['name: Notes', 'targets:', '  Notes:', '    type: application', '    platform: iOS', '    sources: [Notes]', '    settings:', '      base:', '        INFOPLIST_FILE: Notes/Info.plist', ''].join('\n');
      const files = [text('project.yml', yml), text(INFO_PATH, plist({ UIBackgroundModes: ['remote-notification'] })), text(SWIFT_PATH, SHARING), text('NotesX/Other.swift', SHARING)];
      assert.deepEqual(findings(files, 'PC10').map((f) => f.file), [SWIFT_PATH, SWIFT_PATH]);
    });
  });

  describe('PC12 XcodeGen drops keys', () => {
    const yml = (role: string, path: string, props: string[]) => ['name: Notes', 'targets:', '  Notes:', '    type: application', '    platform: iOS',
      `    ${role}:`, `      path: ${path}`, '      properties:', ...props.map((p) => `        ${p}`), ''].join('\n');

    it('keys only in the file: on `path`, each related (plural wording)', () => {
      const spec = yml('entitlements', 'Notes/Notes.entitlements', ['com.apple.developer.icloud-services: [CloudKit]']);
      const files = [text('project.yml', spec), text('Notes/Notes.entitlements', entitlements(GOOD_ENT))];
      const ent = fileText(files, 'Notes/Notes.entitlements');
      assert.deepEqual(findings(files, 'PC12'), [expectedFinding(files, {
        ruleId: 'PC12', severity: 'warning', file: 'project.yml', span: { start: spec.indexOf('path:'), end: spec.indexOf('path:') + 4 },
        message: 'Target Notes: XcodeGen rewrites Notes/Notes.entitlements from `entitlements.properties` on every generate, and aps-environment, com.apple.developer.icloud-container-identifiers are only in the file: the next `xcodegen generate` removes them. Move them into properties.',
        related: [
          { file: 'Notes/Notes.entitlements', span: spanIn(ent, '<key>aps-environment</key>'), message: 'aps-environment: only in the file' },
          { file: 'Notes/Notes.entitlements', span: spanIn(ent, '<key>com.apple.developer.icloud-container-identifiers</key>'), message: 'com.apple.developer.icloud-container-identifiers: only in the file' },
        ],
      })]);
    });

    it('one key only in an Info.plist: singular wording, `info.properties`', () => {
      const spec = yml('info', 'Notes/Info.plist', ['CFBundleName: Notes']);
      const files = [text('project.yml', spec), text(INFO_PATH, plist({ CFBundleName: 'Notes', UIBackgroundModes: ['remote-notification'] }))];
      const [f, ...rest] = findings(files, 'PC12');
      assert.deepEqual(rest, []);
      assert.equal(f.message, 'Target Notes: XcodeGen rewrites Notes/Info.plist from `info.properties` on every generate, and UIBackgroundModes is only in the file: the next `xcodegen generate` removes it. Move it into properties.');
    });

    it('at most 5 related keys', () => {
      const spec = yml('info', 'Notes/Info.plist', ['CFBundleName: Notes']);
      const files = [text('project.yml', spec), text(INFO_PATH, plist({ CFBundleName: 'Notes', K1: 'a', K2: 'b', K3: 'c', K4: 'd', K5: 'e', K6: 'f' }))];
      const [f] = findings(files, 'PC12');
      assert.deepEqual(f.related?.map((r) => r.message), ['K1: only in the file', 'K2: only in the file', 'K3: only in the file', 'K4: only in the file', 'K5: only in the file']);
      assert.match(f.message, /and K1, K2, K3, K4, K5, K6 are only in the file/);
    });

    it('silent when every key is in properties, when the file is missing, or when its root is not a dict', () => {
      const spec = yml('info', 'Notes/Info.plist', ['CFBundleName: Notes', 'UIBackgroundModes: [remote-notification]']);
      assert.deepEqual(findings([text('project.yml', spec), text(INFO_PATH, plist({ CFBundleName: 'Notes', UIBackgroundModes: ['remote-notification'] }))], 'PC12'), []);
      assert.deepEqual(findings([text('project.yml', spec)], 'PC12'), []);
      const arrayRoot = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<array>\n\t<string>x</string>\n</array>\n</plist>\n';
      assert.deepEqual(findings([text('project.yml', spec), text(INFO_PATH, arrayRoot)], 'PC12'), []);
    });
  });
});
