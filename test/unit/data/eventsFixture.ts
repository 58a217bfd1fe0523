// One small table, `events`, on SQLite, PostgreSQL or MySQL / MariaDB, with the grid's private client and
// a plain connection of its own (the "other session" of the fault tests). Timestamps have microseconds
// (timestamptz(6), DATETIME(6), and ISO text with six digits on SQLite, as other tools write it), a
// column with ties (`rank`), Json, Bytes and Decimal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import pg from 'pg';
import { createClientAdapter } from '../../../src/core/data/adapters';
import { DataSession } from '../../../src/core/data/dataSession';
import { modelMeta } from '../../../src/core/data/modelMeta';
import { normalizeSchema, type DataProvider } from '../../../src/core/data/schemaCopy';
import { parseSchema } from '../../../src/core/schema/parse';
import type { ModelMeta } from '../../../src/shared/protocol/model';
import { mysqlConnection, orSkip, throwawayMysql, throwawayPostgres } from '../testServers';
import { repoClientStore } from './sqliteFixture';

export const EVENT_ROWS = 60;

const at = { sqlite: '', postgresql: ' @db.Timestamptz(6)', mysql: ' @db.DateTime(6)' };
const schemaFor = (provider: DataProvider) => `datasource db {
  provider = "${provider}"
}

model Event {
  id    Int      @id
  name  String
  rank  Int
  at    DateTime${at[provider]}
  data  Json?
  blob  Bytes?
  price Decimal?
  @@map("events")
}
`;

const tableSql: Record<DataProvider, string> = {
  sqlite:
    'CREATE TABLE events (id INTEGER PRIMARY KEY, name TEXT NOT NULL, rank INTEGER NOT NULL, at DATETIME NOT NULL, data TEXT, blob BLOB, price DECIMAL)',
  postgresql:
    'CREATE TABLE events (id int PRIMARY KEY, name text NOT NULL, rank int NOT NULL, at timestamptz(6) NOT NULL, data jsonb, blob bytea, price numeric(20,6))',
  mysql:
    'CREATE TABLE events (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, `rank` INT NOT NULL, at DATETIME(6) NOT NULL, data JSON NULL, `blob` LONGBLOB NULL, price DECIMAL(20,6) NULL)',
};

/** Row i's timestamp: all within 12:00:00.100-.103, many rows sharing a millisecond, none sharing a microsecond. */
export function microsOf(i: number): string {
  return String(100000 + ((i * 1919) % 3000)).padStart(6, '0');
}

function insertSql(provider: DataProvider): string {
  const rows: string[] = [];
  for (let i = 1; i <= EVENT_ROWS; i++) {
    const ts =
      provider === 'sqlite'
        ? `'2024-05-01T12:00:00.${microsOf(i)}+00:00'`
        : provider === 'postgresql'
          ? `'2024-05-01 12:00:00.${microsOf(i)}+00'`
          : `'2024-05-01 12:00:00.${microsOf(i)}'`;
    const data = i % 5 === 0 ? 'NULL' : `'{"n": ${i}, "tags": ["a", "b"]}'`;
    const blob =
      provider === 'postgresql'
        ? `'\\x0a0b${i.toString(16).padStart(2, '0')}'`
        : `X'0a0b${i.toString(16).padStart(2, '0')}'`;
    rows.push(`(${i}, 'event ${i}', ${i % 4}, ${ts}, ${data}, ${blob}, ${i % 3 ? `${i}.125000` : 'NULL'})`);
  }
  return `INSERT INTO events (id, name, ${provider === 'mysql' ? '`rank`' : 'rank'}, at, data, ${provider === 'mysql' ? '`blob`' : 'blob'}, price) VALUES ${rows.join(', ')}`;
}

export interface EventsDb {
  provider: DataProvider;
  session: DataSession;
  model: ModelMeta;
  /** Runs SQL on the fixture's own connection (another session than the grid's). */
  sql(text: string): Promise<Record<string, unknown>[]>;
  /** A second connection, for a transaction held open across the grid's save (PostgreSQL and MySQL). */
  other(): Promise<{ sql(text: string): Promise<unknown>; end(): Promise<void> }>;
  /** SQLite: the database file (another connection to it holds locks in the fault suite). */
  file?(): Promise<string>;
  close(): Promise<void>;
}

export interface EventsOptions {
  /** The URL the grid's session connects to, given the server's (a TCP proxy in front of it: the fault suite). */
  sessionUrl?: (url: string) => Promise<string>;
  /** The grid's limit for connecting and for one query. */
  timeoutMs?: number;
}

/** In a mocha hook: the events table on `provider`, or the test skips saying why (no server). */
export async function eventsDb(
  ctx: Mocha.Context,
  provider: DataProvider,
  options: EventsOptions = {},
): Promise<EventsDb> {
  const adapter = async (url: string) =>
    createClientAdapter(provider, options.sessionUrl ? await options.sessionUrl(url) : url, {
      timeoutMs: options.timeoutMs,
    });
  const files = [{ path: '/virtual/schema.prisma', content: schemaFor(provider) }];
  const doc = parseSchema(files);
  const model = modelMeta(doc, 'Event');
  const store = repoClientStore();
  const mod = store.load(await store.ensure(normalizeSchema(files, doc, `events-${provider}`)));
  if (provider === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-events-'));
    const url = `file:${path.join(dir, 'events.db')}`;
    const db = createClient({ url });
    await db.execute(tableSql.sqlite);
    await db.execute(insertSql('sqlite'));
    const session = await DataSession.open(mod, 'sqlite', await adapter(url));
    return {
      provider,
      session,
      model,
      sql: async (text) => (await db.execute(text)).rows.map((r) => ({ ...r })),
      other: () => Promise.reject(new Error('SQLite has one writer: no second transaction is held open')),
      file: () => Promise.resolve(path.join(dir, 'events.db')),
      close: async () => {
        await session.dispose();
        db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (provider === 'postgresql') {
    const server = orSkip(ctx, await throwawayPostgres('pw_events'));
    const db = new pg.Client({ connectionString: server.url });
    await db.connect();
    await db.query(tableSql.postgresql);
    await db.query(insertSql('postgresql'));
    const session = await DataSession.open(mod, 'postgresql', await adapter(server.url));
    return {
      provider,
      session,
      model,
      sql: async (text) => (await db.query(text)).rows as Record<string, unknown>[],
      other: async () => {
        const c = new pg.Client({ connectionString: server.url });
        await c.connect();
        return { sql: (text: string) => c.query(text), end: () => c.end() };
      },
      close: async () => {
        await session.dispose();
        await db.end();
        await server.drop();
      },
    };
  }
  const server = orSkip(ctx, await throwawayMysql('pw_events'));
  const db = await mysqlConnection(server.name);
  await db.query(tableSql.mysql);
  await db.query(insertSql('mysql'));
  const session = await DataSession.open(mod, 'mysql', await adapter(server.url));
  return {
    provider,
    session,
    model,
    sql: async (text) => (await db.query(text)) as Record<string, unknown>[],
    other: async () => {
      const c = await mysqlConnection(server.name);
      return { sql: (text: string) => c.query(text), end: () => c.end() };
    },
    close: async () => {
      await session.dispose();
      await db.end();
      await server.drop();
    },
  };
}
