// Drift: diagnostics where schema, migrations and database disagree; quick fixes; status bar; triggers
// (schema save, migrations folder changes, Prisma tasks ending, the command, watch mode).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { debounce } from '../../core/util/debounce';
import { BadArgumentError, registerCommand } from '../../host/commands';
import type { Services } from '../../host/services';
import { requireTrust } from '../../host/trust';
import type { WorkspaceSchema } from '../../host/workspaceSchemas';
import { databaseOf } from '../connections/schemaDatabase';
import { describeDatabase } from '../../core/connections/databaseInfo';
import { DriftCodeActions } from './driftCodeActions';
import { DriftController } from './driftController';
import { DriftTreeMarks } from './driftTreeMarks';
import { AutoPull } from './autoPull';
import { isInside } from '../../core/util/pathFlavour';
import { prismaDatabaseTaskRunning } from '../tasks/runningTasks';

const PULL_SCHEME = 'prisma-workbench-pulled';

function schemaArg(
  command: string,
  arg: unknown,
): { schema?: string; comparison?: string; name?: string; confirmed?: boolean } {
  if (arg === undefined || arg === null) return {};
  if (typeof arg === 'string') return { schema: arg };
  if (arg instanceof vscode.Uri) return { schema: arg.fsPath };
  if (typeof arg !== 'object') throw new BadArgumentError(command, 'something that is not a schema');
  const o = arg as Record<string, unknown>;
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  return { schema: str('schema'), comparison: str('comparison'), name: str('name'), confirmed: o.confirmed === true };
}

/** The views whose badges and items show drift state. */
export interface DriftViews {
  readonly models?: vscode.TreeView<unknown>;
  readonly migrations?: vscode.TreeView<unknown>;
}

export function registerDrift(
  context: vscode.ExtensionContext,
  services: Services,
  views: DriftViews = {},
): { controller: DriftController; marks: DriftTreeMarks; autoPull: AutoPull } {
  const { log, schemas, trust } = services;
  const wasm = path.join(context.extensionPath, 'dist', 'schema_engine_bg.wasm');
  // kept results are tagged with the extension's and the engine's versions: another engine may answer differently
  const pkg = context.extension.packageJSON as {
    version?: string;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const engine =
    pkg.dependencies?.['@prisma/schema-engine-wasm'] ?? pkg.devDependencies?.['@prisma/schema-engine-wasm'] ?? '';
  const drift = new DriftController(schemas, log, wasm, {
    state: context.workspaceState,
    version: `${pkg.version ?? ''}+${engine}`,
  });
  context.subscriptions.push(drift);
  const marks = new DriftTreeMarks(drift, views);
  context.subscriptions.push(marks);
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider({ pattern: '**/*.prisma' }, new DriftCodeActions(drift), {
      providedCodeActionKinds: DriftCodeActions.kinds,
    }),
  );

  const pick = (command: string, arg: unknown) => {
    const a = schemaArg(command, arg);
    const schema = a.schema
      ? (drift.schemaById(a.schema) ?? drift.schemaFor(vscode.Uri.file(a.schema)))
      : drift.schemaFor();
    if (!schema)
      throw new Error(
        a.schema
          ? `No Prisma schema ${a.schema} in this workspace.`
          : 'Open a Prisma schema first (or there is none in this workspace).',
      );
    return { schema, args: a };
  };

  // Triggers: schema saved (debounced), migrations folder changed, Prisma task ended, discovery.
  // Not while a Prisma task that talks to the database runs: a reset or deploy is writing the database the check
  // would read (on SQLite the two fought over the file and the task could fail); the task's end schedules it again.
  const pendingSchemas = new Set<string>();
  const flush = debounce(() => {
    if (prismaDatabaseTaskRunning()) return;
    for (const id of pendingSchemas) {
      const s = drift.schemaById(id);
      if (s) void drift.check(s, 'changed');
    }
    pendingSchemas.clear();
  }, 600);
  const schedule = (id: string) => {
    pendingSchemas.add(id);
    flush();
  };
  context.subscriptions.push({ dispose: () => flush.cancel() });
  context.subscriptions.push(
    vscode.workspace.onDidSaveTextDocument((doc) => {
      const s = schemas.schemas.find((x) => x.root.schemaFiles.includes(doc.uri.fsPath));
      if (s) schedule(s.root.id);
    }),
  );
  const migrationsWatcher = vscode.workspace.createFileSystemWatcher('**/migrations/**');
  const onMigrations = (uri: vscode.Uri) => {
    for (const s of schemas.schemas) if (isInside(uri.fsPath, s.root.migrationsDir)) schedule(s.root.id);
  };
  context.subscriptions.push(
    migrationsWatcher,
    migrationsWatcher.onDidCreate(onMigrations),
    migrationsWatcher.onDidChange(onMigrations),
    migrationsWatcher.onDidDelete(onMigrations),
  );
  const afterTask = (e: { execution: vscode.TaskExecution }) => {
    if (e.execution.task.definition.type === 'prisma') for (const s of schemas.schemas) schedule(s.root.id);
  };
  context.subscriptions.push(vscode.tasks.onDidEndTaskProcess(afterTask), vscode.tasks.onDidEndTask(afterTask));
  let firstDiscovery = true;
  context.subscriptions.push(
    schemas.onDidChange(() => {
      drift.publish();
      marks.update();
      if (firstDiscovery && schemas.schemas.length) {
        firstDiscovery = false;
        for (const s of schemas.schemas) schedule(s.root.id);
      }
    }),
  );

  // Restricted Mode held every check back: check everything once the folder is trusted
  context.subscriptions.push(trust.onDidGrant(() => void drift.checkAll('trust granted')));

  registerCommand(context, log, 'prismaWorkbench.drift.check', async (arg) => {
    const targets = arg === undefined ? schemas.schemas : [pick('Check Drift', arg).schema];
    if (targets.length === 0) throw new Error('No Prisma schema was found in this workspace.');
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Prisma: checking drift' },
      async () => {
        const reports = await Promise.all(targets.map((s) => drift.check(s, 'command')));
        return reports.map((r, i) => ({
          schema: targets[i].root.schemaPath,
          state: r?.state,
          findings: r?.findings.length ?? 0,
          status: drift.statusText(),
          unchecked: drift.uncheckedReason(targets[i].root.id),
        }));
      },
    );
  });

  registerCommand(context, log, 'prismaWorkbench.drift.showDetails', async () => {
    const schema = drift.schemaFor();
    if (!schema) return;
    const unchecked = drift.uncheckedReason(schema.root.id);
    if (unchecked) {
      void vscode.window.showInformationMessage(`Prisma: ${schema.label} — ${unchecked}`);
      return;
    }
    if (!drift.reportOf(schema.root.id)) {
      void vscode.window.showInformationMessage(
        `Prisma: ${schema.label} has not been checked for drift yet. Run "Prisma: Check Drift".`,
      );
      return;
    }
    const items = vscode.languages
      .getDiagnostics()
      .flatMap(([uri, ds]) =>
        ds
          .filter((d) => d.source === 'Prisma Workbench drift' && schema.root.schemaFiles.includes(uri.fsPath))
          .map((d) => ({ uri, d })),
      );
    if (items.length === 0) {
      void vscode.window.showInformationMessage(`Prisma: ${schema.label} — schema, migrations and database agree.`);
      return;
    }
    const chosen = await vscode.window.showQuickPick(
      items.map((i) => ({
        label: i.d.message,
        description: `${path.basename(i.uri.fsPath)}:${i.d.range.start.line + 1}`,
        i,
      })),
      { title: `Drift — ${schema.label}` },
    );
    if (chosen) await vscode.window.showTextDocument(chosen.i.uri, { selection: chosen.i.d.range });
  });

  registerCommand(context, log, 'prismaWorkbench.drift.showSql', async (arg) => {
    const { schema, args } = pick('Show SQL Diff', arg);
    const report = drift.reportOf(schema.root.id);
    const parts = Object.entries(report?.sql ?? {}).filter(([k]) => !args.comparison || k === args.comparison);
    if (parts.length === 0)
      throw new Error('No SQL difference is known for this schema: run "Prisma: Check Drift" first.');
    const titles: Record<string, string> = {
      schemaMigrations: 'schema changes no migration captures (migrations -> schema)',
      migrationsDatabase: 'drift: changes made to the database outside the migrations (migrations -> database)',
      schemaDatabase: 'database -> schema',
    };
    const content = parts.map(([k, sql]) => `-- ${titles[k] ?? k}\n${sql}`).join('\n\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'sql', content });
    await vscode.window.showTextDocument(doc, { preview: true });
    return content;
  });

  // db pull, shown as a diff: the introspected schema in a read-only document beside the current one.
  const pulled = new Map<string, string>();
  const pulledChanged = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    pulledChanged,
    vscode.workspace.registerTextDocumentContentProvider(PULL_SCHEME, {
      onDidChange: pulledChanged.event,
      provideTextDocumentContent: (uri) => pulled.get(uri.path) ?? '',
    }),
  );
  /** The database's schema as `db pull` would write it (embedded engine, nothing written). */
  const introspect = async (schema: WorkspaceSchema) => {
    requireTrust('Pulling the database into the schema');
    const db = databaseOf(schema);
    if (!db.ok) throw new Error(db.reason);
    if (db.provider !== 'sqlite' && db.provider !== 'postgresql')
      throw new Error(
        'Pulling with the embedded engine works for SQLite and PostgreSQL only: run "Prisma: DB Pull" instead.',
      );
    const { EmbeddedSchemaEngine } = await import('../../core/engine');
    const { adapterFactoryFor } = await import('../../core/migrations/adapterFactory');
    const { normalizeForPrisma7 } = await import('../../core/schema/normalize');
    const { knownPreviewFeatures } = await import('../../core/schema/prismaWasm');
    const factory = await adapterFactoryFor(
      db.provider === 'sqlite'
        ? { provider: 'sqlite', url: db.url, configDir: db.baseDir }
        : { provider: 'postgresql', url: db.url },
    );
    const files = normalizeForPrisma7(schema.files, knownPreviewFeatures());
    const engine = await EmbeddedSchemaEngine.open({ schemaFiles: files, adapterFactory: factory, wasmPath: wasm });
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Prisma: reading the database schema' },
        () =>
          engine.introspect({
            schema: { files: files.map((f) => ({ path: f.path, content: f.content })) },
            baseDirectoryPath: db.baseDir,
            force: false,
            compositeTypeDepth: -1,
            namespaces: null,
          }),
      );
    } finally {
      await engine.dispose();
    }
  };

  registerCommand(context, log, 'prismaWorkbench.drift.pullDiff', async (arg) => {
    const { schema } = pick('Pull into Schema', arg);
    const result = await introspect(schema);
    // Keep the original url lines: introspection works on the normalised copy.
    const shown: { target: string; content: string }[] = [];
    for (const f of result.schema.files) {
      const target = path.isAbsolute(f.path) ? f.path : path.resolve(path.dirname(schema.root.schemaFiles[0]), f.path);
      const key = `/${encodeURIComponent(target)}`;
      pulled.set(key, f.content);
      const uri = vscode.Uri.from({ scheme: PULL_SCHEME, path: key });
      pulledChanged.fire(uri);
      shown.push({ target, content: f.content });
      await vscode.commands.executeCommand(
        'vscode.diff',
        vscode.Uri.file(target),
        uri,
        `${path.basename(target)} ↔ database (db pull)`,
      );
    }
    const apply = 'Replace the schema with the pulled version';
    const choice = await vscode.window.showInformationMessage(
      'The diff shows what pulling the database would change in the schema. Nothing was written.',
      apply,
    );
    if (choice !== apply) return shown.length;
    const edit = new vscode.WorkspaceEdit();
    for (const s of shown) {
      const doc = await vscode.workspace.openTextDocument(s.target);
      edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), s.content);
    }
    await vscode.workspace.applyEdit(edit);
    return shown.length;
  });

  // Drift fix: write the drift SQL as a new migration and mark it applied (what `migrate diff` +
  // `migrate resolve --applied` do by hand), so history and database agree again.
  registerCommand(context, log, 'prismaWorkbench.drift.recordDrift', async (arg) => {
    requireTrust('Record Database Drift as a Migration');
    const { schema, args } = pick('Record Drift as Migration', arg);
    const report = (await drift.check(schema, 'record drift')) ?? drift.reportOf(schema.root.id);
    const sql = report?.sql.migrationsDatabase;
    if (!sql) throw new Error('There is no drift to record: the database matches its migrations.');
    const db = databaseOf(schema);
    const info = db.ok ? describeDatabase(db.url, db.baseDir, schema.root.projectDir) : undefined;
    let name = args.name;
    if (!args.confirmed) {
      name = await vscode.window.showInputBox({
        title: 'Record the database changes as a migration',
        prompt: `A migration with the drift SQL is written and marked applied in ${info?.label ?? 'the database'} (nothing is run).`,
        value: 'record_drift',
        ignoreFocusOut: true,
      });
      if (!name) return undefined;
    }
    const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const { migrationSlug } = await import('../../core/engine');
    const folder = `${stamp}_${migrationSlug(name ?? 'record_drift') || 'record_drift'}`;
    const dir = path.join(schema.root.migrationsDir, folder);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'migration.sql'), sql);
    log.info(`drift written as ${dir}`);
    // marking it applied goes through the task guard like any resolve: the database's name is never
    // passed on the user's behalf
    let resolved: { exitCode: number | undefined } | undefined;
    try {
      // `confirmed`: the user confirmed with the migration name above (or the caller did); a production
      // database still wants its name typed in the guard
      resolved = await vscode.commands.executeCommand<{ exitCode: number | undefined } | undefined>(
        'prismaWorkbench.migrations.resolveApplied',
        { schema: schema.root.schemaPath, migration: folder, confirmed: true },
      );
    } finally {
      if (resolved?.exitCode !== 0) {
        // an unapplied folder would make the next deploy replay the drift on the drifted database
        rmSync(dir, { recursive: true, force: true });
        log.info(`drift not recorded: ${dir} removed, the resolve did not succeed`);
      }
    }
    if (resolved?.exitCode !== 0)
      throw new Error(
        `The drift was not recorded: marking ${folder} as applied ${resolved === undefined ? 'was cancelled' : `failed (exit code ${resolved.exitCode ?? 'unknown'})`}. The migration folder was removed and the schema left as it was.`,
      );
    // the schema gains the columns the database gained (the rest: "pull into schema", shown as a diff)
    const { addedFieldInserts } = await import('../../core/drift');
    const { parseSchema } = await import('../../core/schema/parse');
    const pulled = await introspect(schema);
    const items = (report?.findings ?? []).filter((f) => f.comparison === 'migrationsDatabase').map((f) => f.item);
    const inserts = addedFieldInserts(
      parseSchema(schema.root.schemaFiles.map((f) => ({ path: f, content: readFileSync(f, 'utf8') }))),
      parseSchema(pulled.schema.files.map((f) => ({ path: f.path, content: f.content }))),
      items,
    );
    if (inserts.length) {
      const edit = new vscode.WorkspaceEdit();
      for (const i of inserts) edit.insert(vscode.Uri.file(i.file), new vscode.Position(i.line, 0), `${i.text}\n`);
      await vscode.workspace.applyEdit(edit);
      for (const file of new Set(inserts.map((i) => i.file)))
        await (await vscode.workspace.openTextDocument(file)).save();
    }
    await drift.check(schema, 'drift recorded');
    return folder;
  });

  // introspection-only projects: pull on a watch-mode database change when prismaWorkbench.drift.autoPull is on
  const pulledFiles = async (schema: WorkspaceSchema) =>
    (await introspect(schema)).schema.files.map((f) => ({
      target: path.isAbsolute(f.path) ? f.path : path.resolve(path.dirname(schema.root.schemaFiles[0]), f.path),
      content: f.content,
    }));
  const autoPull = new AutoPull(
    drift,
    log,
    pulledFiles,
    async () => (await import('../../core/schema/prismaWasm')).knownPreviewFeatures(),
    (schema) => vscode.commands.executeCommand('prismaWorkbench.drift.pullDiff', { schema: schema.root.schemaPath }),
  );
  context.subscriptions.push(autoPull);

  return { controller: drift, marks, autoPull };
}
