// What package.json promises about Restricted Mode: limited support, the settings that choose or guard the
// database read from user settings only, and no palette or menu entry that connects or runs in an untrusted folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Pkg {
  contributes: {
    commands: { command: string; enablement?: string }[];
    configuration: { properties: Record<string, unknown> };
  };
  capabilities: {
    untrustedWorkspaces: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] };
  };
}

const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as Pkg;
const untrusted = pkg.capabilities.untrustedWorkspaces;
const settings = Object.keys(pkg.contributes.configuration.properties);

/** Settings that say where data goes or how a database is guarded, by name: a new one of these must be restricted. */
const steersData = /databaseUrl|shadow|urlPatterns|production|readOnly|^prismaWorkbench\.engine$|autoPull|useDatabase/i;

/** Commands that connect, generate, run the engine or replay migrations (the Prisma tasks among them). */
const runsSomething = [
  'prismaWorkbench.data.open',
  'prismaWorkbench.data.openInNewTab',
  'prismaWorkbench.grid.import',
  'prismaWorkbench.drift.check',
  'prismaWorkbench.drift.pullDiff',
  'prismaWorkbench.drift.recordDrift',
  'prismaWorkbench.migrationLint.previewNext',
  'prismaWorkbench.migrations.compareWithPrevious',
  'prismaWorkbench.typedSql.run',
  'prismaWorkbench.queryHistory.rerun',
];

describe('Restricted Mode contract (package.json)', () => {
  it('declares limited support, and says what waits for trust', () => {
    assert.equal(untrusted.supported, 'limited');
    for (const words of ['database', 'language server', 'prisma.config.ts', 'trust'])
      assert.ok(untrusted.description?.includes(words), `the description does not mention ${words}`);
  });

  it('restricts every setting that chooses or guards the database, and names only real settings', () => {
    const restricted = new Set(untrusted.restrictedConfigurations ?? []);
    assert.deepEqual(
      settings.filter((s) => steersData.test(s) && !restricted.has(s)),
      [],
      'settings a folder could use to redirect or unguard data',
    );
    for (const s of [
      'prismaWorkbench.production.urlPatterns',
      'prismaWorkbench.data.databaseUrl',
      'prismaWorkbench.engine',
      'prismaWorkbench.drift.autoPull',
    ])
      assert.ok(restricted.has(s), `${s} is not restricted`);
    assert.deepEqual(
      [...restricted].filter((s) => !settings.includes(s)),
      [],
      'restricted settings that do not exist',
    );
  });

  it('disables every command that connects or runs in an untrusted workspace', () => {
    const commands = new Map(pkg.contributes.commands.map((c) => [c.command, c]));
    const tasks = pkg.contributes.commands.filter(
      (c) =>
        c.command.startsWith('prismaWorkbench.tasks.') ||
        /\.migrations\.(dev|deploy|reset|status|resolve)/.test(c.command),
    );
    assert.ok(tasks.length >= 10, 'the Prisma task commands are contributed');
    for (const c of [...runsSomething.map((id) => commands.get(id)), ...tasks]) {
      assert.ok(c, 'command not contributed');
      assert.match(c.enablement ?? '', /\bisWorkspaceTrusted\b/, `${c.command} runs in Restricted Mode`);
    }
  });
});
