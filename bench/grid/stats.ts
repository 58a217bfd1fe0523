// Repeated timings: each step runs a few times (the machine is shared and noisy); we print the median
// and the range beside the reference and the goal, with a verdict.

export interface Samples {
  ms: number[];
  /** Why a run gave no number (timed out, failed), kept to be printed. */
  failures: string[];
}

export type Timings = Record<string, Samples>;

export function samples(t: Timings, step: string): Samples {
  return (t[step] ??= { ms: [], failures: [] });
}

export function median(xs: number[]): number | undefined {
  if (!xs.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Times `fn` once into `t[step]` (wall time); a failure is recorded (not thrown) and returned as false. */
export function timed(t: Timings, step: string, fn: () => Promise<unknown>): Promise<boolean> {
  return measured(t, step, async () => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  });
}

/** Records the ms `fn` measured itself into `t[step]`; a failure is recorded (not thrown) and returned as false. */
export async function measured(t: Timings, step: string, fn: () => Promise<number>): Promise<boolean> {
  const s = samples(t, step);
  try {
    s.ms.push(await fn());
    return true;
  } catch (e) {
    s.failures.push(e instanceof Error ? e.message.split('\n')[0] : String(e));
    return false;
  }
}

/** `412 ms (398–530, n=3)`, or `no answer` when no run gave a number. */
export function summary(s: Samples | undefined): string {
  const m = s ? median(s.ms) : undefined;
  if (!s || m === undefined) return 'no answer';
  const range =
    s.ms.length > 1 ? ` (${Math.min(...s.ms).toFixed(0)}–${Math.max(...s.ms).toFixed(0)}, n=${s.ms.length})` : ' (n=1)';
  return `${m.toFixed(0)} ms${range}${s.failures.length ? ` +${s.failures.length} failed` : ''}`;
}

export interface Goal {
  text: string;
  /** true = met; undefined = no verdict (no number). */
  check(ours: number | undefined, studio: number | undefined): boolean | undefined;
}

/** `met`, `NOT met`, or `no verdict` when a number it needs is missing. */
export const verdict = (v: boolean | undefined) => (v === undefined ? 'no verdict' : v ? 'met' : 'NOT met');

/**
 * Ours within `factor` x the reference's time: true / false, or undefined (no verdict) unless both gave a
 * number. A reference run that failed or gave no time proves nothing either way.
 */
export function withinFactor(
  ours: number | undefined,
  reference: number | undefined,
  factor: number,
): boolean | undefined {
  if (ours === undefined || reference === undefined) return undefined;
  return ours <= factor * reference;
}
