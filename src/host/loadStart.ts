// When the extension's bundle began to run. dist/extension.js stamps it on its first line (esbuild.mjs: the
// files it loads at once, shared with what loads later, run before its own modules); when this module is bundled
// without that stamp (the tests' bundles), its own evaluation is the stamp: extension.ts imports it first.
const stamped = (globalThis as { __prismaWorkbenchLoadStart?: unknown }).__prismaWorkbenchLoadStart;
export const moduleLoadStart = typeof stamped === 'number' ? stamped : performance.now();
/** The host process's CPU time (user + system, µs) at that moment: what our load used of it, beside the wall time. */
const stampedCpu = (globalThis as { __prismaWorkbenchLoadCpu?: NodeJS.CpuUsage }).__prismaWorkbenchLoadCpu;
export const moduleLoadCpu: NodeJS.CpuUsage =
  stampedCpu && typeof stampedCpu.user === 'number' ? stampedCpu : process.cpuUsage();
