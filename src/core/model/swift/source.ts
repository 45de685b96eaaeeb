import type { ModelEditor } from '../editor';
import type { FileAccess } from '../file-access';
import type { ModelIR } from '../ir';
import type { ModelRead, ModelSource, ModelSourceFile } from '../model-source';

/**
 * The SwiftData model source: `@Model` classes in `*.swift` files (reference swiftdata.md). A model
 * spans every Swift file of a project that declares `@Model` classes, so `read` takes them all and
 * localizes findings back to each file. The reader and its parser (web-tree-sitter + the
 * tree-sitter-swift wasm) are heavy: whoever registers this source passes `load` (model-read.ts in a
 * lazily loaded bundle), called only when a file that contains `@Model` is read; a Swift file without
 * `@Model` is answered with an empty model and never loads it.
 */
export interface SwiftModelReader {
  read(files: readonly ModelSourceFile[]): ModelRead;
}

export const SWIFT_MODEL_GLOB = '**/*.swift';

/** Folders that hold build products or other people's code, never the app's model (modelling choice). */
const SKIPPED_FOLDERS = new Set(['.build', 'DerivedData', 'Pods', 'node_modules', 'Carthage', '.git', '.swiftpm']);

/** Folders that mark a project's root: the model is every `@Model` file below it. */
const ROOT_MARKERS = [/^Package\.swift$/, /\.xcodeproj$/, /\.xcworkspace$/, /^\.git$/];

/** Bounds of a folder walk, so a huge or looping tree never hangs an editor (modelling choice). */
const MAX_FILES = 20_000;
const MAX_ROOT_LEVELS = 12;

/** Whether Swift text declares a `@Model` class (not `@ModelActor`): only such files are read. */
export function declaresModel(text: string): boolean {
  return /@Model(?![A-Za-z0-9_])/.test(text);
}

export function swiftModelSource(load: () => Promise<SwiftModelReader>): ModelSource {
  return {
    id: 'swift',
    label: 'SwiftData model',
    globs: [SWIFT_MODEL_GLOB],
    languages: ['swift'],
    claims: (path) => path.endsWith('.swift'),
    declaresModel,
    async read(files): Promise<ModelRead> {
      const sources = files.filter((f) => declaresModel(f.text));
      if (sources.length === 0) return EMPTY_READ;
      return (await load()).read(sources);
    },
    async modelFilesOf<L>(fs: FileAccess<L>, file: L): Promise<L[]> {
      return swiftModelFilesUnder(fs, await projectRootOf(fs, file));
    },
    modelFilesIn: swiftModelFilesUnder,
    heavy: true,
  };
}

/** The nearest folder above a file that holds a Package.swift, an Xcode project or a .git; else the file's folder. */
export async function projectRootOf<L>(fs: FileAccess<L>, file: L): Promise<L> {
  let dir = fs.parent(file);
  for (let i = 0; i < MAX_ROOT_LEVELS; i++) {
    let names: readonly string[] = [];
    try { names = (await fs.list(dir)).map((e) => e.name); } catch { break; }
    if (names.some((n) => ROOT_MARKERS.some((m) => m.test(n)))) return dir;
    const up = fs.parent(dir);
    if (String(up) === String(dir)) break;
    dir = up;
  }
  return fs.parent(file);
}

/** The `*.swift` files below a folder that declare `@Model` classes (build and dependency folders skipped), sorted. */
export async function swiftModelFilesUnder<L>(fs: FileAccess<L>, folder: L): Promise<L[]> {
  return (await swiftFilesUnder(fs, folder, declaresModel)).map((f) => f.at);
}

/** The `*.swift` files below a folder whose text passes `keep` (build and dependency folders skipped), sorted, with their text. */
export async function swiftFilesUnder<L>(fs: FileAccess<L>, folder: L, keep: (text: string) => boolean): Promise<{ at: L; text: string }[]> {
  const out: { name: string; at: L; text: string }[] = [];
  const queue: { at: L; rel: string }[] = [{ at: folder, rel: '' }];
  let seen = 0;
  while (queue.length > 0 && seen < MAX_FILES) {
    const { at, rel } = queue.shift()!;
    let entries: readonly { name: string; kind: string }[];
    try { entries = await fs.list(at); } catch { continue; }
    for (const e of entries) {
      if (++seen > MAX_FILES) break;
      if (e.kind === 'directory') {
        if (!SKIPPED_FOLDERS.has(e.name) && !e.name.startsWith('.')) queue.push({ at: fs.join(at, e.name), rel: `${rel}${e.name}/` });
      } else if (e.kind === 'file' && e.name.endsWith('.swift')) {
        const child = fs.join(at, e.name);
        let text: string;
        try { text = await fs.readText(child); } catch { continue; }
        if (keep(text)) out.push({ name: rel + e.name, at: child, text });
      }
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(({ at, text }) => ({ at, text }));
}

const NO_EDITS: ModelEditor = {
  setOptional: () => [], setDefaultValue: () => undefined, removeUniquenessConstraints: () => [],
  setUnordered: () => [], setDeletionRule: () => [], addInverseRelationship: () => [],
};

const EMPTY_MODEL: ModelIR = {
  format: 'swift', root: undefined, usedWithCloudKit: true, entities: [], configurations: [], fetchRequests: [], composites: [], problems: [], sourceText: '',
};

const EMPTY_READ: ModelRead = { model: EMPTY_MODEL, editor: NO_EDITS, localize: () => [], fileStart: () => undefined };
