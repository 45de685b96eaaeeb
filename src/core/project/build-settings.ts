import type { Setting, SourceRef, TargetConfiguration } from './model';

/**
 * Build-setting values and `$(VAR)` resolution per target and configuration (reference project-config.md
 * §1: entitlements paths and values may be build settings, e.g. `$(TeamIdentifierPrefix)`).
 *
 * Modelling choices [design]: SDK-conditional keys (`KEY[sdk=iphoneos*]`) count only when the key has no
 * unconditional value (the device SDK is what signs for CloudKit); operators such as `:rfc1034identifier`
 * are ignored; `$(inherited)` becomes the lower level's value. A variable that no level defines stays as
 * written and is reported in `unresolved`, so a check can say so instead of guessing.
 */
export interface ResolvedSetting {
  readonly value: string;
  /** Variables no level defines (`TeamIdentifierPrefix` is only known at signing time). */
  readonly unresolved: readonly string[];
  readonly at?: SourceRef;
}

/**
 * Settings Xcode derives itself. `SRCROOT` is `.`: resolved paths stay relative to the project folder,
 * which the caller joins once.
 */
function builtins(targetName: string, configuration: string): Record<string, string> {
  return { SRCROOT: '.', PROJECT_DIR: '.', SOURCE_ROOT: '.', TARGET_NAME: targetName, CONFIGURATION: configuration };
}

const VAR = /\$\(([A-Za-z_][A-Za-z0-9_]*)(?::[^)]*)?\)|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?\}/g;

/** The value a configuration gives `key`, base name first, then the first SDK-conditional variant. */
export function rawSetting(settings: ReadonlyMap<string, Setting>, key: string): Setting | undefined {
  const direct = settings.get(key);
  if (direct) return direct;
  for (const [k, v] of settings) if (k.startsWith(key + '[')) return v;
  return undefined;
}

export function resolveSetting(cfg: TargetConfiguration, key: string, targetName: string): ResolvedSetting | undefined {
  const s = rawSetting(cfg.settings, key);
  if (!s) return undefined;
  const r = expand(s.raw, cfg.settings, builtins(targetName, cfg.name));
  return { ...r, at: s.at };
}

/** Expands `$(VAR)` / `${VAR}` in `text` against the settings (bounded depth: cycles stop, never hang). */
export function expand(text: string, settings: ReadonlyMap<string, Setting>, extra: Record<string, string> = {}): { value: string; unresolved: string[] } {
  const unresolved: string[] = [];
  const lookup = (name: string): string | undefined => {
    if (name === 'PRODUCT_NAME' && !settings.has(name)) return extra.TARGET_NAME;
    const s = rawSetting(settings, name);
    return s ? s.raw.replace(/\$\(inherited\)\s*/g, '') : extra[name];
  };
  const go = (t: string, depth: number): string => t.replace(VAR, (whole, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b)!;
    const v = depth < 8 ? lookup(name) : undefined;
    if (v === undefined) { if (!unresolved.includes(name)) unresolved.push(name); return whole; }
    return go(v, depth + 1);
  });
  return { value: go(text, 0), unresolved };
}

/**
 * Reads an `.xcconfig` (`KEY = value`, `// comments`, `#include "other.xcconfig"`): the settings with
 * their spans, and the includes for the caller to follow. Values keep `$(inherited)` for `expand`.
 */
export function readXcconfig(text: string, file: string): { settings: Map<string, Setting>; includes: string[] } {
  const settings = new Map<string, Setting>();
  const includes: string[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const inc = /^\s*#include\??\s+"([^"]+)"/.exec(line);
    if (inc) includes.push(inc[1]);
    else {
      const m = /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])*)\s*=\s*(.*?)\s*;?\s*$/.exec(line.replace(/\s*\/\/.*$/, ''));
      if (m) settings.set(m[1], { raw: m[2], at: { file, span: { start: offset + line.indexOf(m[1]), end: offset + line.length } } });
    }
    offset += line.length + 1;
  }
  return { settings, includes };
}

/** Later maps win, as Xcode layers project < project xcconfig < target xcconfig < target. */
export function mergeSettings(...levels: (ReadonlyMap<string, Setting> | undefined)[]): Map<string, Setting> {
  const out = new Map<string, Setting>();
  for (const level of levels) {
    if (!level) continue;
    for (const [k, v] of level) {
      const below = out.get(k);
      out.set(k, below && /\$\(inherited\)/.test(v.raw) ? { raw: v.raw.replace(/\$\(inherited\)/g, below.raw), at: v.at } : v);
    }
  }
  return out;
}

/** A configuration counts as a debug build when its name says so or it compiles with DEBUG [design]. */
export function isDebugConfiguration(cfg: TargetConfiguration): boolean {
  if (/debug|dev/i.test(cfg.name)) return true;
  const cond = rawSetting(cfg.settings, 'SWIFT_ACTIVE_COMPILATION_CONDITIONS')?.raw ?? '';
  return /(^|\s)DEBUG(\s|$)/.test(cond);
}

export function isYes(v: string | undefined): boolean {
  return v !== undefined && /^(YES|yes|true|1)$/.test(v.trim());
}
