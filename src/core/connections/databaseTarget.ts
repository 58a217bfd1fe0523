// The one answer to "which database does this schema act on, and is it production?", shared by every
// consumer: tasks (the CLI and the embedded engine), the data grid, Import, drift, the migration lint
// and the views. It takes the active named connection into account, decides production from the URL
// patterns OR the user's "Mark as production", and says how the Prisma CLI is made to use that same
// database: through the environment variable the datasource reads (`env("DATABASE_URL")`), or not at
// all when the URL is written literally and a named connection points elsewhere.
import { describeDatabase, isProduction, type DatabaseDescription } from './databaseInfo';
import { parseUrlExpression, resolveDatabaseUrl, type Provider, type UrlInputs } from './databaseUrl';
import { resolveConnection, type NamedConnection } from './namedConnections';
import { sqliteUrlForCli } from '../engine/sqliteUrl';

export interface TargetInputs extends UrlInputs {
  /** The schema's active named connection; the Prisma config's URL when left out. */
  readonly connection?: NamedConnection;
  /** The connection's password from SecretStorage. */
  readonly secret?: string;
  /** `prismaWorkbench.production.urlPatterns`. */
  readonly patterns: readonly string[];
  /** A consumer-specific override (the grid's `prismaWorkbench.data.databaseUrl`). */
  readonly override?: { readonly url: string; readonly from: string };
}

/** How the Prisma CLI is given the database the target names. */
export type CliDatabase =
  /** Set this variable in the CLI's environment (the datasource reads it). */
  | { readonly kind: 'env'; readonly variable: string; readonly value: string }
  /** The CLI resolves the same URL by itself (a literal URL and no other connection). */
  | { readonly kind: 'asIs' }
  /** The CLI cannot be pointed at this database: running it would act on another one. */
  | { readonly kind: 'unreachable'; readonly reason: string };

export type DatabaseTarget =
  | {
      readonly ok: true;
      readonly url: string;
      readonly provider: Provider | undefined;
      /** Where the URL came from, for the UI. */
      readonly source: string;
      readonly baseDir: string;
      readonly shadowDatabaseUrl?: string;
      /** The named connection in use ("Prisma config" for the default). */
      readonly connectionName: string;
      readonly production: boolean;
      /** Why it counts as production, for the confirmation: `marked production` / `matches …urlPatterns`. */
      readonly productionWhy?: string;
      /** Label, masked URL and the name a user types to confirm. */
      readonly description: DatabaseDescription;
      readonly cli: CliDatabase;
    }
  | {
      readonly ok: false;
      readonly provider: Provider | undefined;
      readonly reason: string;
      readonly connectionName: string;
      /** A named connection (not the Prisma config's URL) is active: the CLI could not be pointed at it. */
      readonly namedConnection: boolean;
      /** No URL is set anywhere (schema-only mode, e.g. a clone without its .env), as opposed to a broken one. */
      readonly missing?: boolean;
    };

export function resolveDatabaseTarget(inputs: TargetInputs): DatabaseTarget {
  const connection = inputs.connection;
  const connectionName = connection?.name ?? 'Prisma config';
  const resolved = inputs.override
    ? {
        ok: true as const,
        url: inputs.override.url,
        provider: resolveDatabaseUrl(inputs).provider,
        from: inputs.override.from,
        baseDir: inputs.projectDir,
      }
    : connection
      ? resolveConnection(connection, inputs, inputs.secret)
      : resolveDatabaseUrl(inputs);
  if (!resolved.ok)
    return {
      ok: false,
      provider: resolved.provider,
      reason: resolved.reason,
      connectionName,
      namedConnection: connection !== undefined && connection.kind !== 'default',
      ...('missing' in resolved && resolved.missing ? { missing: true } : {}),
    };
  const marked = connection?.production === true && !inputs.override;
  const matched = isProduction(resolved.url, inputs.patterns);
  const productionWhy = marked
    ? `the connection "${connectionName}" is marked production`
    : matched
      ? 'it matches prismaWorkbench.production.urlPatterns'
      : undefined;
  const out = {
    ok: true as const,
    url: resolved.url,
    provider: resolved.provider,
    source: resolved.from,
    baseDir: resolved.baseDir,
    connectionName,
    production: marked || matched,
    description: describeDatabase(resolved.url, resolved.baseDir, inputs.projectDir),
    cli: cliDatabase(inputs, resolved.url, resolved.baseDir, resolved.provider, connectionName),
  };
  const withShadow = resolved.shadowDatabaseUrl ? { ...out, shadowDatabaseUrl: resolved.shadowDatabaseUrl } : out;
  return productionWhy ? { ...withShadow, productionWhy } : withShadow;
}

/** The expression the CLI evaluates for the URL: the config's `datasource.url`, else the schema's `url`. */
function cliDatabase(
  inputs: TargetInputs,
  url: string,
  baseDir: string,
  provider: Provider | undefined,
  connectionName: string,
): CliDatabase {
  const fromConfig = inputs.configUrl !== undefined && inputs.configFile !== undefined;
  const raw = fromConfig ? inputs.configUrl : inputs.schemaUrl;
  const where = fromConfig ? 'prisma.config.ts' : 'the schema';
  const otherConnection = inputs.override !== undefined || (inputs.connection && inputs.connection.kind !== 'default');
  if (raw === undefined)
    return otherConnection
      ? {
          kind: 'unreachable',
          reason: `${where} has no datasource url, so the Prisma CLI cannot be pointed at the connection "${connectionName}".`,
        }
      : { kind: 'asIs' };
  const expr = parseUrlExpression(raw);
  if (expr.kind === 'env') {
    // SQLite: an absolute path, so that the CLI (relative to the config's folder) and we agree on the file
    const value = provider === 'sqlite' || /^file:/.test(url) ? sqliteUrlForCli(url, baseDir) : url;
    return { kind: 'env', variable: expr.name, value };
  }
  if (!otherConnection) return { kind: 'asIs' };
  if (expr.kind === 'literal' && expr.value === url) return { kind: 'asIs' };
  return {
    kind: 'unreachable',
    reason: `${where} writes its database URL itself (${expr.kind === 'literal' ? 'a literal' : 'computed'}), so the Prisma CLI would not use the connection "${connectionName}". Make the datasource url read an environment variable (env("DATABASE_URL")), or switch to the "Prisma config" connection.`,
  };
}
