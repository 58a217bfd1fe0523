// Migration names carry the UTC second they were made in (YYYYMMDDHHMMSS_name): a test that makes one
// migration after another waits for the clock to leave the seconds of the names already there, instead of
// sleeping a fixed time.
import { readdirSync } from 'node:fs';

export const migrationStamp = (d = new Date()): string => d.toISOString().replace(/\D/g, '').slice(0, 14);

/** Resolves once the current second is not the second of any of these migration names (or folders). */
export async function untilNewMigrationSecond(taken: Iterable<string>): Promise<void> {
  const stamps = new Set([...taken].map((n) => n.slice(0, 14)));
  while (stamps.has(migrationStamp())) await new Promise((r) => setTimeout(r, 20));
}

/** The same for the folders of a migrations directory. */
export const untilNewSecondIn = (migrationsDir: string): Promise<void> =>
  untilNewMigrationSecond(readdirSync(migrationsDir));
