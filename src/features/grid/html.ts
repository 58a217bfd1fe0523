// The grid webview's HTML: a strict CSP (nothing remote, scripts by nonce, styles and fonts from the
// extension's webview folder only).
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';

export function gridHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = randomUUID().replace(/-/g, '');
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const esc = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicon.css').toString()}">
<link rel="stylesheet" href="${asset('grid.css').toString()}">
<title>${esc}</title>
</head>
<body>
<div id="app" data-model="${esc}"></div>
<script nonce="${nonce}" src="${asset('grid.js').toString()}"></script>
</body>
</html>`;
}
