import { resolveModel, versionOfContents } from '../core/model/versions/current-version';
import { nodeFileAccess } from './node-file-access';

/**
 * Resolves what the user calls "a model" to one `contents` file through the one current-version
 * resolver (src/core/model/versions/current-version.ts): a `contents` file itself, an `.xcdatamodel`
 * folder, or an `.xcdatamodeld` bundle (its current version). Throws a clear message.
 */
export async function resolveModelContents(p: string): Promise<{ contentsPath: string; versionName?: string }> {
  const { model, error } = await resolveModel(nodeFileAccess, p, (l) => l);
  if (!model) throw new Error(error);
  return { contentsPath: model.contents, ...(model.versionName !== undefined ? { versionName: model.versionName } : {}) };
}

/** Whether a `contents` file is its bundle's current version (true outside a bundle). */
export async function isCurrentVersion(contentsPath: string): Promise<boolean> {
  return (await versionOfContents(nodeFileAccess, contentsPath)).current;
}
