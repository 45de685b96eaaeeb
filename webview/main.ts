// The sandbox panel UI (browser code). Filled in by the sandbox panel; see webview/README.md.
export {};
