// The expensive part of a drift check is the migrations ↔ database comparison: the engine replays every
// migration into a shadow database (a new database on PostgreSQL) and describes it. Its answer depends
// only on the applied migrations' scripts and on the database's schema, so it is kept, keyed by a hash of
// the scripts and the database fingerprint (fingerprint.ts): a check after a schema save, or a watch-mode
// tick that found nothing new, skips the replay. The diff items are kept, not the findings: those are
// placed on the schema as it is now.
import { createHash, type Hash } from 'node:crypto';
import type * as Wasm from '@prisma/schema-engine-wasm';
import type { DiffItem } from './summary';

export interface PersistedReplayCache {
  readonly replay?: { key: string; result: ReplayResult };
  readonly schema?: { key: string; result: ReplayResult };
}

function persistedEntry(v: unknown): { key: string; result: ReplayResult } | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { key, result } = v as { key?: unknown; result?: { items?: unknown; sql?: unknown } };
  if (typeof key !== 'string' || typeof result !== 'object' || result === null || !Array.isArray(result.items))
    return undefined;
  if (
    !result.items.every(
      (i) => typeof i === 'object' && i !== null && typeof (i as { kind?: unknown }).kind === 'string',
    )
  )
    return undefined;
  return {
    key,
    result: { items: result.items as DiffItem[], ...(typeof result.sql === 'string' ? { sql: result.sql } : {}) },
  };
}

export interface ReplayResult {
  /** Empty when the database matches its applied migrations. */
  readonly items: readonly DiffItem[];
  readonly sql?: string;
}

/** The last result of one comparison, under the key of what it read; counts hits and misses (tests, benches). */
export class KeptResult {
  private entry: { key: string; result: ReplayResult } | undefined;
  hits = 0;
  misses = 0;

  get(key: string): ReplayResult | undefined {
    const found = this.entry?.key === key ? this.entry.result : undefined;
    if (found) this.hits++;
    else this.misses++;
    return found;
  }

  set(key: string, result: ReplayResult): void {
    this.entry = { key, result };
  }

  clear(): void {
    this.entry = undefined;
  }

  toJSON(): { key: string; result: ReplayResult } | undefined {
    return this.entry;
  }

  restore(data: unknown): void {
    this.entry = persistedEntry(data);
  }
}

/**
 * One per schema: the last migrations ↔ database result (`replay`), and the last schema ↔ migrations
 * result (`schema`): that one depends only on the schema files and the migrations (never on the
 * database), so a check after the database changed, the schema and migrations not, skips it too.
 */
export class DriftReplayCache {
  readonly replay = new KeptResult();
  readonly schema = new KeptResult();

  clear(): void {
    this.replay.clear();
    this.schema.clear();
  }

  /** What to keep between sessions (the keys say what each result belongs to). */
  toJSON(): PersistedReplayCache {
    return { replay: this.replay.toJSON(), schema: this.schema.toJSON() };
  }

  /** A cache from what `toJSON` gave; anything malformed is left out. */
  static from(data: unknown): DriftReplayCache {
    const cache = new DriftReplayCache();
    const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
    cache.replay.restore(d.replay);
    cache.schema.restore(d.schema);
    return cache;
  }
}

/** Adds each migration's name and script to `hash`. */
function hashMigrations(hash: Hash, list: Wasm.MigrationList): Hash {
  for (const m of list.migrationDirectories)
    hash
      .update(m.path)
      .update('\0')
      .update(m.migrationFile.content.tag)
      .update(m.migrationFile.content.value)
      .update('\0');
  return hash;
}

/** Hash of what the replay reads: each applied migration's name and script, the provider, the shadow init script and the database fingerprint. */
export function replayKey(list: Wasm.MigrationList, provider: string, fingerprint: string): string {
  const hash = createHash('sha256')
    .update(provider)
    .update('\0')
    .update(fingerprint)
    .update('\0')
    .update(list.shadowDbInitScript)
    .update('\0');
  return hashMigrations(hash, list).digest('hex');
}

/** Hash of what the schema ↔ migrations comparison reads: the schema files, every migration (pending ones too), the provider. */
export function schemaKey(
  files: readonly { path: string; content: string }[],
  list: Wasm.MigrationList,
  provider: string,
): string {
  const hash = createHash('sha256').update(provider).update('\0').update(list.shadowDbInitScript).update('\0');
  for (const f of files) hash.update(f.path).update('\0').update(f.content).update('\0');
  return hashMigrations(hash, list).digest('hex');
}
