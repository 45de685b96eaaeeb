import { expand, isDebugConfiguration, isYes, rawSetting, resolveSetting, type ResolvedSetting } from './build-settings';
import { baseName, dirOf, joinPath, type ProjectFiles, type ProjectModel, type ProjectProblem, type ProjectTarget, type Setting, type SourceRef, type TargetConfiguration } from './model';
import { decodePlistBytes, dictEntry, readPlist, stringItems, type PlistDocument, type PlistEntry, type PlistScalar } from './plist';
import type { ContainerSetupFile } from './setup-model';
import { storesOf, type StoreSetup } from './stores';

/**
 * Joins the project model, the plists it names and the Swift setup code into one view per target and
 * build configuration: the input of every PC check and of the project summary.
 */
export interface SwiftSource {
  readonly file: string;
  readonly setup: ContainerSetupFile;
}

export interface ProjectInput {
  readonly projects: readonly ProjectModel[];
  readonly files: ProjectFiles;
  readonly swift: readonly SwiftSource[];
  /** Every `.entitlements` and `Info.plist`-like path in the workspace (for PC09's orphans). */
  readonly plistPaths?: readonly string[];
}

export interface PlistRef {
  readonly path: string;
  readonly setting?: ResolvedSetting;
  readonly doc?: PlistDocument;
  /** Why `doc` is missing: not in the workspace, binary, unresolvable path... */
  readonly problem?: string;
}

/** An entitlement string value with `$(VAR)` resolved for this configuration. */
export interface EntitlementString {
  readonly node: PlistScalar;
  readonly value: string;
  readonly unresolved: readonly string[];
}

export interface ConfigView {
  readonly project: ProjectModel;
  readonly target: ProjectTarget;
  readonly configuration: TargetConfiguration;
  readonly debug: boolean;
  readonly entitlements?: PlistRef;
  readonly infoPlist?: PlistRef;
  readonly generateInfoPlist: boolean;
  /** `INFOPLIST_KEY_UIBackgroundModes` and friends, as set. */
  readonly infoPlistKeys: ReadonlyMap<string, Setting>;
  readonly servicesEntry?: PlistEntry;
  readonly services: readonly string[];
  readonly containersEntry?: PlistEntry;
  readonly containers: readonly EntitlementString[];
  readonly environment?: EntitlementString;
  readonly apsEntry?: PlistEntry;
  readonly appGroups: readonly EntitlementString[];
  /** UIBackgroundModes of the Info.plist file the target really uses (generated plists carry none). */
  readonly backgroundModes: readonly string[];
  readonly backgroundModesEntry?: PlistEntry;
  readonly stores: readonly StoreSetup[];
  /** Whether any setup compiled into this target syncs with CloudKit. */
  readonly syncs: boolean;
}

export interface ProjectAnalysis {
  readonly input: ProjectInput;
  readonly views: readonly ConfigView[];
  readonly problems: readonly ProjectProblem[];
  /** Plist documents read, by path (for locations and fixes). */
  readonly plists: ReadonlyMap<string, PlistRef>;
  /** Paths some target configuration names (entitlements or Info.plist). */
  readonly namedPlists: ReadonlySet<string>;
  readonly stores: readonly StoreSetup[];
  readonly constants: ReadonlyMap<string, string>;
}

export const ENT = {
  services: 'com.apple.developer.icloud-services',
  containers: 'com.apple.developer.icloud-container-identifiers',
  environment: 'com.apple.developer.icloud-container-environment',
  apsIos: 'aps-environment',
  apsMac: 'com.apple.developer.aps-environment',
  groups: 'com.apple.security.application-groups',
} as const;

/** How a target gets a Swift file: compiled itself, only through a linked local package, or not at all. */
export function reachOf(target: ProjectTarget, file: string): 'direct' | 'package' | undefined {
  if (target.sources.files.includes(file)) return 'direct';
  let reach: 'direct' | 'package' | undefined;
  for (const f of target.sources.folders) {
    const inside = (file === f.path || file.startsWith(f.path === '' ? '' : f.path + '/')) && !f.exclude.some((x) => file === x || file.startsWith(x + '/'));
    if (inside) { if (!f.viaPackage) return 'direct'; reach = 'package'; }
  }
  return reach;
}

export function compiles(target: ProjectTarget, file: string): boolean {
  return reachOf(target, file) !== undefined;
}

/**
 * Whether a setup runs in a target [design]: a store set up in a linked local package is taken to be
 * opened by every target linking it (such packages exist to share the store, corpus scastiel/kado
 * KadoCore); plain CloudKit calls (CKContainer) in a linked package only in applications (corpus
 * leepokai/Codync: the widget links CodyncShared but the CloudKit manager serves the apps).
 */
function runsIn(target: ProjectTarget, store: StoreSetup): boolean {
  const reach = reachOf(target, store.file);
  if (reach === 'package' && store.kind === 'cloudkit') return target.kind === 'application' || target.kind === 'watch-app';
  return reach !== undefined;
}

export function analyzeProject(input: ProjectInput): ProjectAnalysis {
  const problems: ProjectProblem[] = input.projects.flatMap((p) => p.problems);
  const plists = new Map<string, PlistRef>();
  const reported = new Set<string>();
  const readPlistAt = (path: string): PlistRef => {
    let ref = plists.get(path);
    if (ref) return ref;
    const content = input.files.read(path);
    if (!content) ref = { path, problem: 'not in the workspace' };
    else {
      const decoded = content.text !== undefined ? { text: content.text } : decodePlistBytes(content.bytes ?? new Uint8Array());
      if (decoded.text === undefined) {
        ref = { path, problem: decoded.problem!.message };
        problems.push({ file: path, span: { start: 0, end: 0 }, severity: 'warning', message: decoded.problem!.message });
      } else {
        const doc = readPlist(decoded.text);
        for (const p of doc.problems) problems.push({ file: path, span: p.span, severity: p.severity, message: p.message });
        ref = { path, doc };
      }
    }
    plists.set(path, ref);
    return ref;
  };
  const constants = new Map<string, string>();
  for (const s of input.swift) for (const c of s.setup.constants) for (const n of c.names) if (!constants.has(n)) constants.set(n, c.value);
  const stores = input.swift.flatMap((s) => storesOf(s.file, s.setup, constants));

  const views: ConfigView[] = [];
  const namedPlists = new Set<string>();
  for (const project of input.projects) {
    for (const target of project.targets) {
      const targetStores = stores.filter((s) => runsIn(target, s));
      for (const cfg of target.configurations) {
        const fileSetting = (key: string, role: string): PlistRef | undefined => {
          const s = resolveSetting(cfg, key, target.name);
          if (!s || s.value.trim() === '') return undefined;
          const where = `${role} of target ${target.name} (${cfg.name})`;
          if (s.unresolved.length > 0) {
            const k = `${project.file}|${key}|${s.value}`;
            if (!reported.has(k)) {
              reported.add(k);
              problems.push({ file: s.at?.file ?? project.file, span: s.at?.span ?? { start: 0, end: 0 }, severity: 'warning', message: `${key} = ${s.value}: $(${s.unresolved.join('), $(')}) is not defined in the project, so the ${where} cannot be checked.` });
            }
            return { path: s.value, setting: s, problem: 'path not resolvable' };
          }
          const path = locate(input.files, project, s.value);
          namedPlists.add(path);
          const ref = readPlistAt(path);
          if (ref.problem === 'not in the workspace') {
            const k = `${project.file}|${key}|${path}`;
            if (!reported.has(k)) {
              reported.add(k);
              problems.push({ file: s.at?.file ?? project.file, span: s.at?.span ?? { start: 0, end: 0 }, severity: 'warning', message: `${key} names ${path} (${where}), which is not in the workspace; it cannot be checked.` });
            }
          }
          return { ...ref, setting: s };
        };
        const entitlements = fileSetting('CODE_SIGN_ENTITLEMENTS', 'entitlements');
        const infoPlist = fileSetting('INFOPLIST_FILE', 'Info.plist');
        const root = entitlements?.doc?.root;
        const strings = (key: string): { entry?: PlistEntry; items: EntitlementString[] } => {
          const entry = dictEntry(root, key);
          return { entry, items: stringItems(entry?.value).map((node) => ({ node, ...expand(node.value, cfg.settings, { TARGET_NAME: target.name, CONFIGURATION: cfg.name }) })) };
        };
        const services = strings(ENT.services);
        const containers = strings(ENT.containers);
        const env = strings(ENT.environment);
        const aps = dictEntry(root, target.platform === 'macos' ? ENT.apsMac : ENT.apsIos) ?? dictEntry(root, ENT.apsIos) ?? dictEntry(root, ENT.apsMac);
        const bgEntry = dictEntry(infoPlist?.doc?.root, 'UIBackgroundModes');
        const infoPlistKeys = new Map<string, Setting>();
        for (const [k, v] of cfg.settings) if (k.startsWith('INFOPLIST_KEY_')) infoPlistKeys.set(k, v);
        views.push({
          project, target, configuration: cfg, debug: isDebugConfiguration(cfg), entitlements, infoPlist,
          generateInfoPlist: isYes(rawSetting(cfg.settings, 'GENERATE_INFOPLIST_FILE')?.raw),
          infoPlistKeys,
          servicesEntry: services.entry, services: services.items.map((s) => s.value),
          containersEntry: containers.entry, containers: containers.items,
          environment: env.items[0], apsEntry: aps,
          appGroups: strings(ENT.groups).items,
          backgroundModes: stringItems(bgEntry?.value).map((s) => s.value), backgroundModesEntry: bgEntry,
          stores: targetStores,
          syncs: targetStores.some((s) => s.syncs),
        });
      }
    }
  }
  for (const p of input.plistPaths ?? []) if (p.endsWith('.entitlements') || /(^|\/)[^/]*Info\.plist$/.test(p)) readPlistAt(p);
  return { input, views, problems, plists, namedPlists, stores, constants };
}

/**
 * The workspace path of a file a setting names. XcodeGen projects are often generated into another folder
 * (`--project-root`), so `$(SRCROOT)/../../Config/x` may not exist from the spec's folder: then the
 * ancestors of the spec folder are searched for the path without its leading `../` [design].
 */
function locate(files: ProjectFiles, project: ProjectModel, value: string): string {
  const direct = joinPath(project.rootDir, value);
  if (project.kind !== 'xcodegen' || files.read(direct)) return direct;
  const rest = joinPath(value.replace(/^(\.\.?\/)+/, '').replace(/^(\.\.?\/)+/, ''));
  for (let dir = project.rootDir; ; dir = dirOf(dir)) {
    const candidate = joinPath(dir, rest);
    if (files.read(candidate)) return candidate;
    if (dir === '') break;
  }
  return direct;
}

/** Views of the targets that syncs happen in, grouped per target (for summaries and cross-target checks). */
export function syncingViews(a: ProjectAnalysis): ConfigView[] {
  return a.views.filter((v) => v.syncs);
}

export function isAppOrExtension(t: ProjectTarget): boolean {
  return t.kind === 'application' || t.kind === 'app-extension' || t.kind === 'watch-app';
}

export function viewLabel(v: ConfigView): string {
  return `${v.target.name} (${v.configuration.name})`;
}

export function entitlementsFileName(v: ConfigView): string {
  return v.entitlements ? baseName(v.entitlements.path) : 'no entitlements file';
}

export type { SourceRef };
