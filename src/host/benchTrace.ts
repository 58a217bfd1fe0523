// Timestamps for the benchmarks: off unless the extension host was started with PW_GRID_TRACE=<file> (the
// grid bench does, bench/grid/ours.ts); each mark is appended as `<epoch ms> <label>`, the clock the
// webview's performance marks are read on, so that a step's host and page phases line up.
import * as fs from 'node:fs';

const file = process.env.PW_GRID_TRACE;

export function benchTrace(label: string): void {
  if (file) fs.appendFileSync(file, `${(performance.timeOrigin + performance.now()).toFixed(1)} ${label}\n`);
}
