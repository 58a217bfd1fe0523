// The generated Prisma Client, never stale: a status-bar warning with Generate when the client is older
// than the schema, an opt-in generate on save (`prismaWorkbench.client.generateOnSave`, debounced, through
// the generate task and so its trust check), and a TypeScript server restart after every generate that
// succeeded, so the editor sees the new types without a reload.
import * as vscode from 'vscode';
import { debounce } from '../../core/util/debounce';
import { BadArgumentError, registerCommand } from '../../host/commands';
import type { Services } from '../../host/services';
import { isTrusted } from '../../host/trust';
import { generateClientCommand, type ModelsTreeProvider } from '../models/modelsTreeProvider';
import { ClientFreshness, GENERATE_COMMAND } from './clientFreshness';

export function registerClientFreshness(
  context: vscode.ExtensionContext,
  services: Services,
  models: ModelsTreeProvider | undefined,
): ClientFreshness {
  const { log, schemas } = services;
  const freshness = new ClientFreshness(schemas, log);
  context.subscriptions.push(freshness);
  registerCommand(context, log, 'prismaWorkbench.client.check', () => freshness.check());

  // the Models view's mark on each root whose client is out of date, cleared by the check after a generate
  const markModels = () => {
    const stale = new Map<string, string[]>();
    for (const c of freshness.clients.filter((c) => c.state.kind === 'stale'))
      stale.set(c.schema.root.id, [...(stale.get(c.schema.root.id) ?? []), c.generator]);
    models?.setStaleClients(stale);
  };
  context.subscriptions.push(freshness.onDidChange(markModels));

  // Generate Client: from a Models root (its inline button, menu or tooltip link), or for every stale client
  registerCommand(context, log, generateClientCommand, async (arg) => {
    const id = rootId(arg);
    if (arg !== undefined && id === undefined) throw new BadArgumentError(generateClientCommand, 'no schema');
    const targets = id
      ? schemas.schemas.filter((s) => s.root.id === id)
      : [...new Set(freshness.clients.filter((c) => c.state.kind === 'stale').map((c) => c.schema))];
    if (id && !targets.length) throw new Error('that schema is no longer in the workspace; refresh the Models view');
    if (!targets.length) {
      void vscode.window.showInformationMessage('Every generated Prisma Client is up to date.');
      return;
    }
    for (const s of targets) await vscode.commands.executeCommand(GENERATE_COMMAND, { schema: s.root.schemaPath });
    await freshness.check();
  });

  // generate on save, for the schema saved, once its client is stale
  const pendingSaves = new Set<string>();
  const generateSaved = debounce(() => {
    void (async () => {
      const saved = [...pendingSaves];
      pendingSaves.clear();
      const clients = await freshness.check();
      for (const id of saved) {
        const stale = clients.find((c) => c.schema.root.id === id && c.state.kind === 'stale');
        if (!stale) continue;
        log.info(`generate on save: ${stale.schema.label}`);
        await vscode.commands.executeCommand(GENERATE_COMMAND, { schema: stale.schema.root.schemaPath });
      }
    })().catch((e) => log.warn(`generate on save failed: ${e instanceof Error ? e.message : String(e)}`));
  }, 1000);
  context.subscriptions.push(
    { dispose: () => generateSaved.cancel() },
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (!vscode.workspace.getConfiguration('prismaWorkbench.client', doc.uri).get<boolean>('generateOnSave')) return;
      if (!isTrusted()) return;
      const schema = schemas.schemas.find((s) => s.root.schemaFiles.includes(doc.uri.fsPath));
      if (!schema) return;
      pendingSaves.add(schema.root.id);
      generateSaved();
    }),
  );

  // after a generate: the client is read again, and the TypeScript server restarted for the new types
  context.subscriptions.push(
    vscode.tasks.onDidEndTaskProcess((e) => {
      const def = e.execution.task.definition;
      if (def.type !== 'prisma' || def.command !== 'generate') return;
      void freshness.check();
      if (e.exitCode !== 0) return;
      if (!vscode.workspace.getConfiguration('prismaWorkbench.client').get<boolean>('restartTsServer', true)) return;
      void restartTsServer().then(
        (restarted) => restarted && log.info('restarted the TypeScript server after generate'),
      );
    }),
  );
  return freshness;
}

/** Restarts the TypeScript server when VS Code's TypeScript extension runs; false when there is none. */
async function restartTsServer(): Promise<boolean> {
  const commands = await vscode.commands.getCommands(true);
  if (!commands.includes('typescript.restartTsServer')) return false;
  await vscode.commands.executeCommand('typescript.restartTsServer');
  return true;
}

/** The schema id from a Models root (a TreeNode of kind `schema`) or from `{ schemaId }` (the tooltip's link). */
function rootId(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const o = arg as { kind?: unknown; id?: unknown; schemaId?: unknown };
  if (typeof o.schemaId === 'string') return o.schemaId;
  return o.kind === 'schema' && typeof o.id === 'string' ? o.id : undefined;
}
