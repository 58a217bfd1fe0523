// Which databases the drift check covers. It runs on Prisma's embedded (wasm) schema engine, which has
// SQLite and PostgreSQL connectors only; for the others the user is told why there is no check and
// where to look instead, rather than shown nothing (or, worse, "in sync").
export type CheckedProvider = 'sqlite' | 'postgresql';

export function isCheckedProvider(provider: string): provider is CheckedProvider {
  return provider === 'sqlite' || provider === 'postgresql';
}

const NAMES: Record<string, string> = { mysql: 'MySQL / MariaDB', sqlserver: 'SQL Server', cockroachdb: 'CockroachDB' };

/** Why a schema on `provider` gets no drift check, in words with the next step. */
export function uncheckedProviderReason(provider: string): string {
  if (provider === 'mongodb')
    return 'MongoDB has no migrations and no fixed schema in the database: there is no drift to check. Use "Prisma: DB Push" to apply schema changes.';
  const name = NAMES[provider] ?? provider;
  return `Drift is not checked on ${name}: the embedded schema engine the check runs on has no ${name} connector. The Migrations view still shows each migration's state in the database, and "Prisma: Migrate Status" runs the Prisma CLI's own check.`;
}
