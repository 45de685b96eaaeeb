import { versionInfoOfContentsPath } from '../bundle';
import type { FileAccess } from '../file-access';
import type { ModelSource } from '../model-source';
import { bundleVersions } from '../versions/current-version';
import { decodeModelBytes } from './decode';
import { readModelXml } from './reader';

/**
 * The Xcode model source: `*.xcdatamodel/contents` (XML written by Xcode's model editor, reference
 * coredata-model.md §2), versioned in `.xcdatamodeld` bundles whose current version `.xccurrentversion`
 * names (versions/current-version.ts).
 */
export const XML_MODEL_GLOB = '**/*.xcdatamodel/contents';

export const xmlModelSource: ModelSource = {
  id: 'xml',
  label: 'Core Data model',
  globs: [XML_MODEL_GLOB],
  languages: ['coredata-model'],
  claims: (path) => versionInfoOfContentsPath(path) !== undefined,
  decode: (bytes, options) => decodeModelBytes(bytes, options),
  read(files, options) {
    return readModelXml(files[0]?.text ?? '', options);
  },
  versions: {
    versionOf(path) {
      const info = versionInfoOfContentsPath(path);
      return info?.bundleDir ? { bundle: info.bundleDir, version: info.versionName } : undefined;
    },
    versionsOf: <L>(fs: FileAccess<L>, bundle: L) => bundleVersions(fs, bundle),
  },
};
