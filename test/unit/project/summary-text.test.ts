import assert from 'node:assert/strict';
import { baseName, dirOf, joinPath, productKindOf } from '../../../src/core/project/model';
import { configLines, formatSummaryText, type ConfigurationSummary, type ProjectSummary } from '../../../src/core/project/summary';

/**
 * The project summary as text (what `ckdev project --summary` prints and the editor's hover shows), product
 * kinds from Xcode's product types, and the path helpers. Data written by us.
 */
const SYNCING: ConfigurationSummary = {
  name: 'Debug', entitlements: 'App/App.entitlements', infoPlist: 'App/Info.plist', containers: ['iCloud.a', 'iCloud.b'], environment: 'Development',
  cloudKit: true, push: 'aps-environment = development', remoteNotification: true, appGroups: ['group.x'], syncs: true,
  stores: [
    { kind: 'coredata', at: { file: 'App/Persistence.swift', span: { start: 0, end: 1 } }, name: 'Model', containers: ['iCloud.a'], scopes: ['private', 'shared'], group: 'group.x', models: [], syncs: true },
    { kind: 'swiftdata', at: { file: 'App/App.swift', span: { start: 0, end: 1 } }, containers: ['(first entitled: iCloud.a)'], scopes: [], models: ['Item', 'Tag'], syncs: false },
  ],
};
const BARE: ConfigurationSummary = {
  name: 'Release', containers: [], environment: '(from the signing profile)', cloudKit: false, remoteNotification: false, appGroups: [], stores: [], syncs: false,
};

describe('project: the summary text, product kinds, paths', () => {
  it('a configuration: sync verdict, entitlements, containers, environment, push, groups, Info.plist, each store', () => {
    assert.deepEqual(configLines(SYNCING), [
      'Debug: syncs',
      '  entitlements: App/App.entitlements; CloudKit: yes; containers: iCloud.a, iCloud.b; environment: Development',
      '  push: aps-environment = development; remote-notification: yes; App Groups: group.x; Info.plist: App/Info.plist',
      '  coredata "Model" at App/Persistence.swift: syncs; container iCloud.a; scope private, shared; App Group group.x',
      '  swiftdata at App/App.swift: local only; container (first entitled: iCloud.a); scope -; models Item, Tag',
    ]);
    assert.deepEqual(configLines(BARE), [
      'Release: does not sync',
      '  entitlements: (none); CloudKit: no; containers: (none); environment: (from the signing profile)',
      '  push: (no aps-environment); remote-notification: no; App Groups: (none); Info.plist: (none)',
    ]);
  });

  it('the whole summary: projects, then each target with its configurations; only the relevant ones on request', () => {
    const s: ProjectSummary = {
      projects: [{ file: 'App.xcodeproj/project.pbxproj', kind: 'xcode', name: 'App' }],
      targets: [
        { project: 'App', name: 'App', kind: 'application', platform: 'iOS', configurations: [SYNCING] },
        { project: 'App', name: 'Tests', kind: 'unit-test', platform: 'iOS', configurations: [BARE] },
        { project: 'App', name: 'Kit', kind: 'framework', platform: 'iOS', configurations: [{ ...BARE, cloudKit: true }] },
      ],
    };
    const all = formatSummaryText(s);
    assert.ok(all.startsWith('xcode project App (App.xcodeproj/project.pbxproj)\n\nApp [application, iOS]\n  Debug: syncs\n'), all);
    assert.ok(all.includes('\nTests [unit-test, iOS]\n  Release: does not sync\n'));
    assert.ok(all.endsWith('\n'));
    const relevant = formatSummaryText(s, { onlyRelevant: true });
    assert.ok(!relevant.includes('Tests ['));
    assert.ok(relevant.includes('App [application, iOS]'));
    assert.ok(relevant.includes('Kit [framework, iOS]'), 'CloudKit entitled without a store is relevant');
    assert.equal(formatSummaryText({ projects: [], targets: [] }), '\n');
  });

  it('product kinds from Xcode product types, with or without the prefix', () => {
    const cases: [string, string][] = [
      ['com.apple.product-type.application', 'application'], ['application.messages', 'application'], ['application.on-demand-install-capable', 'application'],
      ['com.apple.product-type.application.watchapp2', 'watch-app'], ['application.watchapp', 'watch-app'], ['application.watchapp2-container', 'watch-app'], ['watchkit2-extension', 'watch-app'],
      ['com.apple.product-type.app-extension', 'app-extension'], ['app-extension.messages', 'app-extension'], ['extensionkit-extension', 'app-extension'],
      ['widget-extension', 'app-extension'], ['tv-app-extension', 'app-extension'],
      ['com.apple.product-type.bundle.unit-test', 'unit-test'], ['unit-test', 'unit-test'], ['bundle.ui-testing', 'ui-test'], ['ui-testing', 'ui-test'],
      ['com.apple.product-type.framework', 'framework'], ['framework.static', 'framework'], ['library.static', 'framework'], ['library.dynamic', 'framework'],
      ['static-library', 'framework'], ['dynamic-library', 'framework'],
      ['com.apple.product-type.tool', 'other'], ['bundle', 'other'], ['', 'other'], ['xapplication', 'other'],
    ];
    for (const [type, kind] of cases) assert.equal(productKindOf(type), kind, type);
  });

  it('paths: joined with . and .. resolved (never above the root), absolute parts restart; dir and base names', () => {
    assert.equal(joinPath('App', './Sub/', '../File.swift'), 'App/File.swift');
    assert.equal(joinPath('A', '/abs/x'), 'abs/x');
    assert.equal(joinPath('..', '..', 'x'), '../../x');
    assert.equal(joinPath('a', '..', '..', 'b'), '../b');
    assert.equal(joinPath('a//b', ''), 'a/b');
    assert.equal(joinPath(), '');
    assert.equal(dirOf('App/Sub/File.swift'), 'App/Sub');
    assert.equal(dirOf('File.swift'), '');
    assert.equal(baseName('App/Sub/File.swift'), 'File.swift');
    assert.equal(baseName('File.swift'), 'File.swift');
  });
});
