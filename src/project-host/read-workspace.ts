import fs from 'node:fs';
import path from 'node:path';
import { isProjectRelevant, needsSwiftParser, runProjectChecks, type ProjectRun, type WorkspaceFile } from '../core/project';
import { loadSwiftParser } from '../swift-parser/load-node';

/**
 * Node side of the project checks (CLI and extension host): collects the files a project check reads
 * from a folder (project files, entitlements, plists, xcconfigs, Swift), loads the Swift parser, runs the
 * pure checks. Paths in the results are relative to the folder, with `/`.
 */
const SKIP_DIRS = ['node_modules', '.git', '.build', 'build', 'DerivedData', 'Pods', 'Carthage', 'out', 'dist', '.swiftpm', 'xcuserdata'];
const SKIPPED = new Set(SKIP_DIRS);
export const MAX_FILES = 20_000;
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** The folders above as a glob, for workspace searches (the editor lists files with VS Code's search). */
export const PROJECT_EXCLUDE_GLOB = `**/{${SKIP_DIRS.join(',')}}/**`;

/** A file as the checks take it: plists as bytes (binary plists are reported), the rest as UTF-8 text. */
export function workspaceFileOf(relPath: string, bytes: Uint8Array): WorkspaceFile {
  return /\.(plist|entitlements)$/.test(relPath) ? { path: relPath, bytes } : { path: relPath, text: Buffer.from(bytes).toString('utf8') };
}

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
        if (!SKIPPED.has(e.name) && !e.name.startsWith('.')) walk(path.join(dir, e.name), relPath);
        continue;
      }
      if (!e.isFile() || !isProjectRelevant(relPath)) continue;
      const abs = path.join(dir, e.name);
      const size = fs.statSync(abs).size;
      if (size > MAX_FILE_BYTES || files.length >= MAX_FILES) { skipped.push(relPath); continue; }
      files.push(workspaceFileOf(relPath, new Uint8Array(fs.readFileSync(abs))));
    }
  };
  walk(root, '');
  return { files, skipped };
}

export async function runProjectChecksOnFolder(root: string, severities: Readonly<Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>> = {}): Promise<ProjectRun & { skipped: string[] }> {
  const { files, skipped } = readProjectWorkspace(root);
  let parser;
  // The wasm grammar loads only when a file needs it; without it Swift code is not read, the plists and projects still are.
  if (needsSwiftParser(files)) try { parser = await loadSwiftParser(); } catch { parser = undefined; }
  return { ...runProjectChecks(files, parser, severities), skipped };
}
