import assert from 'node:assert/strict';
import { runProjectChecks, type ProjectFinding, type WorkspaceFile } from '../../../src/core/project';
import type { SwiftParser } from '../../../src/core/swift/syntax-node';
import { loadSwiftParser } from '../../../src/swift-parser/load-node';
import { CORE_DATA_SETUP, entitlements, fileText, GOOD_ENT, NOTES_SETTINGS, notesProject, spanIn, text, expectedFinding, lineBefore, dictAt, callName } from './fixtures';

/**
 * The entitlement checks one by one, each finding pinned whole: PC01 (CloudKit service), PC02 (no
 * container), PC03 (container in code not entitled), PC04 (first of several containers), PC06
 * (aps-environment), PC07 (Production in a debug build), PC11 (targets of one app on different
 * containers): rule, severity, exact message, file, span (found with indexOf in the text we wrote), related
 * locations, quick-fix edits, and the cases where a check must stay silent. Projects are hand-made.
 */
let parser: SwiftParser;
before(async () => { parser = await loadSwiftParser(); });

const ENT_PATH = 'Notes/Notes.entitlements';
const SWIFT_PATH = 'Notes/Persistence.swift';
const SERVICES_KEY = '<key>com.apple.developer.icloud-services</key>';
const CONTAINERS_KEY = '<key>com.apple.developer.icloud-container-identifiers</key>';

function findings(files: WorkspaceFile[], id: string): ProjectFinding[] {
  return runProjectChecks(files, parser).findings.filter((f) => f.ruleId === id);
}

const MISSING = '"The application is missing required entitlement com.apple.developer.icloud-services"';

describe('project checks: entitlements (PC01-PC04, PC06, PC07, PC11)', () => {
  describe('PC01 CloudKit service', () => {
    it('syncing code, CloudKit not in the services array: one error for both configurations on the key, a fix that appends CloudKit', () => {
      const files = notesProject({ ent: { containers: ['iCloud.com.example.notes'], services: ['CloudDocuments'], aps: 'development' } });
      const ent = fileText(files, ENT_PATH);
      const key = spanIn(ent, SERVICES_KEY);
      assert.deepEqual(findings(files, 'PC01'), [expectedFinding(files, {
        ruleId: 'PC01', severity: 'error', file: ENT_PATH, span: key,
        message: `Notes (Debug, Release) signs Notes/Notes.entitlements, which does not list CloudKit in com.apple.developer.icloud-services, but its code syncs with CloudKit. At run time CloudKit refuses: ${MISSING}.`,
        related: [{ file: SWIFT_PATH, span: callName(CORE_DATA_SETUP, 'NSPersistentCloudKitContainer'), message: 'CloudKit used here' }],
        fixes: [{ title: 'Add CloudKit to com.apple.developer.icloud-services', edits: [{ span: lineBefore(ent, '\t</array>', key.end), newText: '\t\t<string>CloudKit</string>\n' }], isPreferred: true }],
      })]);
    });

    it('no services key: the finding sits on <dict>, the fix adds the key with CloudKit', () => {
      const files = notesProject({ ent: { containers: ['iCloud.com.example.notes'], aps: 'development' } });
      const ent = fileText(files, ENT_PATH);
      const [f] = findings(files, 'PC01');
      assert.deepEqual([f.file, f.span], [ENT_PATH, dictAt(ent)]);
      assert.deepEqual(f.fixes, [{ title: 'Add CloudKit to com.apple.developer.icloud-services', isPreferred: true,
        edits: [{ span: lineBefore(ent, '</dict>', 0), newText: `\t${SERVICES_KEY}\n\t<array>\n\t\t<string>CloudKit</string>\n\t</array>\n` }] }]);
    });

    it('no CODE_SIGN_ENTITLEMENTS: on the first syncing setup call, no fix; related lists at most 3 syncing calls (not the .none one)', () => {
      const swift = ['import SwiftData', 'let a = ModelConfiguration(cloudKitDatabase: .none)', 'let b = ModelConfiguration()', 'let c = ModelConfiguration()', 'let d = ModelConfiguration()', 'let e = ModelConfiguration()', ''].join('\n');
      const settings = { INFOPLIST_FILE: 'Notes/Info.plist' };
      const files = notesProject({ swift, app: { settings: { Debug: settings, Release: settings } } });
      const calls = [1, 2, 3, 4].map((i) => callName(swift, 'ModelConfiguration', i));
      assert.deepEqual(findings(files, 'PC01'), [expectedFinding(files, {
        ruleId: 'PC01', severity: 'error', file: SWIFT_PATH, span: calls[0],
        message: `Notes (Debug, Release) signs no entitlements file (no CODE_SIGN_ENTITLEMENTS), but its code syncs with CloudKit. At run time CloudKit refuses: ${MISSING}.`,
        related: calls.slice(0, 3).map((span) => ({ file: SWIFT_PATH, span, message: 'CloudKit used here' })),
      })]);
    });

    it('silent when CloudKit is listed, when nothing syncs, and when the entitlements file cannot be read', () => {
      assert.deepEqual(findings(notesProject(), 'PC01'), []);
      assert.deepEqual(findings(notesProject({ ent: { services: ['CloudDocuments'] }, swift: 'import SwiftData\nlet a = ModelConfiguration(cloudKitDatabase: .none)\n' }), 'PC01'), []);
      const missing = { CODE_SIGN_ENTITLEMENTS: 'Notes/Gone.entitlements' };
      assert.deepEqual(findings(notesProject({ app: { settings: { Debug: missing, Release: missing } } }), 'PC01'), []);
    });

    it('CloudKit in some configurations only: a warning on the file without it, related to (at most 2) configurations with it', () => {
      const dbg = { CODE_SIGN_ENTITLEMENTS: 'Notes/Debug.entitlements' };
      const files = notesProject({
        app: { sources: [], settings: { Debug: dbg, Test: dbg, Release: NOTES_SETTINGS, Beta: NOTES_SETTINGS, Staging: NOTES_SETTINGS } },
        extra: [text('Notes/Debug.entitlements', entitlements({ groups: ['group.x'] }))],
      });
      const key = spanIn(fileText(files, ENT_PATH), SERVICES_KEY);
      assert.deepEqual(findings(files, 'PC01'), [expectedFinding(files, {
        ruleId: 'PC01', severity: 'warning', file: 'Notes/Debug.entitlements', span: dictAt(fileText(files, 'Notes/Debug.entitlements')),
        message: 'Notes (Debug, Test) signs Notes/Debug.entitlements without CloudKit while Notes (Release, Beta, Staging) has CloudKit: builds of Debug, Test cannot sync.',
        related: [{ file: ENT_PATH, span: key, message: 'CloudKit in Release' }, { file: ENT_PATH, span: key, message: 'CloudKit in Beta' }],
      })]);
    });

    it('CloudKit in Release only, no entitlements in Debug: the warning sits on the Debug configuration in the project file', () => {
      const files = notesProject({ app: { sources: [], settings: { Debug: {}, Release: NOTES_SETTINGS } } });
      const [f, ...rest] = findings(files, 'PC01');
      assert.deepEqual(rest, []);
      assert.equal(f.message, 'Notes (Debug) signs no entitlements while Notes (Release) has CloudKit: builds of Debug cannot sync.');
      assert.equal(f.file, 'Notes.xcodeproj/project.pbxproj');
      const pbx = fileText(files, f.file);
      // The first Debug configuration object is the app's (the fixture writes targets first).
      assert.equal(f.span.start, pbx.indexOf(' /* Debug */ = {') - 24);
      assert.match(pbx.slice(f.span.start, f.span.end), /^[0-9A-F]{24} \/\* Debug \*\/ = \{[^]*name = Debug;\n\t\t\}/);
    });

    it('a configuration that lacks CloudKit but syncs gets only the error (not also the warning)', () => {
      const dbg = { CODE_SIGN_ENTITLEMENTS: 'Notes/Debug.entitlements' };
      const files = notesProject({ app: { settings: { Debug: dbg, Release: NOTES_SETTINGS } }, extra: [text('Notes/Debug.entitlements', entitlements({ groups: ['group.x'] }))] });
      assert.deepEqual(findings(files, 'PC01').map((f) => [f.severity, f.file, f.message.slice(0, 51)]), [['error', 'Notes/Debug.entitlements', 'Notes (Debug) signs Notes/Debug.entitlements, which']]);
    });
  });

  describe('PC02 no container identifier', () => {
    it('a store on the default description: an error on the services key, related to that store once', () => {
      const swift = CORE_DATA_SETUP.replace(/\n.*cloudKitContainerOptions.*\n/, '\n');
      const files = notesProject({ ent: { services: ['CloudKit'], aps: 'development' }, swift });
      assert.deepEqual(findings(files, 'PC02'), [expectedFinding(files, {
        ruleId: 'PC02', severity: 'error', file: ENT_PATH, span: spanIn(fileText(files, ENT_PATH), SERVICES_KEY),
        message: 'Notes (Debug, Release): Notes/Notes.entitlements lists no iCloud container (com.apple.developer.icloud-container-identifiers). The store set up without an explicit container takes the first container in the entitlements; with none it loads and never syncs, without an error.',
        related: [{ file: SWIFT_PATH, span: callName(swift, 'NSPersistentCloudKitContainer'), message: 'store that takes the first entitled container' }],
      })]);
    });

    it('code that names its container: a warning with a fix that adds that container as a new key', () => {
      const files = notesProject({ ent: { services: ['CloudKit'], aps: 'development' } });
      const ent = fileText(files, ENT_PATH);
      assert.deepEqual(findings(files, 'PC02'), [expectedFinding(files, {
        ruleId: 'PC02', severity: 'warning', file: ENT_PATH, span: spanIn(ent, SERVICES_KEY),
        message: 'Notes (Debug, Release): Notes/Notes.entitlements lists no iCloud container (com.apple.developer.icloud-container-identifiers). Nothing can sync until a container is listed.',
        fixes: [{ title: 'Add iCloud.com.example.notes to com.apple.developer.icloud-container-identifiers', isPreferred: true,
          edits: [{ span: lineBefore(ent, '</dict>', 0), newText: `\t${CONTAINERS_KEY}\n\t<array>\n\t\t<string>iCloud.com.example.notes</string>\n\t</array>\n` }] }],
      })]);
    });

    it('an empty container array: on the containers key, the fix fills the array', () => {
      const files = notesProject({ ent: { containers: [], services: ['CloudKit'], aps: 'development' } });
      const ent = fileText(files, ENT_PATH);
      const key = spanIn(ent, CONTAINERS_KEY);
      const [f] = findings(files, 'PC02');
      assert.deepEqual(f.span, key);
      assert.deepEqual(f.fixes?.[0].edits, [{ span: lineBefore(ent, '\t</array>', key.end), newText: '\t\t<string>iCloud.com.example.notes</string>\n' }]);
    });

    it('a non-syncing store (.none) and no named container: a warning without related or fixes', () => {
      const files = notesProject({ ent: { services: ['CloudKit'] }, swift: 'import SwiftData\nlet a = ModelConfiguration(cloudKitDatabase: .none)\n' });
      const [f, ...rest] = findings(files, 'PC02');
      assert.deepEqual(rest, []);
      assert.deepEqual([f.severity, f.related, f.fixes], ['warning', undefined, undefined]);
    });

    it('silent without CloudKit in the services or with a container listed', () => {
      assert.deepEqual(findings(notesProject({ ent: { services: ['CloudDocuments'] } }), 'PC02'), []);
      assert.deepEqual(findings(notesProject(), 'PC02'), []);
    });
  });

  describe('PC03 container in code not entitled', () => {
    it('on the id in the code, with the entitlements and the setup call related and a fix in the entitlements file', () => {
      const swift = CORE_DATA_SETUP.replace('"iCloud.com.example.notes"', '"iCloud.com.example.other"');
      const files = notesProject({ swift });
      const ent = fileText(files, ENT_PATH);
      const key = spanIn(ent, CONTAINERS_KEY);
      assert.deepEqual(findings(files, 'PC03'), [expectedFinding(files, {
        ruleId: 'PC03', severity: 'error', file: SWIFT_PATH, span: spanIn(swift, '"iCloud.com.example.other"'),
        message: 'The code uses container "iCloud.com.example.other", but Notes (Debug, Release) is entitled to "iCloud.com.example.notes" only (Notes/Notes.entitlements). CloudKit answers "Permission Failure" (10/2007) "Invalid bundle ID for container" (TN3164).',
        related: [{ file: ENT_PATH, span: key, message: 'containers of Notes (Debug)' }, { file: SWIFT_PATH, span: callName(swift, 'NSPersistentCloudKitContainer'), message: 'the setup call' }],
        fixes: [{ title: 'Add "iCloud.com.example.other" to com.apple.developer.icloud-container-identifiers in Notes/Notes.entitlements', edits: [], isPreferred: true,
          otherFiles: { [ENT_PATH]: [{ span: lineBefore(ent, '\t</array>', key.end), newText: '\t\t<string>iCloud.com.example.other</string>\n' }] } }],
      })]);
    });

    it('CKContainer(identifier:) with no container listed: "lists no container" and the trap', () => {
      const swift = 'import CloudKit\nlet c = CKContainer(identifier: "iCloud.other")\n';
      const files = notesProject({ swift, ent: { containers: [], services: ['CloudKit'], aps: 'development' } });
      const [f, ...rest] = findings(files, 'PC03');
      assert.deepEqual(rest, []);
      assert.equal(f.message, 'The code uses container "iCloud.other", but Notes (Debug, Release) lists no container (Notes/Notes.entitlements). CloudKit answers "Permission Failure" (10/2007) "Invalid bundle ID for container" (TN3164), and CKContainer(identifier:) traps.');
      assert.deepEqual(f.span, spanIn(swift, '"iCloud.other"'));
      assert.deepEqual(f.related?.map((r) => [r.file, r.span, r.message]), [[ENT_PATH, spanIn(fileText(files, ENT_PATH), CONTAINERS_KEY), 'containers of Notes (Debug)'], [SWIFT_PATH, callName(swift, 'CKContainer'), 'the setup call']]);
    });

    it('two files (Debug, Release) both missing the id: one finding, each file related once, the fix in the first', () => {
      const swift = CORE_DATA_SETUP.replace('"iCloud.com.example.notes"', '"iCloud.com.example.other"');
      const files = notesProject({ swift, app: { settings: { Debug: { CODE_SIGN_ENTITLEMENTS: 'Notes/Debug.entitlements' }, Release: NOTES_SETTINGS } },
        extra: [text('Notes/Debug.entitlements', entitlements({ containers: ['iCloud.a', 'iCloud.b'], services: ['CloudKit'], aps: 'development' }))] });
      const [f, ...rest] = findings(files, 'PC03');
      assert.deepEqual(rest, []);
      assert.match(f.message, /but Notes \(Debug, Release\) is entitled to "iCloud\.a", "iCloud\.b" only \(Notes\/Debug\.entitlements\)\./);
      assert.deepEqual(f.related?.map((r) => [r.file, r.message]), [['Notes/Debug.entitlements', 'containers of Notes (Debug)'], [ENT_PATH, 'containers of Notes (Release)'], [SWIFT_PATH, 'the setup call']]);
      assert.deepEqual(Object.keys(f.fixes?.[0].otherFiles ?? {}), ['Notes/Debug.entitlements']);
      assert.equal(f.fixes?.[0].title, 'Add "iCloud.com.example.other" to com.apple.developer.icloud-container-identifiers in Notes/Debug.entitlements');
    });

    it('silent for an id listed, an id only known at run time, and a target that signs no entitlements', () => {
      assert.deepEqual(findings(notesProject(), 'PC03'), []);
      assert.deepEqual(findings(notesProject({ swift: CORE_DATA_SETUP.replace('"iCloud.com.example.notes"', 'Bundle.main.containerID') }), 'PC03'), []);
      const settings = { INFOPLIST_FILE: 'Notes/Info.plist' };
      assert.deepEqual(findings(notesProject({ swift: CORE_DATA_SETUP.replace('example.notes"', 'example.x"'), app: { settings: { Debug: settings, Release: settings } } }), 'PC03'), []);
    });
  });

  describe('PC04 container chosen implicitly', () => {
    const TWO = { containers: ['iCloud.a', 'iCloud.b'], services: ['CloudKit'], aps: 'development' };

    it('SwiftData .automatic with two containers: on the configuration call, related to the container list', () => {
      const swift = 'import SwiftData\nlet c = try ModelContainer(for: Item.self, configurations: ModelConfiguration())\n';
      const files = notesProject({ swift, ent: TWO });
      assert.deepEqual(findings(files, 'PC04'), [expectedFinding(files, {
        ruleId: 'PC04', severity: 'warning', file: SWIFT_PATH, span: callName(swift, 'ModelConfiguration'),
        message: 'This SwiftData store (cloudKitDatabase .automatic) syncs with the FIRST container of the entitlements, "iCloud.a", while Notes (Debug, Release) lists "iCloud.a", "iCloud.b". Name the container explicitly if another one is meant.',
        related: [{ file: ENT_PATH, span: spanIn(fileText(files, ENT_PATH), CONTAINERS_KEY), message: 'container list (the first entry wins)' }],
      })]);
    });

    it('Core Data on the default description: "store (default description)"', () => {
      const swift = CORE_DATA_SETUP.replace(/\n.*cloudKitContainerOptions.*\n/, '\n');
      const [f] = findings(notesProject({ swift, ent: TWO }), 'PC04');
      assert.equal(f.message, 'This store (default description) syncs with the FIRST container of the entitlements, "iCloud.a", while Notes (Debug, Release) lists "iCloud.a", "iCloud.b". Name the container explicitly if another one is meant.');
      assert.deepEqual(f.span, callName(swift, 'NSPersistentCloudKitContainer'));
    });

    it('silent with one container, an explicit container, or a store that does not sync', () => {
      const auto = 'import SwiftData\nlet c = ModelConfiguration()\n';
      assert.deepEqual(findings(notesProject({ swift: auto }), 'PC04'), []);
      assert.deepEqual(findings(notesProject({ swift: 'import SwiftData\nlet c = ModelConfiguration(cloudKitDatabase: .private("iCloud.b"))\n', ent: TWO }), 'PC04'), []);
      assert.deepEqual(findings(notesProject({ swift: 'import SwiftData\nlet c = ModelConfiguration(cloudKitDatabase: .none)\n', ent: TWO }), 'PC04'), []);
      assert.deepEqual(findings(notesProject({ ent: TWO, swift: CORE_DATA_SETUP.replace('example.notes"', 'example.x"').replace('"iCloud.com.example.x"', '"iCloud.a"') }), 'PC04'), []);
    });
  });

  describe('PC06 aps-environment', () => {
    it('an invalid string: an error on the value with a fix to development', () => {
      const files = notesProject({ ent: { ...GOOD_ENT, aps: 'staging' } });
      const ent = fileText(files, ENT_PATH);
      assert.deepEqual(findings(files, 'PC06'), [expectedFinding(files, {
        ruleId: 'PC06', severity: 'error', file: ENT_PATH, span: spanIn(ent, '<string>staging</string>'),
        message: 'aps-environment is "staging" (Notes (Debug, Release)); CloudKit crashes with "BUG IN CLIENT OF CLOUDKIT: CloudKit push notifications require the \'aps-environment\' entitlement to be \'development\' or \'production\'. Current value=\'staging\'".',
        fixes: [{ title: 'Set it to development', edits: [{ span: spanIn(ent, 'staging'), newText: 'development' }], isPreferred: true }],
      })]);
    });

    it('a value that is not a string: named by its kind, no fix', () => {
      const ent = entitlements(GOOD_ENT).replace('<string>development</string>', '<true/>');
      const [f, ...rest] = findings(notesProject({ entText: ent }), 'PC06');
      assert.deepEqual(rest, []);
      assert.deepEqual([f.severity, f.span, f.fixes], ['error', spanIn(ent, '<true/>'), undefined]);
      assert.match(f.message, /^aps-environment is "boolean" \(Notes \(Debug, Release\)\);.*Current value='boolean'"\.$/);
    });

    it('development and production are valid', () => {
      assert.deepEqual(findings(notesProject(), 'PC06'), []);
      assert.deepEqual(findings(notesProject({ ent: { ...GOOD_ENT, aps: 'production' } }), 'PC06'), []);
    });

    it('missing in a syncing app: a warning on the services key, related to the store, a fix that adds the key', () => {
      const files = notesProject({ ent: { containers: GOOD_ENT.containers, services: ['CloudKit'] } });
      const ent = fileText(files, ENT_PATH);
      assert.deepEqual(findings(files, 'PC06'), [expectedFinding(files, {
        ruleId: 'PC06', severity: 'warning', file: ENT_PATH, span: spanIn(ent, SERVICES_KEY),
        message: 'Notes (Debug, Release) syncs a store with CloudKit but Notes/Notes.entitlements has no aps-environment: no push notifications reach the app, so changes from other devices arrive only when it next fetches. Turn on the Push Notifications capability (Xcode adds the key).',
        related: [{ file: SWIFT_PATH, span: callName(CORE_DATA_SETUP, 'NSPersistentCloudKitContainer'), message: 'sync set up here' }],
        fixes: [{ title: 'Add aps-environment = development', isPreferred: undefined, edits: [{ span: lineBefore(ent, '</dict>', 0), newText: '\t<key>aps-environment</key>\n\t<string>development</string>\n' }] }],
      })]);
    });

    it('missing in an app without a store: info; a macOS app is told the macOS key', () => {
      const [f] = findings(notesProject({ ent: { containers: GOOD_ENT.containers, services: ['CloudKit'] }, app: { sources: [] } }), 'PC06');
      assert.deepEqual([f.severity, f.related], ['info', undefined]);
      assert.match(f.message, /^Notes \(Debug, Release\) is entitled to CloudKit but Notes\/Notes\.entitlements has no aps-environment: /);
      const [m] = findings(notesProject({ ent: { containers: GOOD_ENT.containers, services: ['CloudKit'] }, app: { sdk: 'macosx' } }), 'PC06');
      assert.match(m.message, / has no com\.apple\.developer\.aps-environment: /);
      assert.equal(m.fixes?.[0].title, 'Add com.apple.developer.aps-environment = development');
    });

    it('missing is not reported without CloudKit, for an extension, or where the code only uses CKContainer', () => {
      assert.deepEqual(findings(notesProject({ ent: { containers: GOOD_ENT.containers, services: ['CloudDocuments'] } }), 'PC06'), []);
      const widgetEnt = { CODE_SIGN_ENTITLEMENTS: 'NotesWidget/W.entitlements' };
      assert.deepEqual(findings(notesProject({ widget: { settings: { Debug: widgetEnt, Release: widgetEnt } }, extra: [text('NotesWidget/W.entitlements', entitlements({ containers: GOOD_ENT.containers, services: ['CloudKit'] }))] }), 'PC06'), []);
      assert.deepEqual(findings(notesProject({ ent: { containers: GOOD_ENT.containers, services: ['CloudKit'] }, swift: 'import CloudKit\nlet c = CKContainer(identifier: "iCloud.com.example.notes")\n' }), 'PC06'), []);
    });
  });

  describe('PC07 Production in a debug build', () => {
    it('a file Debug and Release share: on the value, the per-configuration fix (not preferred)', () => {
      const files = notesProject({ ent: { ...GOOD_ENT, environment: 'Production' } });
      const ent = fileText(files, ENT_PATH);
      assert.deepEqual(findings(files, 'PC07'), [expectedFinding(files, {
        ruleId: 'PC07', severity: 'warning', file: ENT_PATH, span: spanIn(ent, '<string>Production</string>'),
        message: 'com.apple.developer.icloud-container-environment is Production in Notes/Notes.entitlements, which Notes (Debug) signs: debug builds write to the production schema and fail with "Cannot create new type … in production schema" for anything not deployed yet. The file is also signed by Notes (Release): give each configuration its own value (a build setting such as $(CLOUDKIT_ENVIRONMENT) set per configuration, or one file per configuration).',
        fixes: [{ title: 'Use $(CLOUDKIT_ENVIRONMENT) (then set CLOUDKIT_ENVIRONMENT per configuration in the build settings)', isPreferred: undefined, edits: [{ span: spanIn(ent, 'Production'), newText: '$(CLOUDKIT_ENVIRONMENT)' }] }],
      })]);
    });

    it('a file only Debug signs: no "also signed" part, the preferred fix to Development', () => {
      const files = notesProject({ ent: { ...GOOD_ENT, environment: 'Production' }, app: { settings: { Debug: NOTES_SETTINGS, Release: { CODE_SIGN_ENTITLEMENTS: 'Notes/Release.entitlements' } } },
        extra: [text('Notes/Release.entitlements', entitlements({ ...GOOD_ENT, environment: 'Production' }))] });
      const ent = fileText(files, ENT_PATH);
      const [f, ...rest] = findings(files, 'PC07');
      assert.deepEqual(rest, []);
      assert.equal(f.message, 'com.apple.developer.icloud-container-environment is Production in Notes/Notes.entitlements, which Notes (Debug) signs: debug builds write to the production schema and fail with "Cannot create new type … in production schema" for anything not deployed yet.');
      assert.deepEqual(f.fixes, [{ title: 'Use Development', isPreferred: true, edits: [{ span: spanIn(ent, 'Production'), newText: 'Development' }] }]);
    });

    it('silent for Development, and for Production that only Release signs', () => {
      assert.deepEqual(findings(notesProject({ ent: { ...GOOD_ENT, environment: 'Development' } }), 'PC07'), []);
      const files = notesProject({ app: { settings: { Debug: NOTES_SETTINGS, Release: { CODE_SIGN_ENTITLEMENTS: 'Notes/Release.entitlements' } } },
        extra: [text('Notes/Release.entitlements', entitlements({ ...GOOD_ENT, environment: 'Production' }))] });
      assert.deepEqual(findings(files, 'PC07'), []);
    });
  });

  describe('PC11 targets of one app on different containers', () => {
    const withWidget = (widgetEnt: Parameters<typeof entitlements>[0], appEnt: Parameters<typeof entitlements>[0] = GOOD_ENT) => {
      const w = { CODE_SIGN_ENTITLEMENTS: 'NotesWidget/W.entitlements' };
      return notesProject({ ent: appEnt, widget: { settings: { Debug: w, Release: w } }, extra: [text('NotesWidget/W.entitlements', entitlements(widgetEnt))] });
    };

    it('one warning per configuration on the widget\'s containers key, related to the app\'s', () => {
      const files = withWidget({ containers: ['iCloud.com.example.widget'], services: ['CloudKit'] });
      const wKey = spanIn(fileText(files, 'NotesWidget/W.entitlements'), CONTAINERS_KEY);
      const aKey = spanIn(fileText(files, ENT_PATH), CONTAINERS_KEY);
      assert.deepEqual(findings(files, 'PC11'), ['Debug', 'Release'].map((c) => expectedFinding(files, {
        ruleId: 'PC11', severity: 'warning', file: 'NotesWidget/W.entitlements', span: wKey,
        message: `NotesWidget (${c}) lists "iCloud.com.example.widget", but the app Notes lists "iCloud.com.example.notes": their stores sync with different containers and do not see each other's data.`,
        related: [{ file: ENT_PATH, span: aKey, message: 'containers of Notes' }],
      })));
    });

    it('fires when the first container differs or the widget lists one the app does not', () => {
      const app = { containers: ['iCloud.a', 'iCloud.b'], services: ['CloudKit'], aps: 'development' };
      const first = findings(withWidget({ containers: ['iCloud.b'], services: ['CloudKit'] }, app), 'PC11');
      assert.equal(first.length, 2);
      assert.equal(first[0].message, 'NotesWidget (Debug) lists "iCloud.b", but the app Notes lists "iCloud.a", "iCloud.b": their stores sync with different containers and do not see each other\'s data.');
      assert.equal(findings(withWidget({ containers: ['iCloud.a', 'iCloud.c'], services: ['CloudKit'] }, app), 'PC11').length, 2);
    });

    it('silent for the same list, a subset with the same first container, a widget without CloudKit or containers', () => {
      const app = { containers: ['iCloud.a', 'iCloud.b'], services: ['CloudKit'], aps: 'development' };
      assert.deepEqual(findings(withWidget({ containers: ['iCloud.a', 'iCloud.b'], services: ['CloudKit'] }, app), 'PC11'), []);
      assert.deepEqual(findings(withWidget({ containers: ['iCloud.a'], services: ['CloudKit'] }, app), 'PC11'), []);
      assert.deepEqual(findings(withWidget({ containers: ['iCloud.x'], services: ['CloudDocuments'] }, app), 'PC11'), []);
      assert.deepEqual(findings(withWidget({ services: ['CloudKit'] }, app), 'PC11'), []);
    });

    it('only dependencies of an app count, in the same configuration', () => {
      const w = { CODE_SIGN_ENTITLEMENTS: 'NotesWidget/W.entitlements' };
      const noDep = notesProject({ app: { dependencies: [] }, widget: { settings: { Debug: w, Release: w } }, extra: [text('NotesWidget/W.entitlements', entitlements({ containers: ['iCloud.other'], services: ['CloudKit'] }))] });
      assert.deepEqual(findings(noDep, 'PC11'), []);
      const otherConfigs = notesProject({ widget: { settings: { Beta: w } }, extra: [text('NotesWidget/W.entitlements', entitlements({ containers: ['iCloud.other'], services: ['CloudKit'] }))] });
      assert.deepEqual(findings(otherConfigs, 'PC11'), []);
      // An app without containers does not start the comparison.
      const appless = withWidget({ containers: ['iCloud.other'], services: ['CloudKit'] }, { services: ['CloudKit'], aps: 'development' });
      assert.deepEqual(findings(appless, 'PC11'), []);
    });
  });
});
