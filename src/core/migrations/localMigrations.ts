// The migrations folder as the Prisma CLI sees it: every sub-folder is a migration (sorted by name, like
// the CLI), `migration.sql` inside it, and `migration_lock.toml` naming the provider. Broken folders are
// reported on the entry, never thrown: the view must list them whatever state they are in.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { decodeUtf8Strict } from '../util/strictUtf8';
import path from 'node:path';

export const MIGRATION_SQL = 'migration.sql';
export const LOCK_FILE = 'migration_lock.toml';

export interface LocalMigration {
  /** Folder name, e.g. `20240101120000_init`. */
  readonly name: string;
  readonly dir: string;
  /** Absolute path of migration.sql (it may not exist: see `problem`). */
  readonly sqlFile: string;
  /** sha256 hex of migration.sql, as Prisma stores it in `_prisma_migrations.checksum`. */
  readonly checksum?: string;
  /** Same, of the script with CRLF normalised to LF (Prisma accepts either when comparing). */
  readonly checksumLf?: string;
  /** Same, of the script with every LF written as CRLF (Prisma accepts it too: see checksum.ts). */
  readonly checksumCrlf?: string;
  /** Why this folder is not a usable migration (no migration.sql, unreadable, odd name). */
  readonly problem?: string;
}

export interface LocalMigrations {
  readonly dir: string;
  readonly exists: boolean;
  readonly migrations: readonly LocalMigration[];
  /** `provider = "…"` from migration_lock.toml. */
  readonly lockProvider?: string;
}

/** Prisma's folder names start with a 14-digit timestamp; others still run, but sort oddly. */
const NAME = /^\d{14}_/;

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

export function readLocalMigrations(migrationsDir: string): LocalMigrations {
  const dir = path.resolve(migrationsDir);
  let entries: string[];
  try {
    entries = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return { dir, exists: false, migrations: [] };
  }
  const migrations = entries.sort((a, b) => a.localeCompare(b)).map((name) => readOne(dir, name));
  const lock = readText(path.join(dir, LOCK_FILE));
  const lockProvider = lock === undefined ? undefined : /^\s*provider\s*=\s*"([^"]*)"/m.exec(lock)?.[1];
  return lockProvider === undefined
    ? { dir, exists: true, migrations }
    : { dir, exists: true, migrations, lockProvider };
}

function readOne(base: string, name: string): LocalMigration {
  const dir = path.join(base, name);
  const sqlFile = path.join(dir, MIGRATION_SQL);
  let bytes: Buffer;
  try {
    bytes = readFileSync(sqlFile);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      name,
      dir,
      sqlFile,
      problem:
        code === 'ENOENT'
          ? `no ${MIGRATION_SQL} in this folder`
          : `cannot read ${MIGRATION_SQL}: ${(e as Error).message}`,
    };
  }
  const checksum = sha256(bytes);
  let text: string;
  try {
    text = decodeUtf8Strict(bytes, MIGRATION_SQL);
  } catch (e) {
    return { name, dir, sqlFile, checksum, checksumLf: checksum, problem: (e as Error).message };
  }
  const checksumLf = text.includes('\r\n') ? sha256(text.replace(/\r\n/g, '\n')) : checksum;
  const checksumCrlf = text.includes('\n') ? sha256(text.replace(/\n/g, '\r\n')) : checksum;
  const problem = NAME.test(name)
    ? undefined
    : 'the folder name does not start with a timestamp (YYYYMMDDHHMMSS_): it sorts out of order';
  const found = { name, dir, sqlFile, checksum, checksumLf, checksumCrlf };
  return problem ? { ...found, problem } : found;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
