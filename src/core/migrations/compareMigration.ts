// "Compare with previous schema": the database schema the migrations up to N-1 produce, and the one up to
// N, each as the SQL that creates it (the engine's diff from an empty database, replayed in a shadow
// database). Shown side by side, the difference is what migration N changed, in the database's terms.
import type { EmbeddedSchemaEngine } from '../engine/embeddedSchemaEngine';
import { NO_FILTER } from '../engine/embeddedSchemaEngine';
import { readMigrationsList } from '../engine/migrationsDirectory';

export interface MigrationComparison {
  /** The migration before `name`, undefined for the first one (then `before` is an empty database). */
  readonly previous: string | undefined;
  readonly before: string;
  readonly after: string;
}

/** Throws when `name` is not a folder of `migrationsDir`. */
export async function compareWithPrevious(
  engine: EmbeddedSchemaEngine,
  migrationsDir: string,
  name: string,
): Promise<MigrationComparison> {
  const all = readMigrationsList(migrationsDir);
  const at = all.migrationDirectories.findIndex((d) => d.path === name);
  if (at < 0) throw new Error(`The migration ${name} is not in ${migrationsDir}.`);
  const upTo = async (count: number): Promise<string> => {
    if (count === 0) return '';
    const migrationsList = { ...all, migrationDirectories: all.migrationDirectories.slice(0, count) };
    const result = await engine.diff({
      from: { tag: 'empty' },
      to: { tag: 'migrations', ...migrationsList },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return normalizeScript(result.stdout ?? '');
  };
  const before = await upTo(at);
  const after = await upTo(at + 1);
  return { previous: at > 0 ? all.migrationDirectories[at - 1].path : undefined, before, after };
}

/** The engine's script with its `-- CreateTable` style comments kept, trailing blank lines dropped. */
function normalizeScript(sql: string): string {
  const text = sql.replace(/\r\n/g, '\n').trimEnd();
  return text === '-- This is an empty migration.' ? '' : `${text}\n`;
}
