// dependency-cruiser rules: the layers of docs/architecture.md as checks (`npm run depcheck`).
// Paths are relative to the folder depcruise runs in (the repository root), so the same file
// checks a fixture tree in the house-rules unit test.
//
// Layers: src/core is pure (runs in the extension host, the CLI, the webview and a web host), so it
// imports nothing but itself and a short allow-list of pure npm packages. src/extension is the VS Code
// adapter, cut into feature folders that share code only through src/extension/common/. src/cli and
// webview/ are two more adapters over core; neither reaches into the VS Code one.

/** npm packages src/core may import: pure JavaScript, no Node or DOM. Keep it short. */
const CORE_PACKAGES = ['saxes', 'yaml', '@bacons/xcode'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'src/core imports only src/core and the allow-listed pure packages: no vscode, no node: builtins, no DOM, no adapter code.',
      from: { path: '^src/core/' },
      to: {
        // A package resolves to node_modules/<name>/…; where it is not installed it stays a bare name.
        pathNot: ['^src/core/', ...CORE_PACKAGES.map((p) => `^(node_modules/)?${p}(/|$)`)],
      },
    },
    {
      name: 'webview-not-extension',
      severity: 'error',
      comment: 'The webview is browser code talking to the host by messages (src/protocol); it never imports the extension.',
      from: { path: '^webview/' },
      to: { path: '^src/extension/' },
    },
    {
      name: 'cli-not-extension',
      severity: 'error',
      comment: 'The CLI runs without VS Code; shared code belongs in src/core (or a Node adapter both use), not in src/extension.',
      from: { path: '^src/cli/' },
      to: { path: '^src/extension/' },
    },
    {
      name: 'no-cross-feature',
      severity: 'error',
      comment: 'A feature folder under src/extension imports only itself, src/extension/common/ and layers below (core, protocol).',
      from: { path: '^src/extension/([^/]+)/' },
      to: {
        path: '^src/extension/[^/]+/',
        pathNot: ['^src/extension/$1/', '^src/extension/common/'],
      },
    },
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'Import cycles (type-only imports included) make layers impossible to read in order.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: `import type * as vscode from 'vscode'` in core is still a dependency.
    tsPreCompilationDeps: true,
    // Resolve TypeScript files by the conditions esbuild uses for the Node bundles.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
