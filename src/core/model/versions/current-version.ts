import { compareVersionNames, currentVersionOf, readCurrentVersionPlist } from '../bundle';
import type { FileAccess } from '../file-access';

/**
 * The one current-version resolver (reference coredata-model.md §1): the versions of an `.xcdatamodeld`
 * are its `*.xcdatamodel` folders (symbolic links followed) that hold a `contents` file; the current one
 * is named by `.xccurrentversion` (`_XCCurrentVersionName`), else it is the only or the last by name
 * (`currentVersionOf`). The CLI, the linter, the sandbox, the deploy check and "Generate Schema" all ask
 * this module, through a `FileAccess` adapter, so they cannot pick different versions.
 */
export interface BundleVersions {
  /** Version folder names, in version order ("Model 2" before "Model 10"). */
  readonly versions: readonly string[];
  /** The current version's folder name; undefined when the bundle holds none. */
  readonly current: string | undefined;
  /** Why `.xccurrentversion` was not used (present but malformed, or naming no existing version). */
  readonly plistProblem?: string;
}

export const CURRENT_VERSION_FILE = '.xccurrentversion';

/** The versions of a bundle and the current one. A bundle that cannot be listed has no versions. */
export async function bundleVersions<L>(fs: FileAccess<L>, bundle: L): Promise<BundleVersions> {
  let entries;
  try {
    entries = await fs.list(bundle);
  } catch {
    return { versions: [], current: undefined };
  }
  const candidates = entries.filter((e) => e.name.endsWith('.xcdatamodel') && e.kind === 'directory').map((e) => e.name);
  const versions: string[] = [];
  for (const v of candidates) if ((await fs.stat(fs.join(bundle, v, 'contents')))?.kind === 'file') versions.push(v);
  versions.sort(compareVersionNames);
  let plistName: string | undefined;
  let plistProblem: string | undefined;
  if (entries.some((e) => e.name === CURRENT_VERSION_FILE)) {
    try {
      const plist = readCurrentVersionPlist(await fs.readText(fs.join(bundle, CURRENT_VERSION_FILE)));
      plistName = plist.name;
      plistProblem = plist.problem;
    } catch {
      plistProblem = `${CURRENT_VERSION_FILE} cannot be read`;
    }
  }
  if (plistName !== undefined && !versions.includes(plistName)) plistProblem ??= `${CURRENT_VERSION_FILE} names ${plistName}, which is not in the bundle`;
  return { versions, current: currentVersionOf(versions, plistName), ...(plistProblem ? { plistProblem } : {}) };
}

/** Whether `version` is current in a bundle (a bundle without a readable version counts every file as current). */
export function isCurrentIn(versions: BundleVersions, version: string): boolean {
  return versions.current === undefined || versions.current === version;
}

/** What a location given as "a model" resolves to. */
export interface ResolvedModel<L> {
  /** The `contents` file to read. */
  readonly contents: L;
  /** The `.xcdatamodeld` it belongs to (undefined for a lone `.xcdatamodel` or a bare `contents` file). */
  readonly bundle?: L;
  /** The version folder name (e.g. `Model 2.xcdatamodel`), when inside a bundle. */
  readonly versionName?: string;
  /** Whether it is its bundle's current version (true outside a bundle). */
  readonly current: boolean;
}

const NOT_A_MODEL = 'is not a model: expected a .xcdatamodel/contents file, an .xcdatamodel or an .xcdatamodeld folder';

/**
 * Resolves what a user calls "a model" to one `contents` file: a `contents` file itself, an
 * `.xcdatamodel` folder (its `contents`), or an `.xcdatamodeld` bundle (`version` when given and present,
 * else its current version). `describe` names the location in the error messages.
 */
export async function resolveModel<L>(fs: FileAccess<L>, location: L, describe: (l: L) => string, version?: string): Promise<{ model?: ResolvedModel<L>; error?: string }> {
  const st = await fs.stat(location);
  if (!st) return { error: `no such file or folder: '${describe(location)}'` };
  const name = fs.basename(location);
  if (st.kind === 'file') {
    if (name !== 'contents') return { error: `'${describe(location)}' ${NOT_A_MODEL}` };
    return { model: await versionOfContents(fs, location) };
  }
  if (name.endsWith('.xcdatamodel')) {
    const contents = fs.join(location, 'contents');
    if ((await fs.stat(contents))?.kind !== 'file') return { error: `'${describe(location)}' has no contents file` };
    return { model: await versionOfContents(fs, contents) };
  }
  if (name.endsWith('.xcdatamodeld')) {
    const { versions, current } = await bundleVersions(fs, location);
    const chosen = version !== undefined && versions.includes(version) ? version : current;
    if (!chosen) return { error: `'${describe(location)}' holds no model version (.xcdatamodel folder with a contents file)` };
    return { model: { contents: fs.join(location, chosen, 'contents'), bundle: location, versionName: chosen, current: chosen === current } };
  }
  return { error: `'${describe(location)}' ${NOT_A_MODEL}` };
}

/** A `contents` file's place in its bundle, and whether it is the current version. */
export async function versionOfContents<L>(fs: FileAccess<L>, contents: L): Promise<ResolvedModel<L>> {
  const versionDir = fs.parent(contents);
  const versionName = fs.basename(versionDir);
  const bundle = fs.parent(versionDir);
  if (!versionName.endsWith('.xcdatamodel') || !fs.basename(bundle).endsWith('.xcdatamodeld')) return { contents, current: true };
  return { contents, bundle, versionName, current: isCurrentIn(await bundleVersions(fs, bundle), versionName) };
}
