// "Compare with Previous Schema" on a migration: a read-only diff editor of the database schema (as SQL)
// the migrations up to the previous one produce vs up to this one, computed by the embedded engine in a
// shadow database. SQLite: the engine runs against a throwaway file (the user's dev.db is not touched).
import * as vscode from 'vscode';
import { explain } from '../../core/migrations/explainError';
import { Disposable } from '../../host/disposable';
import type { WorkspaceSchema } from '../../host/workspaceSchemas';
import { databaseOf } from '../connections/schemaDatabase';

export const MIGRATION_SCHEMA_SCHEME = 'prisma-migration-schema';

/** Holds the texts the diff editor shows, by URI. */
export class MigrationSchemaDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private counter = 0;

  constructor() {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(MIGRATION_SCHEMA_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Computes both schemas and opens the diff editor; resolves with the two URIs (tests read them). */
  async compare(
    schema: WorkspaceSchema,
    migration: string,
    wasmPath: string | undefined,
  ): Promise<{ left: vscode.Uri; right: vscode.Uri }> {
    const db = databaseOf(schema);
    const provider = db.provider;
    if (provider !== 'sqlite' && provider !== 'postgresql') {
      throw new Error(
        `Compare with Previous Schema runs on the embedded engine, SQLite and PostgreSQL only (this schema uses ${provider ?? 'an unknown provider'}).`,
      );
    }
    if (provider === 'postgresql' && !db.ok)
      throw new Error(`PostgreSQL needs a database to create its shadow database in: ${db.reason}`);
    const comparison = await vscode.window.withProgress(
      { location: { viewId: 'prismaWorkbench.migrations' }, title: `Replaying migrations up to ${migration}` },
      async () => {
        const [{ withScratchEngine }, { compareWithPrevious }] = await Promise.all([
          import('../../core/migrations/scratchEngine'),
          import('../../core/migrations/compareMigration'),
        ]);
        try {
          return await withScratchEngine(
            provider === 'sqlite'
              ? { provider: 'sqlite' }
              : {
                  provider: 'postgresql',
                  url: db.ok ? db.url : '',
                  shadowDatabaseUrl: db.ok ? db.shadowDatabaseUrl : undefined,
                },
            wasmPath,
            (engine) => compareWithPrevious(engine, schema.root.migrationsDir, migration),
          );
        } catch (error) {
          throw new Error(`The migrations could not be replayed: ${explain(error)}`);
        }
      },
    );
    const n = ++this.counter;
    const uri = (label: string) =>
      vscode.Uri.from({ scheme: MIGRATION_SCHEMA_SCHEME, path: `/${label}.sql`, query: String(n) });
    const left = uri(comparison.previous ?? 'empty database');
    const right = uri(migration);
    this.texts.set(left.toString(), comparison.before);
    this.texts.set(right.toString(), comparison.after);
    await vscode.commands.executeCommand(
      'vscode.diff',
      left,
      right,
      `${comparison.previous ?? 'empty database'} ↔ ${migration} (schema as SQL)`,
      { preview: true },
    );
    return { left, right };
  }
}
