#!/usr/bin/env node
// Launcher for the schema-engine stand-in (bench/host/schemaEngineStandIn.ts): set this file as
// PRISMA_SCHEMA_ENGINE_BINARY and the Prisma CLI runs the wasm engine through the extension's own engine
// code. The TypeScript is bundled with esbuild into the clone's .cache/ when missing or older than its
// sources (packages stay external), so a CLI call pays no TypeScript loader; plain JS so the CLI can exec it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const entry = path.join(here, 'schemaEngineStandIn.ts');
const out = path.join(root, '.cache', 'schema-engine-stand-in', 'schemaEngineStandIn.cjs');

function newestSource() {
  const dirs = [path.join(root, 'src', 'core', 'engine'), path.join(root, 'src', 'core', 'schema')];
  let newest = fs.statSync(entry).mtimeMs;
  for (const dir of dirs)
    for (const f of fs.readdirSync(dir)) newest = Math.max(newest, fs.statSync(path.join(dir, f)).mtimeMs);
  return newest;
}

if (!fs.existsSync(out) || fs.statSync(out).mtimeMs < newestSource()) {
  const esbuild = await import('esbuild');
  const tmp = `${out}.${process.pid}.tmp`;
  esbuild.buildSync({
    entryPoints: [entry],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
    absWorkingDir: root,
  });
  fs.renameSync(tmp, out); // atomic: CLI calls running side by side never load half a file
}
await import(pathToFileURL(out).href);
