/**
 * The sandbox panel's HTML. Pure (no `vscode` import) so the standalone webview tests serve exactly
 * the page the extension serves, with the same content security policy.
 *
 * CSP as in vscode-extension-samples `webview-sample` and the brief: nothing by default, scripts only
 * with the per-load nonce, styles and fonts only from the extension's own files (plus the nonce), no
 * `connect-src`, so the webview has no network at all.
 */

export interface WebviewHtmlOptions {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** `webview.asWebviewUri(dist/webview/main.js)`. */
  readonly scriptUri: string;
  readonly nonce: string;
  /** Extra script tags (the standalone tests' `acquireVsCodeApi` stand-in), already nonce'd. */
  readonly extraHead?: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

/** 32 characters from [A-Za-z0-9]; `randomInt(n)` supplies 0 ≤ value < n (crypto in the host). */
export function makeNonce(randomInt: (n: number) => number): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[randomInt(chars.length)];
  return s;
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function renderWebviewHtml(o: WebviewHtmlOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>CloudKit Sandbox</title>
${o.extraHead ?? ''}
</head>
<body>
<div id="app" role="application" aria-label="CloudKit sync sandbox"><p class="boot">Loading the CloudKit sandbox…</p></div>
<script nonce="${escapeAttr(o.nonce)}" src="${escapeAttr(o.scriptUri)}"></script>
</body>
</html>
`;
}
