// Prisma driver adapters for the grid's client, loaded on first use: libsql (SQLite; N-API, no Electron
// rebuild), pg (PostgreSQL) and mariadb (MySQL / MariaDB), both pure JavaScript.
import { searchPathOnConnect, urlSchema } from '../connections/postgresSchema';
import { loadLibsql } from '../engine/libsqlNative';
import type { DataProvider } from './schemaCopy';

export async function createClientAdapter(provider: DataProvider, url: string): Promise<unknown> {
  switch (provider) {
    case 'sqlite': {
      const { PrismaLibSql } = await loadLibsql(() => import('@prisma/adapter-libsql'));
      // bigint: libsql's default ('number') throws on integers beyond 2^53 (BigInt columns)
      return new PrismaLibSql({ url, intMode: 'bigint' });
    }
    case 'postgresql': {
      const { PrismaPg } = await import('@prisma/adapter-pg');
      // `?schema=`: adapter-pg ignores it in the URL; the client's queries and our raw SQL must use it
      const schema = urlSchema(url);
      return new PrismaPg(
        { connectionString: url, max: 4, ...searchPathOnConnect(schema) },
        schema ? { schema } : undefined,
      );
    }
    case 'mysql': {
      const { PrismaMariaDb } = await import('@prisma/adapter-mariadb');
      return new PrismaMariaDb(url.replace(/^mysql:/i, 'mariadb:'));
    }
  }
}
