import path from 'node:path';
import { requireLazyBundle } from '../lazy-bundle';
import type * as SupportBundle from './support-bundle';

/** Loads the ts-morph features (dist/typescript-support.js) on first use (src/lazy-bundle.ts). */
export type TypeScriptSupport = typeof SupportBundle;

let cached: TypeScriptSupport | undefined;

export function loadTypeScriptSupport(): TypeScriptSupport {
  if (cached) return cached;
  cached = requireLazyBundle<TypeScriptSupport>(() => require('./typescript-support.js'), path.join(__dirname, 'support-bundle.js'));
  return cached;
}

/** Whether the ts-morph bundle is already loaded (for the activation measurements and tests). */
export function isTypeScriptSupportLoaded(): boolean {
  return cached !== undefined;
}
