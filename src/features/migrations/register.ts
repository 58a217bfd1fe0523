import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { PrismaCommandKind } from '../../core/cli/prismaCommands';
import { BadArgumentError, registerCommand } from '../../host/commands';
import type { Services } from '../../host/services';
import { manageTrust, requireTrust } from '../../host/trust';
import { PRISMA_TASK_TYPE, PrismaTaskProvider } from '../tasks/prismaTaskProvider';
import { runPrismaCommand, type RunArgs } from '../tasks/runPrismaCommand';
import { registerConnections } from '../connections/register';
import { deployFindings } from '../migrationLint/pendingLint';
import { MigrationSchemaDocuments } from './compareWithPrevious';
import { MigrationsTreeProvider, type MigrationsNode } from './migrationsTreeProvider';

export const migrationsViewId = 'prismaWorkbench.migrations';

/** Palette / view commands that run a Prisma task: id -> [command, fixed options]. */
const taskCommands: Record<string, [PrismaCommandKind, RunArgs]> = {
  'prismaWorkbench.migrations.dev': ['migrateDev', {}],
  'prismaWorkbench.migrations.devCreateOnly': ['migrateDev', { createOnly: true }],
  'prismaWorkbench.migrations.deploy': ['migrateDeploy', {}],
  'prismaWorkbench.migrations.reset': ['migrateReset', {}],
  'prismaWorkbench.migrations.status': ['migrateStatus', {}],
  'prismaWorkbench.migrations.resolveApplied': ['migrateResolve', { resolveAs: 'applied' }],
  'prismaWorkbench.migrations.resolveRolledBack': ['migrateResolve', { resolveAs: 'rolledBack' }],
  'prismaWorkbench.tasks.generate': ['generate', {}],
  'prismaWorkbench.tasks.dbPull': ['dbPull', {}],
  'prismaWorkbench.tasks.dbPush': ['dbPush', {}],
  'prismaWorkbench.tasks.dbPushAcceptDataLoss': ['dbPush', { acceptDataLoss: true }],
  'prismaWorkbench.tasks.dbSeed': ['dbSeed', {}],
  'prismaWorkbench.tasks.format': ['format', {}],
  'prismaWorkbench.tasks.validate': ['validate', {}],
};

function isNode(v: unknown): v is MigrationsNode {
  return typeof v === 'object' && v !== null && 'kind' in v && 'schema' in v;
}

function runArgs(command: string, fixed: RunArgs, arg: unknown): RunArgs {
  if (arg === undefined) return fixed;
  if (isNode(arg)) {
    const schema = arg.schema.root.schemaPath;
    return arg.kind === 'migration' ? { ...fixed, schema, migration: arg.entry.name } : { ...fixed, schema };
  }
  if (typeof arg !== 'object' || arg === null)
    throw new BadArgumentError(command, 'something that is not a schema, a migration or options');
  const o = arg as Record<string, unknown>;
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const out: RunArgs = {
    ...fixed,
    schema: str('schema'),
    name: str('name'),
    migration: str('migration'),
    confirmDatabase: str('confirmDatabase'),
    confirmed: o.confirmed === true ? true : undefined,
    acceptLintFindings: o.acceptLintFindings === true ? true : undefined,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as RunArgs;
}

export function registerMigrations(context: vscode.ExtensionContext, services: Services): MigrationsTreeProvider {
  const { log, schemas, trust } = services;
  registerConnections(context, services); // before the view: it reads the active connection
  const provider = new MigrationsTreeProvider(schemas, log);
  const view = vscode.window.createTreeView(migrationsViewId, { treeDataProvider: provider, showCollapseAll: true });
  provider.treeView = view;
  context.subscriptions.push(provider, view);

  const bundledWasm = path.join(context.extensionPath, 'dist', 'schema_engine_bg.wasm');
  const bundledCli = path.join(context.extensionPath, 'dist', 'prisma');
  const tasks = new PrismaTaskProvider(
    schemas,
    log,
    existsSync(bundledWasm) ? bundledWasm : undefined,
    existsSync(bundledCli) ? bundledCli : undefined,
    (schema) => deployFindings(provider, schema),
  );
  context.subscriptions.push(tasks, vscode.tasks.registerTaskProvider(PRISMA_TASK_TYPE, tasks));
  context.subscriptions.push(tasks.onDidFinishRun(() => provider.scheduleRefresh()));
  // a prisma task run from anywhere (tasks.json, Run Task) refreshes the views when it ends
  context.subscriptions.push(
    vscode.tasks.onDidEndTask((e) => {
      if (e.execution.task.definition.type === PRISMA_TASK_TYPE) provider.scheduleRefresh();
    }),
  );

  const afterRun = async () => {
    await provider.refresh();
    await schemas.refresh();
  };

  registerCommand(context, log, 'prismaWorkbench.migrations.refresh', () => provider.refresh());
  // Restricted Mode: the view lists the folder's migrations; their states come once the folder is trusted
  context.subscriptions.push(trust.onDidGrant(() => void provider.refresh()));
  registerCommand(context, log, 'prismaWorkbench.trust.manage', () => manageTrust());
  const schemaDocuments = new MigrationSchemaDocuments();
  context.subscriptions.push(schemaDocuments);
  registerCommand(context, log, 'prismaWorkbench.migrations.compareWithPrevious', (node) => {
    if (!isNode(node) || node.kind !== 'migration' || !node.entry.local)
      throw new BadArgumentError('Compare with Previous Schema', 'something that is not a local migration');
    requireTrust('Compare with Previous Schema'); // it replays the folder's migration.sql files
    return schemaDocuments.compare(node.schema, node.entry.name, existsSync(bundledWasm) ? bundledWasm : undefined);
  });
  registerCommand(context, log, 'prismaWorkbench.migrations.openSql', async (node) => {
    if (!isNode(node) || node.kind !== 'migration' || !node.entry.local)
      throw new BadArgumentError('Open migration.sql', 'something that is not a local migration');
    await vscode.window.showTextDocument(vscode.Uri.file(node.entry.local.sqlFile));
  });
  for (const [id, [kind, fixed]] of Object.entries(taskCommands)) {
    registerCommand(context, log, id, (arg) => {
      requireTrust('A Prisma task');
      return runPrismaCommand(kind, runArgs(id, fixed, arg), schemas, tasks, afterRun);
    });
  }
  return provider;
}
