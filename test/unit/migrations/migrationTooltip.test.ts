// The Migrations view's hover shows a migration's name and log as text: a name or log written into
// `_prisma_migrations` (or a folder name) cannot add a link, a command link, an image or an icon, and a
// ``` in the log cannot close the code block. Checked by rendering the hover's Markdown with markdown-it.
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { migrationTooltip } from '../../../src/core/migrations/migrationTooltip';
import type { MigrationEntry } from '../../../src/core/migrations/migrationStates';

// markdown-it comes with @vscode/vsce (no types of its own here): the part of it this test uses
interface Token {
  type: string;
  children: Token[] | null;
}
type MarkdownIt = { parse(src: string, env: object): Token[]; render(src: string): string };
const MarkdownItClass = createRequire(__filename)('markdown-it') as new (o: object) => MarkdownIt;
const md = new MarkdownItClass({ html: false, linkify: false });
const hostileName = '20240101_x [click](command:workbench.action.quit) ![](https://evil.example/p.png) $(zap) <b>';
const hostileLog = 'ERROR: boom\n```\n[after the block](command:x)\n````\n# heading';

function rendered(entry: MigrationEntry): { html: string; tokens: string[] } {
  const text = migrationTooltip(entry, '1/1/2024, 12:00:00');
  const tokens = md.parse(text, {}).flatMap((t) => [t.type, ...(t.children ?? []).map((c) => c.type)]);
  return { html: md.render(text), tokens };
}

describe('migrations: the hover escapes text from the database and the folder', () => {
  it('a hostile name from _prisma_migrations shows as text: no link, image or HTML', () => {
    const { html, tokens } = rendered({ name: hostileName, state: 'missingLocally' });
    assert.ok(
      !tokens.includes('link_open') && !tokens.includes('image') && !tokens.includes('html_inline'),
      tokens.join(),
    );
    assert.ok(html.includes('[click](command:workbench.action.quit)'), html);
    assert.ok(html.includes('$(zap)') && html.includes('&lt;b&gt;'), html);
  });

  it('a log with ``` stays inside one code block, whole', () => {
    const { html, tokens } = rendered({ name: 'm', state: 'failed', error: hostileLog });
    assert.deepEqual(
      tokens.filter((t) => t === 'fence' || t === 'heading_open' || t === 'link_open'),
      ['fence'],
    );
    assert.ok(html.includes('[after the block](command:x)'), html);
  });

  it("a folder's problem is escaped too", () => {
    const { tokens } = rendered({
      name: 'm',
      state: 'unknown',
      local: { name: 'm', dir: '/x', sqlFile: '/x/migration.sql', problem: 'see [here](https://evil.example)' },
    });
    assert.ok(!tokens.includes('link_open'));
  });
});
