// Secret masking of long log lines (a Bytes or long-text cell in the query log, a base64 blob in an error):
// the current maskSecrets beside the implementation it replaced (security review M4: quadratic), measured
// in the same run on the same inputs. The old one is not run on 1 MB: at its measured growth it would take
// many minutes; its time there is extrapolated from 20k -> 80k and marked so.
import { maskSecrets } from '../src/core/util/maskSecrets';

/** The implementation before December 2026, kept here only to measure against. */
function oldMaskSecrets(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)([^@/\s]+)@/gi, '$1****@')
    .replace(/((?:password|pwd|pass)\s*=\s*)([^;&\s"']+)/gi, '$1****');
}

const base64 = (chars: number) =>
  Buffer.alloc(Math.ceil((chars * 3) / 4), 0xa7)
    .toString('base64')
    .slice(0, chars);

function time(f: (s: string) => string, input: string, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f(input);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

export function run(): void {
  console.log('  base64 text of N characters (median ms)     new ms     old ms   old/new');
  const old: Record<number, number> = {};
  for (const n of [20_000, 40_000, 80_000]) {
    const input = base64(n);
    const fresh = time(maskSecrets, input, 5);
    old[n] = time(oldMaskSecrets, input, n >= 80_000 ? 1 : 3);
    console.log(
      `  ${String(n).padStart(9)}${fresh.toFixed(2).padStart(40)}${old[n].toFixed(0).padStart(11)}${(old[n] / fresh).toFixed(0).padStart(10)}x`,
    );
  }
  const mb = 1024 * 1024;
  const fresh = time(maskSecrets, base64(mb), 5);
  const growth = Math.log(old[80_000] / old[20_000]) / Math.log(4);
  const extrapolated = old[80_000] * (mb / 80_000) ** growth;
  console.log(
    `  ${String(mb).padStart(9)}${fresh.toFixed(2).padStart(40)}${`~${(extrapolated / 1000).toFixed(0)} s`.padStart(11)}   (old: extrapolated, growth n^${growth.toFixed(2)})`,
  );
  const big = time(maskSecrets, base64(2 * mb), 3);
  console.log(`  new: 2 MB / 1 MB time ratio ${(big / fresh).toFixed(2)} (linear: about 2)`);
  // dense real secrets: both mask every one; the new one does more per URL (spaces, @ and / in passwords)
  const mixed = `${'postgresql://app:s3cret@db.example.com/shop?api_key=k '.repeat(20_000)}`;
  console.log(
    `  ${(mixed.length / 1024).toFixed(0)} KB of URLs with secrets: new ${time(maskSecrets, mixed, 15).toFixed(1)} ms, old ${time(oldMaskSecrets, mixed, 15).toFixed(1)} ms`,
  );
}
