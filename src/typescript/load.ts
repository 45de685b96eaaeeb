import path from 'node:path';
import { lazyBundle } from '../lazy-bundle';
import type * as SupportBundle from './support-bundle';

/** The ts-morph features (dist/typescript-support.js), loaded on first use (src/lazy-bundle.ts). */
export type TypeScriptSupport = typeof SupportBundle;

export const loadTypeScriptSupport = lazyBundle<TypeScriptSupport>(() => require('./typescript-support.js'), path.join(__dirname, 'support-bundle.js'));
