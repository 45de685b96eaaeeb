/**
 * Entry of the lazily loaded bundle dist/typescript-support.js (esbuild.mjs): everything that needs
 * ts-morph (and so the TypeScript compiler, ~10 MB). The extension and the CLI `require` it only inside
 * the code path of a TypeScript feature (src/typescript/load.ts), so activation never pays for it.
 */
export { readTypeScriptModel } from '../../typescript/modelReader';
export { generateTypes } from '../../typescript/typesGenerator';
