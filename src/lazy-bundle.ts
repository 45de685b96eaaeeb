/**
 * Loads one of the lazily loaded Node bundles (esbuild.mjs: ts-morph support, the Swift parser, the
 * project checks). Each caller passes its own literal `require('./<bundle>.js')`, which is external in the
 * extension and CLI bundles, so it resolves next to dist/extension.js and dist/cli.js at run time and the
 * heavy code never enters the main bundles. Unbundled (tests run from out/), that file does not exist and
 * the entry module is reached by a computed path, which esbuild leaves alone.
 */
export function requireLazyBundle<T>(requireBundled: () => unknown, unbundledEntry: string): T {
  try {
    return requireBundled() as T;
  } catch (e) {
    if ((e as { code?: string }).code !== 'MODULE_NOT_FOUND') throw e;
    return require(unbundledEntry) as T;
  }
}

/** The loader of one lazy bundle: requires it on the first call, returns the same module after. */
export function lazyBundle<T>(requireBundled: () => unknown, unbundledEntry: string): () => T {
  let cached: T | undefined;
  return () => (cached ??= requireLazyBundle<T>(requireBundled, unbundledEntry));
}
