import type { SwiftParser } from '../swift/syntax-node';
import { checkProject, type ProjectFinding } from './checks';
import { readContainerSetups } from './container-setup';
import type { ProjectFiles, ProjectModel } from './model';
import { readXcodeProject } from './pbxproj';
import { EMPTY_SETUP_FILE } from './setup-model';
import { summarizeProject, type ProjectSummary } from './summary';
import { readTuistProject } from './tuist';
import { analyzeProject, type ProjectAnalysis, type SwiftSource } from './workspace';
import { readXcodeGenProject } from './xcodegen';

/**
 * Entry point of the project checks: workspace files in (paths relative to the workspace folder, text or
 * bytes), analysis + findings + summary out. Pure: the caller reads the files and loads the Swift parser.
 */
export interface WorkspaceFile {
  readonly path: string;
  readonly text?: string;
  readonly bytes?: Uint8Array;
}

export interface ProjectRun {
  readonly analysis: ProjectAnalysis;
  readonly findings: ProjectFinding[];
  readonly summary: ProjectSummary;
}

/** Swift files worth parsing: those that set up containers, name ids/groups, or share. */
const SWIFT_INTEREST = /NSPersistentCloudKitContainer|ModelConfiguration|ModelContainer|CKContainer|containerURL\(|UICloudSharingController|CKShare|"(?:iCloud|group)\./;

export function isProjectFile(path: string): 'pbxproj' | 'xcodegen' | 'tuist' | undefined {
  if (/\.xcodeproj\/project\.pbxproj$/.test(path)) return 'pbxproj';
  if (/(^|\/)project\.ya?ml$/.test(path)) return 'xcodegen';
  if (/(^|\/)Project\.swift$/.test(path)) return 'tuist';
  return undefined;
}

export function isProjectRelevant(path: string): boolean {
  return isProjectFile(path) !== undefined || /\.(entitlements|plist|xcconfig|swift)$/.test(path);
}

/** Whether any file needs the Swift parser (a Tuist manifest or setup code): callers load it only then. */
export function needsSwiftParser(files: readonly WorkspaceFile[]): boolean {
  return files.some((f) => f.path.endsWith('.swift') && f.text !== undefined
    && ((isProjectFile(f.path) === 'tuist' && /import ProjectDescription/.test(f.text)) || SWIFT_INTEREST.test(f.text)));
}

export function runProjectChecks(files: readonly WorkspaceFile[], parser: SwiftParser | undefined, severities: Readonly<Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>> = {}): ProjectRun {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const pf: ProjectFiles = { read: (p) => byPath.get(p) };
  const projects: ProjectModel[] = [];
  const swift: SwiftSource[] = [];
  for (const f of files) {
    const kind = isProjectFile(f.path);
    const text = f.text;
    if (kind === 'pbxproj' && text !== undefined) projects.push(readXcodeProject(text, f.path, pf));
    else if (kind === 'xcodegen' && text !== undefined && /^targets:/m.test(text)) projects.push(readXcodeGenProject(text, f.path));
    if (!f.path.endsWith('.swift') || text === undefined || !parser) continue;
    const isTuist = kind === 'tuist' && /import ProjectDescription/.test(text);
    if (!isTuist && !SWIFT_INTEREST.test(text)) continue;
    const tree = parser.parse(text);
    try {
      if (isTuist) projects.push(readTuistProject(tree.rootNode, f.path));
      else swift.push({ file: f.path, setup: readContainerSetups(tree.rootNode) });
    } finally {
      tree.delete();
    }
  }
  if (!parser) for (const f of files) if (f.path.endsWith('.swift') && f.text && SWIFT_INTEREST.test(f.text)) swift.push({ file: f.path, setup: EMPTY_SETUP_FILE });
  const analysis = analyzeProject({ projects, files: pf, swift, plistPaths: files.map((f) => f.path).filter((p) => /\.(entitlements|plist)$/.test(p)) });
  return { analysis, findings: checkProject(analysis, severities), summary: summarizeProject(analysis) };
}

export { PROJECT_CHECKS } from './checks';
export type { ProjectFinding } from './checks';
export type { ProjectSummary } from './summary';
