// The floor under our time to first rows: what ANY webview panel costs in this host. A throwaway,
// bench-only extension (written here into the run's state folder and installed beside ours; never part of
// the product) whose palette command creates a webview panel the way ours does (active column, scripts on,
// context retained) and sets static HTML with one cell-like element, at once: no data, no bundle. Timed
// exactly like "Prisma: Open Data" (Enter on the palette entry -> the expected cell on screen).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const floorCommandTitle = 'Bench Floor: Open Trivial Webview';
export const floorCell = { selector: '[data-row="0"] [data-col="email"]', text: 'user1@example.com' };
/** Marked by the page's only script right after the cell is parsed (the same fallback ours has). */
export const floorMark = 'floor: cell in the DOM';

const EXTENSION = `const vscode = require('vscode');
const crypto = require('crypto');
exports.activate = (context) => {
  context.subscriptions.push(vscode.commands.registerCommand('pwBenchFloor.open', () => {
    const panel = vscode.window.createWebviewPanel('pwBenchFloor', 'floor', vscode.ViewColumn.Active, { enableScripts: true, retainContextWhenHidden: true });
    const nonce = crypto.randomUUID().replace(/-/g, '');
    panel.webview.html = '<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">'
      + '<meta http-equiv="Content-Security-Policy" content="default-src \\'none\\'; script-src \\'nonce-' + nonce + '\\'">'
      + '<title>floor</title></head><body><div id="floor"><div data-row="0"><span data-col="email">user1@example.com</span></div></div>'
      + '<script nonce="' + nonce + '">performance.mark(${JSON.stringify(floorMark)});</script></body></html>';
  }));
};
exports.deactivate = () => undefined;
`;

/** Writes the floor extension's folder under `dir`; returns the folder (install it with installExtensionFolders). */
export function writeFloorExtension(dir: string): string {
  const folder = path.join(dir, 'pw-bench-floor');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(
    path.join(folder, 'package.json'),
    JSON.stringify(
      {
        name: 'pw-bench-floor',
        publisher: 'pw-bench',
        displayName: 'grid bench floor (bench only)',
        version: '0.0.1',
        description: 'A trivial webview, the floor of the grid bench.',
        license: 'MIT',
        engines: { vscode: '^1.100.0' },
        files: ['extension.js'],
        main: './extension.js',
        activationEvents: [],
        contributes: {
          commands: [
            {
              command: 'pwBenchFloor.open',
              title: floorCommandTitle.replace(/^Bench Floor: /, ''),
              category: 'Bench Floor',
            },
          ],
        },
      },
      null,
      2,
    ),
  );
  fs.writeFileSync(path.join(folder, 'extension.js'), EXTENSION);
  fs.writeFileSync(path.join(folder, 'LICENSE'), 'MIT\n');
  return folder;
}
