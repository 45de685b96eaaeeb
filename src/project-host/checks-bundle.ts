/**
 * Entry of the lazily loaded `dist/project-checks.js` bundle (esbuild.mjs): the project readers (with
 * @bacons/xcode and yaml) and checks stay out of dist/extension.js until a workspace has a project.
 */
export { isProjectFile, needsSwiftParser, runProjectChecks } from '../core/project';
export { configLines, formatSummaryText } from '../core/project/summary';
export { MAX_FILE_BYTES, MAX_FILES, PROJECT_EXCLUDE_GLOB, runProjectChecksOnFolder, workspaceFileOf } from './read-workspace';
