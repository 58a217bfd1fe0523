// The VS Code extension host's memory, read from /proc: code-server (started in its own process group
// by test/harness/server.mjs) forks the extension host as a Node child with `--type=extensionHost`.
import * as fs from 'node:fs';

function children(): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // `pid (comm) state ppid ...`; comm may hold spaces and parentheses: split after the last ')'
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.set(ppid, [...(out.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone
    }
  }
  return out;
}

const cmdline = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
};

/** The extension host's pid among the descendants of `root` (code-server's pid), if there is exactly one. */
export function extensionHostPid(root: number): number | undefined {
  const tree = children();
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const c of tree.get(pid) ?? []) {
      if (/--type=extensionHost/.test(cmdline(c))) found.push(c);
      walk(c);
    }
  };
  walk(root);
  return found.length === 1 ? found[0] : undefined;
}

/** Resident set size in MB (VmRSS), or undefined when the process is gone or /proc is not there. */
export function rssMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

// Node's inspector, opened in the extension host by SIGUSR1 (on 127.0.0.1:9229), lets us collect garbage
// before reading the heap: RSS alone also counts garbage not collected yet and memory V8 keeps.
// The client runs under Node 24 (global WebSocket and fetch); it checks it reached `pid` and no other process.
const INSPECT = `
const [port, pid] = process.argv.slice(1).map(Number);
const out = (o) => { console.log(JSON.stringify(o)); process.exit(0); };
setTimeout(() => out({ error: 'the inspector did not answer in 20 s' }), 20000);
let list;
try { list = await (await fetch('http://127.0.0.1:' + port + '/json/list')).json(); } catch (e) { out({ error: 'no inspector on port ' + port + ': ' + e.message }); }
const ws = new WebSocket(list[0].webSocketDebuggerUrl);
const pending = new Map();
let id = 0;
ws.onmessage = (e) => { const m = JSON.parse(e.data); if (pending.has(m.id)) { pending.get(m.id)(m); pending.delete(m.id); } };
await new Promise((r, j) => { ws.onopen = r; ws.onerror = () => j(new Error('websocket')); }).catch((e) => out({ error: e.message }));
const send = (method, params = {}) => new Promise((r) => { const i = ++id; pending.set(i, r); ws.send(JSON.stringify({ id: i, method, params })); });
const value = async (expression) => (await send('Runtime.evaluate', { expression, returnByValue: true })).result?.result?.value;
const at = await value('process.pid');
if (at !== pid) out({ error: 'the inspector on port ' + port + ' belongs to pid ' + at + ', not the extension host ' + pid });
await send('HeapProfiler.enable');
await send('HeapProfiler.collectGarbage');
await send('HeapProfiler.collectGarbage');
out(JSON.parse(await value('JSON.stringify(process.memoryUsage())')));
`;

export interface HeapReading {
  heapUsedMb?: number;
  rssMb?: number;
  error?: string;
}

let opened = new Set<number>();

/** Heap used and RSS of `pid` after two full garbage collections, through the inspector. */
export async function heapAfterGc(node24: string, pid: number): Promise<HeapReading> {
  const { execFile } = await import('node:child_process');
  if (!opened.has(pid)) {
    try {
      process.kill(pid, 'SIGUSR1');
    } catch (e) {
      return { error: `could not signal the extension host: ${(e as Error).message}` };
    }
    opened = new Set([...opened, pid]);
    await new Promise((r) => setTimeout(r, 1000));
  }
  return new Promise((resolve) => {
    execFile(
      node24,
      ['--input-type=module', '-e', INSPECT, '9229', String(pid)],
      { timeout: 30_000 },
      (err, stdout) => {
        try {
          const r = JSON.parse(stdout.trim().split('\n').pop() ?? '') as {
            heapUsed?: number;
            rss?: number;
            error?: string;
          };
          resolve(
            r.error ? { error: r.error } : { heapUsedMb: (r.heapUsed ?? 0) / 1048576, rssMb: (r.rss ?? 0) / 1048576 },
          );
        } catch {
          resolve({ error: `the inspector client failed: ${err?.message ?? stdout.slice(0, 200)}` });
        }
      },
    );
  });
}
