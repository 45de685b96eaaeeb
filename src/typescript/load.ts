import path from 'node:path';

/**
 * Loads the ts-morph features (dist/typescript-support.js) on first use. The literal
 * `require('./typescript-support.js')` is external in the extension and CLI bundles (esbuild.mjs), so it
 * resolves next to dist/extension.js and dist/cli.js at run time and ts-morph never enters the main
 * bundles. Unbundled (tests run from out/), the same module is reached by a computed path, which
 * esbuild leaves alone.
 */
export type TypeScriptSupport = typeof import('./support-bundle');

let cached: TypeScriptSupport | undefined;

export function loadTypeScriptSupport(): TypeScriptSupport {
  if (cached) return cached;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cached = require('./typescript-support.js') as TypeScriptSupport;
  } catch (e) {
    if ((e as { code?: string }).code !== 'MODULE_NOT_FOUND') throw e;
    const unbundled = path.join(__dirname, 'support-bundle.js');
    cached = require(unbundled) as TypeScriptSupport;
  }
  return cached;
}

/** Whether the ts-morph bundle is already loaded (for the activation measurements and tests). */
export function isTypeScriptSupportLoaded(): boolean {
  return cached !== undefined;
}
