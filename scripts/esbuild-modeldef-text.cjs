// esbuild plugin: `import text from 'modeldef-helper-text'` is the text of src/modeldef/index.ts, loaded
// with esbuild's text loader. That file is the ONE source of the defineModel helper: it is type-checked
// with the project, and the "Create Model Definition Helper" command and `ckdev types --helper` write its
// text into a user's project (src/modeldef/source.ts). Used by esbuild.mjs and the typescript-lazy bench.
const fs = require('node:fs');
const path = require('node:path');

const HELPER = path.join(__dirname, '..', 'src', 'modeldef', 'index.ts');

module.exports = {
  name: 'modeldef-helper-text',
  setup(build) {
    build.onResolve({ filter: /^modeldef-helper-text$/ }, () => ({ path: HELPER, namespace: 'modeldef-text' }));
    build.onLoad({ filter: /.*/, namespace: 'modeldef-text' }, (args) => ({
      contents: fs.readFileSync(args.path, 'utf8'), loader: 'text', watchFiles: [args.path],
    }));
  },
};
