// The HTML every webview of ours starts from: a strict CSP (nothing remote; the script by nonce; styles,
// fonts and images from the extension's dist/webview folder only, plus `data:` images for PNG export),
// the codicon font, the bundle's CSS and script, and one `#app` element for the front end.
// `inline` puts the CSS and the script in the page itself (by nonce): inside code-server every linked file
// is one more round trip through the webview's service worker before the script may run.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { codiconSubset, splitFontFace } from '../core/util/codiconSubset';
import { inertInline, jsonDataBlock } from '../core/util/inlineHtml';

export interface WebviewPage {
  /** The bundle's name in dist/webview: `<bundle>.js` and `<bundle>.css`. */
  bundle: string;
  title: string;
  /** Attributes of the `#app` element, e.g. `{ 'data-model': 'User' }` (escaped here). */
  app?: Record<string, string>;
  /** Inline the codicon CSS, the bundle's CSS and its script (falls back to links when they cannot be read). */
  inline?: boolean;
  /** JSON for the front end in a `<script type="application/json">` data block with this id (never executed). */
  data?: { id: string; value: unknown };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const assets = new Map<string, { mtimeMs: number; text: string }>();
/** A built file's text, cached until the file changes (a watch build); undefined when it cannot be read. */
function readAsset(file: string): string | undefined {
  try {
    const { mtimeMs } = fs.statSync(file);
    const hit = assets.get(file);
    if (hit?.mtimeMs === mtimeMs) return hit.text;
    const text = fs.readFileSync(file, 'utf8');
    assets.set(file, { mtimeMs, text });
    return text;
  } catch {
    return undefined;
  }
}

const subsets = new Map<string, { codicons: string; js: string; subset: string }>();
/** The codicon CSS cut to the icons the bundle names, computed once per built pair of files. */
function inlineCodicons(bundle: string, codicons: string, js: string): string {
  const hit = subsets.get(bundle);
  if (hit && hit.codicons === codicons && hit.js === js) return hit.subset;
  const subset = codiconSubset(codicons, js);
  subsets.set(bundle, { codicons, js, subset });
  return subset;
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const nonce = randomUUID().replace(/-/g, '');
  const asset = (name: string) =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ];
  const attributes = Object.entries(page.app ?? {})
    .map(([k, v]) => ` ${k}="${escape(v)}"`)
    .join('');
  const file = (name: string) =>
    extensionUri.scheme === 'file'
      ? readAsset(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name).fsPath)
      : undefined;
  const inline = page.inline
    ? { codicons: file('codicon.css'), css: file(`${page.bundle}.css`), js: file(`${page.bundle}.js`) }
    : undefined;
  const codicons =
    inline?.codicons !== undefined && inline.js !== undefined
      ? // the font stays a file: its URL made absolute, as the CSS no longer sits beside it; its @font-face
        // is added by the page once loaded (webview/shared/deferredFont.ts)
        splitFontFace(
          inlineCodicons(page.bundle, inline.codicons, inline.js).replace(
            /url\((["']?)\.\/codicon\.ttf/g,
            (_m, q: string) => `url(${q}${asset('codicon.ttf')}`,
          ),
        )
      : undefined;
  const inlined =
    codicons && inline?.css !== undefined && inline.js !== undefined
      ? { css: `${codicons.rest}\n${inline.css}`, js: inline.js, fontFace: codicons.fontFace }
      : undefined;
  if (inlined) csp[1] += ` 'nonce-${nonce}'`;
  const data = page.data ? `${jsonDataBlock(page.data.id, page.data.value)}\n` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp.join('; ')}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${
  inlined
    ? `<style nonce="${nonce}"${inlined.fontFace ? ` data-deferred-font="${escape(inlined.fontFace)}"` : ''}>${inertInline(inlined.css)}</style>`
    : `<link rel="stylesheet" href="${asset('codicon.css')}">
<link rel="stylesheet" href="${asset(`${page.bundle}.css`)}">`
}
<title>${escape(page.title)}</title>
</head>
<body>
<div id="app"${attributes}></div>
${data}${inlined ? `<script nonce="${nonce}">${inertInline(inlined.js)}</script>` : `<script nonce="${nonce}" src="${asset(`${page.bundle}.js`)}"></script>`}
</body>
</html>`;
}
