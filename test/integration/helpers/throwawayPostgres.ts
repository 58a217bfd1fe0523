// The throwaway PostgreSQL database a Postgres run works on (runs.mjs names it in PW_PG_DATABASE and
// points DATABASE_URL at it): created in a suite's before hook on TEST_POSTGRES_URL's server (else the
// local one), dropped after. No server and no TEST_POSTGRES_URL: the suite says why and skips; a
// TEST_POSTGRES_URL that does not answer fails it.
import * as assert from 'node:assert/strict';
import pg from 'pg';
import { maskSecrets } from '../../../src/core/util/maskSecrets';
import { sayWhySkipped } from './migrations';

export const adminUrl =
  process.env.PW_PG_ADMIN_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const database = process.env.PW_PG_DATABASE ?? '';

export class ThrowawayPostgres {
  private admin: pg.Client | undefined;
  private created = false;

  /** Creates the database, or skips the suite (through `suite.skip()`) when there is no server to use. */
  async create(suite: Mocha.Context): Promise<void> {
    assert.match(database, /^pw_it_\w+$/, 'PW_PG_DATABASE is not set by the run');
    this.admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 4000 });
    try {
      await this.admin.connect();
    } catch (e) {
      this.admin = undefined;
      if (process.env.TEST_POSTGRES_URL)
        throw new Error(
          `TEST_POSTGRES_URL is set but ${maskSecrets(adminUrl)} is not reachable: ${(e as Error).message}`,
        );
      sayWhySkipped(`no PostgreSQL server at ${maskSecrets(adminUrl)} and TEST_POSTGRES_URL is not set`);
      suite.skip();
    }
    await this.admin.query(`CREATE DATABASE "${database}"`);
    this.created = true;
  }

  async drop(): Promise<void> {
    if (this.admin && this.created) await this.admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await this.admin?.end();
    this.admin = undefined;
  }
}
