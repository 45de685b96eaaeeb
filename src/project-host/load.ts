import path from 'node:path';
import { requireLazyBundle } from '../lazy-bundle';
import type * as ChecksBundle from './checks-bundle';

/** Loads the project checks (dist/project-checks.js) on first use (src/lazy-bundle.ts). */
export type ProjectChecksBundle = typeof ChecksBundle;

let cached: ProjectChecksBundle | undefined;

export function loadProjectChecks(): ProjectChecksBundle {
  if (cached) return cached;
  cached = requireLazyBundle<ProjectChecksBundle>(() => require('./project-checks.js'), path.join(__dirname, 'checks-bundle.js'));
  return cached;
}

export function isProjectChecksLoaded(): boolean {
  return cached !== undefined;
}
