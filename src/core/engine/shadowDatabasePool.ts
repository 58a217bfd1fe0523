// Reusable temporary shadow databases for PostgreSQL drift checks. Creating a database and dropping it
// again costs 0.4–1.4 s on a busy server, more than emptying one (≈0.1–0.2 s), and a drift check needs a
// shadow database every time the migrations are replayed. A shadow database made for a check is kept
// (per server and user) and dropped after a minute without use or when the owner calls dropAll()
// (extension deactivation, the end of a bench). It remembers what the last replay wrote into it
// (shadowReplay.ts): the next replay of the same migrations writes nothing, and it is emptied only when
// the writes differ. One user at a time: a check running beside another gets a database of its own. The
// admin connection uses the main URL as the user wrote it (its TLS settings included).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { quoteIdent } from '../connections/postgresSchema';
import type { ShadowContents } from './shadowReplay';

interface Kept {
  readonly name: string;
  busy: boolean;
  /** What the last user left in it; undefined: unknown (it must be emptied). */
  contents: ShadowContents;
  timer?: ReturnType<typeof setTimeout>;
}

const IDLE_MS = 60_000;
/** Kept databases carry this prefix: a process that died with one kept leaves it for the next sweep. */
export const KEPT_SHADOW_PREFIX = 'prisma_workbench_shadow_';
/** Servers swept for kept databases left by processes that ended without dropping them. */
const swept = new Set<string>();
/** Server key (host, port, user, main database) → its kept shadow databases. */
const kept = new Map<string, Kept[]>();
/** Admin connection settings per server key, to drop what is kept. */
const admins = new Map<string, pg.ClientConfig>();

/**
 * Empties every schema the engine may have filled (multi-schema projects too), then gives back `public`
 * and the schema the main URL names (`?schema=`), which the engine replays into. Kept shadow databases
 * only: they are ours, made by acquireShadowDatabase.
 */
export function emptyShadowSql(schema = 'public'): string {
  return `DO $$ DECLARE s text; BEGIN
  FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', s);
  END LOOP;
END $$; CREATE SCHEMA public;${schema === 'public' ? '' : ` CREATE SCHEMA ${quoteIdent(schema)};`}`;
}

/** Per main URL (server, user, database and `?schema=`: a replay into another schema is other contents). */
function keyOf(config: pg.ClientConfig): string {
  return config.connectionString ?? JSON.stringify([config.host, config.port, config.user, config.database]);
}

/**
 * A shadow database for `config`'s server: a kept one (`fresh` false, holding `contents`; the caller empties
 * it with emptyShadowSql when it needs it empty) or a new, empty one. `release(contents)` keeps it for the
 * next check instead of dropping it, with what it now holds.
 */
export async function acquireShadowDatabase(
  config: pg.ClientConfig,
): Promise<{ name: string; fresh: boolean; contents: ShadowContents; release(contents: ShadowContents): void }> {
  const key = keyOf(config);
  const list = kept.get(key) ?? [];
  kept.set(key, list);
  admins.set(key, config);
  if (!swept.has(key)) {
    swept.add(key);
    await sweep(config, list).catch(() => undefined);
  }
  let entry = list.find((k) => !k.busy);
  const fresh = entry === undefined;
  if (!entry) {
    const name = `${KEPT_SHADOW_PREFIX}${randomUUID().replace(/-/g, '')}`;
    await withAdmin(config, (c) => c.query(`CREATE DATABASE "${name}"`));
    entry = { name, busy: true, contents: [] };
    list.push(entry);
  }
  const held = entry;
  held.busy = true;
  if (held.timer) clearTimeout(held.timer);
  return {
    name: held.name,
    fresh,
    contents: held.contents,
    release: (contents) => {
      held.contents = contents;
      held.busy = false;
      held.timer = setTimeout(() => void drop(key, held), IDLE_MS);
      held.timer.unref?.();
    },
  };
}

/** Forgets a kept database that could not be used (e.g. emptying it failed) and drops it. */
export async function discardShadowDatabase(config: pg.ClientConfig, name: string): Promise<void> {
  const key = keyOf(config);
  const entry = kept.get(key)?.find((k) => k.name === name);
  if (entry) await drop(key, entry);
}

/** Drops every kept shadow database that is not in use. */
export async function dropAllShadowDatabases(): Promise<void> {
  const all = [...kept].flatMap(([key, list]) => list.filter((k) => !k.busy).map((k) => drop(key, k)));
  await Promise.allSettled(all);
}

/** Forgets what the kept shadow databases hold: the next replay empties and writes them (the bench's cold case). */
export function forgetShadowContents(): void {
  for (const list of kept.values()) for (const k of list) k.contents = undefined;
}

/** How many shadow databases are kept (tests). */
export function keptShadowDatabases(): number {
  return [...kept.values()].reduce((n, l) => n + l.length, 0);
}

/**
 * Drops kept shadow databases nobody is connected to and this process does not hold: left behind by an
 * editor or a test host that was killed. An idle one of another live process is dropped too; that
 * process then makes a new one (see the factory's retry).
 */
async function sweep(config: pg.ClientConfig, ours: readonly Kept[]): Promise<void> {
  const mine = new Set(ours.map((k) => k.name));
  await withAdmin(config, async (c) => {
    // the prefix taken literally: in LIKE, its `_` would match any character (someone's `prismaXworkbench…`)
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database d WHERE left(datname, length($1)) = $1 AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
      [KEPT_SHADOW_PREFIX],
    );
    for (const { datname } of rows)
      if (!mine.has(datname)) await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)}`).catch(() => undefined);
  });
}

async function drop(key: string, entry: Kept): Promise<void> {
  if (entry.timer) clearTimeout(entry.timer);
  const list = kept.get(key) ?? [];
  const at = list.indexOf(entry);
  if (at >= 0) list.splice(at, 1);
  const config = admins.get(key);
  if (!config) return;
  await withAdmin(config, (c) => c.query(`DROP DATABASE IF EXISTS "${entry.name}" WITH (FORCE)`)).catch(
    () => undefined,
  );
}

async function withAdmin<T>(config: pg.ClientConfig, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client(config);
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}
