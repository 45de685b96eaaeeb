import type { FileAccess } from './file-access';
import { swiftFilesUnder } from './swift/source';

/**
 * Where "which models sync" looks for the app's setup code, and how it reads it (sync-plan.ts).
 *
 * The setup code of a model is every Swift file below the model's project root that calls a container or
 * configuration API: the nearest folder above the model with a `Package.swift`, an `.xcodeproj` or an
 * `.xcworkspace` (not a `.git`: a repository may hold many apps), never above `limit` (the editor's
 * workspace folder). No such folder: no code is read and the model is linted as before (modelling choice).
 * Finding the files is light (activation bundle); parsing them is sync-read.ts, in the lazy Swift bundle.
 */
const PROJECT_MARKERS = [/^Package\.swift$/, /\.xcodeproj$/, /\.xcworkspace$/];
const MAX_LEVELS = 12;
/** Setup files are small; a bigger file is generated code and is not parsed (modelling choice). */
export const MAX_SETUP_LENGTH = 1_000_000;

/** Whether Swift text may set up a container (cheap text test before parsing). */
export function mayHoldSetup(text: string): boolean {
  return /NSPersistent(?:CloudKit)?Container\b|ModelConfiguration\b|ModelContainer\b|\.modelContainer\s*\(/.test(text);
}

/** The project root of a model file for its setup code, or undefined (see above). */
export async function setupRootOf<L>(fs: FileAccess<L>, file: L, limit?: L): Promise<L | undefined> {
  let dir = fs.parent(file);
  for (let i = 0; i < MAX_LEVELS; i++) {
    let names: readonly string[] = [];
    try { names = (await fs.list(dir)).map((e) => e.name); } catch { return undefined; }
    if (names.some((n) => PROJECT_MARKERS.some((m) => m.test(n)))) return dir;
    if (limit !== undefined && String(dir) === String(limit)) return undefined;
    const up = fs.parent(dir);
    if (String(up) === String(dir)) return undefined;
    dir = up;
  }
  return undefined;
}

/** The setup files of a model: Swift files below its project root that may set up a container. */
export async function setupFilesFor<L>(fs: FileAccess<L>, file: L, limit?: L): Promise<{ at: L; text: string }[]> {
  const root = await setupRootOf(fs, file, limit);
  if (root === undefined) return [];
  return swiftFilesUnder(fs, root, (t) => t.length <= MAX_SETUP_LENGTH && mayHoldSetup(t));
}
