// Named connections per schema: besides the URL Prisma resolves (the "default" connection), users add
// connections from another env file or a pasted URL, switch the active one and mark one production.
// Pure data and functions: the host persists `SchemaConnections` in workspaceState and keeps passwords in
// SecretStorage — a URL stored here never carries its password (see splitPassword).
import { parse as parseDotenv } from 'dotenv';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { providerOfUrl, resolveDatabaseUrl, type ResolvedUrl, type UrlInputs } from './databaseUrl';
import { hasSecret, joinSecrets, splitSecrets } from './urlSecrets';

export const DEFAULT_CONNECTION_ID = 'default';

export type NamedConnection =
  | { readonly id: string; readonly name: string; readonly kind: 'default'; readonly production?: boolean }
  | {
      readonly id: string;
      readonly name: string;
      readonly kind: 'envFile';
      readonly envFile: string;
      readonly production?: boolean;
    }
  /** `url` without its password; `hasSecret`: the password is in SecretStorage under this id. */
  | {
      readonly id: string;
      readonly name: string;
      readonly kind: 'url';
      readonly url: string;
      readonly hasSecret: boolean;
      readonly production?: boolean;
    };

export interface SchemaConnections {
  readonly connections: readonly NamedConnection[];
  readonly activeId: string;
}

export const initialConnections = (): SchemaConnections => ({
  connections: [{ id: DEFAULT_CONNECTION_ID, name: 'Prisma config', kind: 'default' }],
  activeId: DEFAULT_CONNECTION_ID,
});

/** Reads a persisted value defensively (workspaceState may hold an older or hand-edited shape). */
export function readConnections(value: unknown): SchemaConnections {
  const base = initialConnections();
  if (typeof value !== 'object' || value === null) return base;
  const v = value as { connections?: unknown; activeId?: unknown };
  const list = Array.isArray(v.connections) ? v.connections.filter(isConnection) : [];
  const connections = [base.connections[0], ...list.filter((c) => c.id !== DEFAULT_CONNECTION_ID)];
  const stored = list.find((c) => c.id === DEFAULT_CONNECTION_ID);
  if (stored?.production) connections[0] = { ...connections[0], production: true };
  const activeId =
    typeof v.activeId === 'string' && connections.some((c) => c.id === v.activeId) ? v.activeId : DEFAULT_CONNECTION_ID;
  return { connections, activeId };
}

function isConnection(c: unknown): c is NamedConnection {
  if (typeof c !== 'object' || c === null) return false;
  const o = c as Record<string, unknown>;
  if (typeof o.id !== 'string' || typeof o.name !== 'string') return false;
  if (o.kind === 'default') return true;
  if (o.kind === 'envFile') return typeof o.envFile === 'string';
  return o.kind === 'url' && typeof o.url === 'string' && typeof o.hasSecret === 'boolean' && !hasPassword(o.url);
}

export function active(state: SchemaConnections): NamedConnection {
  return state.connections.find((c) => c.id === state.activeId) ?? state.connections[0];
}

export function addConnection(
  state: SchemaConnections,
  connection: NamedConnection,
  makeActive = true,
): SchemaConnections {
  if (connection.kind === 'url' && hasPassword(connection.url))
    throw new Error('A stored connection URL must not carry its password: split it with splitPassword first.');
  if (state.connections.some((c) => c.name === connection.name))
    throw new Error(`There is already a connection named "${connection.name}".`);
  return { connections: [...state.connections, connection], activeId: makeActive ? connection.id : state.activeId };
}

export function switchTo(state: SchemaConnections, id: string): SchemaConnections {
  if (!state.connections.some((c) => c.id === id)) throw new Error(`No connection ${id}.`);
  return { ...state, activeId: id };
}

export function removeConnection(state: SchemaConnections, id: string): SchemaConnections {
  if (id === DEFAULT_CONNECTION_ID) throw new Error('The connection from the Prisma config cannot be removed.');
  const connections = state.connections.filter((c) => c.id !== id);
  return { connections, activeId: state.activeId === id ? DEFAULT_CONNECTION_ID : state.activeId };
}

export function markProduction(state: SchemaConnections, id: string, production: boolean): SchemaConnections {
  return { ...state, connections: state.connections.map((c) => (c.id === id ? { ...c, production } : c)) };
}

function hasPassword(url: string): boolean {
  return hasSecret(url);
}

/**
 * The URL without its secrets (whatever its shape: `user:secret@`, `?password=`, `api_key=`, `authToken=`,
 * SQL Server's `;password={…}`, see urlSecrets), and what goes to SecretStorage.
 */
export function splitPassword(url: string): { url: string; password?: string } {
  const split = splitSecrets(url);
  return split.secret === undefined ? { url } : { url: split.url, password: split.secret };
}

/** The URL to connect with: the secrets from SecretStorage put back where splitPassword took them. */
export function withPassword(url: string, password: string | undefined): string {
  return joinSecrets(url, password);
}

/** The URL of a connection, resolved as the views and tasks need it. `secret`: its password from SecretStorage. */
export function resolveConnection(connection: NamedConnection, inputs: UrlInputs, secret?: string): ResolvedUrl {
  switch (connection.kind) {
    case 'default':
      return resolveDatabaseUrl(inputs);
    case 'envFile': {
      const file = path.resolve(inputs.projectDir, connection.envFile);
      const read = inputs.readFile ?? ((f: string) => readFileSync(f, 'utf8'));
      let text: string | undefined;
      try {
        text = read(file);
      } catch {
        text = undefined;
      }
      if (text === undefined)
        return {
          ok: false,
          provider: undefined,
          reason: `Connection "${connection.name}": the env file ${connection.envFile} cannot be read.`,
        };
      const vars = parseDotenv(text);
      // the chosen file wins over the environment and the project's .env
      const resolved = resolveDatabaseUrl({ ...inputs, env: { ...inputs.env, ...vars } });
      return resolved.ok
        ? { ...resolved, from: `connection "${connection.name}" (${connection.envFile})` }
        : { ...resolved, reason: `Connection "${connection.name}": ${resolved.reason}` };
    }
    case 'url': {
      if (connection.hasSecret && secret === undefined)
        return {
          ok: false,
          provider: providerOfUrl(connection.url),
          reason: `Connection "${connection.name}": its password is not in this machine's secret storage. Add the connection again.`,
        };
      return {
        ok: true,
        url: withPassword(connection.url, secret),
        provider: providerOfUrl(connection.url),
        from: `connection "${connection.name}"`,
        baseDir: inputs.projectDir,
      };
    }
  }
}
