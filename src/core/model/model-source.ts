import type { Finding } from '../findings';
import type { EditableModel } from './editor';
import type { FileAccess } from './file-access';
import type { ModelIR, ReadProblem } from './ir';
import type { Span } from '../text/span';
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
 *                    gets them all, its spans point into the files laid end to end, and the read's
 *                    `localize` moves each finding into the file it points into (file-local spans,
 *                    ranges, related locations and fix edits), `fileStart` gives a file's offset for
 *                    hover and outline; single-file sources leave both out.
 *   modelFilesOf     the files that make one model with a given file (default: the file alone)
 *   modelFilesIn     the files of a model given as a folder (SwiftData: every `@Model` file below it);
 *                    the CLI's `schema`, `check` and `types` accept such a folder
 *   declaresModel    a cheap test of a text: does it hold a model of this source at all (SwiftData: an
 *                    `@Model` class)? Editors walk a multi-file model's project only for such a text
 *   versions         how versions and the current version are found (XML: `.xcdatamodeld` bundles and
 *                    `.xccurrentversion`, through the one resolver in versions/current-version.ts);
 *                    left out when the format has no versions
 *   heavy            reading loads a big dependency: editors read its files when they are opened, not in
 *                    the workspace scan at start (activation stays light)
 *
 * Adding a format is one folder (src/core/model/<format>/ for the pure parts, plus a lazily loaded
 * bundle when it needs a heavy parser) and one line in src/model-sources.ts. The editor's
 * model-document service (src/extension/model-linting/) and the CLI serve every registered source alike.
 */
export interface ModelSourceFile {
  readonly path: string;
  readonly text: string;
}

export interface ModelReadOptions {
  /** Files larger than this are refused with one problem (setting cloudkit.lint.maxFileSizeMB). */
  readonly maxFileSizeMB?: number;
}

/** A finding moved into the file it points into (its spans and ranges file-local). */
export interface FileFinding {
  readonly file: string;
  readonly finding: Finding;
}

export interface ModelRead extends EditableModel {
  /**
   * Multi-file sources: the findings of `lintModel(model, ...)` each moved into the file it points into
   * (`file` is the path given to `read`). Single-file sources leave it out: their spans are the file's.
   */
  readonly localize?: (findings: readonly Finding[]) => FileFinding[];
  /** Multi-file sources: where a file's text starts in the model's offsets (undefined: not in the model). */
  readonly fileStart?: (path: string) => number | undefined;
  /**
   * Sources whose versions are declared in the model's own files (SwiftData `VersionedSchema` enums):
   * every version as a model, oldest first, `span` its declaration in the read's offsets. CK016 compares
   * `model` with the version before `currentVersion` (src/core/deploy/versioned-evolution.ts).
   */
  readonly versions?: readonly { readonly name: string; readonly family?: string; readonly model: ModelIR; readonly span?: Span }[];
  readonly currentVersion?: string;
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
  modelFilesIn?<L>(fs: FileAccess<L>, folder: L): Promise<L[]>;
  declaresModel?(text: string): boolean;
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
