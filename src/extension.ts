// Activation reads like a table of contents: create the services, register each feature. Nothing heavy
// loads here: Prisma's wasm validator is required on first validation, not at activation.
import { moduleLoadCpu, moduleLoadStart } from './host/loadStart'; // first: the stamp before the other modules run
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

/** When every module of the bundle had run: from here until activate() is called, the time is VS Code's. */
const moduleEvaluatedAt = performance.now();
const moduleEvaluatedCpu = process.cpuUsage(moduleLoadCpu);

/** What the extension hands to other extensions and to its own integration tests. */
export interface PrismaWorkbenchApi {
  /**
   * Milliseconds activate() took, and from module load to the end of activate(); and the moments themselves
   * (performance.now() of the extension host): our bundle's first line, its last module evaluated, activate()
   * called and returning. bench/host/activationProbe.ts lays them beside VS Code's own marks.
   */
  activation: {
    activateMs: number;
    sinceLoadMs: number;
    evaluatedMs: number;
    waitedMs: number;
    loadStartedAt: number;
    evaluatedAt: number;
    startedAt: number;
    returnedAt: number;
    /**
     * CPU time (user + system, every thread of the host process) while our modules ran and while activate() ran,
     * in ms: beside the wall times, what part was work and what part waiting for a core (2-core machines).
     */
    evaluatedCpuMs: number;
    activateCpuMs: number;
    /** The host process's CPU time when activate() was called (ms, user + system). */
    startedCpuMs: number;
    /** Each feature's registration (ms of wall and CPU time), in the order activate() registers them. */
    features: Record<string, { ms: number; cpuMs: number }>;
  };
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

/** Each feature's registration time (wall and the host process's CPU, ms), for the activation bench. */
const featureMs: Record<string, { ms: number; cpuMs: number }> = {};
const cpuMsNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function registerFeature<T>(log: Services['log'], name: string, register: () => T): T | undefined {
  const t0 = performance.now();
  const cpu0 = cpuMsNow();
  try {
    return register();
  } catch (e) {
    log.error(`the ${name} feature failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    void vscode.window
      .showErrorMessage(`Prisma Workbench: ${name} could not start. See the log for details.`, 'Show Log')
      .then((c) => c && log.show());
    return undefined;
  } finally {
    featureMs[name] = { ms: performance.now() - t0, cpuMs: cpuMsNow() - cpu0 };
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<PrismaWorkbenchApi> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const log = createLog(context);
  const schemas = new WorkspaceSchemas(log, validate, earlyReads);
  const trust = new WorkspaceTrust();
  context.subscriptions.push(schemas, trust);
  const services: Services = { log, schemas, trust };
  featureMs['services (log, schemas, trust)'] = {
    ms: performance.now() - t0,
    cpuMs: cpuMsNow() - (cpu0.user + cpu0.system) / 1000,
  };

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
  const refreshAt = performance.now();
  const refreshCpu = cpuMsNow();
  void schemas.refresh().catch((e) => log.error(e instanceof Error ? e : String(e)));
  featureMs['discovery started'] = { ms: performance.now() - refreshAt, cpuMs: cpuMsNow() - refreshCpu };

  const returnedAt = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const activation = {
    activateMs: returnedAt - t0,
    sinceLoadMs: returnedAt - moduleLoadStart,
    /** Our bundle's modules running, before VS Code calls activate(). */
    evaluatedMs: moduleEvaluatedAt - moduleLoadStart,
    /** From the bundle evaluated to activate() called: VS Code's (it prepares the ExtensionContext meanwhile). */
    waitedMs: t0 - moduleEvaluatedAt,
    loadStartedAt: moduleLoadStart,
    evaluatedAt: moduleEvaluatedAt,
    startedAt: t0,
    returnedAt,
    evaluatedCpuMs: (moduleEvaluatedCpu.user + moduleEvaluatedCpu.system) / 1000,
    activateCpuMs: (cpu.user + cpu.system) / 1000,
    startedCpuMs: (cpu0.user + cpu0.system) / 1000,
    features: { ...featureMs },
  };
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
