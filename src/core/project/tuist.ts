import type { SwiftSyntaxNode } from '../swift/syntax-node';
import { mergeSettings } from './build-settings';
import { dirOf, joinPath, productKindOf, type Platform, type ProjectModel, type ProjectProblem, type ProjectTarget, type Setting } from './model';
import { argumentsOf, calleeName, spanOf, stringLiteralOf } from './swift-syntax';

/**
 * Reads a Tuist `Project.swift` from its tree-sitter-swift tree, syntactically (it is a Swift program;
 * nothing is evaluated). Recognised [design]: target calls (`Target(`/`.target(`, or any call with
 * `name:` plus `entitlements:`/`product:`/`infoPlist:`, e.g. a helper like `.makeAppTarget`),
 * `entitlements: .file(path:)` / a string / `.variable("$(VAR)")` (doc TUIST Entitlements),
 * `infoPlist: .file(path:)` / a string / `.extendingDefault(with:)` (doc TUIST InfoPlist), `sources: ["Dir/**"]`, and
 * string dictionaries under `.settings(base:configurations:)` with `.debug(name:settings:)` /
 * `.release(...)`. A `let` string constant is resolved by name (`name: projectName`). Helpers defined in
 * other files (ProjectDescriptionHelpers) are not followed: a target without `sources:` is taken to compile
 * everything under the manifest's folder.
 */
export function readTuistProject(root: SwiftSyntaxNode, file: string): ProjectModel {
  const rootDir = dirOf(file);
  const problems: ProjectProblem[] = [];
  const constants = new Map<string, string>();
  const calls: SwiftSyntaxNode[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'property_declaration') {
      const v = stringLiteralOf(n.childForFieldName('value'));
      const name = n.childForFieldName('name')?.text.trim();
      if (v !== undefined && name) constants.set(name, v);
    }
    if (n.type === 'call_expression') calls.push(n);
    for (let i = n.namedChildCount - 1; i >= 0; i--) { const c = n.namedChild(i); if (c) stack.push(c); }
  }
  if (root.hasError) problems.push({ file, span: { start: 0, end: 0 }, severity: 'info', message: 'This Project.swift has Swift syntax the parser could not read; targets in those parts may be missing.' });
  const str = (n: SwiftSyntaxNode | undefined): string | undefined => {
    if (!n) return undefined;
    return stringLiteralOf(n) ?? (n.type === 'simple_identifier' ? constants.get(n.text) : undefined);
  };
  /** `"KEY": "value"` pairs of every string dictionary inside `n`. */
  const dictSettings = (n: SwiftSyntaxNode | undefined): Map<string, Setting> => {
    const out = new Map<string, Setting>();
    const walk = (x: SwiftSyntaxNode) => {
      if (x.type === 'dictionary_literal') {
        // Comments are named children too: skipped, so keys and values stay paired.
        const kids = x.namedChildren.filter((c): c is SwiftSyntaxNode => c !== null && c.type !== 'comment' && c.type !== 'multiline_comment');
        for (let i = 0; i + 1 < kids.length; i += 2) {
          const k = stringLiteralOf(kids[i]);
          const v = str(kids[i + 1]);
          if (k !== undefined && v !== undefined) out.set(k, { raw: v, at: { file, span: { start: kids[i].startIndex, end: kids[i + 1].endIndex } } });
        }
      }
      for (const c of x.namedChildren) if (c) walk(c);
    };
    if (n) walk(n);
    return out;
  };
  /** Settings of a `.settings(base:configurations:)` call per configuration name. */
  const settingsCall = (n: SwiftSyntaxNode | undefined): { base: Map<string, Setting>; configs: Map<string, Map<string, Setting>> } => {
    const configs = new Map<string, Map<string, Setting>>();
    if (!n) return { base: new Map(), configs };
    const args = argumentsOf(n);
    const base = dictSettings(args.find((a) => a.label === 'base')?.value);
    const cfgList = args.find((a) => a.label === 'configurations')?.value;
    for (const c of cfgList?.namedChildren ?? []) {
      if (c?.type !== 'call_expression') continue;
      const cargs = argumentsOf(c);
      const name = str(cargs.find((a) => a.label === 'name')?.value) ?? calleeName(c)?.name;
      if (name) configs.set(name === 'debug' ? 'Debug' : name === 'release' ? 'Release' : name, dictSettings(cargs.find((a) => a.label === 'settings')?.value));
    }
    return { base, configs };
  };
  const settingsCalls = calls.filter((c) => calleeName(c)?.name === 'settings');
  const projectSettings = settingsCall(settingsCalls.find((c) => !isInsideTarget(c)));
  const targets: ProjectTarget[] = [];
  for (const call of calls) {
    const args = argumentsOf(call);
    const label = (l: string) => args.find((a) => a.label === l)?.value;
    const callee = calleeName(call)?.name ?? '';
    const isTarget = callee === 'Target' || callee === 'target' || (label('name') && (label('entitlements') || label('product') || label('infoPlist')));
    if (!isTarget) continue;
    const name = str(label('name'));
    if (!name) continue;
    const fixed = new Map<string, Setting>();
    const ent = label('entitlements');
    const entPath = ent && pathOf(ent, str);
    if (ent && entPath) fixed.set('CODE_SIGN_ENTITLEMENTS', { raw: entPath, at: { file, span: spanOf(ent) } });
    const info = label('infoPlist');
    // A string is a file too (InfoPlist is ExpressibleByStringInterpolation: `.file(path:)`), and so is
    // `InfoPlist.file(path:)`; a file whose path is not a literal sets nothing (it is not generated).
    const infoIsFile = info !== undefined && (str(info) !== undefined || calleeName(info)?.name === 'file');
    const infoPath = infoIsFile ? pathOf(info, str) : undefined;
    if (info && infoPath) fixed.set('INFOPLIST_FILE', { raw: infoPath, at: { file, span: spanOf(info) } });
    else if (info && !infoIsFile) fixed.set('GENERATE_INFOPLIST_FILE', { raw: 'YES', at: { file, span: spanOf(info) } });
    const own = settingsCall(settingsCalls.find((c) => isWithin(c, call)));
    const configNames = [...new Set([...projectSettings.configs.keys(), ...own.configs.keys()])];
    const product = label('product')?.text.replace(/^\./, '') ?? (/app/i.test(callee) ? 'app' : '');
    const sourcesNode = label('sources');
    const sources = sourcesNode ? sourceGlobs(sourcesNode).map((g) => ({ path: joinPath(rootDir, g), exclude: [] })) : [{ path: rootDir, exclude: [] }];
    targets.push({
      name,
      kind: productKindOf(product === 'app' ? 'application' : product === 'appExtension' ? 'app-extension' : product === 'watch2App' ? 'application.watchapp2' : product),
      productType: product,
      platform: platformOf(label('destinations')?.text ?? label('platform')?.text ?? ''),
      at: { file, span: spanOf(call) },
      configurations: (configNames.length ? configNames : ['Debug', 'Release']).map((cn) => ({
        name: cn,
        settings: mergeSettings(projectSettings.base, projectSettings.configs.get(cn), fixed, own.base, own.configs.get(cn)),
        at: { file, span: spanOf(call) },
      })),
      sources: { files: [], folders: sources },
      dependencies: [],
    });
  }
  return { kind: 'tuist', file, rootDir, name: str(calls.map((c) => argumentsOf(c).find((a) => a.label === 'name')?.value).find((v) => v)) ?? 'Project', targets, problems };
}

function isWithin(n: SwiftSyntaxNode, outer: SwiftSyntaxNode): boolean {
  return n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex && n !== outer;
}

function isInsideTarget(n: SwiftSyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'call_expression' && argumentsOf(p).some((a) => a.label === 'entitlements' || a.label === 'product')) return true;
  }
  return false;
}

/** `.file(path: "x")`, `.file(path: .relativeToCurrentFile("x"))`, `"x"`, `.variable("$(VAR)")` -> the path text. */
function pathOf(n: SwiftSyntaxNode, str: (n: SwiftSyntaxNode | undefined) => string | undefined): string | undefined {
  const direct = str(n);
  if (direct !== undefined) return direct;
  if (n.type === 'call_expression') {
    for (const a of argumentsOf(n)) {
      const p = pathOf(a.value, str);
      if (p !== undefined) return p;
    }
  }
  return undefined;
}

function sourceGlobs(n: SwiftSyntaxNode): string[] {
  const out: string[] = [];
  const walk = (x: SwiftSyntaxNode) => {
    const s = stringLiteralOf(x);
    if (s !== undefined) out.push(s.replace(/\/?\*\*.*$/, '').replace(/\/\*[^/]*$/, ''));
    else for (const c of x.namedChildren) if (c) walk(c);
  };
  walk(n);
  return out;
}

function platformOf(text: string): Platform {
  if (/iOS|iPhone|iPad/i.test(text)) return 'ios';
  if (/mac/i.test(text)) return 'macos';
  if (/watch/i.test(text)) return 'watchos';
  if (/tv/i.test(text)) return 'tvos';
  if (/vision/i.test(text)) return 'visionos';
  return 'unknown';
}
