import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { mergeSettings } from './build-settings';
import { dirOf, joinPath, productKindOf, type GeneratedFileSpec, type Platform, type ProjectModel, type ProjectProblem, type ProjectTarget, type Setting, type SourceRef } from './model';

/**
 * Reads an XcodeGen `project.yml` (https://github.com/yonaskolb/XcodeGen/blob/master/Docs/ProjectSpec.md)
 * with the `yaml` package, which keeps each node's source range.
 *
 * What matters for CloudKit (reference project-config.md §1): `settings` (flat, or `base` + `configs`) at
 * project and target level, `CODE_SIGN_ENTITLEMENTS` / `INFOPLIST_FILE`, and `entitlements:` / `info:`
 * `{path, properties}`, which XcodeGen REWRITES on every generate from `properties` [obs CASCADE-1].
 * Not followed [design]: `include:`, target templates, setting groups (reported as unknown, not guessed).
 */
const PLATFORMS: Record<string, Platform> = { ios: 'ios', macos: 'macos', watchos: 'watchos', tvos: 'tvos', visionos: 'visionos' };

export function readXcodeGenProject(text: string, file: string): ProjectModel {
  const rootDir = dirOf(file);
  const problems: ProjectProblem[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  for (const e of doc.errors.slice(0, 5)) {
    // The yaml package may place an error at the end of input one past the text (an unclosed quote at
    // the very end): clamp, so the range stays inside the file (found by the project-config fuzz target).
    const start = Math.min(Math.max(0, e.pos[0]), text.length);
    problems.push({ file, span: { start, end: Math.min(Math.max(start, e.pos[1]), text.length) }, severity: 'error', message: `Not a readable XcodeGen spec: ${e.message.split('\n')[0]}` });
  }
  const root = doc.contents;
  const name = isMap(root) ? scalarOf(root.get('name', true)) ?? 'project' : 'project';
  if (!isMap(root)) {
    if (problems.length === 0) problems.push({ file, span: { start: 0, end: 0 }, severity: 'error', message: 'This XcodeGen spec is not a mapping.' });
    return { kind: 'xcodegen', file, rootDir, name, targets: [], problems };
  }
  const refOf = (n: Node | Pair | undefined | null): SourceRef | undefined => {
    const node = n && 'range' in n ? n : (n as Pair | undefined)?.key as Node | undefined;
    return node?.range ? { file, span: { start: node.range[0], end: node.range[1] } } : undefined;
  };
  const configsNode: unknown = root.get('configs', true);
  const configNames = isMap(configsNode) ? (configsNode as YAMLMap).items.map((p) => String(scalarOf(p.key as Node))) : ['Debug', 'Release'];
  const settingsOf = (n: unknown, configName: string): Map<string, Setting> => {
    const out = new Map<string, Setting>();
    if (!isMap(n)) return out;
    const hasStructure = n.has('base') || n.has('configs') || n.has('groups');
    const addAll = (m: unknown) => {
      if (!isMap(m)) return;
      for (const p of m.items) {
        const k = scalarOf(p.key as Node);
        const v = p.value as Node | null;
        const raw = isScalar(v) ? String(v.value ?? '') : isSeq(v) ? v.items.map((i) => scalarOf(i as Node) ?? '').join(' ') : undefined;
        if (k !== undefined && raw !== undefined) out.set(k, { raw, at: { file, span: { start: (p.key as Node).range![0], end: v?.range?.[1] ?? (p.key as Node).range![1] } } });
      }
    };
    if (!hasStructure) { addAll(n); return out; }
    addAll(n.get('base', true));
    const configs = n.get('configs', true);
    if (isMap(configs)) {
      for (const p of configs.items) if (String(scalarOf(p.key as Node)).toLowerCase() === configName.toLowerCase()) addAll(p.value);
    }
    return out;
  };
  const targetsNode = root.get('targets', true);
  const targets: ProjectTarget[] = [];
  if (isMap(targetsNode)) {
    for (const pair of targetsNode.items) {
      const tname = scalarOf(pair.key as Node);
      const t = pair.value;
      if (tname === undefined || !isMap(t)) continue;
      const productType = scalarOf(t.get('type', true)) ?? '';
      const platformRaw = scalarOf(t.get('platform', true));
      const generated: GeneratedFileSpec[] = [];
      const fixed = new Map<string, Setting>();
      for (const [role, key] of [['entitlements', 'CODE_SIGN_ENTITLEMENTS'], ['info', 'INFOPLIST_FILE']] as const) {
        const spec = t.get(role, true);
        if (!isMap(spec)) continue;
        const pathNode = spec.get('path', true) as Node | undefined;
        const path = scalarOf(pathNode);
        if (path === undefined) continue;
        const props = spec.get('properties', true);
        const keys = isMap(props) ? props.items.map((p) => String(scalarOf(p.key as Node))) : [];
        const at = refOf(spec.items.find((p) => scalarOf(p.key as Node) === 'path')) ?? refOf(pair)!;
        generated.push({ role, path: joinPath(rootDir, path), keys, at });
        fixed.set(key, { raw: path, at: refOf(pathNode) });
      }
      const configurations = configNames.map((cn) => ({
        name: cn,
        settings: mergeSettings(settingsOf(root.get('settings', true), cn), fixed, settingsOf(t.get('settings', true), cn)),
        at: refOf(pair),
      }));
      // Paths in settings are relative to the spec folder: SRCROOT is the project folder XcodeGen writes into.
      targets.push({
        name: tname,
        kind: productKindOf(productType),
        productType,
        platform: PLATFORMS[(platformRaw ?? '').toLowerCase()] ?? 'unknown',
        at: refOf(pair),
        configurations,
        sources: sourcesOf(t.get('sources', true), rootDir),
        dependencies: dependenciesOf(t.get('dependencies', true)),
        generatedFiles: generated,
      });
    }
  }
  return { kind: 'xcodegen', file, rootDir, name, targets, problems };
}

function scalarOf(n: unknown): string | undefined {
  return isScalar(n) && n.value !== null && n.value !== undefined ? String(n.value) : undefined;
}

function sourcesOf(n: unknown, rootDir: string): ProjectTarget['sources'] {
  const folders: { path: string; exclude: string[] }[] = [];
  const items = isSeq(n) ? n.items : n !== undefined && n !== null ? [n] : [];
  for (const item of items) {
    const p = isMap(item) ? scalarOf(item.get('path', true)) : scalarOf(item);
    if (p === undefined) continue;
    const ex = isMap(item) ? item.get('excludes', true) : undefined;
    const base = joinPath(rootDir, p);
    folders.push({ path: base, exclude: isSeq(ex) ? ex.items.map((e) => joinPath(base, scalarOf(e) ?? '')) : [] });
  }
  // A source entry may be a file or a folder: membership treats a folder path as a prefix, a file as itself.
  return { files: [], folders };
}

function dependenciesOf(n: unknown): string[] {
  if (!isSeq(n)) return [];
  return n.items.map((i) => (isMap(i) ? scalarOf(i.get('target', true)) : undefined)).filter((x): x is string => x !== undefined);
}
