// Branch conflicts in the real host, sample project (SQLite, migrations in the workspace's `migrations/`),
// with every sample migration applied: a pending migration older than the newest applied one (another
// branch added it) that changes a table an applied migration rebuilt, a migration_lock.toml naming another
// provider, and an applied migration edited afterwards. Each shows in the Migrations view (icon,
// description, tooltip with what to do) and in the Problems panel.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { EmbeddedSchemaEngine, applyMigrations, createAdapterFactory } from '../../src/core/engine';
import { DIAGNOSTIC_SOURCE } from '../../src/features/migrationLint/migrationLinter';
import type { MigrationsNode } from '../../src/features/migrations/migrationsTreeProvider';
import { activeApi, describeIn, waitFor, workspaceRoot } from './helpers/extension';

const lintDiagnostics = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
// the tooltip's text as shown: markdown escapes (appendText's &nbsp; and backslashes) undone
const tooltipOf = (i: vscode.TreeItem) =>
  (i.tooltip instanceof vscode.MarkdownString ? i.tooltip.value : String(i.tooltip ?? ''))
    .replace(/&nbsp;/g, ' ')
    .replace(/\\([\\`*_{}[\]()#+\-.!<>|"])/g, '$1');

const dbFile = () => path.join(workspaceRoot(), 'dev.db');
const migrationsDir = () => path.join(workspaceRoot(), 'migrations');

function removeDatabase(): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(dbFile() + suffix, { force: true });
}

async function applyAll(): Promise<void> {
  removeDatabase();
  const engine = await EmbeddedSchemaEngine.open({
    adapterFactory: await createAdapterFactory({
      provider: 'sqlite',
      url: 'file:./dev.db',
      configDir: workspaceRoot(),
    }),
  });
  try {
    await applyMigrations(engine, { migrationsDir: migrationsDir() });
  } finally {
    await engine.dispose();
  }
}

async function shownNodes(): Promise<{ node: MigrationsNode; item: vscode.TreeItem }[]> {
  const view = (await activeApi()).views.migrations!;
  await view.whenLoaded();
  const [root] = view.getChildren();
  return root ? view.getChildren(root).map((node) => ({ node, item: view.getTreeItem(node) })) : [];
}

describeIn(['sample'], 'Branch conflicts in the Migrations view and the Problems panel', function () {
  this.timeout(120_000);
  const names = () =>
    readdirSync(migrationsDir())
      .filter((n) => /^\d{14}_/.test(n))
      .sort();
  let otherBranch = '';
  let restore: { file: string; text: string }[] = [];

  before(async () => {
    await activeApi();
    await applyAll();
    await vscode.commands.executeCommand('prismaWorkbench.migrations.refresh');
  });

  afterEach(() => {
    for (const r of restore) writeFileSync(r.file, r.text);
    restore = [];
  });

  after(async () => {
    if (otherBranch) rmSync(path.join(migrationsDir(), otherBranch), { recursive: true, force: true });
    removeDatabase();
    await vscode.commands.executeCommand('prismaWorkbench.migrationLint.refresh');
  });

  it('a pending migration older than the newest applied one: merge icon, "branch conflict", what to do, and its diagnostics', async () => {
    const all = names();
    const newest = all.at(-1)!;
    const rebuilt = all.find((n) => n.includes('lesson_duration'))!;
    // another branch's migration, one second before the one that rebuilt "lessons"
    otherBranch = `${String(Number(rebuilt.slice(0, 14)) - 1)}_other_branch`;
    mkdirSync(path.join(migrationsDir(), otherBranch), { recursive: true });
    const file = path.join(migrationsDir(), otherBranch, 'migration.sql');
    writeFileSync(file, '-- AlterTable\nALTER TABLE "lessons" ADD COLUMN "duration_minutes" INTEGER;\n');

    const shown = await waitFor(
      'the other branch migration marked as a branch conflict',
      async () => {
        const s = (await shownNodes()).find((n) => n.node.kind === 'migration' && n.node.entry.name === otherBranch);
        return s && /branch conflict/.test(String(s.item.description)) ? s : undefined;
      },
      30_000,
    );
    assert.equal(shown.item.contextValue, 'migration.pending');
    assert.equal((shown.item.iconPath as vscode.ThemeIcon).id, 'git-merge');
    assert.match(String(shown.item.description), /^pending · branch conflict/);
    const tip = tooltipOf(shown.item);
    assert.match(tip, new RegExp(`Pending, but older than the newest applied migration "${newest}"`));
    assert.match(tip, /Rename its folder to a later timestamp/);
    assert.match(tip, new RegExp(`prisma migrate resolve --applied ${otherBranch}`));
    assert.match(tip, new RegExp(`Conflicts with "${rebuilt}", written on another branch`));

    const uri = vscode.Uri.file(file);
    const diags = await waitFor('the branch conflict diagnostics', () => {
      const d = lintDiagnostics(uri);
      return d.some((x) => codeOf(x) === 'conflicting-migrations') ? d : undefined;
    });
    const order = diags.find((d) => codeOf(d) === 'migration-order');
    assert.ok(order, diags.map((d) => `${codeOf(d)}: ${d.message}`).join('\n'));
    assert.equal(order.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(order.range.start.line, 0);
    const clash = diags.find((d) => codeOf(d) === 'conflicting-migrations')!;
    assert.equal(clash.range.start.line, 1, 'on the ALTER TABLE');
    assert.match(clash.message, /rebuilds table "lessons"/);
    assert.match(String(typeof clash.code === 'object' ? clash.code.target : ''), /#conflicting-migrations$/);
  });

  it('migration_lock.toml naming another provider: a diagnostic on its provider line and a row in the view', async () => {
    const lock = path.join(migrationsDir(), 'migration_lock.toml');
    const text = readFileSync(lock, 'utf8');
    restore.push({ file: lock, text });
    writeFileSync(lock, text.replace(/provider = "sqlite"/, 'provider = "mysql"'));
    const uri = vscode.Uri.file(lock);
    const diags = await waitFor('the lock file diagnostics', () => {
      const d = lintDiagnostics(uri).filter((x) => codeOf(x) === 'lock-provider-changed');
      return d.length >= 2 ? d : undefined;
    });
    const providerLine = text.split('\n').findIndex((l) => l.startsWith('provider'));
    assert.deepEqual(
      diags.map((d) => d.range.start.line),
      [providerLine, providerLine],
    );
    assert.match(diags[0]!.message, /says "mysql" but the schema's datasource says "sqlite"/);
    assert.match(diags[1]!.message, /applied to a sqlite database/);
    const row = await waitFor('the lock file row', async () =>
      (await shownNodes()).find((n) => n.node.kind === 'info' && /migration_lock\.toml/.test(String(n.item.label))),
    );
    assert.equal((row.item.iconPath as vscode.ThemeIcon).id, 'git-merge');
    assert.match(String(row.item.tooltip), /Prisma Migrate refuses to run \(P3019\)/);
    assert.equal(row.item.command?.command, 'vscode.open');
  });

  it('an applied migration edited afterwards: the view says how to undo it, Problems has the error', async () => {
    const first = names()[0]!;
    const file = path.join(migrationsDir(), first, 'migration.sql');
    const text = readFileSync(file, 'utf8');
    restore.push({ file, text });
    writeFileSync(file, `${text}\n-- edited after deploy\n`);
    const shown = await waitFor(
      'the edited migration in the view',
      async () => {
        await vscode.commands.executeCommand('prismaWorkbench.migrations.refresh');
        const s = (await shownNodes()).find((n) => n.node.kind === 'migration' && n.node.entry.name === first);
        return s?.item.contextValue === 'migration.edited' ? s : undefined;
      },
      30_000,
    );
    assert.equal((shown.item.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.match(tooltipOf(shown.item), /Revert the file to what was applied and put the change in a new migration/);
    const d = await waitFor('the edited-after-apply diagnostic', () =>
      lintDiagnostics(vscode.Uri.file(file)).find((x) => codeOf(x) === 'edited-after-apply'),
    );
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  });
});
