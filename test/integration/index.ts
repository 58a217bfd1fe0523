// Extension-host test entry (the target of extensionTestsPath, for code-server and @vscode/test-electron
// alike): runs every *.test.js next to this file with mocha inside the real extension host.
// Results go to the file named by PW_TEST_RESULTS as they happen: one line per test ("ok   - ",
// "skip - ", "FAIL - " + indented stack), then "N passed, N failed[, N skipped]" last.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 60_000,
    color: false,
    reporter: 'spec',
    grep: process.env.PW_TEST_GREP,
  });
  const only = process.env.PW_TEST_FILES?.split(',').map((f) => `${f.trim()}.test.js`);
  for (const file of fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js') && (!only || only.includes(f)))
    .sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const resultsFile = process.env.PW_TEST_RESULTS;
  const write = (line: string) => {
    if (resultsFile) fs.appendFileSync(resultsFile, `${line}\n`);
  };
  if (resultsFile) fs.writeFileSync(resultsFile, '');
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const s = runner.stats;
      write(
        `${s?.passes ?? 0} passed, ${s?.failures ?? failures} failed` + (s?.pending ? `, ${s.pending} skipped` : ''),
      );
      if (failures > 0) reject(new Error(`${failures} tests failed.`));
      else resolve();
    });
    runner.on('pass', (t) => write(`ok   - ${t.fullTitle()} (${t.duration ?? 0} ms)`));
    runner.on('pending', (t) => write(`skip - ${t.fullTitle()}`));
    runner.on('fail', (t, err: Error) => {
      write(`FAIL - ${t.fullTitle()}`);
      write(
        String(err?.stack ?? err)
          .split('\n')
          .slice(0, 12)
          .map((l) => `       ${l}`)
          .join('\n'),
      );
    });
  });
}
