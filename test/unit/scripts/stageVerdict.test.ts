// npm test's verdict on a stage (scripts/stageVerdict.mjs): a skip is never a pass, and in CI a skipped
// test fails its stage unless a database URL it needs is not set.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

interface Verdict {
  status: 'passed' | 'failed' | 'skipped';
  passed: number;
  failed: number;
  skipped: number;
  note?: string;
}
type Counts = { passed?: number; failed?: number; skipped?: number; note?: string };
interface Module {
  stageVerdict(counts: Counts, context?: { env?: Record<string, string>; databases?: string[] }): Verdict;
  databasesOfRun(run: { env?: Record<string, string> }): string[];
}

const load = (): Promise<Module> =>
  import(pathToFileURL(path.resolve(__dirname, '..', '..', '..', 'scripts', 'stageVerdict.mjs')).href);

const PG = 'TEST_POSTGRES_URL';
const MY = 'TEST_MYSQL_URL';
const both = { [PG]: 'postgresql://x', [MY]: 'mysql://x' };

describe('npm test: the verdict on a stage', () => {
  let m: Module;
  before(async () => {
    m = await load();
  });

  it('a stage whose tests all skipped is skipped, not passed, and says so', () => {
    const v = m.stageVerdict({ passed: 0, failed: 0, skipped: 13 }, { env: {} });
    assert.equal(v.status, 'skipped');
    assert.equal(v.skipped, 13);
    assert.equal(v.passed, 0);
    assert.match(v.note ?? '', /all 13 tests skipped/);
  });

  it('outside CI, passes beside skips pass, with the skips counted apart', () => {
    assert.deepEqual(m.stageVerdict({ passed: 5, failed: 0, skipped: 2 }, { env: {} }), {
      status: 'passed',
      passed: 5,
      failed: 0,
      skipped: 2,
    });
  });

  it('in CI, a skip in a database stage whose URL is set fails it', () => {
    const v = m.stageVerdict({ passed: 5, skipped: 1 }, { env: { CI: '1', ...both }, databases: [PG] });
    assert.equal(v.status, 'failed');
    assert.equal(v.failed, 0, 'no test failed: the stage did');
    assert.match(v.note ?? '', /1 skipped in CI although TEST_POSTGRES_URL is set/);
    assert.equal(
      m.stageVerdict({ passed: 0, skipped: 9 }, { env: { CI: 'true', [MY]: 'mysql://x' }, databases: [MY] }).status,
      'failed',
    );
  });

  it('in CI, a database stage may skip when its URL is not set', () => {
    assert.equal(
      m.stageVerdict({ passed: 0, skipped: 9 }, { env: { CI: '1', [PG]: 'postgresql://x' }, databases: [MY] }).status,
      'skipped',
    );
    assert.equal(
      m.stageVerdict({ passed: 9, skipped: 2 }, { env: { CI: '1', [PG]: 'postgresql://x' }, databases: [PG, MY] })
        .status,
      'passed',
    );
  });

  it('in CI, a skip in a stage that needs no database fails it', () => {
    assert.equal(m.stageVerdict({ passed: 7, skipped: 1 }, { env: { CI: '1' } }).status, 'failed');
  });

  it('failures and stages without any test fail', () => {
    assert.equal(m.stageVerdict({ passed: 3, failed: 1 }, { env: {} }).status, 'failed');
    const none = m.stageVerdict({ passed: 0, failed: 0, skipped: 0 }, { env: {} });
    assert.equal(none.status, 'failed');
    assert.match(none.note ?? '', /no tests ran/);
  });

  it('reads the databases an integration run needs from the env runs.mjs gives it', async () => {
    const { runs } = (await import(
      pathToFileURL(path.resolve(__dirname, '..', '..', 'integration', 'runs.mjs')).href
    )) as { runs: { name: string; env?: Record<string, string> }[] };
    const needs = Object.fromEntries(runs.map((r) => [r.name, m.databasesOfRun(r)]));
    assert.deepEqual(needs.postgres, [PG]);
    assert.deepEqual(needs['postgres-grid'], [PG]);
    assert.deepEqual(needs['mysql-grid'], [MY]);
    assert.deepEqual(needs.sample, []);
  });
});
