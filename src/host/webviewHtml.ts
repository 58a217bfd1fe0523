// The HTML every webview of ours starts from: a strict CSP (nothing remote; the script by nonce; styles,
// fonts and images from the extension's dist/webview folder only, plus `data:` images for PNG export),
// the codicon font, the bundle's CSS and script, and one `#app` element for the front end.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';

export interface WebviewPage {
  /** The bundle's name in dist/webview: `<bundle>.js` and `<bundle>.css`. */
  bundle: string;
  title: string;
  /** Attributes of the `#app` element, e.g. `{ 'data-model': 'User' }` (escaped here). */
  app?: Record<string, string>;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const nonce = randomUUID().replace(/-/g, '');
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const attributes = Object.entries(page.app ?? {}).map(([k, v]) => ` ${k}="${escape(v)}"`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicon.css')}">
<link rel="stylesheet" href="${asset(`${page.bundle}.css`)}">
<title>${escape(page.title)}</title>
</head>
<body>
<div id="app"${attributes}></div>
<script nonce="${nonce}" src="${asset(`${page.bundle}.js`)}"></script>
</body>
</html>`;
}
