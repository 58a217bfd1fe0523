// One run of the lint CLI, without the process around it (main.ts): finds the projects, lints every migration
// in order with the editor's code (lintSchemaMigrations), and reports the selected ones: all of them, the
// ones the database has not applied (--database-url; plus applied ones edited since), and/or the ones
// changed since a git ref (--since).
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { describeDatabase } from '../../core/connections/databaseInfo';
import { resolveSqliteUrl } from '../../core/engine/sqliteUrl';
import { lintSchemaMigrations } from '../../core/migrationLint';
import type { LintDatabase, MigrationLint } from '../../core/migrationLint';
import type { LintCliOptions } from './args';
import { changedSince } from './gitChanges';
import { findProjects } from './project';
import type { LintProject } from './project';
import { toCliFinding } from './report';
import type { CliFinding, CliReport } from './report';

export type RunResult = { ok: true; report: CliReport; notes: string[] } | { ok: false; error: string };

export async function runLint(cwd: string, options: LintCliOptions): Promise<RunResult> {
  const found = findProjects(cwd, options);
  if (!found.ok) return found;
  let changed: Set<string> | undefined;
  if (options.since !== undefined) {
    try {
      changed = await changedSince(cwd, options.since);
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
    }
  }
  const migrations: { file: string; name: string }[] = [];
  const findings: CliFinding[] = [];
  const notes: string[] = [];
  for (const project of found.projects) {
    const database = options.databaseUrl ? databaseOf(project, options.databaseUrl, cwd) : undefined;
    const { lints, applied } = await lintSchemaMigrations(project.migrationsDir, project.dialect, {}, database);
    if (database && !applied)
      return { ok: false, error: `cannot read _prisma_migrations from ${database.target.label}` };
    for (const l of lints) {
      if (!selected(l, applied, changed)) continue;
      const file = relative(cwd, l.file);
      migrations.push({ file, name: l.name });
      for (const f of l.findings) findings.push(toCliFinding(file, l.name, l.sql, f));
    }
    if (lints.length === 0) notes.push(`${relative(cwd, project.migrationsDir)}: no migrations`);
  }
  return { ok: true, report: { migrations, findings }, notes };
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
  const resolved = project.dialect === 'sqlite' ? resolveSqliteUrl(url, project.baseDir) : url;
  return {
    target: { dialect: project.dialect, url: resolved, label: describeDatabase(resolved, project.baseDir, cwd).label },
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
