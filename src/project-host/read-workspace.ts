import fs from 'node:fs';
import path from 'node:path';
import { isProjectRelevant, runProjectChecks, type ProjectRun, type WorkspaceFile } from '../core/project';
import { loadSwiftParser } from '../swift-parser/load-node';

/**
 * Node side of the project checks (CLI and extension host): collects the files a project check reads
 * from a folder (project files, entitlements, plists, xcconfigs, Swift), loads the Swift parser, runs the
 * pure checks. Paths in the results are relative to the folder, with `/`.
 */
const SKIP_DIRS = new Set(['node_modules', '.git', '.build', 'build', 'DerivedData', 'Pods', 'Carthage', 'out', 'dist', '.swiftpm', 'xcuserdata']);
const MAX_FILES = 20_000;
const MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface ReadWorkspaceResult {
  readonly files: WorkspaceFile[];
  /** Files skipped for their size or the file limit (reported by the caller). */
  readonly skipped: string[];
}

export function readProjectWorkspace(root: string): ReadWorkspaceResult {
  const files: WorkspaceFile[] = [];
  const skipped: string[] = [];
  const walk = (dir: string, rel: string): void => {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(path.join(dir, e.name), relPath);
        continue;
      }
      if (!e.isFile() || !isProjectRelevant(relPath)) continue;
      const abs = path.join(dir, e.name);
      const size = fs.statSync(abs).size;
      if (size > MAX_FILE_BYTES || files.length >= MAX_FILES) { skipped.push(relPath); continue; }
      const bytes = new Uint8Array(fs.readFileSync(abs));
      files.push(/\.(plist|entitlements)$/.test(relPath) ? { path: relPath, bytes } : { path: relPath, text: Buffer.from(bytes).toString('utf8') });
    }
  };
  walk(root, '');
  return { files, skipped };
}

/** Whether a folder holds a project the checks read (checked cheaply before loading the parser). */
export function holdsProject(files: readonly WorkspaceFile[]): boolean {
  return files.some((f) => /\.xcodeproj\/project\.pbxproj$|(^|\/)project\.ya?ml$|(^|\/)Project\.swift$/.test(f.path));
}

export async function runProjectChecksOnFolder(root: string, severities: Readonly<Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>> = {}): Promise<ProjectRun & { skipped: string[] }> {
  const { files, skipped } = readProjectWorkspace(root);
  let parser;
  try { parser = await loadSwiftParser(); } catch { parser = undefined; /* Swift code is then not read; the plists and projects still are */ }
  return { ...runProjectChecks(files, parser, severities), skipped };
}
