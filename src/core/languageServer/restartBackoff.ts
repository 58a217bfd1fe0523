// Crash restarts: wait longer after each crash in a row, give up after too many in a short time.
// Pure and clock-injected so it is tested without waiting.

export interface BackoffOptions {
  /** First delay, doubled for each crash in the window. */
  baseMs: number;
  maxMs: number;
  /** Crashes counted within this window. */
  windowMs: number;
  /** More crashes than this within the window: stop restarting. */
  maxCrashes: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 500, maxMs: 30_000, windowMs: 180_000, maxCrashes: 5 };

export type CrashVerdict = { restart: true; delayMs: number; crashes: number } | { restart: false; crashes: number };

export class RestartBackoff {
  private crashes: number[] = [];

  constructor(
    private readonly options: BackoffOptions = defaultBackoff,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash and says whether and when to restart. */
  crashed(): CrashVerdict {
    const t = this.now();
    this.crashes = [...this.crashes.filter((c) => t - c < this.options.windowMs), t];
    const n = this.crashes.length;
    if (n > this.options.maxCrashes) return { restart: false, crashes: n };
    return { restart: true, delayMs: Math.min(this.options.maxMs, this.options.baseMs * 2 ** (n - 1)), crashes: n };
  }

  /** A manual restart or a long healthy run starts the count afresh. */
  reset(): void {
    this.crashes = [];
  }
}
