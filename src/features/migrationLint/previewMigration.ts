// "Prisma: Preview Next Migration": the SQL the next `migrate dev` would write, computed by the embedded
// engine (migrations folder replayed in a throwaway database, diffed against the schema), in an untitled
// SQL editor that the migration linter checks as the next migration of that schema. With the schema's
// database reachable and in step with the folder, the engine's data-loss evaluation (what `migrate dev`
// asks about) adds its warnings on the statements they name. Nothing is written, nothing is applied.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { describeDatabase } from '../../core/connections/databaseInfo';
import type { Dialect, LintFinding } from '../../core/migrationLint';
import { loadLintConfig } from '../../core/migrationLint/config';
import { ruleInfo } from '../../core/migrationLint/rules';
import { sqliteFilePath } from '../../core/engine/sqliteUrl';
import { explain } from '../../core/migrations/explainError';
import { normalizeForPrisma7 } from '../../core/schema/normalize';
import { knownPreviewFeatures } from '../../core/schema/prismaWasm';
import type { Log } from '../../host/log';
import type { WorkspaceSchema } from '../../host/workspaceSchemas';
import { databaseOf } from '../connections/schemaDatabase';
import { dialectOf, type MigrationLinter } from './migrationLinter';

export interface PreviewResult {
  readonly uri: vscode.Uri;
  readonly dialect: Dialect;
  /** Why the engine's data-loss evaluation did not run, when it did not. */
  readonly dataLossSkipped?: string;
}

export async function previewNextMigration(
  schema: WorkspaceSchema,
  linter: MigrationLinter,
  log: Log,
  wasmPath: string | undefined,
): Promise<PreviewResult | undefined> {
  const dialect = dialectOf(schema);
  if (dialect !== 'sqlite' && dialect !== 'postgresql') {
    throw new Error(
      `Preview Next Migration runs on the embedded engine, SQLite and PostgreSQL only (this schema uses ${dialect ?? 'an unknown provider'}). Run "Prisma: Migrate Dev (create only)" with the CLI instead.`,
    );
  }
  const db = databaseOf(schema);
  if (dialect === 'postgresql' && !db.ok)
    throw new Error(`PostgreSQL needs a database to replay the migrations in a shadow database: ${db.reason}`);
  const computed = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Preview of the next migration of ${schema.label}`,
      cancellable: true,
    },
    async (progress, token) => {
      const [{ EmbeddedSchemaEngine }, { adapterFactoryFor }, { withScratchEngine }, preview] = await Promise.all([
        import('../../core/engine/embeddedSchemaEngine'),
        import('../../core/migrations/adapterFactory'),
        import('../../core/migrations/scratchEngine'),
        import('../../core/migrationLint/preview'),
      ]);
      const schemaFiles = normalizeForPrisma7(schema.files, knownPreviewFeatures());
      progress.report({ message: 'replaying the migrations' });
      let sql: string;
      try {
        sql = await withScratchEngine(
          dialect === 'sqlite'
            ? { provider: 'sqlite' }
            : {
                provider: 'postgresql',
                url: db.ok ? db.url : '',
                shadowDatabaseUrl: db.ok ? db.shadowDatabaseUrl : undefined,
              },
          wasmPath,
          (engine) => preview.nextMigrationScript(engine, schema.root.migrationsDir, schemaFiles),
        );
      } catch (error) {
        throw new Error(
          `The next migration could not be computed: ${explain(error)}. Check that the schema is valid and the migrations apply.`,
        );
      }
      if (token.isCancellationRequested || sql === '')
        return { sql, warnings: [] as string[], skipped: undefined as string | undefined };

      // the engine's data-loss evaluation against the schema's own database (never created by looking)
      let warnings: string[] = [];
      let skipped: string | undefined;
      const useDatabase = vscode.workspace
        .getConfiguration('prismaWorkbench.migrationLint')
        .get<boolean>('useDatabase', true);
      if (!useDatabase) skipped = 'prismaWorkbench.migrationLint.useDatabase is off';
      else if (!db.ok) skipped = db.reason;
      else if (dialect === 'sqlite' && !existsSync(sqliteFilePath(db.url, db.baseDir) ?? ''))
        skipped = 'the SQLite database file does not exist yet';
      else {
        progress.report({
          message: `checking data loss in ${describeDatabase(db.url, db.baseDir, schema.root.projectDir).label}`,
        });
        try {
          const factory = await adapterFactoryFor(
            dialect === 'sqlite'
              ? { provider: 'sqlite', url: db.url, configDir: db.baseDir }
              : { provider: 'postgresql', url: db.url, shadowDatabaseUrl: db.shadowDatabaseUrl },
          );
          const engine = await EmbeddedSchemaEngine.open({ schemaFiles, adapterFactory: factory, wasmPath });
          try {
            const loss = await preview.nextMigrationDataLoss(engine, schema.root.migrationsDir, schemaFiles);
            if (loss.kind === 'skipped') skipped = loss.reason;
            else warnings = [...loss.unexecutable, ...loss.warnings];
          } finally {
            await engine.dispose();
          }
        } catch (error) {
          skipped = `the engine could not evaluate it (${explain(error)})`;
          log.warn(`preview data-loss evaluation of ${schema.label}: ${skipped}`);
        }
      }
      return { sql, warnings, skipped };
    },
  );
  if (computed.sql === '') {
    void vscode.window.showInformationMessage(
      `${schema.label}: the schema and the migrations agree, so the next migration would be empty.`,
    );
    return undefined;
  }
  const where = db.ok ? describeDatabase(db.url, db.baseDir, schema.root.projectDir).label : undefined;
  const header = [
    `-- Preview of the next migration of ${schema.label}: what "migrate dev" would write now. Nothing was written or applied.`,
    '-- Create it with "Prisma: Migrate Dev (create only)".',
    ...(computed.skipped ? [`-- The engine's data-loss check did not run: ${computed.skipped}.`] : []),
    '',
  ].join('\n');
  const text = `${header}\n${computed.sql}`;
  const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: text });
  await vscode.window.showTextDocument(doc, { preview: false });
  const { engineFindings } = await import('../../core/migrationLint/preview');
  // the project's prisma-workbench-lint.json wins over the setting, as for every other rule
  const severity =
    loadLintConfig(schema.root.migrationsDir).severities['engine-data-loss'] ??
    vscode.workspace.getConfiguration('prismaWorkbench.migrationLint').get<Record<string, string>>('severity', {})[
      'engine-data-loss'
    ];
  const level =
    severity === 'error' || severity === 'warning' || severity === 'information'
      ? severity
      : ruleInfo('engine-data-loss').defaultSeverity;
  const extra: LintFinding[] = severity === 'off' ? [] : engineFindings(text, dialect, computed.warnings, level, where);
  await linter.lintAsNextMigration(doc, schema, dialect, extra);
  return { uri: doc.uri, dialect, dataLossSkipped: computed.skipped };
}
