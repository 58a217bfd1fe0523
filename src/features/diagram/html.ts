// The diagram webview's HTML: a strict CSP (nothing remote, the script by nonce, styles and fonts from the
// extension's dist/webview folder only; `data:` images for the PNG export, which draws the SVG on a canvas).
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';

export function diagramHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = randomUUID().replace(/-/g, '');
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const esc = title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicon.css').toString()}">
<link rel="stylesheet" href="${asset('diagram.css').toString()}">
<title>${esc}</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${asset('diagram.js').toString()}"></script>
</body>
</html>`;
}
