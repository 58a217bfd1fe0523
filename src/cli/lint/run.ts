// One run of the lint CLI, without the process around it (main.ts): finds the projects, lints every migration
// in order with the editor's code (lintSchemaMigrations), and reports the selected ones: all of them, the
// ones the database has not applied (--database-url; plus applied ones edited since), and/or the ones
// changed since a git ref (--since). Branch conflicts (migration order, clashing migrations, the lock file's
// provider) come from the same core check as the editor's, fed with what git says about the base branch.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { describeDatabase } from '../../core/connections/databaseInfo';
import { resolveSqliteUrl } from '../../core/engine/sqliteUrl';
import { providerOfUrl } from '../../core/connections/databaseUrl';
import {
  describeProblems,
  dialectOfProvider,
  lintSchemaMigrations,
  listMigrationFiles,
  loadLintConfig,
} from '../../core/migrationLint';
import type { BaseBranch, LintDatabase, MigrationLint } from '../../core/migrationLint';
import { lockProviderRange } from '../../core/migrationLint/history/historyConflicts';
import type { LintCliOptions } from './args';
import { changedSince } from './gitChanges';
import type { Changes } from './gitChanges';
import { findProjects } from './project';
import type { LintProject } from './project';
import { toCliFinding } from './report';
import type { CliFinding, CliReport } from './report';

export type RunResult = { ok: true; report: CliReport; notes: string[] } | { ok: false; error: string };

export async function runLint(cwd: string, options: LintCliOptions): Promise<RunResult> {
  const found = findProjects(cwd, options);
  if (!found.ok) return found;
  let changes: Changes | undefined;
  if (options.since !== undefined) {
    try {
      changes = await changedSince(cwd, options.since);
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
    }
  }
  const migrations: { file: string; name: string }[] = [];
  const findings: CliFinding[] = [];
  const notes: string[] = [];
  for (const project of found.projects) {
    const database = options.databaseUrl ? databaseOf(project, options.databaseUrl, cwd) : undefined;
    // the project's prisma-workbench-lint.json, as the extension reads it; a broken one stops the run
    const config = loadLintConfig(project.migrationsDir);
    if (config.problems.length) return { ok: false, error: describeProblems(config, cwd).join('\n') };
    const { severities, filledTableRows } = config;
    const changed = changes ? new Set(changes.files) : undefined;
    const base = changes && options.since !== undefined ? await baseBranch(changes, options.since, project) : undefined;
    const { lints, applied, lock } = await lintSchemaMigrations(
      project.migrationsDir,
      project.dialect,
      { severities, filledTableRows, history: { base, schemaProvider: project.schemaProvider } },
      database,
    );
    if (database && !applied)
      return { ok: false, error: `cannot read _prisma_migrations from ${database.target.label}` };
    for (const l of lints) {
      if (!selected(l, applied, changed)) continue;
      const file = relative(cwd, l.file);
      migrations.push({ file, name: l.name });
      for (const f of l.findings) findings.push(toCliFinding(file, l.name, l.sql, f));
    }
    if (lock) for (const f of lock.findings) findings.push(toCliFinding(relative(cwd, lock.file), '', lock.text, f));
    if (lints.length === 0) notes.push(`${relative(cwd, project.migrationsDir)}: no migrations`);
  }
  return { ok: true, report: { migrations, findings }, notes };
}

/** What --since tells the history check: the base branch's folders and lock, the branch's migrations. */
async function baseBranch(changes: Changes, ref: string, project: LintProject): Promise<BaseBranch> {
  const dir = real(project.migrationsDir);
  const names = await changes.foldersAtBase(dir).catch(() => []);
  const changed = new Set<string>();
  const knew = new Map<string, ReadonlySet<string>>();
  for (const { name, file } of listMigrationFiles(project.migrationsDir)) {
    const sql = real(file);
    if (!changes.files.has(sql)) continue;
    changed.add(name);
    const folders = await changes.foldersWhenAdded(dir, sql).catch(() => undefined);
    if (folders) knew.set(name, new Set(folders));
  }
  const lockText = await changes.fileAtBase(path.join(dir, 'migration_lock.toml'));
  const lockProvider = lockText === undefined ? undefined : lockProviderRange(lockText)?.provider;
  return { ref, names, changed, knew, ...(lockProvider !== undefined ? { lockProvider } : {}) };
}

function selected(
  l: MigrationLint,
  applied: ReadonlyMap<string, string> | undefined,
  changed: ReadonlySet<string> | undefined,
): boolean {
  if (!applied && !changed) return true;
  if (applied && (!applied.has(l.name) || l.findings.some((f) => f.rule === 'edited-after-apply'))) return true;
  return !!changed?.has(real(l.file));
}

function databaseOf(project: LintProject, url: string, cwd: string): LintDatabase {
  // the database is read in its own dialect, whatever migration_lock.toml says (the history check compares them)
  const dialect = dialectOfProvider(providerOfUrl(url)) ?? project.dialect;
  const resolved = dialect === 'sqlite' ? resolveSqliteUrl(url, project.baseDir) : url;
  return {
    target: { dialect, url: resolved, label: describeDatabase(resolved, project.baseDir, cwd).label },
    queryFacts: true,
  };
}

function real(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

const relative = (cwd: string, file: string) => path.relative(cwd, file).split(path.sep).join('/');
