// The expensive part of a drift check is the migrations ↔ database comparison: the engine replays every
// migration into a shadow database (a new database on PostgreSQL) and describes it. Its answer depends
// only on the applied migrations' scripts and on the database's schema, so it is kept, keyed by a hash of
// the scripts and the database fingerprint (fingerprint.ts): a check after a schema save, or a watch-mode
// tick that found nothing new, skips the replay. The diff items are kept, not the findings: those are
// placed on the schema as it is now.
import { createHash } from 'node:crypto';
import type * as Wasm from '@prisma/schema-engine-wasm';
import type { DiffItem } from './summary';

export interface ReplayResult {
  /** Empty when the database matches its applied migrations. */
  readonly items: readonly DiffItem[];
  readonly sql?: string;
}

/** One per schema; holds the last migrations ↔ database result. */
export class DriftReplayCache {
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
}

/** Hash of what the replay reads: each applied migration's name and script, the provider, the shadow init script and the database fingerprint. */
export function replayKey(list: Wasm.MigrationList, provider: string, fingerprint: string): string {
  const hash = createHash('sha256').update(provider).update('\0').update(fingerprint).update('\0').update(list.shadowDbInitScript).update('\0');
  for (const m of list.migrationDirectories) hash.update(m.path).update('\0').update(m.migrationFile.content.tag).update(m.migrationFile.content.value).update('\0');
  return hash.digest('hex');
}
