/**
 * Entry point of the sandbox panel's webview (bundled to dist/webview/main.js by esbuild.mjs).
 * Loads the @vscode-elements components it uses, installs the panel's stylesheet (a constructable
 * stylesheet: no inline <style>, so the strict CSP holds), and starts the App.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import css from './styles.css';
import { App } from './app';
import { engineModule } from './engine-module';
import { HostConnection } from './vscode-api';
import { errorMessage } from '../src/core/error-message';

function start(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const root = document.getElementById('app');
  if (!root) throw new Error('#app missing');
  const host = new HostConnection();
  try {
    const app = new App(host, engineModule, root);
    (window as unknown as { ckSandbox?: App }).ckSandbox = app;
  } catch (e) {
    host.log('error', `the sandbox panel failed to start: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    root.textContent = `The sandbox panel failed to start: ${errorMessage(e)}`;
  }
}

start();
