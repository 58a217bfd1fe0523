// The SQL runners, and the database drivers they bring, load with the first query a notebook runs, not at
// activation (esbuild.mjs lists runQuery among the modules meant for first use).
import type { runQuery as RunQuery } from '../../core/notebook/runQuery';

export const runQuery: typeof RunQuery = async (...args) =>
  (await import('../../core/notebook/runQuery')).runQuery(...args);
