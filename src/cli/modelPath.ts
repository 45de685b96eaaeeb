import fs from 'node:fs';
import type { DecodedText, ModelSource } from '../core/model/model-source';
import { resolveModel, versionOfContents } from '../core/model/versions/current-version';
import { xmlModelSource } from '../core/model/xml/source';
import { modelSources } from '../model-sources';
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

/**
 * A model the user named, for `ckdev schema` and `ckdev check`: a file some registered model source
 * claims (src/model-sources.ts: a `.cdmodel.ts`, a `contents`), or a folder resolved to its current
 * version's `contents` as above. Throws a clear message.
 */
export async function resolveModelFile(p: string): Promise<{ path: string; source: ModelSource }> {
  const claimed = modelSources.forPath(p);
  if (claimed && !claimed.versions && fs.existsSync(p) && fs.statSync(p).isFile()) return { path: p, source: claimed };
  const { contentsPath } = await resolveModelContents(p);
  return { path: contentsPath, source: modelSources.forPath(contentsPath) ?? xmlModelSource };
}

/** A resolved model file's text: the source's decoding (encoding and size checks), else UTF-8. */
export function decodeModelFile(source: ModelSource, bytes: Uint8Array): DecodedText {
  return source.decode ? source.decode(bytes, {}) : { text: new TextDecoder('utf-8').decode(bytes) };
}
