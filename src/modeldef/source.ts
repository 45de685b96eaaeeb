import helperText from 'modeldef-helper-text';

/**
 * The text of src/modeldef/index.ts (inlined at build time by esbuild's text loader,
 * scripts/esbuild-modeldef-text.cjs), which the "Create Model Definition Helper" command and
 * `ckdev types --helper` write into a project. A unit test checks it against that file and
 * examples/web/cloudkit-modeldef.ts.
 */
export const MODELDEF_HELPER_SOURCE: string = helperText;

/** The file name the helper is written as; .cdmodel.ts files import { defineModel } from it. */
export const MODELDEF_HELPER_FILE = 'cloudkit-modeldef.ts';
