import path from 'node:path';
import type * as ChecksBundle from './checks-bundle';

/**
 * Loads the project checks (dist/project-checks.js) on first use, like src/typescript/load.ts: the literal
 * `require('./project-checks.js')` is external in the extension and CLI bundles, so it resolves next to
 * them; unbundled (tests from out/), the entry module is reached by a computed path.
 */
export type ProjectChecksBundle = typeof ChecksBundle;

let cached: ProjectChecksBundle | undefined;

export function loadProjectChecks(): ProjectChecksBundle {
  if (cached) return cached;
  try {
    cached = require('./project-checks.js') as ProjectChecksBundle;
  } catch (e) {
    if ((e as { code?: string }).code !== 'MODULE_NOT_FOUND') throw e;
    cached = require(path.join(__dirname, 'checks-bundle.js')) as ProjectChecksBundle;
  }
  return cached;
}

export function isProjectChecksLoaded(): boolean {
  return cached !== undefined;
}
