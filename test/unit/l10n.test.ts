import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** Every message passed to vscode.l10n.t in src/ as a plain string literal (its English text is its key). */
function messagesInSource(): Map<string, string> {
  const found = new Map<string, string>();
  for (const rel of fs.readdirSync(path.join(root, 'src'), { recursive: true }) as string[]) {
    if (!rel.endsWith('.ts')) continue;
    const text = fs.readFileSync(path.join(root, 'src', rel), 'utf8');
    for (const m of text.matchAll(/l10n\.t\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`([^`$]*)`|([^'"`\s]))/g)) {
      if (m[4] !== undefined)
        assert.fail(`src/${rel}: l10n.t needs a string literal (a translator sees only literals)`);
      found.set((m[1] ?? m[2] ?? m[3]).replace(/\\(.)/g, '$1'), `src/${rel}`);
    }
  }
  return found;
}

describe('localisation bundle (l10n/bundle.l10n.json)', () => {
  const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<
    string,
    string
  >;
  const inSource = messagesInSource();

  it('is where package.json says, and holds every message the source translates', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { l10n?: string };
    assert.equal(manifest.l10n, './l10n');
    assert.ok(inSource.size > 0, 'no vscode.l10n.t call found in src/');
    const missing = [...inSource].filter(([m]) => !(m in bundle)).map(([m, file]) => `${file}: ${m}`);
    assert.deepEqual(missing, [], 'translated in the source but missing from l10n/bundle.l10n.json');
  });

  it('holds no message the source no longer uses, each with its English text', () => {
    assert.deepEqual(
      Object.keys(bundle).filter((k) => !inSource.has(k)),
      [],
    );
    for (const [k, v] of Object.entries(bundle)) assert.equal(v, k);
  });
});

describe('contributed strings (package.json %keys% and package.nls.json)', () => {
  const manifestText = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const used = new Set([...manifestText.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]));

  it('defines every %key% package.json uses, and no key it does not', () => {
    assert.deepEqual(
      [...used].filter((k) => !(k in nls)),
      [],
      'used in package.json, missing from package.nls.json',
    );
    assert.deepEqual(
      Object.keys(nls).filter((k) => !used.has(k)),
      [],
      'in package.nls.json, used nowhere',
    );
  });

  it('leaves no contributed title, name or description as a literal translators cannot reach', () => {
    const contributes = (JSON.parse(manifestText) as { contributes: Record<string, unknown> }).contributes;
    const literals: string[] = [];
    const visit = (v: unknown, at: string): void => {
      if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${at}[${i}]`));
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          const field = /^(title|name|description|markdownDescription|contents)$/.test(k);
          if (field && typeof x === 'string' && !/^%.+%$/.test(x) && !/\.(languages|problemMatchers)/.test(at))
            literals.push(`${at}.${k}`);
          else visit(x, `${at}.${k}`);
        }
    };
    visit(contributes, 'contributes');
    // the activity bar container's title is the product name "Prisma"
    assert.deepEqual(
      literals.filter((l) => !l.startsWith('contributes.viewsContainers')),
      [],
    );
  });
});
