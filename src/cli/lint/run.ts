// One run of the lint CLI, without the process around it (main.ts): finds the projects, lints every migration
// in order with the editor's code (lintSchemaMigrations), and reports the selected ones: all of them, the
// ones the database has not applied (--database-url; plus applied ones edited since), and/or the ones
// changed since a git ref (--since).
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { describeDatabase } from '../../core/connections/databaseInfo';
import { resolveSqliteUrl } from '../../core/engine/sqliteUrl';
import { describeProblems, lintSchemaMigrations, loadLintConfig, ruleInfo } from '../../core/migrationLint';
import type { LintDatabase, MigrationLint } from '../../core/migrationLint';
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
    const { lints, applied } = await lintSchemaMigrations(
      project.migrationsDir,
      project.dialect,
      { severities, filledTableRows },
      database,
    );
    if (database && !applied)
      return { ok: false, error: `cannot read _prisma_migrations from ${database.target.label}` };
    const changed = changes ? new Set(changes.files) : undefined;
    // branch conflicts: the newest migration the database applied / the base branch has
    const newestApplied = applied ? newest([...applied.keys()]) : undefined;
    const onBase = changes ? await changes.foldersAtBase(real(project.migrationsDir)).catch(() => []) : [];
    const newestOnBase = newest(onBase);
    for (const l of lints) {
      if (!selected(l, applied, changed)) continue;
      const file = relative(cwd, l.file);
      migrations.push({ file, name: l.name });
      const order =
        newestApplied && applied && !applied.has(l.name) && l.name.localeCompare(newestApplied) < 0
          ? { newer: newestApplied, where: 'the database has already applied' }
          : newestOnBase &&
              changed?.has(real(l.file)) &&
              !onBase.includes(l.name) &&
              l.name.localeCompare(newestOnBase) < 0
            ? { newer: newestOnBase, where: `${options.since} already has` }
            : undefined;
      const orderSeverity = severities['migration-order'] ?? ruleInfo('migration-order').defaultSeverity;
      if (order && orderSeverity !== 'off')
        findings.push({ ...orderFinding(file, l, order.newer, order.where), severity: orderSeverity });
      for (const f of l.findings) findings.push(toCliFinding(file, l.name, l.sql, f));
    }
    if (lints.length === 0) notes.push(`${relative(cwd, project.migrationsDir)}: no migrations`);
  }
  return { ok: true, report: { migrations, findings }, notes };
}

const newest = (names: readonly string[]) => [...names].sort((a, b) => a.localeCompare(b)).at(-1);

function orderFinding(file: string, l: MigrationLint, newer: string, where: string): CliFinding {
  const severity = ruleInfo('migration-order').defaultSeverity;
  return toCliFinding(file, l.name, l.sql, {
    rule: 'migration-order',
    severity,
    message: `This migration sorts before "${newer}", which ${where}: it was created on a branch while another branch added migrations. Migrate Deploy would apply it after that one, against a schema it was not written for, and Migrate Dev reports the history as changed. Rename its folder with a timestamp after "${newer}", or recreate it with Migrate Dev after merging.`,
    start: 0,
    end: Math.max(0, l.sql.indexOf('\n')),
  });
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
