import path from 'node:path';
import { lazyBundle } from '../lazy-bundle';
import type * as ChecksBundle from './checks-bundle';

/** The project checks (dist/project-checks.js), loaded on first use (src/lazy-bundle.ts). */
export type ProjectChecksBundle = typeof ChecksBundle;

export const loadProjectChecks = lazyBundle<ProjectChecksBundle>(() => require('./project-checks.js'), path.join(__dirname, 'checks-bundle.js'));
