// Activation reads like a table of contents: create the services, register each feature. Nothing heavy
// loads here: Prisma's wasm validator is required on first validation, not at activation.
import { ActivationClock, type ActivationFigures } from './host/activationTiming'; // first: its stamp before the rest
import * as vscode from 'vscode';
import type { ModelsTreeProvider } from './features/models/modelsTreeProvider';
import { registerModels } from './features/models/register';
import { registerMigrations } from './features/migrations/register';
import type { MigrationsTreeProvider } from './features/migrations/migrationsTreeProvider';
import type { QueryHistoryProvider } from './features/notebook/queryHistoryView';
import { registerGrid } from './features/grid/register';
import { registerDiagram } from './features/diagram/register';
import { registerNotebook } from './features/notebook/register';
import { registerTypedSql } from './features/typedSql/register';
import { registerSchemaCommands } from './features/schema/register';
import { registerLanguage } from './features/language/register';
import type { LanguageServerController } from './features/language/languageServerController';
import { registerMigrationLint } from './features/migrationLint/register';
import { registerDrift } from './features/drift/register';
import { registerClientFreshness } from './features/client/register';
import type { DriftController } from './features/drift/driftController';
import type { DriftTreeMarks } from './features/drift/driftTreeMarks';
import type { AutoPull } from './features/drift/autoPull';
import { createLog } from './host/log';
import type { Services } from './host/services';
import { readConventionalPlacesEarly, WorkspaceSchemas } from './host/workspaceSchemas';
import { WorkspaceTrust } from './host/trust';
import type { SchemaValidation, WorkspaceSchema } from './host/workspaceSchemas';

/** The schemas at the conventional places, read while VS Code prepares the ExtensionContext (the first refresh's). */
const earlyReads = readConventionalPlacesEarly();

/** Made when every module of the bundle had run: from here until activate() is called, the time is VS Code's. */
const clock = new ActivationClock();

/** What the extension hands to other extensions and to its own integration tests. */
export interface PrismaWorkbenchApi {
  /**
   * Milliseconds activate() took, and from module load to the end of activate(); and the moments themselves
   * (performance.now() of the extension host): our bundle's first line, its last module evaluated, activate()
   * called and returning. bench/host/activationProbe.ts lays them beside VS Code's own marks.
   */
  activation: ActivationFigures;
  services: Services;
  views: { models?: ModelsTreeProvider; migrations?: MigrationsTreeProvider; queryHistory?: QueryHistoryProvider };
  /** Prisma's language server per folder (its state: running, off, waiting for trust…), or why none runs. */
  language?: LanguageServerController;
  /** The extension's own storage, so that tests can check what is kept where (a password in secrets only). */
  storage: Pick<vscode.ExtensionContext, 'secrets' | 'workspaceState' | 'globalState'>;
  /** Drift checks and their marks on the trees. */
  drift?: { controller: DriftController; marks: DriftTreeMarks; autoPull: AutoPull };
}

/** Prisma's validation with the rules of the project's own Prisma major (5/6: the 6.19 validator; 7: 7.x). */
async function validate(schema: WorkspaceSchema): Promise<SchemaValidation> {
  const { validateProject } = await import('./core/schema/validateProject');
  const { diagnostics, rules } = validateProject(schema.files, schema.root.schemaPath, schema.folder?.uri.fsPath);
  return { diagnostics, rules: rules.description };
}

function registerFeature<T>(log: Services['log'], name: string, register: () => T): T | undefined {
  try {
    return clock.time(name, register);
  } catch (e) {
    log.error(`the ${name} feature failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    void vscode.window
      .showErrorMessage(`Prisma Workbench: ${name} could not start. See the log for details.`, 'Show Log')
      .then((c) => c && log.show());
    return undefined;
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<PrismaWorkbenchApi> {
  clock.start();
  const services: Services = clock.time('services (log, schemas, trust)', () => {
    const log = createLog(context);
    const schemas = new WorkspaceSchemas(log, validate, earlyReads);
    const trust = new WorkspaceTrust();
    context.subscriptions.push(schemas, trust);
    return { log, schemas, trust };
  });
  const { log, schemas } = services;

  const models = registerFeature(log, 'Models view', () => registerModels(context, services));
  registerFeature(log, 'schema commands', () => registerSchemaCommands(context, services));
  const migrations = registerFeature(log, 'Migrations view and Prisma tasks', () =>
    registerMigrations(context, services),
  );
  const grid = registerFeature(log, 'data grid', () => registerGrid(context, services));
  registerFeature(log, 'relationship diagram', () => registerDiagram(context, services));
  const notebooks = registerFeature(log, 'query notebooks', () => registerNotebook(context, services, grid));
  if (notebooks)
    registerFeature(log, 'TypedSQL files', () => registerTypedSql(context, services, notebooks.controller));
  const language = registerFeature(log, 'Prisma language server', () => registerLanguage(context, services));
  registerFeature(log, 'client freshness', () => registerClientFreshness(context, services, models));
  registerFeature(log, 'migration lint', () => registerMigrationLint(context, services, migrations));
  const drift = registerFeature(log, 'drift checks', () =>
    registerDrift(context, services, { models: models?.treeView, migrations: migrations?.treeView }),
  );

  // Discovery runs after activation returns: the views fill in as soon as it is done.
  void clock.time('discovery started', () =>
    schemas.refresh().catch((e) => log.error(e instanceof Error ? e : String(e))),
  );

  const activation = clock.finish();
  log.info(
    `activated in ${activation.activateMs.toFixed(1)} ms (${activation.sinceLoadMs.toFixed(1)} ms since the module loaded)`,
  );
  const { secrets, workspaceState, globalState } = context;
  return {
    activation,
    services,
    views: { models, migrations, queryHistory: notebooks?.history },
    language,
    storage: { secrets, workspaceState, globalState },
    drift,
  };
}

export function deactivate(): void {
  // everything is in context.subscriptions
}
