/**
 * The file-access port of the model pipeline: the few file operations that finding a model and its
 * current version needs, so the logic stays in core (pure) and runs the same over `node:fs` (the CLI,
 * src/cli/node-file-access.ts) and over `vscode.workspace.fs` (the extension,
 * src/extension/common/workspace-file-access.ts). `L` is how an adapter names a location (a path
 * string, a `vscode.Uri`).
 */
export type EntryKind = 'file' | 'directory' | 'other';

export interface DirEntry {
  readonly name: string;
  /** Symbolic links are followed: a link to a folder is a `directory` (Xcode projects do link version folders). */
  readonly kind: EntryKind;
}

export interface FileStat {
  /** Symbolic links followed, as in `DirEntry`. */
  readonly kind: EntryKind;
  readonly size: number;
}

export interface FileAccess<L> {
  /** `dir` joined with child names. */
  join(dir: L, ...names: string[]): L;
  /** The last segment of a location (a file or folder name). */
  basename(location: L): string;
  /** The folder holding a location. */
  parent(location: L): L;
  /** The entries of a folder; rejects when it cannot be listed. */
  list(dir: L): Promise<readonly DirEntry[]>;
  /** A file's text as UTF-8; rejects when it cannot be read. */
  readText(file: L): Promise<string>;
  /** What is at a location, or undefined when nothing is (never rejects). */
  stat(location: L): Promise<FileStat | undefined>;
}
