/**
 * Entry of the lazily loaded bundle dist/typescript-support.js (esbuild.mjs): everything that needs
 * ts-morph (and so the TypeScript compiler, ~10 MB): the model reader and the types generator. The
 * extension and the CLI `require` it only inside the code path of a TypeScript feature (./load.ts), so
 * activation never pays for it. The pure pieces (editor, layout, names, the model source) are in
 * src/core/model/typescript/.
 */
export { readTypeScriptModel } from './modelReader';
export { generateTypes } from './typesGenerator';
