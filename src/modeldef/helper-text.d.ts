/** The text of src/modeldef/index.ts, inlined at build time (scripts/esbuild-modeldef-text.cjs). */
declare module 'modeldef-helper-text' {
  const text: string;
  export default text;
}
