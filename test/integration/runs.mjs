// Integration runs: each copies a project into a fresh workspace and runs the suite against it; test
// files pick their run with PW_RUN (see test/integration/helpers/extension.ts).
// { name, source: { from: folder relative to the repo, include?: entries to copy }, workspaceFile?, env?,
//   extensions?: extension folders (relative to the repo) packaged and installed beside ours,
//   untrusted?: open the folder in Restricted Mode (workspace trust on, folder not trusted; the harness clicks
//   Trust when the suite opens VS Code's trust editor),
//   prepare?: (workspace) => ({ serverEnv? } | undefined): called on the copy before VS Code starts; serverEnv is
//   added to the environment VS Code itself starts in (server, extension host, terminals, tasks) }
// The sample project's suites change its files and database, so each feature gets a fresh copy and host of
// its own (PW_TEST_FILES limits a run to those test files); a unit test checks every file is in a run.
import { installProjectCli, projectCliEnv } from '../harness/projectCli.mjs';
import { sampleProjectSource } from '../harness/workspace.mjs';

// PostgreSQL run: a throwaway database per run on TEST_POSTGRES_URL's server (CI), else the local one at
// 127.0.0.1:5432. The suite creates it in its before hook and drops it after; DATABASE_URL in the extension
// host's environment wins over the fixture's .env (dotenv, like Prisma, never overrides what is set).
const pgAdminUrl = process.env.TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const pgDatabase = `pw_it_${process.pid}_${Date.now().toString(36)}`;
const pgUrlFor = (db) => {
  const u = new URL(pgAdminUrl);
  u.pathname = `/${db}`;
  return u.toString();
};
// MySQL / MariaDB runs: the same, on TEST_MYSQL_URL's server (CI has MariaDB) or the local one.
const myAdminUrl = process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306';
const myDatabase = `pw_it_${process.pid}_${Date.now().toString(36)}_grid`;
const myUrlFor = (db) => {
  const u = new URL(myAdminUrl);
  u.pathname = `/${db}`;
  return u.toString();
};

export const runs = [
  ...Object.entries({
    sample: 'commands,modelsTree,schemaChanges,diagram,notebook,clientCells',
    'sample-language': 'language',
    'sample-migrations': 'connections,migrations,taskGuard',
    'sample-drift': 'drift',
    'sample-grid': 'grid',
    'sample-lint': 'migrationLint,migrationHistory',
  }).map(([name, files]) => ({ name, source: sampleProjectSource(), env: { PW_RUN: 'sample', PW_TEST_FILES: files } })),
  // the PostgreSQL twin of the sample against a throwaway database
  {
    name: 'postgres',
    source: { from: 'test/fixtures/projects/sample-postgres' },
    env: {
      PW_RUN: 'postgres',
      PW_TEST_FILES: 'migrationsPostgres,taskGuardPostgres',
      PW_PG_ADMIN_URL: pgAdminUrl,
      PW_PG_DATABASE: pgDatabase,
      DATABASE_URL: pgUrlFor(pgDatabase),
      ...(process.env.TEST_POSTGRES_URL ? { TEST_POSTGRES_URL: process.env.TEST_POSTGRES_URL } : {}),
    },
  },
  // drift against PostgreSQL (test/integration/driftPostgres.test.ts): its own throwaway database
  {
    name: 'postgres-drift',
    source: { from: 'test/fixtures/projects/sample-postgres' },
    env: {
      PW_RUN: 'postgres-drift',
      PW_TEST_FILES: 'driftPostgres',
      PW_PG_ADMIN_URL: pgAdminUrl,
      PW_PG_DATABASE: `${pgDatabase}_drift`,
      DATABASE_URL: pgUrlFor(`${pgDatabase}_drift`),
      ...(process.env.TEST_POSTGRES_URL ? { TEST_POSTGRES_URL: process.env.TEST_POSTGRES_URL } : {}),
    },
  },
  // the suites every database runs (test/integration/gridServers, notebookServers, typedSql), on SQLite: a database file of its own
  {
    name: 'sqlite-grid',
    source: sampleProjectSource(),
    env: { PW_RUN: 'sqlite-grid', PW_TEST_FILES: 'gridServers,notebookServers,typedSql' },
  },
  // the data grid against PostgreSQL (test/integration/gridServers.test.ts): its own throwaway database
  {
    name: 'postgres-grid',
    source: { from: 'test/fixtures/projects/sample-postgres' },
    env: {
      PW_RUN: 'postgres-grid',
      PW_TEST_FILES: 'gridServers,notebookServers,typedSql',
      PW_PG_ADMIN_URL: pgAdminUrl,
      PW_PG_DATABASE: `${pgDatabase}_grid`,
      DATABASE_URL: pgUrlFor(`${pgDatabase}_grid`),
      ...(process.env.TEST_POSTGRES_URL ? { TEST_POSTGRES_URL: process.env.TEST_POSTGRES_URL } : {}),
    },
  },
  // the data grid against MySQL / MariaDB: a throwaway database on TEST_MYSQL_URL's server, else 127.0.0.1:3306
  {
    name: 'mysql-grid',
    source: { from: 'test/fixtures/projects/sample-mysql' },
    env: {
      PW_RUN: 'mysql-grid',
      PW_TEST_FILES: 'gridServers,notebookServers,typedSql',
      PW_MY_ADMIN_URL: myAdminUrl,
      PW_MY_DATABASE: myDatabase,
      DATABASE_URL: myUrlFor(myDatabase),
      ...(process.env.TEST_MYSQL_URL ? { TEST_MYSQL_URL: process.env.TEST_MYSQL_URL } : {}),
    },
  },
  // Restricted Mode (test/integration/restrictedMode.test.ts): an untrusted folder whose prisma.config.ts and
  // migration.sql write marker files when run; its own throwaway database, never connected to before trust
  {
    name: 'untrusted-postgres',
    source: { from: 'test/fixtures/untrusted-postgres' },
    untrusted: true,
    env: {
      PW_RUN: 'untrusted-postgres',
      PW_TEST_FILES: 'restrictedMode',
      PW_PG_ADMIN_URL: pgAdminUrl,
      PW_PG_DATABASE: `${pgDatabase}_untrusted`,
      DATABASE_URL: pgUrlFor(`${pgDatabase}_untrusted`),
      ...(process.env.TEST_POSTGRES_URL ? { TEST_POSTGRES_URL: process.env.TEST_POSTGRES_URL } : {}),
    },
  },
  // every fixture project as one folder of a multi-root workspace: monorepo, multi-file, broken, Prisma 5, Mongo...
  {
    name: 'multi-root',
    source: { from: 'test/fixtures/projects' },
    workspaceFile: 'all-projects.code-workspace',
    env: { PW_RUN: 'multi-root', PW_TEST_FILES: 'multiRoot' },
  },
  // language server (test/integration/language.test.ts): rename across files; the Prisma 6 server for a Prisma 5
  // project; no second server beside Prisma.prisma (a stand-in extension installed with `extensions`)
  {
    name: 'language-multi-file',
    source: { from: 'test/fixtures/projects/multi-file' },
    env: { PW_RUN: 'language-multi-file', PW_TEST_FILES: 'language' },
  },
  {
    name: 'language-prisma6',
    source: { from: 'test/fixtures/projects/prisma5-env-url' },
    env: { PW_RUN: 'language-prisma6', PW_TEST_FILES: 'language' },
  },
  {
    name: 'language-beside-official',
    source: sampleProjectSource(),
    extensions: ['test/fixtures/extensions/fake-prisma'],
    env: { PW_RUN: 'language-beside-official', PW_TEST_FILES: 'language' },
  },
  // tasks on the real Prisma CLI (test/integration/projectCli.test.ts): a SQLite project with its own
  // node_modules/prisma, 7.x and 6.x, the stand-in schema engine in VS Code's environment (no native engine here)
  ...[7, 6].map((major) => ({
    name: `tasks-prisma${major}`,
    source: { from: `test/fixtures/cli/prisma${major}` },
    prepare: (workspace) => {
      installProjectCli(workspace, major);
      return { serverEnv: projectCliEnv() };
    },
    env: {
      PW_RUN: `tasks-prisma${major}`,
      PW_TEST_FILES: 'projectCli,clientFreshness',
      PW_PRISMA_MAJOR: String(major),
    },
  })),
];
