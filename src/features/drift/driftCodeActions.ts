// Quick fixes on drift diagnostics: each runs an existing command (migrations view / Prisma tasks) or
// one of the drift commands, with the schema (and migration) it concerns.
import * as vscode from 'vscode';
import type { DriftController } from './driftController';

export class DriftCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly drift: DriftController) {}

  provideCodeActions(
    doc: vscode.TextDocument,
    range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    // the editor's copies of our diagnostics; ours directly when the editor has not received them yet
    const given = context.diagnostics.filter((d) => this.drift.dataOf(doc.uri, d));
    const diagnostics = given.length
      ? given
      : (this.drift.diagnostics.get(doc.uri) ?? []).filter((d) => d.range.intersection(range) !== undefined);
    for (const d of diagnostics) {
      const data = this.drift.dataOf(doc.uri, d);
      if (!data) continue;
      const schema = this.drift.schemaById(data.schemaId);
      if (!schema) continue;
      const arg = { schema: schema.root.schemaPath };
      const add = (title: string, command: string, args: unknown, preferred = false) => {
        const key = `${title}|${command}|${JSON.stringify(args)}`;
        if (seen.has(key)) return;
        seen.add(key);
        const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        a.diagnostics = [d];
        a.isPreferred = preferred;
        a.command = { title, command, arguments: [args] };
        actions.push(a);
      };
      switch (data.kind) {
        case 'finding':
          if (data.comparison === 'schemaMigrations')
            add('Create migration…', 'prismaWorkbench.migrations.dev', arg, true);
          if (data.comparison === 'migrationsDatabase') {
            add(
              'Record the database changes as a new migration (marked applied)',
              'prismaWorkbench.drift.recordDrift',
              arg,
              true,
            );
            add('Pull the database into the schema (shows a diff first)', 'prismaWorkbench.drift.pullDiff', arg);
          }
          if (data.comparison === 'schemaDatabase') {
            add('Pull the database into the schema (shows a diff first)', 'prismaWorkbench.drift.pullDiff', arg, true);
            add('Push the schema to the database (db push)', 'prismaWorkbench.tasks.dbPush', arg);
          }
          add('Show the SQL diff', 'prismaWorkbench.drift.showSql', { ...arg, comparison: data.comparison });
          break;
        case 'pending':
        case 'noMigrationsTable':
          add('Apply pending migrations (migrate deploy)', 'prismaWorkbench.migrations.deploy', arg, true);
          break;
        case 'failed':
          add(
            `Mark ${data.migration ?? 'the migration'} as rolled back`,
            'prismaWorkbench.migrations.resolveRolledBack',
            { ...arg, migration: data.migration },
          );
          add(`Mark ${data.migration ?? 'the migration'} as applied`, 'prismaWorkbench.migrations.resolveApplied', {
            ...arg,
            migration: data.migration,
          });
          break;
        case 'error':
          add('Check drift again', 'prismaWorkbench.drift.check', arg, true);
          add('Open the drift settings', 'workbench.action.openSettings', 'prismaWorkbench.drift');
          continue;
        default:
          break;
      }
      add('Open the Migrations view', 'prismaWorkbench.migrations.focus', undefined);
    }
    return actions;
  }
}
