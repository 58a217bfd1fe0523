// Diagnostics in every migration.sql of every discovered schema, open or not: one DiagnosticCollection,
// refreshed when a migration file changes (on disk or in an editor), when the schemas change and when
// the settings change. With a reachable database the messages carry row counts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { describeDatabase } from '../../core/connections/databaseInfo';
import { resolveSqliteUrl } from '../../core/engine/sqliteUrl';
import type {
  DatabaseFacts,
  Dialect,
  LintFinding,
  MigrationLint,
  QuickFix,
  RuleId,
  Severity,
} from '../../core/migrationLint';
// the lint itself (parsers, rules' checks, history, database facts) loads when the first lint runs
import { LINT_CONFIG_FILE, loadLintConfig, mergeSeverities } from '../../core/migrationLint/config';
import { isRuleId } from '../../core/migrationLint/rules';
import type { LintConfig } from '../../core/migrationLint';
import { dialectOfProvider, migrationsDialect } from '../../core/migrationLint/dialect';
import { providerOfUrl } from '../../core/connections/databaseUrl';
import { datasource } from '../../core/schema/query';
import { debounce } from '../../core/util/debounce';
import { Disposable } from '../../host/disposable';
import type { Log } from '../../host/log';
import { isTrusted } from '../../host/trust';
import type { WorkspaceSchema, WorkspaceSchemas } from '../../host/workspaceSchemas';
import { backgroundQueryRefusal } from '../connections/production';
import { targetOf } from '../connections/schemaDatabase';
import { isInside } from '../../core/util/pathFlavour';

export const DIAGNOSTIC_SOURCE = 'Prisma migration lint';

export class MigrationLinter extends Disposable {
  readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('prismaWorkbench.migrationLint'));
  private readonly fixes = new WeakMap<vscode.Diagnostic, QuickFix>();
  /** Per schema id, the last lint (the Migrations tree / deploy confirmation hook). */
  private readonly results = new Map<string, MigrationLint[]>();
  /** Per schema id, the findings on its migration_lock.toml. */
  private readonly locks = new Map<string, { file: string; findings: readonly LintFinding[] }>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly schedule = debounce(() => void this.refresh(), 250);
  private running: Promise<void> = Promise.resolve();
  /** Documents that are not a migration.sql but are linted as the next one of a schema (previews), by URI. */
  private readonly previews = new Map<
    string,
    { schemaId: string; dialect: Dialect; text: string; extra: readonly LintFinding[] }
  >();
  /** Facts of each schema's last lint, for its previews. */
  private readonly factsOf = new Map<string, DatabaseFacts>();

  constructor(
    private readonly schemas: WorkspaceSchemas,
    private readonly log: Log,
    private readonly docsUri: vscode.Uri,
  ) {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/migration.sql'));
    this.register(watcher.onDidCreate(() => this.schedule()));
    this.register(watcher.onDidChange(() => this.schedule()));
    this.register(watcher.onDidDelete(() => this.schedule()));
    // the lock file's provider is checked against the schema's, the base branch's and the database's
    const locks = this.register(vscode.workspace.createFileSystemWatcher('**/migration_lock.toml'));
    for (const ev of [locks.onDidCreate, locks.onDidChange, locks.onDidDelete])
      this.register(ev(() => this.schedule()));
    // A new migration folder (what `migrate dev` makes) can arrive as one folder event without an event for the
    // migration.sql written into it right after: anything created or deleted inside a migrations folder re-lints.
    const anything = this.register(vscode.workspace.createFileSystemWatcher('**/*', false, true, false));
    const inMigrations = (uri: vscode.Uri) =>
      this.schemas.schemas.some((s) => isInside(uri.fsPath, s.root.migrationsDir));
    this.register(
      anything.onDidCreate((uri) => {
        if (inMigrations(uri)) this.schedule();
      }),
    );
    this.register(
      anything.onDidDelete((uri) => {
        if (inMigrations(uri)) this.schedule();
      }),
    );
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (
          (isMigrationFile(e.document.uri) || this.previews.has(e.document.uri.toString())) &&
          e.contentChanges.length
        )
          this.schedule();
      }),
    );
    this.register(
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (this.previews.delete(d.uri.toString())) this.diagnostics.delete(d.uri);
        if (isMigrationFile(d.uri)) this.schedule();
      }),
    );
    this.register(schemas.onDidChange(() => this.schedule()));
    // the project's prisma-workbench-lint.json (severities, threshold): read on every lint, so any change re-lints
    const configWatcher = this.register(vscode.workspace.createFileSystemWatcher(`**/${LINT_CONFIG_FILE}`));
    this.register(configWatcher.onDidCreate(() => this.schedule()));
    this.register(configWatcher.onDidChange(() => this.schedule()));
    this.register(configWatcher.onDidDelete(() => this.schedule()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('prismaWorkbench.migrationLint')) this.schedule();
      }),
    );
    this.register({ dispose: () => this.schedule.cancel() });
  }

  /** Findings of every migration of a schema, from the last lint. */
  lintOf(schemaId: string): readonly MigrationLint[] {
    return this.results.get(schemaId) ?? [];
  }

  /** Findings on a schema's migration_lock.toml (its provider changed), from the last lint. */
  lockOf(schemaId: string): { file: string; findings: readonly LintFinding[] } | undefined {
    return this.locks.get(schemaId);
  }

  /** The quick fix attached to a diagnostic this linter published. */
  fixFor(d: vscode.Diagnostic): QuickFix | undefined {
    return this.fixes.get(d);
  }

  /**
   * Lints a document that is not a migration.sql (a preview of the next migration, any URI scheme) as the
   * migration after the schema's last one, in `dialect`, until it is closed. `extra` findings (the
   * engine's) stay while the text is the one they were made for. Resolves when its diagnostics are shown.
   */
  lintAsNextMigration(
    doc: vscode.TextDocument,
    schema: WorkspaceSchema,
    dialect: Dialect,
    extra: readonly LintFinding[] = [],
  ): Promise<void> {
    this.previews.set(doc.uri.toString(), { schemaId: schema.root.id, dialect, text: doc.getText(), extra });
    return this.refresh();
  }

  /** Resolves when the lint in progress (if any) has published its results. */
  whenIdle(): Promise<void> {
    return this.running;
  }

  /** Lints everything again; resolves when the diagnostics are published. */
  refresh(): Promise<void> {
    this.running = this.running
      .then(() => this.lintAll())
      .catch((e) => this.log.error(e instanceof Error ? e : String(e)));
    return this.running;
  }

  private async lintAll(): Promise<void> {
    if (this.isDisposed) return;
    const config = vscode.workspace.getConfiguration('prismaWorkbench.migrationLint');
    const next = new Map<string, vscode.Diagnostic[]>();
    if (config.get<boolean>('enabled', true)) {
      for (const schema of this.schemas.schemas) {
        try {
          await this.lintSchema(schema, config, next);
        } catch (e) {
          this.log.warn(`migration lint of ${schema.label} failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    const previews = await this.lintPreviews(config);
    if (this.isDisposed) return;
    this.diagnostics.clear();
    for (const [file, list] of next) this.diagnostics.set(vscode.Uri.file(file), list);
    for (const [uri, list] of previews) this.diagnostics.set(uri, list);
    this.changed.fire();
  }

  private async lintPreviews(config: vscode.WorkspaceConfiguration): Promise<Map<vscode.Uri, vscode.Diagnostic[]>> {
    const out = new Map<vscode.Uri, vscode.Diagnostic[]>();
    if (!config.get<boolean>('enabled', true)) return out;
    const settings = severitySettings(config.get<Record<string, string>>('severity', {}));
    for (const [key, p] of this.previews) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      const schema = this.schemas.schemas.find((s) => s.root.id === p.schemaId);
      if (!doc || !schema) {
        this.previews.delete(key);
        continue;
      }
      try {
        const text = doc.getText();
        const project = loadLintConfig(schema.root.migrationsDir);
        const severities = mergeSeverities(project, settings);
        const { lintNextMigration } = await import('../../core/migrationLint/preview');
        const findings = await lintNextMigration(schema.root.migrationsDir, p.dialect, text, {
          severities,
          filledTableRows: project.filledTableRows,
          facts: this.factsOf.get(p.schemaId),
        });
        const extra = text === p.text ? p.extra.filter((f) => (severities[f.rule] ?? f.severity) !== 'off') : [];
        out.set(
          doc.uri,
          [...findings, ...extra].sort((a, b) => a.start - b.start).map((f) => this.toDiagnostic(text, f)),
        );
      } catch (e) {
        this.log.warn(`migration lint of ${doc.uri.toString()} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return out;
  }

  private async lintSchema(
    schema: WorkspaceSchema,
    config: vscode.WorkspaceConfiguration,
    out: Map<string, vscode.Diagnostic[]>,
  ): Promise<void> {
    const dialect = dialectOf(schema);
    if (!dialect) return;
    const overrides = new Map<string, string>();
    for (const d of vscode.workspace.textDocuments)
      if (isMigrationFile(d.uri) && d.uri.scheme === 'file') overrides.set(d.uri.fsPath, d.getText());
    // the team's file wins over the user's settings for the rules it names (the CLI reads the same file)
    const project = loadLintConfig(schema.root.migrationsDir);
    if (project.file && project.problems.length) out.set(project.file, this.configDiagnostics(project));
    const severities = mergeSeverities(project, severitySettings(config.get<Record<string, string>>('severity', {})));
    const { lintSchemaMigrations } = await import('../../core/migrationLint/lintWithDatabase');
    const t0 = performance.now();
    // database facts connect to the folder's database: not in Restricted Mode (the SQL text is still linted)
    const target =
      config.get<boolean>('useDatabase', true) && isTrusted() ? databaseTarget(schema, dialect) : undefined;
    // row counts and duplicate scans stay off a production database unless the user allowed them
    const refusal = target ? backgroundQueryRefusal(schema, target.url) : undefined;
    if (refusal) this.log.trace(`migration lint of ${schema.label}: no row counts: ${refusal}`);
    // the history check compares migration_lock.toml with the schema's provider (and the database's)
    const schemaProvider = datasource(schema.doc)?.provider?.replace(/"/g, '');
    const { lints, facts, lock } = await lintSchemaMigrations(
      schema.root.migrationsDir,
      dialect,
      { overrides, severities, filledTableRows: project.filledTableRows, history: { schemaProvider } },
      target ? { target, queryFacts: !refusal } : undefined,
    );
    if (facts) this.factsOf.set(schema.root.id, facts);
    this.results.set(schema.root.id, lints);
    if (lock) {
      this.locks.set(schema.root.id, lock);
      out.set(
        lock.file,
        lock.findings.map((f) => this.toDiagnostic(lock.text, f)),
      );
    } else this.locks.delete(schema.root.id);
    for (const l of lints)
      out.set(
        l.file,
        l.findings.map((f) => this.toDiagnostic(l.sql, f)),
      );
    this.log.trace(
      `migration lint: ${lints.length} migration(s) of ${schema.label} in ${Math.round(performance.now() - t0)} ms`,
    );
  }

  /** Each problem of a prisma-workbench-lint.json on what it is about; the valid entries still apply. */
  private configDiagnostics(project: LintConfig): vscode.Diagnostic[] {
    let text = '';
    try {
      text = readFileSync(project.file!, 'utf8');
    } catch {
      // unreadable: its problem says so, at the start
    }
    return project.problems.map((p) => {
      const at = positionAt(text, p.offset);
      const d = new vscode.Diagnostic(
        new vscode.Range(at, at.translate(0, text ? Math.max(1, text.slice(p.offset).search(/[,\n}]|$/)) : 0)),
        `${p.message}: the migration lint here ignores it, and prisma-workbench-lint stops (exit 2) until it is fixed.`,
        vscode.DiagnosticSeverity.Error,
      );
      d.source = DIAGNOSTIC_SOURCE;
      d.code = { value: 'configuration', target: this.docsUri.with({ fragment: 'project-configuration' }) };
      return d;
    });
  }

  private toDiagnostic(sql: string, f: LintFinding): vscode.Diagnostic {
    const d = new vscode.Diagnostic(
      new vscode.Range(positionAt(sql, f.start), positionAt(sql, f.end)),
      f.message,
      severityOf(f.severity),
    );
    d.source = DIAGNOSTIC_SOURCE;
    d.code = { value: f.rule, target: this.docsUri.with({ fragment: f.rule }) };
    if (f.rule === 'drop-table' || f.rule === 'drop-column') d.tags = [];
    if (f.fix) this.fixes.set(d, f.fix);
    return d;
  }
}

export function isMigrationFile(uri: vscode.Uri): boolean {
  return path.basename(uri.fsPath) === 'migration.sql';
}

export function positionAt(text: string, offset: number): vscode.Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return new vscode.Position(line, offset - lineStart);
}

function severityOf(s: Exclude<Severity, 'off'>): vscode.DiagnosticSeverity {
  return s === 'error'
    ? vscode.DiagnosticSeverity.Error
    : s === 'warning'
      ? vscode.DiagnosticSeverity.Warning
      : vscode.DiagnosticSeverity.Information;
}

function severitySettings(raw: Record<string, string> | undefined): Partial<Record<RuleId, Severity>> {
  const out: Partial<Record<RuleId, Severity>> = {};
  for (const [k, v] of Object.entries(raw ?? {})) {
    if (isRuleId(k) && (v === 'error' || v === 'warning' || v === 'information' || v === 'off')) out[k] = v;
  }
  return out;
}

/** The lock file's provider, else the schema's datasource provider (the CLI reads a project the same way). */
export function dialectOf(schema: WorkspaceSchema): Dialect | undefined {
  return migrationsDialect(schema.root.migrationsDir, () => datasource(schema.doc)?.provider?.replace(/"/g, ''));
}

function databaseTarget(
  schema: WorkspaceSchema,
  dialect: Dialect,
): { dialect: Dialect; url: string; label: string } | undefined {
  const resolved = targetOf(schema); // the active named connection, like every other feature
  if (!resolved.ok) return undefined;
  // the database's own dialect reads it, whatever migration_lock.toml says (the history check compares the two)
  const own = dialectOfProvider(providerOfUrl(resolved.url)) ?? dialect;
  const url = own === 'sqlite' ? resolveSqliteUrl(resolved.url, resolved.baseDir) : resolved.url;
  return { dialect: own, url, label: describeDatabase(url, resolved.baseDir, schema.root.projectDir).label };
}
