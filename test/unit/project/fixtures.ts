import type { WorkspaceFile } from '../../../src/core/project';

/**
 * Hand-made projects for the PC check tests (written here, not copied): a project.pbxproj in Xcode's
 * layout with targets and build configurations, entitlements and Info.plist builders, Swift setup code.
 */
export interface TargetSpec {
  readonly name: string;
  readonly productType?: string;
  readonly sdk?: string;
  /** Settings per configuration name (`Debug`, `Release`). */
  readonly settings: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Files compiled (Sources build phase), relative to the project folder. */
  readonly sources?: readonly string[];
  readonly dependencies?: readonly string[];
}

let counter = 0;
const id = (): string => (0xC0FFEE000000 + ++counter).toString(16).toUpperCase().padStart(24, '0');

function settingsBlock(settings: Readonly<Record<string, string>>): string {
  return Object.entries(settings).map(([k, v]) => `\t\t\t\t${/^[A-Za-z0-9_]+$/.test(k) ? k : `"${k}"`} = ${/^[A-Za-z0-9_./-]+$/.test(v) ? v : JSON.stringify(v)};\n`).join('');
}

export function pbxproj(targets: readonly TargetSpec[], projectSettings: Readonly<Record<string, Readonly<Record<string, string>>>> = { Debug: {}, Release: {} }): string {
  counter = 0;
  const objects: string[] = [];
  const configList = (owner: string, settings: Readonly<Record<string, Readonly<Record<string, string>>>>): string => {
    const ids = Object.keys(settings).map((name) => {
      const cid = id();
      objects.push(`\t\t${cid} /* ${name} */ = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n${settingsBlock(settings[name])}\t\t\t};\n\t\t\tname = ${name};\n\t\t};\n`);
      return `${cid} /* ${name} */`;
    });
    const lid = id();
    objects.push(`\t\t${lid} /* Build configuration list for ${owner} */ = {\n\t\t\tisa = XCConfigurationList;\n\t\t\tbuildConfigurations = (\n${ids.map((i) => `\t\t\t\t${i},\n`).join('')}\t\t\t);\n\t\t\tdefaultConfigurationName = Release;\n\t\t};\n`);
    return lid;
  };
  const mainGroup = id();
  const children: string[] = [];
  const targetIds = new Map<string, string>();
  for (const t of targets) targetIds.set(t.name, id());
  for (const t of targets) {
    const fileIds = (t.sources ?? []).map((path) => {
      const ref = id();
      const bf = id();
      objects.push(`\t\t${ref} /* ${path} */ = {isa = PBXFileReference; lastKnownFileType = sourcecode.swift; path = ${JSON.stringify(path)}; sourceTree = "<group>"; };\n`);
      objects.push(`\t\t${bf} /* ${path} in Sources */ = {isa = PBXBuildFile; fileRef = ${ref}; };\n`);
      children.push(ref);
      return bf;
    });
    const phase = id();
    objects.push(`\t\t${phase} /* Sources */ = {\n\t\t\tisa = PBXSourcesBuildPhase;\n\t\t\tfiles = (\n${fileIds.map((f) => `\t\t\t\t${f},\n`).join('')}\t\t\t);\n\t\t};\n`);
    const deps = (t.dependencies ?? []).map((d) => {
      const dep = id();
      objects.push(`\t\t${dep} /* PBXTargetDependency */ = {\n\t\t\tisa = PBXTargetDependency;\n\t\t\ttarget = ${targetIds.get(d)} /* ${d} */;\n\t\t};\n`);
      return dep;
    });
    const settings: Record<string, Record<string, string>> = {};
    for (const [cfg, s] of Object.entries(t.settings)) settings[cfg] = { SDKROOT: t.sdk ?? 'iphoneos', ...s };
    const list = configList(`PBXNativeTarget "${t.name}"`, settings);
    objects.push(`\t\t${targetIds.get(t.name)} /* ${t.name} */ = {\n\t\t\tisa = PBXNativeTarget;\n\t\t\tbuildConfigurationList = ${list};\n\t\t\tbuildPhases = (\n\t\t\t\t${phase} /* Sources */,\n\t\t\t);\n\t\t\tdependencies = (\n${deps.map((d) => `\t\t\t\t${d},\n`).join('')}\t\t\t);\n\t\t\tname = ${JSON.stringify(t.name)};\n\t\t\tproductType = "${t.productType ?? 'com.apple.product-type.application'}";\n\t\t};\n`);
  }
  objects.push(`\t\t${mainGroup} = {\n\t\t\tisa = PBXGroup;\n\t\t\tchildren = (\n${children.map((c) => `\t\t\t\t${c},\n`).join('')}\t\t\t);\n\t\t\tsourceTree = "<group>";\n\t\t};\n`);
  const projectId = id();
  const projectList = configList('PBXProject', projectSettings);
  objects.push(`\t\t${projectId} /* Project object */ = {\n\t\t\tisa = PBXProject;\n\t\t\tbuildConfigurationList = ${projectList};\n\t\t\tmainGroup = ${mainGroup};\n\t\t\ttargets = (\n${targets.map((t) => `\t\t\t\t${targetIds.get(t.name)} /* ${t.name} */,\n`).join('')}\t\t\t);\n\t\t};\n`);
  return `// !$*UTF8*$!\n{\n\tarchiveVersion = 1;\n\tclasses = {\n\t};\n\tobjectVersion = 56;\n\tobjects = {\n\n${objects.join('')}\t};\n\trootObject = ${projectId} /* Project object */;\n}\n`;
}

const HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n';

/** An XML plist with a top-level dict: string values, string arrays, booleans. */
export function plist(entries: Readonly<Record<string, string | boolean | readonly string[]>>): string {
  const body = Object.entries(entries).map(([k, v]) => {
    const value = typeof v === 'boolean' ? `\t<${v}/>\n` : typeof v === 'string' ? `\t<string>${v}</string>\n`
      : `\t<array>\n${v.map((s) => `\t\t<string>${s}</string>\n`).join('')}\t</array>\n`;
    return `\t<key>${k}</key>\n${value}`;
  }).join('');
  return `${HEADER}<dict>\n${body}</dict>\n</plist>\n`;
}

export function entitlements(opts: { containers?: readonly string[]; services?: readonly string[]; aps?: string; environment?: string; groups?: readonly string[] }): string {
  const e: Record<string, string | readonly string[]> = {};
  if (opts.aps !== undefined) e['aps-environment'] = opts.aps;
  if (opts.containers) e['com.apple.developer.icloud-container-identifiers'] = opts.containers;
  if (opts.environment) e['com.apple.developer.icloud-container-environment'] = opts.environment;
  if (opts.services) e['com.apple.developer.icloud-services'] = opts.services;
  if (opts.groups) e['com.apple.security.application-groups'] = opts.groups;
  return plist(e);
}

export const text = (path: string, t: string): WorkspaceFile => ({ path, text: t });

/** App + widget, each with its own setup call on one App Group store: the TN3164 134410 setting. */
export function appAndWidgetSharingOneStore(): WorkspaceFile[] {
  const ent = entitlements({ containers: ['iCloud.com.example.notes'], services: ['CloudKit'], aps: 'development', groups: ['group.com.example.notes'] });
  return [
    text('Notes.xcodeproj/project.pbxproj', pbxproj([
      { name: 'Notes', settings: { Debug: { CODE_SIGN_ENTITLEMENTS: 'Notes/Notes.entitlements', INFOPLIST_FILE: 'Notes/Info.plist' }, Release: { CODE_SIGN_ENTITLEMENTS: 'Notes/Notes.entitlements', INFOPLIST_FILE: 'Notes/Info.plist' } }, sources: ['Notes/NotesStore.swift'], dependencies: ['NotesWidget'] },
      { name: 'NotesWidget', productType: 'com.apple.product-type.app-extension', settings: { Debug: { CODE_SIGN_ENTITLEMENTS: 'NotesWidget/NotesWidget.entitlements' }, Release: { CODE_SIGN_ENTITLEMENTS: 'NotesWidget/NotesWidget.entitlements' } }, sources: ['NotesWidget/WidgetStore.swift'] },
    ])),
    text('Notes/Notes.entitlements', ent),
    text('NotesWidget/NotesWidget.entitlements', ent),
    text('Notes/Info.plist', plist({ UIBackgroundModes: ['remote-notification'] })),
    text('Notes/NotesStore.swift', [
      'import SwiftData', '',
      'enum NotesStore {',
      '    static func make() throws -> ModelContainer {',
      '        let config = ModelConfiguration(schema: Schema([Note.self]), groupContainer: .identifier("group.com.example.notes"), cloudKitDatabase: .private("iCloud.com.example.notes"))',
      '        return try ModelContainer(for: Note.self, configurations: config)',
      '    }',
      '}', '',
    ].join('\n')),
    text('NotesWidget/WidgetStore.swift', [
      'import SwiftData', '',
      'func widgetContainer() throws -> ModelContainer {',
      '    let config = ModelConfiguration(groupContainer: .identifier("group.com.example.notes"), cloudKitDatabase: .private("iCloud.com.example.notes"))',
      '    return try ModelContainer(for: Note.self, configurations: config)',
      '}', '',
    ].join('\n')),
  ];
}

/** Line/character of an offset, counted here (independently of the LineIndex the checks use). */
export function posIn(t: string, offset: number): { line: number; character: number } {
  return { line: t.slice(0, offset).split('\n').length - 1, character: offset - (t.lastIndexOf('\n', offset - 1) + 1) };
}

export function rangeIn(t: string, s: { start: number; end: number }): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return { start: posIn(t, s.start), end: posIn(t, s.end) };
}

/** The span of the `nth` (0-based) occurrence of `needle` in `t`; fails when there is none. */
export function spanIn(t: string, needle: string, nth = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = t.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} (#${nth}) not found`);
  }
  return { start: at, end: at + needle.length };
}

/** A Core Data setup that names its container: one NSPersistentCloudKitContainer store. */
export const CORE_DATA_SETUP = [
  'import CoreData', '',
  'final class Persistence {',
  '    let container: NSPersistentCloudKitContainer',
  '    init() {',
  '        container = NSPersistentCloudKitContainer(name: "Notes")',
  '        let description = container.persistentStoreDescriptions.first!',
  '        description.cloudKitContainerOptions = NSPersistentCloudKitContainerOptions(containerIdentifier: "iCloud.com.example.notes")',
  '        container.loadPersistentStores { _, _ in }',
  '    }',
  '}', '',
].join('\n');

export const GOOD_ENT = { containers: ['iCloud.com.example.notes'], services: ['CloudKit'], aps: 'development' };
export const NOTES_SETTINGS = { CODE_SIGN_ENTITLEMENTS: 'Notes/Notes.entitlements', INFOPLIST_FILE: 'Notes/Info.plist' };

/** App `Notes` (Debug + Release, depends on the widget) + `NotesWidget` (no entitlements); overrides per file. */
export function notesProject(opts: { app?: Partial<TargetSpec>; widget?: Partial<TargetSpec>; ent?: Parameters<typeof entitlements>[0]; entText?: string; info?: string | null; swift?: string; extra?: WorkspaceFile[] } = {}): WorkspaceFile[] {
  return [
    text('Notes.xcodeproj/project.pbxproj', pbxproj([
      { name: 'Notes', settings: { Debug: NOTES_SETTINGS, Release: NOTES_SETTINGS }, sources: ['Notes/Persistence.swift'], dependencies: ['NotesWidget'], ...opts.app },
      { name: 'NotesWidget', productType: 'com.apple.product-type.app-extension', settings: { Debug: {}, Release: {} }, sources: ['NotesWidget/Widget.swift'], ...opts.widget },
    ])),
    text('Notes/Notes.entitlements', opts.entText ?? entitlements(opts.ent ?? GOOD_ENT)),
    ...(opts.info === null ? [] : [text('Notes/Info.plist', opts.info ?? plist({ UIBackgroundModes: ['remote-notification'] }))]),
    text('Notes/Persistence.swift', opts.swift ?? CORE_DATA_SETUP),
    text('NotesWidget/Widget.swift', 'import WidgetKit\n'),
    ...(opts.extra ?? []),
  ];
}

/** The text of a file of a hand-made project. */
export function fileText(files: readonly WorkspaceFile[], path: string): string {
  const f = files.find((x) => x.path === path);
  if (f?.text === undefined) throw new Error(`${path} not in the project`);
  return f.text;
}

/** The docs page of a project check, as findings carry it. */
export const CHECK_DOC = 'https://github.com/cloudkit-devtools/vscode-cloudkit-devtools/blob/main/docs/rules/';

export type SpanIn = { file: string; span: { start: number; end: number } };
/** The whole expected finding of a check test; ranges are counted in the files' text here. */
export function expectedFinding(files: readonly WorkspaceFile[], e: SpanIn & { ruleId: string; severity: string; message: string; related?: (SpanIn & { message: string })[]; fixes?: unknown[] }) {
  return {
    ruleId: e.ruleId, severity: e.severity, message: e.message, file: e.file, span: e.span, range: rangeIn(fileText(files, e.file), e.span), docUrl: `${CHECK_DOC}${e.ruleId}.md`,
    ...(e.related ? { related: e.related.map((r) => ({ file: r.file, span: r.span, range: rangeIn(fileText(files, r.file), r.span), message: r.message })) } : {}),
    ...(e.fixes ? { fixes: e.fixes } : {}),
  };
}
/** Where a new line goes before the `</array>` (or `</dict>`) that closes after `from`. */
export const lineBefore = (t: string, close: string, from: number) => { const at = t.indexOf(`\n${close}`, from) + 1; return { start: at, end: at }; };
/** The first `<dict>` tag of a plist. */
export const dictAt = (t: string) => { const s = t.indexOf('<dict>'); return { start: s, end: s + 6 }; };
/** The name of the nth call `name(` in Swift text. */
export const callName = (swift: string, name: string, nth = 0) => { const s = spanIn(swift, `${name}(`, nth).start; return { start: s, end: s + name.length }; };

/** The span of `needle` in `text`, searching from the first `after` (to pick one of several occurrences). */
export function spanAfter(text: string, needle: string, after = ''): { start: number; end: number } {
  const from = after ? text.indexOf(after) : 0;
  if (from < 0) throw new Error(`anchor ${after} not in the text`);
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`needle ${needle} not in the text`);
  return { start, end: start + needle.length };
}
