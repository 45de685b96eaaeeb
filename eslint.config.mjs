// ESLint (flat config): a small, strict rule set that keeps the habits issue 11 asks for. It is not
// `recommended`: each rule here catches a bug or keeps the code uniform, and each one is error-level
// so `npm run lint` fails on it (a warning nobody reads is not a habit).
//
// Type-aware rules need a TypeScript program: the project service picks, for each file, the nearest
// tsconfig.json (tsconfig.json for src/test/bench, src/core/tsconfig.json for the pure core,
// webview/tsconfig.json for the browser code), the same programs `npm run typecheck` builds.
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import eslintComments from '@eslint-community/eslint-plugin-eslint-comments';

export default defineConfig(
  {
    // Generated, vendored or not ours: bundles, transpiled tests, the VS Code download, examples users copy.
    ignores: ['dist/**', 'out/**', '.cache/**', 'node_modules/**', 'examples/**', '.vscode-test/**'],
  },
  {
    files: ['src/**/*.ts', 'webview/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    ignores: ['**/*.d.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: {
      // A disable comment that no longer disables anything (e.g. for a rule this config never runs)
      // is noise that hides the next real one.
      reportUnusedDisableDirectives: 'error',
    },
    plugins: {
      '@typescript-eslint': tseslint.plugin,
      '@eslint-community/eslint-comments': eslintComments,
    },
    rules: {
      // A promise nobody awaits loses its rejection (an unhandled rejection in the extension host,
      // a CLI exit code that does not reflect the failure). `void p` states the intent when it is wanted.
      '@typescript-eslint/no-floating-promises': 'error',
      // Type-only imports are erased by esbuild (isolatedModules); marking them keeps a type import
      // from pulling a module (e.g. `vscode` or ts-morph) into a bundle that must not load it.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', {
        args: 'after-used',
        argsIgnorePattern: '^_',
        varsIgnorePattern: '^_',
        caughtErrorsIgnorePattern: '^_',
        destructuredArrayIgnorePattern: '^_',
      }],
      // Every `eslint-disable` says why, after ` -- `.
      '@eslint-community/eslint-comments/require-description': 'error',
    },
  },
);
