// The expensive part of a drift check is the migrations ↔ database comparison: the engine replays every
// migration into a shadow database (a new database on PostgreSQL) and describes it. Its answer depends
// only on the applied migrations' scripts and on the database's schema, so it is kept, keyed by a hash of
// the scripts and the database fingerprint (fingerprint.ts): a check after a schema save, or a watch-mode
// tick that found nothing new, skips the replay. The diff items are kept, not the findings: those are
// placed on the schema as it is now.
import { createHash } from 'node:crypto';
import type * as Wasm from '@prisma/schema-engine-wasm';
import type { DiffItem } from './summary';

export interface PersistedReplayCache {
  readonly replay?: { key: string; result: ReplayResult };
  readonly schema?: { key: string; result: ReplayResult };
}

function persistedEntry(v: unknown): { key: string; result: ReplayResult } | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { key, result } = v as { key?: unknown; result?: { items?: unknown; sql?: unknown } };
  if (typeof key !== 'string' || typeof result !== 'object' || result === null || !Array.isArray(result.items)) return undefined;
  if (!result.items.every((i) => typeof i === 'object' && i !== null && typeof (i as { kind?: unknown }).kind === 'string')) return undefined;
  return { key, result: { items: result.items as DiffItem[], ...(typeof result.sql === 'string' ? { sql: result.sql } : {}) } };
}

export interface ReplayResult {
  /** Empty when the database matches its applied migrations. */
  readonly items: readonly DiffItem[];
  readonly sql?: string;
}

/**
 * One per schema; holds the last migrations ↔ database result, and the last schema ↔ migrations result:
 * that one depends only on the schema files and the migrations (never on the database), so a check after
 * the database changed, the schema and migrations not, skips it too.
 */
export class DriftReplayCache {
  private entry: { key: string; result: ReplayResult } | undefined;
  private schemaEntry: { key: string; result: ReplayResult } | undefined;
  hits = 0;
  misses = 0;
  schemaHits = 0;
  schemaMisses = 0;

  getSchema(key: string): ReplayResult | undefined {
    const found = this.schemaEntry?.key === key ? this.schemaEntry.result : undefined;
    if (found) this.schemaHits++;
    else this.schemaMisses++;
    return found;
  }

  setSchema(key: string, result: ReplayResult): void {
    this.schemaEntry = { key, result };
  }

  /** As after a database change: the migrations ↔ database result is no longer reused (benches). */
  forgetReplay(): void {
    this.entry = undefined;
  }

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
    this.schemaEntry = undefined;
  }

  /** What to keep between sessions (the keys say what each result belongs to). */
  toJSON(): PersistedReplayCache {
    return { replay: this.entry, schema: this.schemaEntry };
  }

  /** A cache from what `toJSON` gave; anything malformed is left out. */
  static from(data: unknown): DriftReplayCache {
    const cache = new DriftReplayCache();
    const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
    cache.entry = persistedEntry(d.replay);
    cache.schemaEntry = persistedEntry(d.schema);
    return cache;
  }
}

/** Hash of what the replay reads: each applied migration's name and script, the provider, the shadow init script and the database fingerprint. */
export function replayKey(list: Wasm.MigrationList, provider: string, fingerprint: string): string {
  const hash = createHash('sha256').update(provider).update('\0').update(fingerprint).update('\0').update(list.shadowDbInitScript).update('\0');
  for (const m of list.migrationDirectories) hash.update(m.path).update('\0').update(m.migrationFile.content.tag).update(m.migrationFile.content.value).update('\0');
  return hash.digest('hex');
}

/** Hash of what the schema ↔ migrations comparison reads: the schema files, every migration (pending ones too), the provider. */
export function schemaKey(files: readonly { path: string; content: string }[], list: Wasm.MigrationList, provider: string): string {
  const hash = createHash('sha256').update(provider).update('\0').update(list.shadowDbInitScript).update('\0');
  for (const f of files) hash.update(f.path).update('\0').update(f.content).update('\0');
  for (const m of list.migrationDirectories) hash.update(m.path).update('\0').update(m.migrationFile.content.tag).update(m.migrationFile.content.value).update('\0');
  return hash.digest('hex');
}
