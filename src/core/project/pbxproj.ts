import { parse as parsePbxproj } from '@bacons/xcode/json';
import { LineIndex } from '../text/span';
import { mergeSettings, readXcconfig } from './build-settings';
import { dirOf, joinPath, productKindOf, type Platform, type ProjectFiles, type ProjectModel, type ProjectProblem, type ProjectTarget, type Setting, type SourceMembership, type TargetConfiguration } from './model';
import { conflictMarkers, PbxprojLocator } from './pbxproj-locator';

/**
 * Reads an Xcode `project.pbxproj` (an old-style/OpenStep plist, not JSON) into the project model.
 *
 * Parser: `@bacons/xcode/json` (MIT, Evan Bacon; maintained, single-pass hand-written parser with no
 * dependencies in that entry point). Compared with the `xcode` package (Apache-2.0, PEG-generated
 * parser, last feature release years ago): 0.5-1.3 s against 4 s on a 5 MB project in our measurement,
 * and one object per id instead of sections per isa. It gives no positions, so PbxprojLocator finds keys.
 *
 * Xcode owns this file: nothing here ever produces an edit to it.
 */
type Obj = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x)) : []);

export function readXcodeProject(text: string, file: string, files?: ProjectFiles): ProjectModel {
  // `Foo.xcodeproj/project.pbxproj`: SRCROOT is the folder holding Foo.xcodeproj.
  const projectDir = dirOf(file);
  const rootDir = dirOf(projectDir);
  const name = projectDir.slice(projectDir.lastIndexOf('/') + 1).replace(/\.xcodeproj$/, '');
  const problems: ProjectProblem[] = [];
  const empty = (): ProjectModel => ({ kind: 'xcode', file, rootDir, name, targets: [], problems });

  const markers = conflictMarkers(text);
  if (markers.length > 0) {
    problems.push({ file, span: markers[0], severity: 'error', message: `This project file holds ${markers.length} git merge-conflict marker line(s); resolve the conflict in Xcode or git before the project can be checked.` });
    return empty();
  }
  let root: Obj;
  try {
    root = parsePbxproj(text) as Obj;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /line (\d+), column (\d+)/.exec(msg);
    const at = m ? new LineIndex(text).offsetAt({ line: Number(m[1]) - 1, character: Number(m[2]) - 1 }) : 0;
    problems.push({ file, span: { start: at, end: at }, severity: 'error', message: `Not a readable project.pbxproj: ${msg}` });
    return empty();
  }
  const objects = (root.objects ?? {}) as Record<string, Obj>;
  const project = objects[str(root.rootObject) ?? ''];
  if (!project || project.isa !== 'PBXProject') {
    problems.push({ file, span: { start: 0, end: 0 }, severity: 'error', message: 'This project.pbxproj has no PBXProject root object.' });
    return empty();
  }
  const locator = new PbxprojLocator(text);
  const refOf = (id: string) => { const span = locator.objectSpan(id); return span ? { file, span } : undefined; };

  const paths = new FilePaths(objects, rootDir);
  // A missing file is said once, however many configurations are based on it (Debug and Release often are).
  const missing = new Set<string>();
  const loadXcconfig = (refId: string | undefined): Map<string, Setting> | undefined => {
    if (!refId || !files) return undefined;
    const p = paths.pathOf(refId);
    if (!p) return undefined;
    const seen = new Set<string>();
    const load = (path: string): Map<string, Setting> | undefined => {
      if (seen.has(path) || seen.size > 16) return undefined;
      seen.add(path);
      const content = files.read(path)?.text;
      if (content === undefined) {
        if (missing.has(path)) return undefined;
        missing.add(path);
        problems.push({ file, span: locator.objectSpan(refId) ?? { start: 0, end: 0 }, severity: 'warning', message: `The base configuration file ${path} is not in the workspace; its settings are not known.` });
        return undefined;
      }
      const x = readXcconfig(content, path);
      return mergeSettings(...x.includes.map((inc) => load(joinPath(dirOf(path), inc))), x.settings);
    };
    return load(p);
  };
  const configsOf = (listId: unknown): { id: string; name: string; settings: Map<string, Setting>; base?: string }[] => {
    const cl = objects[str(listId) ?? ''];
    return list(cl?.buildConfigurations).map((id) => {
      const c = objects[id] ?? {};
      const bs = (c.buildSettings ?? {}) as Obj;
      const settings = new Map<string, Setting>();
      for (const [k, v] of Object.entries(bs)) {
        const raw = Array.isArray(v) ? v.map(String).join(' ') : str(v);
        if (raw === undefined) continue;
        const span = locator.settingSpan(id, k);
        settings.set(k, { raw, at: span ? { file, span } : undefined });
      }
      return { id, name: str(c.name) ?? id, settings, base: str(c.baseConfigurationReference) };
    });
  };
  const projectConfigs = configsOf(project.buildConfigurationList);
  // Xcode layers project xcconfig < project < target xcconfig < target.
  const projectLevel = new Map(projectConfigs.map((c) => [c.name, mergeSettings(loadXcconfig(c.base), c.settings)]));

  const targetIds = list(project.targets);
  const nameOfTarget = new Map(targetIds.map((id) => [id, str(objects[id]?.name) ?? id]));
  const targets: ProjectTarget[] = [];
  for (const id of targetIds) {
    const t = objects[id];
    if (!t || (t.isa !== 'PBXNativeTarget' && t.isa !== 'PBXAggregateTarget' && t.isa !== 'PBXLegacyTarget')) continue;
    const productType = str(t.productType) ?? '';
    const configurations: TargetConfiguration[] = configsOf(t.buildConfigurationList).map((c) => ({
      name: c.name,
      settings: mergeSettings(projectLevel.get(c.name), loadXcconfig(c.base), c.settings),
      at: refOf(c.id),
    }));
    targets.push({
      name: nameOfTarget.get(id)!,
      kind: productKindOf(productType),
      productType,
      platform: platformOf(configurations),
      at: refOf(id),
      configurations,
      sources: paths.membershipOf(t, id),
      dependencies: list(t.dependencies).map((d) => nameOfTarget.get(str(objects[d]?.target) ?? '')).filter((n): n is string => n !== undefined),
    });
  }
  return { kind: 'xcode', file, rootDir, name, targets, problems };
}

function platformOf(configs: readonly TargetConfiguration[]): Platform {
  const sdk = configs.map((c) => c.settings.get('SDKROOT')?.raw).find((s) => s) ?? '';
  if (/iphoneos/.test(sdk)) return 'ios';
  if (/macosx/.test(sdk)) return 'macos';
  if (/watchos/.test(sdk)) return 'watchos';
  if (/appletvos/.test(sdk)) return 'tvos';
  if (/xros/.test(sdk)) return 'visionos';
  const platforms = configs.map((c) => c.settings.get('SUPPORTED_PLATFORMS')?.raw).find((s) => s) ?? '';
  if (/iphoneos/.test(platforms)) return 'ios';
  if (/macosx/.test(platforms)) return 'macos';
  if (/watchos/.test(platforms)) return 'watchos';
  if (/appletvos/.test(platforms)) return 'tvos';
  if (/xros/.test(platforms)) return 'visionos';
  if (configs.some((c) => c.settings.has('IPHONEOS_DEPLOYMENT_TARGET'))) return 'ios';
  if (configs.some((c) => c.settings.has('MACOSX_DEPLOYMENT_TARGET'))) return 'macos';
  return 'unknown';
}

/** Paths of file references and groups, through the group tree (`<group>`, `SOURCE_ROOT`, absolute). */
class FilePaths {
  private readonly parent = new Map<string, string>();
  private readonly cache = new Map<string, string | undefined>();

  constructor(private readonly objects: Record<string, Obj>, private readonly rootDir: string) {
    for (const [id, o] of Object.entries(objects)) {
      for (const child of list(o.children)) this.parent.set(child, id);
    }
  }

  pathOf(id: string, depth = 0): string | undefined {
    if (this.cache.has(id)) return this.cache.get(id);
    const o = this.objects[id];
    let result: string | undefined;
    if (o && depth < 64) {
      const own = str(o.path) ?? '';
      const tree = str(o.sourceTree) ?? '<group>';
      if (tree === '<group>') {
        const p = this.parent.get(id);
        const base = p ? this.pathOf(p, depth + 1) : this.rootDir;
        result = base === undefined ? undefined : joinPath(base, own);
      } else if (tree === 'SOURCE_ROOT') result = joinPath(this.rootDir, own);
      else if (tree === '<absolute>') result = own;
    }
    this.cache.set(id, result);
    return result;
  }

  /**
   * Xcode may omit `package` on a local package's product dependency (corpus scastiel/kado: the app's
   * KadoCore dependency has none, the widget's has one): find the package by another dependency on the
   * same product, else by a local package folder named like the product.
   */
  private localPackageOfProduct(productName: string | undefined): Obj | undefined {
    if (!productName) return undefined;
    const all = Object.values(this.objects);
    const viaDep = all.find((o) => o.isa === 'XCSwiftPackageProductDependency' && o.productName === productName && o.package);
    if (viaDep) return this.objects[str(viaDep.package) ?? ''];
    return all.find((o) => o.isa === 'XCLocalSwiftPackageReference' && (str(o.relativePath) ?? '').split('/').pop() === productName);
  }

  membershipOf(t: Obj, targetId: string): SourceMembership {
    const files: string[] = [];
    for (const phaseId of list(t.buildPhases)) {
      const phase = this.objects[phaseId];
      if (phase?.isa !== 'PBXSourcesBuildPhase') continue;
      for (const bf of list(phase.files)) {
        const ref = str(this.objects[bf]?.fileRef);
        const p = ref ? this.pathOf(ref) : undefined;
        if (p) files.push(p);
      }
    }
    const folders: { path: string; exclude: string[]; viaPackage?: boolean }[] = [];
    for (const g of list(t.fileSystemSynchronizedGroups)) {
      const p = this.pathOf(g);
      if (p === undefined) continue;
      const exclude: string[] = [];
      for (const ex of list(this.objects[g]?.exceptions)) {
        const set = this.objects[ex];
        if (str(set?.target) === targetId) exclude.push(...list(set?.membershipExceptions).map((m) => joinPath(p, m)));
      }
      folders.push({ path: p, exclude });
    }
    // Local Swift packages the target links: their sources are compiled into it [design: whole package].
    for (const depId of list(t.packageProductDependencies)) {
      const pkg = this.objects[str(this.objects[depId]?.package) ?? ''] ?? this.localPackageOfProduct(str(this.objects[depId]?.productName));
      const rel = str(pkg?.relativePath);
      if (pkg?.isa === 'XCLocalSwiftPackageReference' && rel !== undefined) folders.push({ path: joinPath(this.rootDir, rel), exclude: [], viaPackage: true });
    }
    return { files, folders };
  }
}
