// The fault suite's table: one row per fault, what the user saw (the grid's own words), rows lost, host
// stalls over 100 ms and whether the grid recovered; printed when the suite ends (scripts/test.mjs shows
// it in the `faults` stage). Each test asserts its own row: nothing lost, recovered.
export interface FaultRow {
  fault: string;
  saw: string;
  lost: number;
  stalls: number;
  /** The longest event-loop delay seen while the fault ran, in ms. */
  maxDelayMs: number;
  recovered: boolean;
}

const rows: FaultRow[] = [];

export function record(row: FaultRow): void {
  rows.push(row);
}

/**
 * Counts host stalls while it runs: a 10 ms interval whose tick comes over 100 ms late is one stall (the
 * thread that runs the grid's session could not answer a keystroke for that long), and keeps the longest
 * delay. The data session runs on this thread exactly as in the extension host. (monitorEventLoopDelay
 * took no samples at all while a Prisma Client query ran in this process, so the interval is the probe.)
 */
export class StallProbe {
  stalls = 0;
  private longest = 0;
  private last = performance.now();
  private readonly timer = setInterval(() => this.tick(), 10);

  private tick(): void {
    const now = performance.now();
    const late = now - this.last - 10;
    if (late > 100) this.stalls++;
    this.longest = Math.max(this.longest, late);
    this.last = now;
  }

  /** Stops probing; the stall count and the longest delay (ms). */
  stop(): { stalls: number; maxDelayMs: number } {
    this.tick(); // the gap up to now: a stall that ends the scenario counts too
    clearInterval(this.timer);
    return { stalls: this.stalls, maxDelayMs: Math.round(Math.max(0, this.longest)) };
  }
}

function clip(text: string, width: number): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > width ? `${one.slice(0, width - 1)}…` : one;
}

export function printTable(): void {
  if (rows.length === 0) return;
  const head = ['fault', 'what the user saw', 'rows lost', 'stalls >100 ms (max)', 'recovered'];
  const body = rows.map((r) => [
    r.fault,
    clip(r.saw, 110),
    String(r.lost),
    `${r.stalls} (${r.maxDelayMs} ms)`,
    r.recovered ? 'yes' : 'no',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log('\nFault suite');
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

// printed once, after every fault file ran (a root hook: this module is loaded by each of them)
after(() => printTable());
