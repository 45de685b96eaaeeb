import { SaxesParser } from 'saxes';
import type { Finding, Severity } from '../findings';

/**
 * `.xcdatamodeld` bundles (reference coredata-model.md §1): `.xccurrentversion` names the current
 * version directory (`_XCCurrentVersionName`, suffix included); it may be missing, and then the only
 * version, or the last one by name, is current. Only the current version is what the container
 * validates at runtime; the others are still linted, at a lower severity.
 */
export const CURRENT_VERSION_KEY = '_XCCurrentVersionName';

export interface CurrentVersionPlist {
  readonly name?: string;
  /** Why the plist could not be used (malformed, key missing). */
  readonly problem?: string;
}

/** Reads `.xccurrentversion` (an XML plist). Never throws; its standard DOCTYPE is neither fetched nor used. */
export function readCurrentVersionPlist(text: string): CurrentVersionPlist {
  const parser = new SaxesParser({ position: false });
  const path: string[] = [];
  let pendingKey: string | undefined;
  let lastKey: string | undefined;
  let buf = '';
  let name: string | undefined;
  let problem: string | undefined;
  parser.on('error', (e: Error) => { problem ??= `malformed .xccurrentversion: ${e.message}`; throw e; });
  parser.on('opentag', () => { buf = ''; });
  parser.on('text', (t: string) => { buf += t; });
  parser.on('opentagstart', (t) => { path.push(t.name); });
  parser.on('closetag', (t) => {
    path.pop();
    if (t.name === 'key' && path[path.length - 1] === 'dict') { lastKey = buf.trim(); pendingKey = lastKey; return; }
    if (pendingKey === CURRENT_VERSION_KEY && t.name === 'string' && name === undefined) name = buf.trim();
    if (t.name !== 'key') pendingKey = undefined;
  });
  try {
    parser.write(text).close();
  } catch {
    return { problem: problem ?? 'malformed .xccurrentversion' };
  }
  if (name === undefined || name === '') return { problem: `.xccurrentversion has no ${CURRENT_VERSION_KEY}` };
  return { name };
}

/** Orders version names the way a person reads them: "Model 2" before "Model 10". */
export function compareVersionNames(a: string, b: string): number {
  const strip = (s: string): string => s.replace(/\.xcdatamodel$/, '');
  return strip(a).localeCompare(strip(b), 'en', { numeric: true, sensitivity: 'variant' }) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The current version among `versions` (directory names such as `Model 2.xcdatamodel`): the plist's
 * choice when it names an existing version, else the only one, else the last by name.
 */
export function currentVersionOf(versions: readonly string[], plistName: string | undefined): string | undefined {
  if (versions.length === 0) return undefined;
  if (plistName !== undefined && versions.includes(plistName)) return plistName;
  return [...versions].sort(compareVersionNames)[versions.length - 1];
}

/**
 * Version folder names in the order the sandbox's "choose model version" pick lists them: the current
 * version first, then the others by version name.
 */
export function orderVersionChoices(versions: readonly string[], current: string | undefined): string[] {
  const rest = versions.filter((v) => v !== current).sort(compareVersionNames);
  return current !== undefined && versions.includes(current) ? [current, ...rest] : rest;
}

export type NonCurrentSeverity = Severity | 'off';

const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/**
 * Findings of a non-current version: each severity is lowered to `cap` (never raised); `off` drops them.
 * `syntax` findings keep their severity: a broken file is broken whichever version it is.
 */
export function demoteForNonCurrentVersion(findings: readonly Finding[], cap: NonCurrentSeverity): Finding[] {
  if (cap === 'off') return findings.filter((f) => f.ruleId === 'syntax');
  return findings.map((f) => (f.ruleId !== 'syntax' && rank[f.severity] < rank[cap] ? { ...f, severity: cap } : f));
}

/** Splits a path to a `contents` file into its bundle parts (`/` or `\` separators). */
export function versionInfoOfContentsPath(path: string): { bundleDir?: string; versionDir: string; versionName: string } | undefined {
  const parts = path.split(/[\\/]/);
  if (parts.length < 2 || parts[parts.length - 1] !== 'contents') return undefined;
  const versionName = parts[parts.length - 2];
  if (!versionName.endsWith('.xcdatamodel')) return undefined;
  const sep = path.includes('/') ? '/' : '\\';
  const versionDir = parts.slice(0, -1).join(sep);
  const parent = parts.length >= 3 ? parts[parts.length - 3] : '';
  return { versionDir, versionName, bundleDir: parent.endsWith('.xcdatamodeld') ? parts.slice(0, -2).join(sep) : undefined };
}
