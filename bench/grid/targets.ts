// The databases the grid bench runs on: the same 1,000,000-row `Item` table in SQLite (a file in the
// workspace) and in PostgreSQL (a throwaway database on TEST_POSTGRES_URL's server, else the local one,
// filled with generate_series and dropped after).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createClient } from '@libsql/client';
import pg from 'pg';
import type { DataProvider } from '../../src/core/data/schemaCopy';
import { maskSecrets } from '../../src/core/util/maskSecrets';

export interface Target {
  label: 'SQLite' | 'PostgreSQL';
  provider: DataProvider;
  schema: string;
  /** The folder opened in the workbench (schema.prisma + prisma.config.ts). */
  workspace: string;
  /** The URL our data layer and `prisma studio --url` get. */
  url: string;
  /** Studio's schema name in its URL hash. */
  studioSchema: string;
  buildSeconds: number;
  drop(): Promise<void>;
}

const model = (idDefault: string) => `model Item {
  id        Int      @id @default(${idDefault})
  name      String
  email     String
  score     Int
  createdAt DateTime @default(now())
}

model Note {
  id      Int    @id @default(${idDefault})
  email   String
  ownerId Int
  owner   Owner  @relation(fields: [ownerId], references: [id])
}

model Owner {
  id    Int    @id @default(${idDefault})
  email String
  notes Note[]
}
`;
/** The second model's rows: the grid shows them when the open grid is reused for another model (bench/grid/ours.ts). */
export const NOTE_ROWS = 1000;
/** Note n belongs to Owner ((n - 1) % OWNERS) + 1: the relation followed from the grid (bench/grid/ours.ts). */
const OWNERS = 10;

function writeWorkspace(dir: string, provider: string, configUrl: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const schema = `datasource db {\n  provider = "${provider}"\n}\n\n${model('autoincrement()')}`;
  fs.writeFileSync(path.join(dir, 'schema.prisma'), schema);
  fs.writeFileSync(
    path.join(dir, 'prisma.config.ts'),
    `export default {\n  schema: './schema.prisma',\n  datasource: { url: ${JSON.stringify(configUrl)} },\n};\n`,
  );
  return schema;
}

export async function sqliteTarget(dir: string, rows: number): Promise<Target> {
  const t0 = performance.now();
  const schema = writeWorkspace(dir, 'sqlite', 'file:./bench.db');
  const file = path.join(dir, 'bench.db');
  const db = createClient({ url: `file:${file}` });
  await db.executeMultiple(`CREATE TABLE "Item" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL, "email" TEXT NOT NULL, "score" INTEGER NOT NULL, "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT ${rows})
INSERT INTO "Item" (id, name, email, score, createdAt)
SELECT x, 'Name ' || ((x * 7919) % ${rows}), 'user' || x || '@example.com', (x * 31) % 1000, strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 1735689600 + x, 'unixepoch') FROM c;
CREATE TABLE "Note" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL, "ownerId" INTEGER NOT NULL);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT ${NOTE_ROWS})
INSERT INTO "Note" (id, email, "ownerId") SELECT x, 'note' || x || '@example.com', ((x - 1) % ${OWNERS}) + 1 FROM c;
CREATE TABLE "Owner" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT ${OWNERS})
INSERT INTO "Owner" (id, email) SELECT x, 'owner' || x || '@example.com' FROM c;`);
  db.close();
  return {
    label: 'SQLite',
    provider: 'sqlite',
    schema,
    workspace: dir,
    url: `file:${file}`,
    studioSchema: 'main',
    buildSeconds: (performance.now() - t0) / 1000,
    drop: async () => undefined,
  };
}

export const pgAdminUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** The PostgreSQL target, or why there is none (no server, and TEST_POSTGRES_URL not set). */
export async function postgresTarget(dir: string, rows: number): Promise<Target | { skipped: string }> {
  const admin = new pg.Client({ connectionString: pgAdminUrl, connectionTimeoutMillis: 4000 });
  try {
    await admin.connect();
  } catch (e) {
    const why = `no PostgreSQL server answers at ${maskSecrets(pgAdminUrl)} (${(e as Error).message})`;
    if (process.env.TEST_POSTGRES_URL) throw new Error(`TEST_POSTGRES_URL is set but ${why}`);
    return { skipped: `${why}; set TEST_POSTGRES_URL to measure it` };
  }
  const t0 = performance.now();
  const database = `gridbench_${process.pid}_${Date.now().toString(36)}`;
  const url = new URL(pgAdminUrl);
  url.pathname = `/${database}`;
  const dbUrl = url.toString();
  const drop = async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  };
  try {
    await admin.query(`CREATE DATABASE "${database}"`);
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    try {
      await db.query(
        `CREATE TABLE "Item" ("id" SERIAL PRIMARY KEY, "name" TEXT NOT NULL, "email" TEXT NOT NULL, "score" INTEGER NOT NULL, "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP)`,
      );
      await db.query(`INSERT INTO "Item" (id, name, email, score, "createdAt")
        SELECT x, 'Name ' || ((x * 7919::bigint) % ${rows}), 'user' || x || '@example.com', (x * 31) % 1000, TIMESTAMP '2025-01-01' + x * INTERVAL '1 second'
        FROM generate_series(1, ${rows}) AS x`);
      await db.query(`SELECT setval(pg_get_serial_sequence('"Item"', 'id'), ${rows})`);
      await db.query('VACUUM ANALYZE "Item"');
      await db.query(
        `CREATE TABLE "Note" ("id" SERIAL PRIMARY KEY, "email" TEXT NOT NULL, "ownerId" INTEGER NOT NULL)`,
      );
      await db.query(
        `INSERT INTO "Note" (id, email, "ownerId") SELECT x, 'note' || x || '@example.com', ((x - 1) % ${OWNERS}) + 1 FROM generate_series(1, ${NOTE_ROWS}) AS x`,
      );
      await db.query(`SELECT setval(pg_get_serial_sequence('"Note"', 'id'), ${NOTE_ROWS})`);
      await db.query(`CREATE TABLE "Owner" ("id" SERIAL PRIMARY KEY, "email" TEXT NOT NULL)`);
      await db.query(
        `INSERT INTO "Owner" (id, email) SELECT x, 'owner' || x || '@example.com' FROM generate_series(1, ${OWNERS}) AS x`,
      );
      await db.query(`SELECT setval(pg_get_serial_sequence('"Owner"', 'id'), ${OWNERS})`);
      await db.query('VACUUM ANALYZE "Note", "Owner"');
    } finally {
      await db.end();
    }
  } catch (e) {
    await drop().catch(() => undefined);
    throw e;
  }
  const schema = writeWorkspace(dir, 'postgresql', dbUrl);
  return {
    label: 'PostgreSQL',
    provider: 'postgresql',
    schema,
    workspace: dir,
    url: dbUrl,
    studioSchema: 'public',
    buildSeconds: (performance.now() - t0) / 1000,
    drop,
  };
}
