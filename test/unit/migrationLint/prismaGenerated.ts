// Migrations GENERATED FOR REAL by the embedded schema engine (createMigration, as `migrate dev`
// does), never hand-typed: one chain of schema versions per provider, each step one migration.
// SQLite through libsql on a temp file; PostgreSQL on a throwaway database of the server in
// TEST_POSTGRES_URL (else 127.0.0.1:5432), or `undefined` with a reason when it cannot be reached.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddedSchemaEngine, createAdapterFactory, createMigration } from '../../../src/core/engine';
import type { DatabaseTarget } from '../../../src/core/engine';
// static: the engine's lazy `import('./postgresAdapterFactory')` does not resolve under mocha's tsx/cjs hook
import { SafePostgresAdapterFactory } from '../../../src/core/engine/postgresAdapterFactory';
import { throwawayPostgres } from '../testServers';

export interface GeneratedMigration {
  /** The step's name, e.g. `drop_column` (the folder is `<timestamp>_sNN_<step>`). */
  readonly step: string;
  readonly folder: string;
  readonly sql: string;
}

export type GeneratedSet = ReadonlyMap<string, GeneratedMigration>;

/** A model block set per version. `enum` only on PostgreSQL (SQLite has no enums). */
interface Version {
  readonly step: string;
  readonly models: (provider: 'sqlite' | 'postgresql') => string;
}

const pgOnly = (provider: string, text: string) => (provider === 'postgresql' ? text : '');

const user = (p: string, extra: string, nameType = 'String @db.VarChar(200)', ageType = 'Int') => `
model User {
  id     Int    @id @default(autoincrement())
  email  String
  name   ${p === 'postgresql' ? nameType : 'String'}
  age    ${ageType}
  ${pgOnly(p, 'status Status @default(ACTIVE)')}
  posts  Post[]  @relation("author")
  ${extra}
}`;

const enumBlock = (p: string, values: string) => pgOnly(p, `enum Status {\n  ${values}\n}`);

const post = (body: string, extra = '', id = '@id @default(autoincrement())') => `
model Post {
  id       Int    ${id}
  title    String
  ${body}
  authorId Int
  author   User   @relation("author", fields: [authorId], references: [id])
  ${extra}
}`;

const legacy = `
model Legacy {
  id   Int    @id
  note String
}`;

const volatile = (p: string) =>
  pgOnly(p, 'token String @default(dbgenerated("gen_random_uuid()")) @db.Uuid\n  createdAt DateTime @default(now())');

const withEditor = 'editorId Int?\n  editor   User?  @relation("editor", fields: [editorId], references: [id])';

/**
 * The chain: every step is one schema change, so each generated migration holds exactly the SQL of
 * one rule's situation. Order matters (each version builds on the one before).
 */
export const VERSIONS: readonly Version[] = [
  {
    step: 'init',
    models: (p) =>
      `${enumBlock(p, 'ACTIVE\n  ARCHIVED\n  DRAFT')}${user(p, 'bio String?')}${post('body String')}${legacy}`,
  },
  {
    step: 'drop_table',
    models: (p) => `${enumBlock(p, 'ACTIVE\n  ARCHIVED\n  DRAFT')}${user(p, 'bio String?')}${post('body String')}`,
  },
  {
    step: 'drop_column',
    models: (p) => `${enumBlock(p, 'ACTIVE\n  ARCHIVED\n  DRAFT')}${user(p, '')}${post('body String')}`,
  },
  {
    step: 'rename_column',
    models: (p) => `${enumBlock(p, 'ACTIVE\n  ARCHIVED\n  DRAFT')}${user(p, '')}${post('content String')}`,
  },
  {
    step: 'required_column',
    models: (p) =>
      `${enumBlock(p, 'ACTIVE\n  ARCHIVED\n  DRAFT')}${user(p, 'country String')}${post('content String')}`,
  },
  {
    step: 'new_index',
    models: (p) =>
      `${enumBlock(p, 'ACTIVE\n  ARCHIVED\n  DRAFT')}${user(p, 'country String')}${post('content String', '@@index([title])')}`,
  },
  {
    step: 'unique_index',
    models: (p) =>
      `${enumBlock(p, 'ACTIVE\n  ARCHIVED\n  DRAFT')}${user(p, 'country String\n  @@unique([email])')}${post('content String', '@@index([title])')}`,
  },
  {
    step: 'type_change',
    models: (p) =>
      `${enumBlock(p, 'ACTIVE\n  ARCHIVED\n  DRAFT')}${user(p, 'country String\n  @@unique([email])', 'String @db.VarChar(200)', 'BigInt')}${post('content String', '@@index([title])')}`,
  },
  {
    step: 'narrowing',
    models: (p) =>
      `${enumBlock(p, 'ACTIVE\n  ARCHIVED\n  DRAFT')}${user(p, 'country String\n  @@unique([email])', 'String @db.VarChar(50)', 'BigInt')}${post('content String', '@@index([title])')}`,
  },
  {
    step: 'enum_value_removed',
    models: (p) =>
      `${enumBlock(p, 'ACTIVE\n  ARCHIVED')}${user(p, 'country String\n  @@unique([email])', 'String @db.VarChar(50)', 'BigInt')}${post('content String', '@@index([title])')}`,
  },
  {
    step: 'new_foreign_key',
    models: (p) =>
      `${enumBlock(p, 'ACTIVE\n  ARCHIVED')}${user(p, 'country String\n  edited Post[] @relation("editor")\n  @@unique([email])', 'String @db.VarChar(50)', 'BigInt')}${post('content String', `@@index([title])\n  ${withEditor}`)}`,
  },
  // the relation goes, its column stays: only the foreign key is dropped
  {
    step: 'drop_foreign_key',
    models: (p) =>
      `${enumBlock(p, 'ACTIVE\n  ARCHIVED')}${user(p, 'country String\n  @@unique([email])', 'String @db.VarChar(50)', 'BigInt')}${post('content String', '@@index([title])\n  editorId Int?')}`,
  },
  // PostgreSQL: a per-row default (rewrites) beside now() (stable: no rewrite)
  {
    step: 'volatile_default',
    models: (p) =>
      `${enumBlock(p, 'ACTIVE\n  ARCHIVED')}${user(p, 'country String\n  @@unique([email])', 'String @db.VarChar(50)', 'BigInt')}${post('content String', `@@index([title])\n  editorId Int?\n  ${volatile(p)}`)}`,
  },
  // a value inserted before the end of the enum (PostgreSQL: ADD VALUE, in place)
  {
    step: 'enum_value_inserted',
    models: (p) =>
      `${enumBlock(p, 'ACTIVE\n  PAUSED\n  ARCHIVED')}${user(p, 'country String\n  @@unique([email])', 'String @db.VarChar(50)', 'BigInt')}${post('content String', `@@index([title])\n  editorId Int?\n  ${volatile(p)}`)}`,
  },
  // PostgreSQL: the primary key widened to two columns (SQLite cannot keep autoincrement in a composite key)
  {
    step: 'primary_key',
    models: (p) =>
      `${enumBlock(p, 'ACTIVE\n  PAUSED\n  ARCHIVED')}${user(p, 'country String\n  @@unique([email])', 'String @db.VarChar(50)', 'BigInt')}${post('content String', `@@index([title])\n  editorId Int?\n  ${volatile(p)}${pgOnly(p, '\n  @@id([id, authorId])')}`, p === 'postgresql' ? '@default(autoincrement())' : undefined)}`,
  },
  // an optional column made required: PostgreSQL's SET NOT NULL
  {
    step: 'set_not_null',
    models: (p) =>
      `${enumBlock(p, 'ACTIVE\n  PAUSED\n  ARCHIVED')}${user(p, 'country String\n  @@unique([email])', 'String @db.VarChar(50)', 'BigInt')}${post('content String', `@@index([title])\n  editorId Int\n  ${volatile(p)}${pgOnly(p, '\n  @@id([id, authorId])')}`, p === 'postgresql' ? '@default(autoincrement())' : undefined)}`,
  },
];

function schemaText(provider: 'sqlite' | 'postgresql', models: string): string {
  return `datasource db {\n  provider = "${provider}"\n}\n${models}\n`;
}

/** Runs the chain against the target; returns each step's migration. */
export async function generateChain(
  provider: 'sqlite' | 'postgresql',
  target: DatabaseTarget,
  migrationsDir: string,
): Promise<Map<string, GeneratedMigration>> {
  const out = new Map<string, GeneratedMigration>();
  for (const [i, version] of VERSIONS.entries()) {
    const schemaFiles = [
      {
        path: path.join(migrationsDir, '..', 'schema.prisma'),
        content: schemaText(provider, version.models(provider)),
      },
    ];
    const engine = await EmbeddedSchemaEngine.open({
      schemaFiles,
      adapterFactory:
        target.provider === 'postgresql'
          ? new SafePostgresAdapterFactory(target.url)
          : await createAdapterFactory(target),
    });
    try {
      // sNN keeps the folders in creation order when two land in the same second
      const result = await createMigration(engine, {
        migrationsDir,
        schemaFiles,
        name: `s${String(i).padStart(2, '0')}_${version.step}`,
      });
      if (result.kind === 'unchanged') continue; // SQLite: no enums, no VarChar length
      if (result.kind !== 'created') throw new Error(`step ${version.step} on ${provider}: ${JSON.stringify(result)}`);
      out.set(version.step, {
        step: version.step,
        folder: result.folder,
        sql: readFileSync(path.join(result.folder, 'migration.sql'), 'utf8'),
      });
    } finally {
      await engine.dispose();
    }
  }
  return out;
}

let sqlite: Promise<{ set: GeneratedSet; dir: string }> | undefined;

/** The SQLite chain, generated once per test process (a few hundred ms). */
export function sqliteGenerated(): Promise<{ set: GeneratedSet; dir: string }> {
  sqlite ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pw-lint-sqlite-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const migrationsDir = path.join(dir, 'migrations');
    const set = await generateChain(
      'sqlite',
      { provider: 'sqlite', url: `file:${path.join(dir, 'dev.db')}`, configDir: dir },
      migrationsDir,
    );
    return { set, dir };
  })();
  return sqlite;
}

let postgres: Promise<{ set: GeneratedSet } | { skip: string }> | undefined;

/** The PostgreSQL chain on a throwaway database (dropped after), or why it could not run. */
export function postgresGenerated(): Promise<{ set: GeneratedSet } | { skip: string }> {
  postgres ??= (async () => {
    const db = await throwawayPostgres('pw_lint_gen');
    if ('skip' in db) return db;
    const dir = mkdtempSync(path.join(tmpdir(), 'pw-lint-pg-'));
    try {
      const set = await generateChain(
        'postgresql',
        { provider: 'postgresql', url: db.url },
        path.join(dir, 'migrations'),
      );
      return { set };
    } finally {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return postgres;
}

/** Folders of a generated migrations dir, in order. */
export function migrationFolders(migrationsDir: string): string[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}
