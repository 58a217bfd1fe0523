// Named connections: a status-bar item showing the active connection of the schema in front (name and
// database, password masked); clicking it switches, adds (another env file, a pasted URL — a password
// goes to SecretStorage) or marks the connection production. Views and tasks read it through databaseOf().
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import * as vscode from 'vscode';
import { describeDatabase } from '../../core/connections/databaseInfo';
import {
  addConnection,
  markProduction,
  splitPassword,
  switchTo,
  type NamedConnection,
} from '../../core/connections/namedConnections';
import { maskSecrets } from '../../core/util/maskSecrets';
import { BadArgumentError, registerCommand } from '../../host/commands';
import type { Services } from '../../host/services';
import type { WorkspaceSchema } from '../../host/workspaceSchemas';
import { ConnectionStore, setConnectionStore } from './connectionStore';
import { databaseOf } from './schemaDatabase';
import { schemaAtPath, schemaOfFile } from '../../core/discovery/schemaOfFile';

export function registerConnections(context: vscode.ExtensionContext, services: Services): ConnectionStore {
  const { log, schemas } = services;
  const store = new ConnectionStore(context.workspaceState, context.secrets);
  setConnectionStore(store);
  context.subscriptions.push(store, { dispose: () => setConnectionStore(undefined) });

  const item = vscode.window.createStatusBarItem('prismaWorkbench.connection', vscode.StatusBarAlignment.Left, 40);
  item.name = 'Prisma connection';
  item.command = 'prismaWorkbench.connections.switch';
  context.subscriptions.push(item);

  const schemaInFront = (): WorkspaceSchema | undefined => {
    const file = vscode.window.activeTextEditor?.document.uri.fsPath;
    return schemaOfFile(schemas.schemas, file) ?? schemas.schemas[0];
  };
  const update = () => {
    const schema = schemaInFront();
    if (!schema) {
      item.hide();
      return;
    }
    const connection = store.activeFor(schema.root.id);
    const db = databaseOf(schema);
    const where = db.ok ? describeDatabase(db.url, db.baseDir, schema.root.projectDir) : undefined;
    item.text = `$(database) ${connection.name}: ${where?.label ?? 'no database'}${connection.production ? ' $(warning)' : ''}`;
    item.tooltip = `${schema.label}\n${db.ok ? `${where?.maskedUrl ?? ''}\n${db.from}` : maskSecrets(db.reason)}${connection.production ? '\nMarked production: destructive commands need the database name typed.' : ''}\nClick to switch or add a connection.`;
    item.show();
  };
  context.subscriptions.push(
    schemas.onDidChange(() => void store.loadSecrets(schemas.schemas.map((s) => s.root.id)).then(update)),
    vscode.window.onDidChangeActiveTextEditor(update),
    store.onDidChange(() => {
      update();
      void vscode.commands.executeCommand('prismaWorkbench.migrations.refresh');
    }),
  );
  void store.loadSecrets(schemas.schemas.map((s) => s.root.id)).then(update);

  const pickSchema = async (wanted: unknown): Promise<WorkspaceSchema | undefined> => {
    if (typeof wanted === 'string') {
      const found =
        schemas.schemas.find((s) => s.label === wanted || s.root.id === wanted) ??
        schemaAtPath(schemas.schemas, wanted);
      if (!found) throw new Error(`No Prisma schema ${wanted} in this workspace.`);
      return found;
    }
    if (schemas.schemas.length <= 1) return schemas.schemas[0] ?? schemaInFront();
    const pick = await vscode.window.showQuickPick(
      schemas.schemas.map((s) => ({ label: s.label, schema: s })),
      { title: 'Connections of which schema?' },
    );
    return pick?.schema;
  };

  const add = async (
    schema: WorkspaceSchema,
    name: string,
    from: { url?: string; envFile?: string; password?: string },
  ) => {
    const id = randomUUID();
    let connection: NamedConnection;
    if (from.envFile) connection = { id, name, kind: 'envFile', envFile: from.envFile };
    else if (from.url) {
      const split = splitPassword(from.url);
      const password = from.password ?? split.password;
      connection = { id, name, kind: 'url', url: split.url, hasSecret: password !== undefined };
      if (password !== undefined) await store.storeSecret(schema.root.id, id, password);
    } else throw new Error('A connection needs a URL or an env file.');
    await store.update(schema.root.id, addConnection(store.stateFor(schema.root.id), connection));
  };

  /** Args (keybindings, tests): `{ schema?, name, url? | envFile?, password? }`; none: asks. */
  registerCommand(context, log, 'prismaWorkbench.connections.add', async (arg) => {
    const o = (arg ?? {}) as Record<string, unknown>;
    if (typeof o !== 'object') throw new BadArgumentError('Add Connection', 'something that is not options');
    const schema = await pickSchema(o.schema);
    if (!schema) return;
    const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
    if (str('name') && (str('url') || str('envFile'))) {
      await add(schema, str('name')!, { url: str('url'), envFile: str('envFile'), password: str('password') });
      return;
    }
    const kind = await vscode.window.showQuickPick(
      [
        { label: '$(file) From another env file', source: 'envFile' as const },
        { label: '$(link) From a database URL', source: 'url' as const },
      ],
      { title: `Add a connection — ${schema.label}` },
    );
    if (!kind) return;
    const source = kind.source;
    let from: { url?: string; envFile?: string; password?: string };
    if (source === 'envFile') {
      const files = await vscode.window.showOpenDialog({
        title: 'Env file with DATABASE_URL',
        defaultUri: vscode.Uri.file(schema.root.projectDir),
        canSelectMany: false,
        filters: { 'Env files': ['env', 'local', 'production', 'development', 'test', '*'] },
      });
      if (!files?.[0]) return;
      from = { envFile: path.relative(schema.root.projectDir, files[0].fsPath) };
    } else {
      const url = await vscode.window.showInputBox({
        title: 'Database URL',
        prompt: 'postgresql://user@host:5432/db or file:./dev.db. A password in it is moved to the secret storage.',
        ignoreFocusOut: true,
        validateInput: (v) =>
          /^(file:|postgres(ql)?:\/\/|mysql:\/\/|sqlserver:)/.test(v.trim())
            ? undefined
            : 'Not a database URL Prisma knows',
      });
      if (!url) return;
      const split = splitPassword(url.trim());
      let password = split.password;
      if (password === undefined && !url.startsWith('file:')) {
        password =
          (await vscode.window.showInputBox({
            title: 'Password (optional)',
            prompt: "Kept in VS Code's secret storage, never in settings.",
            password: true,
            ignoreFocusOut: true,
          })) || undefined;
      }
      from = { url: url.trim(), password };
    }
    const name = await vscode.window.showInputBox({
      title: 'Connection name',
      value: from.envFile
        ? from.envFile.replace(/^.*\.env\.?/, '') || 'env file'
        : describeDatabase(splitPassword(from.url ?? '').url).label,
      ignoreFocusOut: true,
      validateInput: (v) =>
        v.trim() === ''
          ? 'Give it a name'
          : store.stateFor(schema.root.id).connections.some((c) => c.name === v.trim())
            ? 'That name is taken'
            : undefined,
    });
    if (!name) return;
    await add(schema, name.trim(), from);
  });

  /** Args: `{ schema?, name }` switches directly; none: a quick pick to switch, add or mark production. */
  registerCommand(context, log, 'prismaWorkbench.connections.switch', async (arg) => {
    const o = (arg ?? {}) as Record<string, unknown>;
    const schema = await pickSchema(o.schema);
    if (!schema) return;
    const state = store.stateFor(schema.root.id);
    if (typeof o.name === 'string') {
      const target = state.connections.find((c) => c.name === o.name);
      if (!target) throw new Error(`No connection named "${o.name}" for ${schema.label}.`);
      await store.update(schema.root.id, switchTo(state, target.id));
      return;
    }
    const current = state.connections.find((c) => c.id === state.activeId);
    type Item = vscode.QuickPickItem & { run: () => Promise<unknown> };
    const items: Item[] = [
      ...state.connections.map((c): Item => ({
        label: `${c.id === state.activeId ? '$(check) ' : ''}${c.name}`,
        description:
          c.kind === 'default'
            ? 'as Prisma resolves it'
            : c.kind === 'envFile'
              ? c.envFile
              : describeDatabase(c.url).maskedUrl,
        detail: c.production ? 'production' : undefined,
        run: () => store.update(schema.root.id, switchTo(state, c.id)),
      })),
      { label: '', kind: vscode.QuickPickItemKind.Separator, run: async () => undefined },
      {
        label: '$(add) Add a connection…',
        run: async () => vscode.commands.executeCommand('prismaWorkbench.connections.add', { schema: schema.root.id }),
      },
    ];
    if (current) {
      items.push({
        label: current.production
          ? `$(shield) Unmark "${current.name}" as production`
          : `$(warning) Mark "${current.name}" as production`,
        run: () => store.update(schema.root.id, markProduction(state, current.id, !current.production)),
      });
    }
    const pick = await vscode.window.showQuickPick(items, { title: `Connection — ${schema.label}` });
    await pick?.run();
  });
  return store;
}
