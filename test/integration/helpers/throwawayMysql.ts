// The throwaway MySQL / MariaDB database a MySQL run works on (runs.mjs names it in PW_MY_DATABASE and
// points DATABASE_URL at it): created in a suite's before hook on TEST_MYSQL_URL's server (else the local
// one at 127.0.0.1:3306), dropped after. No server and no TEST_MYSQL_URL: the suite says why and skips; a
// TEST_MYSQL_URL that does not answer fails it.
import * as assert from 'node:assert/strict';
import { createConnection, type Connection } from 'mariadb';
import { maskSecrets } from '../../../src/core/util/maskSecrets';
import { sayWhySkipped } from './migrations';

export const adminUrl = process.env.PW_MY_ADMIN_URL ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
export const database = process.env.PW_MY_DATABASE ?? '';

function options(url: string, db?: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    connectTimeout: 4000,
    multipleStatements: true,
    ...(db ? { database: db } : {}),
  };
}

export class ThrowawayMysql {
  private admin: Connection | undefined;
  private created = false;

  /** Creates the database, or skips the suite (through `suite.skip()`) when there is no server to use. */
  async create(suite: Mocha.Context): Promise<void> {
    assert.match(database, /^pw_it_\w+$/, 'PW_MY_DATABASE is not set by the run');
    try {
      this.admin = await createConnection(options(adminUrl));
    } catch (e) {
      this.admin = undefined;
      if (process.env.TEST_MYSQL_URL)
        throw new Error(`TEST_MYSQL_URL is set but ${maskSecrets(adminUrl)} is not reachable: ${(e as Error).message}`);
      sayWhySkipped(`no MySQL / MariaDB server at ${maskSecrets(adminUrl)} and TEST_MYSQL_URL is not set`);
      suite.skip();
    }
    await this.admin!.query(`CREATE DATABASE \`${database}\``);
    this.created = true;
  }

  /** A connection to the throwaway database (the caller closes it). */
  connect(): Promise<Connection> {
    return createConnection(options(adminUrl, database));
  }

  async drop(): Promise<void> {
    if (this.admin && this.created) await this.admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await this.admin?.end();
    this.admin = undefined;
  }
}
