// What `npm test` makes of one stage's counts (scripts/test.mjs): passed, failed, or skipped, never a
// skip counted as a pass. A stage whose tests all skipped is "skipped", not "passed". In CI (`CI` set) a
// skipped test fails its stage, unless the stage needs a database whose URL is not set (the only honest
// reason left for a skip there): with TEST_POSTGRES_URL / TEST_MYSQL_URL set, a database test that skips
// fails the run.

/** The database URL variables an integration run's tests need (read from the env runs.mjs gives it). */
export function databasesOfRun(run) {
  const env = run.env ?? {};
  return [
    ...('PW_PG_ADMIN_URL' in env ? ['TEST_POSTGRES_URL'] : []),
    ...('PW_MY_ADMIN_URL' in env ? ['TEST_MYSQL_URL'] : []),
  ];
}

/**
 * @param {{passed?: number, failed?: number, skipped?: number, note?: string}} counts
 * @param {{env?: Record<string, string | undefined>, databases?: string[]}} [context]
 *   env: the environment (CI, TEST_*_URL); databases: the URL variables the stage's tests need
 * @returns {{status: 'passed' | 'failed' | 'skipped', passed: number, failed: number, skipped: number, note?: string}}
 */
export function stageVerdict(counts, { env = process.env, databases = [] } = {}) {
  const passed = counts.passed ?? 0;
  const skipped = counts.skipped ?? 0;
  const failed = counts.failed ?? 0;
  const notes = counts.note ? [counts.note] : [];
  const result = (status) => ({ status, passed, failed, skipped, ...(notes.length ? { note: notes.join('; ') } : {}) });
  if (passed === 0 && failed === 0 && skipped === 0) {
    notes.push('no tests ran');
    return result('failed');
  }
  if (failed > 0) return result('failed');
  if (env.CI && skipped > 0 && databases.every((v) => env[v])) {
    const set = databases.length
      ? ` although ${databases.join(' and ')} ${databases.length > 1 ? 'are' : 'is'} set`
      : '';
    notes.push(`${skipped} skipped in CI${set}: a skip fails the run there`);
    return result('failed');
  }
  if (passed === 0) {
    notes.push(`all ${skipped} tests skipped`);
    return result('skipped');
  }
  return result('passed');
}
