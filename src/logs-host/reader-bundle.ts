/**
 * Entry of the lazily loaded `dist/log-reader.js` bundle (esbuild.mjs): the sync-log reader and explainer
 * (src/core/logs, with its tables of error kinds) stay out of dist/extension.js until a log is opened,
 * explained or captured. The CLI links them directly.
 */
export { CLOUDKIT_DEBUG_LEVELS, debugLaunchArguments, logStreamCommand } from '../core/logs/capture-command';
export { CKERROR_NAMES } from '../core/logs/ckerror-codes';
export { children, codeLabel } from '../core/logs/explain';
export { findingOf } from '../core/logs/log-findings';
export { findModelElement } from '../core/logs/model-link';
export { readSyncLog, SyncLogReader } from '../core/logs/reader';
export { CONTAINER_MISMATCH_ID, containerMismatches, projectContainersOf } from '../core/logs/container-check';
