// Watch mode's clock and its patience. One poll at a time: a tick while the last poll still runs is
// skipped, so a slow database delays the next poll instead of stacking polls on it (a bare setInterval did).
// A database that failed a poll is asked again after a pause that doubles with each failure (up to
// five minutes), the status bar and the log say so in words, and the first answer afterwards clears it.
import { formatSeconds, withTimeout } from '../util/withTimeout';

/** Runs `run` every `intervalMs`, skipping a tick while `busy()` (the last poll, or a forced one, still runs). */
export class PollTimer {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly busy: () => boolean,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.stop();
    this.timer = setInterval(() => {
      if (!this.busy()) void this.run().catch(() => undefined);
    }, this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** Per database: how many polls failed in a row, and when to ask it again. */
export class WatchBackoff {
  failures = 0;
  private nextAt = 0;
  private lastMessage = '';
  private lastDelay = 0;

  constructor(
    private readonly baseMs: number,
    private readonly maxMs = 5 * 60_000,
  ) {}

  /** Whether this database is asked in a poll at `now` (always, unless it is failing and its pause runs). */
  due(now: number): boolean {
    return now >= this.nextAt;
  }

  /** Records a failed poll; returns the pause before the next try. */
  failed(now: number, message: string): number {
    this.failures++;
    this.lastDelay = Math.min(this.maxMs, this.baseMs * 2 ** (this.failures - 1));
    this.nextAt = now + this.lastDelay;
    this.lastMessage = message;
    return this.lastDelay;
  }

  /** Records an answer; true when the database was failing until now (it recovered). */
  succeeded(): boolean {
    const recovered = this.failures > 0;
    this.failures = 0;
    this.nextAt = 0;
    this.lastMessage = '';
    return recovered;
  }

  /** The words for the log and the status bar's tooltip while failing, else undefined. */
  words(label: string): string | undefined {
    if (this.failures === 0) return undefined;
    return (
      `Drift watch: ${label}'s database did not answer (${this.lastMessage}); ` +
      `${this.failures === 1 ? 'one failed poll' : `${this.failures} failed polls in a row`}, next try in ${formatSeconds(this.lastDelay)}.`
    );
  }
}

export type WatchAnswer<T> =
  | { readonly kind: 'resting' }
  | { readonly kind: 'answered'; readonly value: T; readonly recovered: boolean }
  | { readonly kind: 'failed'; readonly words: string };

/**
 * One poll of one database: skipped while its back-off pause runs; `ask` limited to `timeoutMs`; on a
 * failure or a timeout `drop` is called (a hung connection is not reused) and the pause grows.
 */
export async function pollDatabase<T>(options: {
  backoff: WatchBackoff;
  label: string;
  timeoutMs: number;
  ask: () => Promise<T>;
  drop: () => void;
  force?: boolean;
  now?: () => number;
}): Promise<WatchAnswer<T>> {
  const now = options.now ?? Date.now;
  const { backoff, label } = options;
  if (!options.force && !backoff.due(now())) return { kind: 'resting' };
  try {
    const value = await withTimeout(options.ask(), options.timeoutMs, `${label}'s database`);
    return { kind: 'answered', value, recovered: backoff.succeeded() };
  } catch (e) {
    options.drop();
    backoff.failed(now(), e instanceof Error ? e.message : String(e));
    return { kind: 'failed', words: backoff.words(label) ?? '' };
  }
}
