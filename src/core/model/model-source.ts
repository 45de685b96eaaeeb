import type { Finding } from '../findings';
import type { EditableModel } from './editor';
import type { FileAccess } from './file-access';
import type { ReadProblem } from './ir';
import type { BundleVersions } from './versions/current-version';

/**
 * A model source: one model format as a plug-in of the pipeline (reading, rules, editor, CLI, sandbox).
 *
 *   id / label       a stable id ('xml', 'typescript', 'swift') and a name for people
 *   globs, claims    which files it reads: globs for workspace searches and watchers, `claims(path)` for
 *                    one path (`/` or `\` separators); `languages` are the editor language ids of its files
 *   decode           bytes -> text, or one file-level problem (encoding, size); UTF-8 when left out
 *   read             files -> ONE ModelIR with spans and problems, plus the ModelEditor that computes a
 *                    finding's fix as minimal text edits in this language (never a re-serialisation).
 *                    May be async: a source may load its parser lazily (ts-morph, a wasm grammar).
 *                    A model may span several files (SwiftData: @Model classes over a module): `read`
 *                    gets them all, and `fileOf` maps each finding back to the file it points into
 *                    (spans are offsets into that file); single-file sources leave `fileOf` out.
 *   modelFilesOf     the files that make one model with a given file (default: the file alone)
 *   versions         how versions and the current version are found (XML: `.xcdatamodeld` bundles and
 *                    `.xccurrentversion`, through the one resolver in versions/current-version.ts);
 *                    left out when the format has no versions
 *   heavy            reading loads a big dependency: editors read its files when they are opened, not in
 *                    the workspace scan at start (activation stays light)
 *
 * Adding a format is one folder (src/core/model/<format>/ for the pure parts, plus a lazily loaded
 * bundle when it needs a heavy parser) and one line in src/model-sources.ts. The editor's
 * model-document service (src/extension/modelLinting/) and the CLI serve every registered source alike.
 */
export interface ModelSourceFile {
  readonly path: string;
  readonly text: string;
}

export interface ModelReadOptions {
  /** Files larger than this are refused with one problem (setting cloudkit.lint.maxFileSizeMB). */
  readonly maxFileSizeMB?: number;
}

export interface ModelRead extends EditableModel {
  /** The file each finding points into (multi-file sources only). */
  readonly fileOf?: (finding: Finding) => string;
}

export interface DecodedText {
  readonly text?: string;
  readonly problem?: ReadProblem;
}

export interface ModelVersioning {
  /** The bundle and version folder a file belongs to; undefined when it is not in a versioned bundle. */
  versionOf(path: string): { readonly bundle: string; readonly version: string } | undefined;
  /** The versions of a bundle and its current one. Editors cache it per bundle until the bundle changes. */
  versionsOf<L>(fs: FileAccess<L>, bundle: L): Promise<BundleVersions>;
}

export interface ModelSource {
  readonly id: string;
  readonly label: string;
  readonly globs: readonly string[];
  readonly languages: readonly string[];
  claims(path: string): boolean;
  decode?(bytes: Uint8Array, options: ModelReadOptions): DecodedText;
  read(files: readonly ModelSourceFile[], options: ModelReadOptions): ModelRead | Promise<ModelRead>;
  modelFilesOf?<L>(fs: FileAccess<L>, file: L): Promise<L[]>;
  readonly versions?: ModelVersioning;
  readonly heavy?: boolean;
}

/** The registered sources, in order: the first that claims a path reads it. */
export class ModelSourceRegistry {
  constructor(readonly sources: readonly ModelSource[]) {}

  forPath(path: string): ModelSource | undefined {
    return this.sources.find((s) => s.claims(path));
  }

  byId(id: string): ModelSource | undefined {
    return this.sources.find((s) => s.id === id);
  }
}
