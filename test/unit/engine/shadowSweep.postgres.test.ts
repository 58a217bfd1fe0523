// The sweep of shadow databases left behind by a process that died drops only ours: names starting with
// `prisma_workbench_shadow_` taken literally. In LIKE, `_` is any one character, so before, a user's database
// named `prismaXworkbenchXshadowX…` (here `prismaxworkbenchxshadowx…`) was dropped by the first drift check.
import assert from 'node:assert/strict';
import pg from 'pg';
import { acquireShadowDatabase, dropAllShadowDatabases } from '../../../src/core/engine/shadowDatabasePool';
import { PG_BASE, orSkip, throwawayPostgres, type Throwaway } from '../testServers';

async function exists(name: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_BASE });
  await c.connect();
  try {
    return (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await c.end();
  }
}

describe('shadow database sweep (PostgreSQL)', function () {
  this.timeout(60_000);
  let main: Throwaway | undefined;
  let lookalike: Throwaway | undefined;

  before(async function () {
    main = orSkip(this, await throwawayPostgres('secreview_sweep'));
    lookalike = orSkip(this, await throwawayPostgres('prismaxworkbenchxshadowxsecreview'));
  });
  after(async () => {
    await dropAllShadowDatabases();
    await main?.drop();
    await lookalike?.drop();
  });

  it('leaves a database whose name only looks like ours under LIKE wildcards', async () => {
    const shadow = await acquireShadowDatabase({ connectionString: main!.url });
    shadow.release([]);
    assert.ok(await exists(shadow.name), 'the shadow database was made');
    assert.ok(await exists(lookalike!.name), `${lookalike!.name} was dropped by the sweep`);
  });
});
